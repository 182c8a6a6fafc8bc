import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// Stranger 5's F27: a step whose words take lotion for granted ("wipe the lotion off your
/// hands", "a little more lotion") says its `.alone` words, or is left out when it only cleans
/// up, when no earlier step done today used lotion (`Step.follows`, `Planner`).
@Suite("Steps that follow lotion")
struct FollowUpStepTests {
  static func plan(_ routineID: String, _ specs: [String]) throws -> Plan {
    let result = try SafetyChecker(catalog: Fixtures.catalog).check(
      Fixtures.conditions(specs), routineID: routineID)
    return try #require(result.plans.first)
  }

  static func step(_ plan: Plan, _ id: String) throws -> Plan.PlannedStep {
    try #require(plan.steps.first { $0.step.id == id })
  }

  @Test("evening wind-down: no 'wipe the lotion off' once the left hand (the lotion) is left out")
  func wipeAfterNoLotion() throws {
    let t = Fixtures.english
    let full = try Self.plan("evening-wind-down", [])
    let forehead = try Self.step(full, "forehead-strokes")
    #expect(t(forehead.textKey).hasPrefix("Wipe the lotion off your hands."))
    let noLeft = try Self.plan("evening-wind-down", ["lymphedema@left-hand"])
    #expect(try Self.step(noLeft, "left-palm").action == .skip)
    let alone = try Self.step(noLeft, "forehead-strokes")
    #expect(alone.isDone)
    #expect(alone.textKey == "routine.evening-wind-down.step.forehead-strokes.alone")
    for lang in ["en", "es", "fr", "zh-Hans", "vi"] {
      let l = Fixtures.catalog.localizer(lang)
      #expect(
        l(alone.textKey) != l(forehead.textKey) && l(forehead.textKey).hasSuffix(l(alone.textKey)),
        "\(lang): the .alone words are the step without its clean-up sentence")
    }
  }

  @Test("'a little more lotion' is 'a little lotion' when the left side was left out")
  func moreLotion() throws {
    let t = Fixtures.english
    for (routine, stepID) in [
      ("calm-hands", "right-forearm-glide"), ("hand-and-arm-warmth", "right-lotion"),
    ] {
      let full = try Self.step(try Self.plan(routine, []), stepID)
      #expect(t(full.textKey).lowercased().contains("more lotion"), "\(routine)")
      let right = try Self.step(try Self.plan(routine, ["iv-line@left-arm"]), stepID)
      #expect(right.isDone)
      #expect(right.textKey.hasSuffix(".alone"), "\(routine): \(right.textKey)")
      #expect(t(right.textKey).hasPrefix("Warm a little lotion in your hands."), "\(routine)")
    }
  }

  @Test("in every shipped routine: a follower says .alone exactly when no lotion came before")
  func everyRoutine() throws {
    let cases: [[String]] = [
      [], ["iv-line@left-arm"], ["iv-line@right-arm"], ["lymphedema@left-hand"],
      ["lymph-nodes-removed@left-arm", "lymph-nodes-removed@right-arm"], ["dvt-history@left-leg"],
    ]
    for routine in Fixtures.catalog.routines {
      for specs in cases {
        let plan = try Self.plan(routine.id, specs)
        guard plan.verdict != .excluded else { continue }
        var used = false
        for planned in plan.steps {
          if planned.step.follows != nil, planned.isDone {
            #expect(
              planned.textKey.hasSuffix(".alone") == !used,
              "\(routine.id) \(specs) \(planned.step.id)")
          }
          if planned.isDone, planned.step.uses.contains(.lotion) { used = true }
        }
      }
    }
  }

  @Test("every step whose words put lotion on says so in the data")
  func lotionStepsAreMarked() {
    let t = Fixtures.english
    for routine in Fixtures.catalog.routines {
      for step in routine.steps {
        let keys = step.allTextKeys(in: routine.id).filter { !$0.hasSuffix(".alone") }
        let mentions = keys.contains { t($0).lowercased().contains("lotion") }
        guard mentions else { continue }
        #expect(
          step.uses.contains(.lotion) || step.follows == .lotion,
          "Routines/\(routine.id).json: step \(step.id) speaks of lotion but neither uses nor follows it"
        )
      }
    }
  }

  @Test(
    "a clean-up step that does not touch is left out, with its reason, when nothing came before")
  func cleanUpSkipped() {
    let steps = [
      Step(
        id: "hold", site: .hand, side: nil, technique: .stillHold, pressure: .stillHold,
        seconds: 30, jointMovement: false, positions: [.seated]),
      Step(
        id: "lotion", site: .forearm, side: .left, technique: .gliding, pressure: .light,
        minimumPressure: .light, seconds: 30, jointMovement: false, positions: [.seated],
        uses: [.lotion]),
      Step(
        id: "wipe", site: nil, side: nil, technique: .setUp, pressure: .stillHold, seconds: 10,
        jointMovement: false, positions: [.seated], follows: .lotion),
    ]
    let routine = Routine(
      id: "test", minutes: 1, areas: [.hand, .forearm], positions: [.seated], steps: steps)
    let kept = Planner.plan(routine, under: Restrictions())
    #expect(kept.steps[2].action == .keep)
    var r = Restrictions()
    r.avoid[BodyRegion(.arm, side: .left)] = ["iv-line"]
    let left = Planner.plan(routine, under: r)
    #expect(left.steps[1].action == .skip)
    #expect(left.steps[2].action == .skip)
    #expect(left.steps[2].reasons.first?.key == "plan.skip.nothingToFollow")
    #expect(
      Fixtures.english.render(left.steps[2].reasons[0])
        == "Left out: no lotion was used before it today.")
  }
}
