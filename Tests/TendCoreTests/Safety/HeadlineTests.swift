import TendCore
import TendTestSupport
import Testing

/// The first line of a check never says "go ahead" above "ask the care team first": when a
/// rule asks for the care team, the headline says to ask first. The verdict is unchanged.
@Suite("The headline when the care team is to be asked first")
struct HeadlineTests {
  let checker = SafetyChecker(catalog: Fixtures.catalog)

  @Test("a blood thinner: ask first, then gently; an IV alone: gently, no asking")
  func askFirst() throws {
    let thinner = try checker.check(Fixtures.conditions(["anticoagulants"]))
    #expect(thinner.restrictions.verdict == .adjust)
    #expect(thinner.messages.first?.key == "check.verdict.adjustAskFirst")
    let text = Fixtures.english.render(try #require(thinner.messages.first))
    #expect(text.hasPrefix("Ask the care team first."))
    let iv = try checker.check(Fixtures.conditions(["iv-line@left-forearm"]))
    #expect(iv.restrictions.verdict == .adjust && iv.restrictions.clearance.isEmpty)
    #expect(iv.messages.first?.key == "check.verdict.adjust")
    #expect(try checker.check([]).messages.first?.key == "check.verdict.okNothing")
  }

  @Test("every rule alone: asked first in the headline exactly when clearance is advised")
  func everyRule() throws {
    var checked = 0
    for rule in Fixtures.catalog.rules {
      let spec = rule.site == .required ? "\(rule.id)@left-forearm" : rule.id
      guard let condition = try? ConditionSpec.parse(spec),
        let result = try? checker.check([condition])
      else { continue }
      let r = result.restrictions
      guard r.verdict.allowsMassage, let first = result.messages.first?.key else { continue }
      checked += 1
      #expect(first.hasSuffix("AskFirst") == !r.clearance.isEmpty, "\(rule.id): \(first)")
      if !r.clearance.isEmpty {
        #expect(result.messages.contains { $0.key == "check.clearance" }, "\(rule.id)")
      }
    }
    #expect(checked >= 30, "most rules checked alone (\(checked))")
  }
}
