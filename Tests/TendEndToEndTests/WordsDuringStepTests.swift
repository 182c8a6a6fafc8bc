import Foundation
import TendCore
import TendTestSupport
import Testing

/// Words typed while a step runs, through the real `tend` on a terminal.
@Suite("Words typed during a step, end to end")
struct WordsDuringStepTests {
  @Test("a letter that is no key opens a line with it on; a red flag there stops with the call")
  func wordBegunStops() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let feet = try #require(Fixtures.catalog.routine("feet-quick"))
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [
      .pause(0.5), .send("f"),
      .expect("Type what is happening"), .expect("what is happening> f"),
      .line("ace droops on one side"),
      .expect("Call 911 now"), .expect("The session is stopped"), .expect("tend> "),
      .line("summary"), .expect("stopped early: face droops on one side"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let env = REPLSessionTests.environment(home: home, scale: 1)
    let run = try PseudoTerminal.run(steps, environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("pain 0-10> "))
    #expect(!run.stdout.contains("later> "))
    let entries = try JournalCheck.lines(home, "bo")
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stopReason"] as? String == "face droops on one side")
    #expect(session["stoppedAtStep"] as? String == feet.steps[0].id)
  }

  @Test("words typed together with no Enter open the line too; other words go on with the step")
  func wordsGoOn() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [
      .pause(0.5), .send("he is smil"),
      .expect("what is happening> he is smil"), .line("ing"),
      .expect("Noted. Going on with the step"), .pause(0.5), .send("x"),
      .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
      .expect("note> "), .line(""), .expect("later> "), .line("declined"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let env = REPLSessionTests.environment(home: home, scale: 1)
    let run = try PseudoTerminal.run(steps, environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let entries = try JournalCheck.lines(home, "bo")
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    #expect(session["note"] as? String == "he is smiling")
  }
}
