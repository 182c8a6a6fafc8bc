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
    "the shipped rules are the 45 of the research table plus the two for words Tend cannot place, each with examples and sources"
  )
  func everyRuleHasExamples() {
    let rules = Fixtures.catalog.rules
    #expect(rules.count == 47)
    #expect(
      rules.filter { $0.category == "unknown" }.map(\.id) == [
        "not-understood", "not-understood-urgent",
      ])
    for rule in rules {
      #expect(!rule.examples.isEmpty, "rule \(rule.id) has no example")
      #expect(!rule.sources.isEmpty, "rule \(rule.id) has no source")
    }
  }

  @Test("example", arguments: cases.map { "\($0.rule)#\($0.index)" })
  func example(_ name: String) throws {
    let parts = name.split(separator: "#")
    let rule = try #require(Fixtures.catalog.rule(String(parts[0])))
    let example = rule.examples[Int(parts[1])!]
    let place = "Routines/precautions.json:\(example.line) (\(rule.id))"
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let result = try checker.check(
      Fixtures.conditions(example.conditions), routineID: example.routine)
    let r = result.restrictions
    for (key, value) in example.expect {
      switch (key, value) {
      case ("verdict", .string(let v)):
        #expect(r.verdict.rawValue == v, "\(place): verdict")
      case ("maxPressure", .int(let p)):
        #expect(r.effectiveMaxPressure.rawValue == p, "\(place): maxPressure")
      case ("avoid", .strings(let tokens)):
        for token in tokens {
          let region = try #require(BodyRegion(token: token), "\(place): bad region \(token)")
          let covered = r.avoid.keys.contains { region.isWithin($0) }
          #expect(
            covered, "\(place): \(token) should be avoided; avoided: \(r.avoid.keys.sorted())")
        }
      case ("notAvoided", .strings(let tokens)):
        for token in tokens {
          let region = try #require(BodyRegion(token: token), "\(place): bad region \(token)")
          #expect(r.avoiders(of: region).isEmpty, "\(place): \(token) should stay free")
        }
      case ("avoidPositions", .strings(let names)):
        for name in names {
          let position = try #require(Position(rawValue: name), "\(place): bad position \(name)")
          #expect(r.avoidPositions[position] != nil, "\(place): \(name) should be avoided")
        }
      case ("noJointMovement", .bool(let b)):
        #expect(!r.noJointMovement.isEmpty == b, "\(place): noJointMovement")
      case ("maxMinutes", .int(let m)):
        #expect(r.maxMinutes == m, "\(place): maxMinutes")
      case ("maxMinutes", .null):
        #expect(r.maxMinutes == nil, "\(place): maxMinutes")
      case ("clearanceAdvised", .bool(let b)):
        #expect(r.clearanceAdvised == b, "\(place): clearanceAdvised")
      case ("emergency", .bool(let b)):
        #expect(r.emergency == b, "\(place): emergency")
      case ("active", .bool(let b)):
        let first = try #require(result.conditions.first)
        #expect(first.active == b, "\(place): active")
      case ("routineVerdict", .string(let v)):
        let plan = try #require(result.plans.first)
        #expect(plan.verdict.rawValue == v, "\(place): routine verdict")
      case ("step", .string(let stepID)):
        let plan = try #require(result.plans.first, "\(place): step needs a routine")
        let step = try #require(plan.steps.first { $0.step.id == stepID })
        if case .string(let action)? = example.expect["action"] {
          #expect(step.action.rawValue == action, "\(place): step \(stepID) action")
        }
        if case .int(let p)? = example.expect["pressure"] {
          #expect(step.pressure.rawValue == p, "\(place): step \(stepID) pressure")
        }
        if case .string(let side)? = example.expect["side"] {
          #expect(step.side?.rawValue == side, "\(place): step \(stepID) side")
        }
        if case .string(let technique)? = example.expect["technique"] {
          #expect(step.technique.rawValue == technique, "\(place): step \(stepID) technique")
        }
        if case .string(let key)? = example.expect["textKey"] {
          #expect(step.textKey == key, "\(place): step \(stepID) words")
        }
      case ("action", _), ("pressure", _), ("side", _), ("technique", _), ("textKey", _):
        break  // checked with "step"
      default:
        Issue.record("\(place): unknown expectation \(key) = \(value)")
      }
    }
  }
}
