import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The outside tester's round-7 findings F4 and F6-F11, in process (the real binary on a
/// terminal is in `StrangerSevenCareSessionTests`).
@Suite("Stranger 7 (care): the conversation's words")
struct StrangerSevenCareTests {
  // MARK: F4: a lotion step skipped live

  @Test("F4: the lotion step skipped with s: the step that follows lotion says its .alone words")
  func lotionSkippedLive() throws {
    var guide = Guide(plan: GuideTests.plan("evening-wind-down"))
    let lotion = try #require(guide.steps.firstIndex { $0.step.uses.contains(.lotion) })
    let forehead = try #require(guide.steps.firstIndex { $0.step.id == "forehead-strokes" })
    let withLotion = "routine.evening-wind-down.step.forehead-strokes"
    #expect(guide.steps[forehead].textKey == withLotion)
    // Done to its end: the words take the lotion for granted.
    var done = guide
    for _ in 0..<forehead { _ = done.tick(.seconds(done.current!.step.seconds)) }
    #expect(done.index == forehead)
    #expect(done.textKey(at: forehead) == withLotion)
    // Skipped with s (even after part of its time): not done, so nothing was put on.
    for i in 0..<forehead {
      if i == lotion { _ = guide.tick(.seconds(5)) }
      _ = guide.press(.skip)
    }
    #expect(guide.index == forehead)
    #expect(guide.textKey(at: forehead) == withLotion + ".alone")
    // A step before it that ran to its end but puts nothing on changes nothing.
    #expect(!guide.stepsSkipped.contains(forehead))
  }

  @Test("F4: going back and doing the lotion step to its end brings the lotion words back")
  func lotionDoneAfterBack() throws {
    var guide = Guide(plan: GuideTests.plan("calm-hands"))
    let follower = try #require(guide.steps.firstIndex { $0.step.follows == .lotion })
    let lotion = try #require(guide.steps.firstIndex { $0.step.uses.contains(.lotion) })
    for _ in 0..<follower { _ = guide.press(.skip) }
    #expect(guide.textKey(at: follower).hasSuffix(".alone"))
    while guide.index > lotion { _ = guide.press(.back) }
    _ = guide.tick(.seconds(guide.current!.step.seconds))
    while guide.index < follower { _ = guide.press(.skip) }
    #expect(!guide.textKey(at: follower).hasSuffix(".alone"))
  }
}
