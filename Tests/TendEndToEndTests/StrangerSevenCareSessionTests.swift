import Foundation
import TendCore
import TendTestSupport
import Testing

/// The outside tester's round-7 findings F4 and F6-F11 through the real `tend` on a
/// pseudo-terminal, as the tester drove it.
@Suite("Stranger 7 (care), end to end")
struct StrangerSevenCareSessionTests {
  @Test("F4: the lotion step skipped with s: step 10 of evening-wind-down does not wipe lotion off")
  func lotionSkippedLive() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bob", routine: "evening-wind-down")
    for n in 2...10 { steps += [.pause(0.3), .send("s"), .expect("Step \(n) of 16")] }
    steps += [
      .expect("Keep away from the eyes."), .pause(0.3), .send("x"),
      .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
      .expect("note> "), .line(""), .expect("later> "), .line("declined"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let tenth = run.stdout.components(separatedBy: "Step 10 of 16").last ?? ""
    #expect(tenth.contains("Stroke from the middle of their forehead"), "\(tenth)")
    #expect(!tenth.contains("Wipe the lotion"), "\(tenth)")
  }
}
