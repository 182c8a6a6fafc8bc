import Foundation
import TendCore
import TendTestSupport
import Testing

/// The care team can only make things stricter, over random profiles and random answers and
/// advice (any rule, red flags and not-understood included; in force, ended or not yet begun).
extension PlannerPropertyTests {
  static let today = CalendarDay.parse("2026-11-20")!

  static func day(_ offset: Int) -> String {
    CalendarDay.format(today.addingTimeInterval(Double(offset) * 86_400 + 3_600))
  }

  static func randomLimits(_ rng: inout SeededRandom) -> CareLimits {
    var limits = CareLimits()
    if Bool.random(using: &rng) {
      limits.maxPressure = Pressure.allCases.randomElement(using: &rng)
    }
    for _ in 0..<Int.random(in: 0...2, using: &rng) {
      let site = BodySite.allCases.randomElement(using: &rng)!
      limits.avoid.append(
        BodyRegion(site, side: [nil, Side.left, .right].randomElement(using: &rng)!))
    }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      limits.avoidPositions.append(Position.allCases.randomElement(using: &rng)!)
    }
    limits.noJointMovement = Int.random(in: 0..<4, using: &rng) == 0
    if Int.random(in: 0..<4, using: &rng) == 0 {
      limits.maxMinutes = Int.random(in: 1...30, using: &rng)
    }
    return limits
  }

  static func randomCareTeam(_ rng: inout SeededRandom, for conditions: [Condition]) -> CareTeam {
    let ids = conditions.map(\.id) + Fixtures.catalog.rules.map(\.id)
    var team = CareTeam()
    for n in 0..<Int.random(in: 0...3, using: &rng) {
      let start = Int.random(in: -60...5, using: &rng)
      let rules = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
        ids.randomElement(using: &rng)!
      }
      team.clearances.append(
        Clearance(
          id: "c\(n)", from: "Dr Lee", rules: rules, limits: randomLimits(&rng), given: day(start),
          until: day(start + Int.random(in: 0...90, using: &rng))))
    }
    for n in 0..<Int.random(in: 0...2, using: &rng) {
      let start = Int.random(in: -60...5, using: &rng)
      team.advice.append(
        CareAdvice(
          id: "a\(n)", receiver: "Mum", from: "Nurse Kim", why: "test", issued: day(start),
          start: day(start), until: day(start + Int.random(in: 0...90, using: &rng)),
          limits: randomLimits(&rng), checksum: String(repeating: "a", count: 64)))
    }
    return team
  }

  @Test("a clearance or advice never relaxes a verdict, a ceiling or a plan", arguments: 0..<6)
  func careTeamNeverRelaxes(seedBlock: Int) throws {
    var rng = SeededRandom(seed: UInt64(seedBlock) &* 104_729 &+ 31)
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    var lifted = 0
    for _ in 0..<200 {
      let profile = Fixtures.randomProfile(&rng, maxCount: 5)
      let team = Self.randomCareTeam(&rng, for: profile)
      // The care team's own no, answered by their recorded yes, is the one thing lifted
      // (safety round 9, F14): the law holds against the rules without it.
      let answeredNo = team.lifted(profile, on: Self.today)
      let base = try checker.check(profile.filter { !answeredNo.contains($0) })
      let with = try checker.check(profile, careTeam: team, on: Self.today)
      let (a, b) = (base.restrictions, with.restrictions)
      let context = "\(profile.map(ConditionSpec.format)) with \(team)"
      #expect(b.verdict >= a.verdict, "\(context): verdict")
      #expect(b.effectiveMaxPressure <= a.effectiveMaxPressure, "\(context): ceiling")
      #expect(b.emergency || !a.emergency, "\(context): emergency")
      #expect(Set(a.avoid.keys).isSubset(of: b.avoid.keys), "\(context): avoided sites")
      #expect(Set(a.avoidPositions.keys).isSubset(of: b.avoidPositions.keys), "\(context)")
      #expect(Set(a.avoidTechniques.keys).isSubset(of: b.avoidTechniques.keys), "\(context)")
      #expect(Set(a.avoidPreparations.keys).isSubset(of: b.avoidPreparations.keys), "\(context)")
      #expect(a.noJointMovement.isEmpty || !b.noJointMovement.isEmpty, "\(context): joints")
      if let cap = a.maxMinutes { #expect((b.maxMinutes ?? .max) <= cap, "\(context): time cap") }
      for region in a.pressureNotes.keys {
        #expect(b.ceiling(at: region).0 <= a.ceiling(at: region).0, "\(context): note at \(region)")
      }
      // "Ask first" goes only for rules an answer may stand in for; red flags, postpones,
      // not-understood words and escalations always keep it.
      lifted += a.clearance.subtracting(b.clearance).count
      for id in a.clearance.subtracting(b.clearance) {
        let rule = try #require(Fixtures.catalog.rule(id), "\(context): lifted \(id)")
        #expect(CareTeam.canAnswer(rule), "\(context): lifted \(id)")
        #expect(!rule.isRedFlag && rule.verdict < .postpone, "\(context): lifted \(id)")
        #expect(!CareTeam.neverAnswered.contains(id), "\(context): lifted \(id)")
      }
      if a.verdict == .stopCallProvider { #expect(b.clearanceAdvised, "\(context)") }
      for (p, q) in zip(base.plans, with.plans) {
        #expect(q.seconds <= p.seconds, "\(context): \(p.routine.id) longer")
        #expect(p.verdict != .excluded || q.verdict == .excluded, "\(context): \(p.routine.id)")
        // A kept step keeps every rule's limits (steps may move: a position ruled out can
        // bring another, a step no longer done can free time under a cap).
        for t in q.steps where t.action != .skip {
          let id = "\(context): \(q.routine.id) \(t.step.id)"
          #expect(t.pressure <= a.effectiveMaxPressure, "\(id) above the rules' ceiling")
          if t.step.jointMovement { #expect(a.noJointMovement.isEmpty, "\(id) moves a joint") }
          #expect(a.avoidTechniques[t.technique] == nil, "\(id) ruled-out technique")
          if let site = t.site {
            let region = BodyRegion(site, side: t.side)
            #expect(a.avoiders(of: region).isEmpty, "\(id) on a site the rules avoid")
            #expect(t.pressure <= a.ceiling(at: region).0, "\(id) above a site note")
          }
        }
        for position in q.positions { #expect(a.avoidPositions[position] == nil, "\(context)") }
      }
    }
    // The law is not met by never answering: some answers did stand in for "ask first".
    #expect(lifted > 0)
  }
}
