import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

@Suite("Guide and clocks")
struct GuideTests {
  static func plan(_ id: String, _ specs: [String] = []) -> Plan {
    let result = try? SafetyChecker(catalog: Fixtures.catalog).check(
      Fixtures.conditions(specs), routineID: id)
    return result!.plans[0]
  }

  @Test("a 10-minute routine runs in one tick of a manual clock; every step counts as done")
  func runsThrough() {
    var guide = Guide(plan: Self.plan("hand-and-arm-warmth"))
    #expect(guide.opening() == [.started(0)])
    let clock = ManualClock()
    var ticks = TickSource(clock: clock)
    clock.advance(by: .seconds(11 * 60))
    let events = guide.tick(ticks.elapsed())
    #expect(events.last == .finished)
    #expect(guide.isFinished)
    #expect(guide.stepsDone.count == guide.steps.count)
    #expect(
      events.filter { if case .started = $0 { true } else { false } }.count == guide.steps.count - 1
    )
  }

  @Test("steps advance by themselves when their time is up, with a countdown")
  func autoAdvance() {
    var guide = Guide(plan: Self.plan("quick-hands"))
    let first = guide.steps[0].step.seconds
    #expect(guide.tick(.seconds(first - 1)) == [.countdown(1)])
    #expect(guide.tick(.seconds(1)).first == .started(1))
    #expect(guide.index == 1)
  }

  @Test("pause holds time; back, repeat and skip move as said; stop and hurts end it")
  func keys() {
    var guide = Guide(plan: Self.plan("quick-hands"))
    #expect(guide.press(.pause) == [.paused])
    #expect(guide.tick(.seconds(999)) == [])
    #expect(guide.press(.pause) == [.resumed])
    #expect(guide.press(.skip) == [.started(1)])
    _ = guide.tick(.seconds(3))
    #expect(guide.press(.repeatStep) == [.started(1)])
    #expect(guide.remaining == .seconds(guide.steps[1].step.seconds))
    #expect(guide.press(.back) == [.started(0)])
    #expect(guide.press(.hurts) == [.stopped(hurt: true)])
    #expect(guide.isFinished)
    #expect(guide.stepsDone.isEmpty)
    #expect(guide.press(.skip) == [])
  }

  @Test("only steps the plan does are guided")
  func skipsSkipped() {
    let plan = Self.plan("calm-hands", ["iv-line@left-forearm"])
    let guide = Guide(plan: plan)
    #expect(guide.steps.count == plan.steps.filter(\.isDone).count)
    #expect(guide.steps.allSatisfy { $0.side != .left })
  }

  @Test("the scaled clock runs faster than real time")
  func scaledClock() {
    let clock = ScaledClock(scale: 1000)
    let start = clock.now
    usleep(20_000)
    #expect(start.duration(to: clock.now) >= .seconds(15))
  }

  @Test("keys and words map to guide keys")
  func keyNames() {
    #expect(GuideKey(character: "h") == .hurts)
    #expect(GuideKey(character: " ") == .pause)
    #expect(GuideKey(character: "z") == nil)
    #expect(GuideKey(word: "it hurts") == .hurts)
    #expect(GuideKey(word: "Next") == .skip)
    #expect(GuideKey(word: "5") == nil)
  }
}

@Suite("Completion, emergency numbers, ratings")
struct CompletionTests {
  let completion = Completion(
    commands: Conversation.commands + ["check", "routines"],
    routineIDs: Fixtures.catalog.routines.map(\.id),
    receiverNames: ["Ann", "Bob"],
    conditionWords: Fixtures.catalog.rules.map(\.id) + ["left", "forearm"])

  @Test("commands, routine ids, receiver names and condition words")
  func candidates() {
    #expect(completion.candidates(before: "", word: "su") == ["suggest", "summary"])
    #expect(
      completion.candidates(before: "start ", word: "quick-") == [
        "quick-hands", "quick-scalp", "quick-shoulders",
      ])
    #expect(completion.candidates(before: "who ", word: "a") == ["Ann"])
    #expect(completion.candidates(before: "tell she has an ", word: "iv") == ["iv-line"])
    #expect(completion.candidates(before: "start calm-hands ", word: "") == [])
    #expect(completion.candidates(before: "speak ", word: "o") == ["off", "on"])
  }

  @Test("ratings: 0-10, Enter skips one, skip skips the rest, anything else is asked again")
  func ratings() {
    #expect(RatingForm.parse("7", skipWords: []) == .value(7))
    #expect(RatingForm.parse("7/10", skipWords: []) == .value(7))
    #expect(RatingForm.parse("", skipWords: []) == .skip)
    #expect(RatingForm.parse("skip", skipWords: []) == .skipRest)
    #expect(RatingForm.parse("11", skipWords: []) == .invalid)
    #expect(RatingForm.parse("-3", skipWords: []) == .invalid)
  }

  @Test("piped lines: split on newlines, invalid UTF-8 replaced, huge lines cut, last line kept")
  func pipeLines() {
    var pipe = PipeLines()
    pipe.feed(Array("a\nb".utf8))
    #expect(pipe.next() == "a")
    #expect(pipe.next() == nil)
    pipe.feed([0xFF, 0xFE, 0x0A] + [UInt8](repeating: 0x41, count: 200_000) + [0x0A])
    #expect(pipe.next() == "b\u{FFFD}\u{FFFD}")
    // Its first `limit` bytes and its last `limit / 2`, joined by " … " (round 5, F11).
    #expect(pipe.next()?.utf8.count == pipe.limit + pipe.limit / 2 + " … ".utf8.count)
    #expect(pipe.lastWasCut)
    pipe.feed(Array("tail".utf8))
    pipe.feed([])
    #expect(pipe.next() == "tail")
    #expect(pipe.closed)
  }
}
