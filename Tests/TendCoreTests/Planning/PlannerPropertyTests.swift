import TendCore
import TendTestSupport
import Testing

/// Safety rule 2 of the design, over random profiles and every routine: a plan never keeps or
/// adapts a step onto an avoided site, above the ceiling there, with joint movement when that is
/// off, or in a ruled-out position; and nothing is offered on a postpone or red-flag day.
@Suite("Planner properties")
struct PlannerPropertyTests {
  @Test("no kept or adapted step breaks a restriction", arguments: 0..<8)
  func plansRespectRestrictions(seedBlock: Int) throws {
    var rng = SeededRandom(seed: UInt64(seedBlock) &* 7919 &+ 17)
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    for _ in 0..<250 {
      let profile = Fixtures.randomProfile(&rng)
      let result = try checker.check(profile)
      let r = result.restrictions
      for plan in result.plans {
        let context = "\(plan.routine.id) with \(profile.map(ConditionSpec.format))"
        if !r.verdict.allowsMassage {
          #expect(plan.verdict == .excluded, "\(context): offered on a \(r.verdict) day")
        }
        if plan.verdict == .excluded {
          #expect(
            plan.steps.allSatisfy { $0.action == .skip }, "\(context): excluded but has steps")
          continue
        }
        #expect(!plan.positions.isEmpty)
        #expect(
          !plan.routine.needs.contains { r.avoidPreparations[$0] != nil },
          "\(context): offered though it needs a ruled-out set-up")
        for position in plan.positions {
          #expect(r.avoidPositions[position] == nil, "\(context): position \(position)")
        }
        for step in plan.steps where step.action != .skip {
          #expect(
            step.step.positions.contains(where: plan.positions.contains),
            "\(context): \(step.step.id) position")
          if step.step.jointMovement {
            #expect(r.noJointMovement.isEmpty, "\(context): \(step.step.id) moves a joint")
          }
          #expect(step.pressure <= r.maxPressure, "\(context): \(step.step.id) above the ceiling")
          // Safety rule 9: no ruled-out technique, never a technique below what it needs, no
          // ruled-out set-up, and words for the side actually done.
          #expect(
            r.avoidTechniques[step.technique] == nil,
            "\(context): \(step.step.id) uses ruled-out \(step.technique)")
          #expect(
            step.pressure >= Fixtures.catalog.techniques.minimumPressure(step.technique),
            "\(context): \(step.step.id) does \(step.technique) at a smaller number")
          for preparation in step.step.prepares {
            #expect(
              r.avoidPreparations[preparation] == nil,
              "\(context): \(step.step.id) sets up ruled-out \(preparation)")
          }
          if let side = step.side, step.step.side == nil {
            #expect(
              step.textKey.hasSuffix(".\(side.rawValue)"), "\(context): \(step.step.id) words")
            let text = Fixtures.english(step.textKey)
            #expect(
              !text.contains(" \(side.opposite.rawValue) ") && !text.contains("both of their"),
              "\(context): \(step.step.id) on the \(side) side says: \(text)")
          }
          #expect(step.pressure <= step.step.pressure, "\(context): \(step.step.id) pressed harder")
          if let site = step.site {
            let region = BodyRegion(site, side: step.side)
            #expect(
              r.avoiders(of: region).isEmpty, "\(context): \(step.step.id) on avoided \(region)")
            #expect(
              step.pressure <= r.ceiling(at: region).0,
              "\(context): \(step.step.id) above a site note")
          }
        }
        if let cap = r.maxMinutes {
          let closing = plan.steps.filter { $0.isDone && $0.step.technique == .closing }.reduce(0) {
            $0 + $1.step.seconds
          }
          #expect(plan.seconds - closing <= cap * 60, "\(context): longer than \(cap) minutes")
        }
        #expect(plan.verdict == (plan.steps.allSatisfy { $0.action == .keep } ? .ok : .adjust))
      }
    }
  }

  @Test("adding a condition never makes a plan less strict", arguments: 0..<4)
  func monotone(seedBlock: Int) throws {
    var rng = SeededRandom(seed: UInt64(seedBlock) &+ 1000)
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    for _ in 0..<150 {
      let base = Fixtures.randomProfile(&rng, maxCount: 4)
      let extra = Fixtures.randomProfile(&rng, maxCount: 2)
      let before = try checker.check(base)
      let after = try checker.check(base + extra)
      #expect(after.restrictions.verdict >= before.restrictions.verdict)
      #expect(after.restrictions.maxPressure <= before.restrictions.maxPressure)
      for (a, b) in zip(before.plans, after.plans) {
        #expect(
          b.seconds <= a.seconds,
          "\(a.routine.id): more to do after adding \(extra.map(ConditionSpec.format))")
      }
    }
  }
}
