import TendCore
import TendTestSupport
import Testing

@Suite("Safety checker")
struct SafetyCheckerTests {
  let checker = SafetyChecker(catalog: Fixtures.catalog)

  func plan(_ specs: [String], _ routine: String) throws -> Plan {
    try #require(try checker.check(Fixtures.conditions(specs), routineID: routine).plans.first)
  }

  @Test("a left IV leaves the right hand free")
  func sides() throws {
    let p = try plan(["iv-line@left-forearm"], "calm-hands")
    let byID = Dictionary(uniqueKeysWithValues: p.steps.map { ($0.step.id, $0) })
    #expect(byID["left-palm"]?.action == .skip)
    #expect(byID["right-palm"]?.action == .keep)
    #expect(byID["greet-hold"]?.action == .adapt)
    #expect(byID["greet-hold"]?.side == .right)
    #expect(p.verdict == .adjust)
  }

  @Test("a limb rule placed on the trunk leaves out the limb that place drains, and the place")
  func limbRuleOnTrunk() throws {
    let (r, _, _) = try checker.restrictions(
      for: Fixtures.conditions(["lymph-nodes-removed@right-chest"]))
    #expect(r.avoid[BodyRegion(.arm, side: .right)] != nil)
    #expect(r.avoid[BodyRegion(.chest, side: .right)] != nil)
    #expect(r.avoid[BodyRegion(.arm, side: .left)] == nil)
    let (groin, _, _) = try checker.restrictions(
      for: Fixtures.conditions(["lymphedema@left-abdomen"]))
    // The belly has no side: both legs.
    #expect(groin.avoid[BodyRegion(.leg)] != nil)
    let p = try plan(["lymph-nodes-removed@right-chest"], "calm-hands")
    let byID = Dictionary(uniqueKeysWithValues: p.steps.map { ($0.step.id, $0) })
    #expect(byID["right-palm"]?.action == .skip)
    #expect(byID["left-palm"]?.action == .keep)
  }

  @Test("an IV on both arms (no side given) leaves out both")
  func noSideMeansBoth() throws {
    let p = try plan(["iv-line@forearm"], "calm-hands")
    #expect(p.steps.filter { $0.step.site != nil }.allSatisfy { $0.action == .skip })
    #expect(p.verdict == .excluded)
  }

  @Test("a required site that was not given falls back to the default site, both sides")
  func missingSiteFailsClosed() throws {
    let result = try checker.check(Fixtures.conditions(["iv-line"]))
    #expect(result.conditions.first?.assumedSite == .arm)
    #expect(!result.restrictions.avoiders(of: BodyRegion(.hand, side: .left)).isEmpty)
    #expect(!result.restrictions.avoiders(of: BodyRegion(.hand, side: .right)).isEmpty)
  }

  @Test("a knee replaced 3 years ago no longer applies; 10 days ago it does")
  func timeLimits() throws {
    let old = try checker.check(Fixtures.conditions(["joint-replacement-knee@left-knee+1095d"]))
    #expect(old.restrictions.verdict == .ok)
    #expect(old.conditions.first?.active == false)
    let new = try checker.check(Fixtures.conditions(["joint-replacement-knee@left-knee+10d"]))
    #expect(new.restrictions.verdict == .adjust)
    #expect(!new.restrictions.avoiders(of: BodyRegion(.knee, side: .left)).isEmpty)
    #expect(new.restrictions.avoiders(of: BodyRegion(.knee, side: .right)).isEmpty)
    #expect(new.restrictions.ceiling(at: BodyRegion(.foot, side: .left)).0 == .light)
    #expect(new.restrictions.ceiling(at: BodyRegion(.foot, side: .right)).0 == .firm)
  }

  @Test("recent surgery counts for 6 weeks, then not")
  func recentSurgery() throws {
    #expect(
      try checker.check(Fixtures.conditions(["recent-surgery+42d"])).restrictions.verdict == .adjust
    )
    #expect(
      try checker.check(Fixtures.conditions(["recent-surgery+43d"])).restrictions.verdict == .ok)
    #expect(
      try checker.check(Fixtures.conditions(["recent-surgery"])).restrictions.verdict == .adjust)
  }

  @Test("fever with chemotherapy escalates to a call; fever alone is postpone")
  func escalation() throws {
    let alone = try checker.check(Fixtures.conditions(["fever"]))
    #expect(alone.restrictions.verdict == .postpone)
    #expect(alone.plans.allSatisfy { $0.verdict == .excluded })
    let chemo = try checker.check(Fixtures.conditions(["fever", "chemotherapy"]))
    #expect(chemo.restrictions.verdict == .stopCallProvider)
    #expect(!chemo.escalations.isEmpty)
  }

  @Test("red flags stop everything and name the emergency number when it is one")
  func redFlags() throws {
    for id in Fixtures.catalog.rules.filter(\.isRedFlag).map(\.id) {
      let result = try checker.check(Fixtures.conditions([id]))
      #expect(result.restrictions.verdict == .stopCallProvider, "\(id)")
      #expect(result.plans.allSatisfy { $0.verdict == .excluded }, "\(id)")
      #expect(result.restrictions.effectiveMaxPressure == .stillHold)
      let first = result.messages.first?.key
      #expect(
        first == (result.restrictions.emergency ? "check.verdict.emergency" : "check.verdict.stop"))
    }
    #expect(try checker.check(Fixtures.conditions(["chest-pain"])).restrictions.emergency)
  }

  @Test("every screen ends with the coach line")
  func coachLine() throws {
    var rng = SeededRandom(seed: 3)
    for _ in 0..<50 {
      let result = try checker.check(Fixtures.randomProfile(&rng))
      #expect(result.messages.last?.key == "check.coach")
    }
  }

  @Test("an unknown condition is an error with suggestions, never ignored")
  func unknownCondition() {
    #expect(throws: SafetyChecker.CheckError.unknownCondition("fevr", suggestions: ["fever"])) {
      try checker.check([Condition(id: "fevr")])
    }
  }

  @Test("pressure is lowered to the ceiling, never raised")
  func lighter() throws {
    let p = try plan(["low-platelets"], "calm-hands")
    let palm = try #require(p.steps.first { $0.step.id == "left-palm" })
    #expect(palm.action == .adapt)
    #expect(palm.pressure == .light)
  }

  @Test("a time cap trims steps but keeps the closing hold")
  func timeCap() throws {
    let p = try plan(["dementia"], "evening-wind-down")
    #expect(p.seconds <= 10 * 60 + 60)
    #expect(p.steps.last?.action != .skip)
    #expect(p.reasons.contains { $0.key == "plan.adjust.timeCap" })
  }
}
