import TendCore
import TendTestSupport
import Testing

/// The shipped routine library: enough of it, gentle, and never leaving a family with nothing.
@Suite("Routine library")
struct RoutineLibraryTests {
  let catalog = Fixtures.catalog

  @Test("at least 16 routines of 2-15 minutes over at least 8 areas, with check-ins and a closing")
  func library() {
    #expect(catalog.routines.count >= 16)
    let areas = Set(catalog.routines.flatMap(\.areas))
    for area: BodySite in [
      .hand, .forearm, .foot, .lowerLeg, .shoulder, .neck, .upperBack, .lowerBack, .scalp, .face,
    ] {
      #expect(areas.contains(area), "no routine for \(area)")
    }
    for routine in catalog.routines {
      #expect((2...15).contains(routine.minutes), "\(routine.id)")
      #expect(routine.steps.contains { $0.technique == .checkIn }, "\(routine.id) has no check-in")
      #expect(
        routine.steps.last?.technique == .closing, "\(routine.id) does not end with a closing step")
      #expect(!routine.positions.contains(.faceDown), "\(routine.id) needs face-down")
      #expect(routine.steps.allSatisfy { $0.pressure <= .relaxation })
    }
    #expect(catalog.routines.contains { $0.maxPressure == .stillHold }, "no still comfort hold")
    #expect(
      catalog.routines.contains {
        !$0.positions.contains(.seated) && !$0.positions.contains(.sideLyingLeft)
      }, "no routine for someone who cannot turn or sit")
  }

  static let adjustCases: [String] = Fixtures.catalog.rules.filter { $0.verdict == .adjust }.flatMap
  { rule in
    if rule.site == .none { return [rule.id] }
    // The default site, plus every site on each side.
    return [rule.id]
      + BodySite.allCases.flatMap { site in
        site.isPaired
          ? [
            "\(rule.id)@left-\(site.rawValue)", "\(rule.id)@right-\(site.rawValue)",
            "\(rule.id)@\(site.rawValue)",
          ] : ["\(rule.id)@\(site.rawValue)"]
      }
  }

  @Test("every single adjust condition, wherever it is, leaves at least two routines offered")
  func nobodyLeftWithNothing() throws {
    let checker = SafetyChecker(catalog: catalog)
    for spec in Self.adjustCases {
      let result = try checker.check(Fixtures.conditions([spec]))
      let offered = result.plans.filter { $0.verdict != .excluded }.map(\.routine.id)
      #expect(offered.count >= 2, "\(spec) leaves only \(offered)")
    }
  }

  @Test("every step's technique, site and text are consistent")
  func steps() {
    let t = Fixtures.english
    for routine in catalog.routines {
      for step in routine.steps {
        let text = t(step.textKey(in: routine.id))
        #expect(!text.isEmpty && text != step.textKey(in: routine.id))
        if step.technique == .checkIn {
          #expect(
            text.hasPrefix("Ask") || text.hasPrefix("Watch") || text.hasPrefix("Tell"),
            "\(routine.id).\(step.id): \(text)")
        }
        if step.technique == .stillHold || step.technique == .closing {
          #expect(step.pressure == .stillHold)
        }
        if step.jointMovement {
          #expect(step.technique == .jointCircles, "\(routine.id).\(step.id)")
        }
      }
    }
  }
}
