import Foundation
import TendCore
import TendTestSupport
import Testing

/// Outside tester, round 5, through the real `tend` on a pseudo-terminal: a journal that is a
/// link, a red flag logged by another window during a session, and Tend closed by a signal.
@Suite("Journal, two windows and closing (outside tester, round 5), end to end")
struct RoundFiveSessionTests {
  let home = Fixtures.temporaryDirectory()

  func tend(_ arguments: [String]) throws -> TendRun {
    try RunTend.run(arguments, environment: ["TEND_HOME": home.path, "LANG": "en_US.UTF-8"])
  }

  func journal(_ id: String) throws -> String {
    try String(
      contentsOf: home.appendingPathComponent("receivers/\(id)/journal.jsonl"), encoding: .utf8)
  }

  /// Chooses `name` at the who prompt (the giver asked and answered), up to the main prompt.
  static func choose(_ name: String) -> [PseudoTerminal.Step] {
    [.expect("> "), .line(name), .expect("tend> ")]
  }

  @Test("F19: a journal that is a link: no routine, the file named, and never 'Saved'")
  func linkedJournalFailsClosed() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try tend(["receivers", "add", "Bo", "--caregiver", "Ana"]).status == 0)
    let said = ["log", "feeling", "--receiver", "Bo", "--text", "her speech is slurred"]
    #expect(try tend(said).status == 0)
    let folder = home.appendingPathComponent("receivers/bo")
    let real = home.appendingPathComponent("bo-real.jsonl")
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("journal.jsonl"), to: real)
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("journal.jsonl"), withDestinationURL: real)
    let before = try Data(contentsOf: real)
    let steps =
      Self.choose("Bo") + [
        .line("suggest"), .expect("Tend offers no routine for them"), .expect("tend> "),
        .line("start 1"), .expect("tend> "),
        .line("she feels a bit tired today"), .expect("yes or no> "), .line("yes"),
        .expect("Not saved: the journal could not be written"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(run.stdout.contains("journal.jsonl"))
    #expect(!run.stdout.contains("Routines for today"), "\(run.stdout)")
    #expect(!run.stdout.contains("Step 1 of"))
    #expect(!run.stdout.contains("Saved in the journal."), "\(run.stdout)")
    #expect(try Data(contentsOf: real) == before)
  }

  @Test("F16: a red flag logged in another window stops the running session at the next step")
  func otherWindowStopsSession() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      PseudoTerminal.toFirstStep(name: "Mia", routine: "back-of-neck-seated") + [
        .otherWindow([
          "log", "feeling", "--receiver", "Mia", "--text", "she has crushing chest pain",
        ]),
        .expect("in another window", timeout: 60), .expect("Call 911 now"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("That is the end"))
    #expect(!run.stdout.contains("drink of water"))
    let journal = try journal("mia")
    #expect(journal.contains(#""stoppedEarly":true"#), "\(journal)")
  }

  @Test(
    "F24: SIGTERM or SIGHUP during a step: the session is logged stopped early with the ratings",
    arguments: [SIGTERM, SIGHUP])
  func closedDuringStep(signal: Int32) throws {
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Hu")]
    for _ in 0..<8 { steps += [.expect("no> "), .line("no")] }
    steps += [
      .expect("tend> "), .line("start back-of-neck-seated"), .expect("today> "), .line("no"),
      .expect("1 or 2> "), .line("1"), .expect("> "), .line("4"), .expect("> "), .line("5"),
      .expect("> "), .line(""), .expect("> "), .line(""), .expect("begin> "), .line(""),
      .expect("Step 1 of"), .pause(0.5), .signal(signal),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 128 + signal, "\(run.stderr)\n\(run.stdout)")
    let journal = try journal("hu")
    #expect(journal.contains(#""stoppedEarly":true"#), "\(journal)")
    #expect(journal.contains("Tend was closed during the session"))
    #expect(journal.contains(#""pain":4"#), "\(journal)")
    #expect(journal.contains("stoppedAtStep"))
  }
}
