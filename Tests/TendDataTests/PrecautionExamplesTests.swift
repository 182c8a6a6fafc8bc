import TendCore
import TendTestSupport
import Testing

/// Every precaution rule carries examples; this walks them all, so "every rule is covered by a
/// test" is a structural check. A failure names the rule and the example's line in the file.
@Suite("Precaution rule examples")
struct PrecautionExamplesTests {
  static let cases: [(rule: String, index: Int)] = Fixtures.catalog.rules.flatMap { rule in
    rule.examples.indices.map { (rule.id, $0) }
  }

  @Test(
    "the shipped rules are the 45 of the research table, the two for words Tend cannot place and the care team's 'no', each with examples and sources"
  )
  func everyRuleHasExamples() {
    let rules = Fixtures.catalog.rules
    #expect(rules.count == 48)
    #expect(rules.contains { $0.id == "care-team-said-no" && $0.verdict == .postpone })
    #expect(
      rules.filter { $0.category == "unknown" }.map(\.id) == [
        "not-understood", "not-understood-urgent",
      ])
    for rule in rules {
      #expect(!rule.examples.isEmpty, "rule \(rule.id) has no example")
      #expect(!rule.sources.isEmpty, "rule \(rule.id) has no source")
    }
  }

  /// Each example through the same evaluation the catalog runs when it loads
  /// (`Catalog.contradiction`), so the test and the self-check can never disagree.
  @Test("example", arguments: cases.map { "\($0.rule)#\($0.index)" })
  func example(_ name: String) throws {
    let parts = name.split(separator: "#")
    let rule = try #require(Fixtures.catalog.rule(String(parts[0])))
    let example = rule.examples[Int(parts[1])!]
    let problem = Fixtures.catalog.contradiction(example, SafetyChecker(catalog: Fixtures.catalog))
    #expect(
      problem == nil, "Routines/precautions.json:\(example.line) (\(rule.id)): \(problem ?? "")")
  }
}
