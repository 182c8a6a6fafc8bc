import Foundation
import TendCore
import TendTestSupport
import Testing

/// Safety round 9 through the real `tend`: two chat windows on one home, each on its own
/// pseudo-terminal. Window A guides a routine; window B (a second `tend`) saves something about
/// the same person; A follows it before the next thing it says (F1, F2).
@Suite("Two chat windows on one person (safety round 9), end to end")
struct SafetyRoundNineSessionTests {
  let home = Fixtures.temporaryDirectory()

  func journal(_ id: String) throws -> String {
    try String(
      contentsOf: home.appendingPathComponent("receivers/\(id)/journal.jsonl"), encoding: .utf8)
  }

  /// Window B: chooses Mia, says `words`, answers the save question with `save`, quits.
  static func windowB(_ words: String, save: String) -> PseudoTerminal.Step {
    .otherChat(
      [], [("> ", "Mia"), ("tend> ", words), ("yes or no> ", save), ("tend> ", "quit")])
  }

  @Test("F1: warfarin saved in window B: window A's steps left are gentler, said first")
  func warfarinInOtherWindow() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      PseudoTerminal.toFirstStep(name: "Mia", routine: "seated-shoulders") + [
        .send("p"), .expect("Paused"),
        Self.windowB("she is on warfarin", save: "yes"),
        // Said while paused, as soon as window B has written (the files' mark changed).
        .expect("changed in another window: Blood thinner medicine"),
        .expect("From now on, pressure at most 2"),
        .expect("Step 8 (left shoulder, thumb circles) is left out"),
        .expect("care team should say yes"),
        .send("p"),
        .expect("Step 3 of 12: left shoulder, long strokes, pressure 1", timeout: 60),
        .send("x"), .expect("what happened> "), .line(""),
        .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
        .expect("later> "), .line("declined"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("palm kneading, pressure 3"), "\(run.stdout)")
    let journal = try journal("mia")
    #expect(journal.contains("anticoagulants"), "\(journal)")
    #expect(journal.contains(#""stoppedEarly":true"#), "\(journal)")
  }

  @Test("F1: a port saved from the shell leaves window A's neck steps out, never spoken")
  func portFromShell() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      PseudoTerminal.toFirstStep(name: "Mia", routine: "seated-shoulders") + [
        .send("p"), .expect("Paused"),
        .otherWindow(["receivers", "condition", "add", "Mia", "port@right-chest"]),
        .expect("Step 6 (neck, long strokes) is left out"), .send("p"),
        .expect("Step 8 of 12", timeout: 90), .send("x"), .expect("what happened> "), .line(""),
        .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
        .expect("later> "), .line("declined"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Step 6 of 12"), "\(run.stdout)")
    #expect(!run.stdout.contains("Step 7 of 12"), "\(run.stdout)")
  }

  @Test("F2: a red flag told in window B is the next thing window A says, paused or not")
  func redFlagInOtherWindow() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      PseudoTerminal.toFirstStep(name: "Mia", routine: "seated-shoulders") + [
        .send("p"), .expect("Paused"),
        Self.windowB("she has crushing chest pain right now", save: "no"),
        // No key needed: the files' mark changed, so the stop is said at once, paused or not.
        .expect("in another window"), .expect("Call 911 now"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Going on."), "\(run.stdout)")
    #expect(!run.stdout.contains("Step 2 of"), "\(run.stdout)")
    let journal = try journal("mia")
    #expect(journal.contains(#""stoppedEarly":true"#), "\(journal)")
  }

  @Test("F1: a profile damaged while window A guides stops it, saying why")
  func damagedProfileStops() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let profile = home.appendingPathComponent("receivers/mia/profile.json").path
    let steps =
      PseudoTerminal.toFirstStep(name: "Mia", routine: "seated-shoulders") + [
        .send("p"), .expect("Paused"), .writeFile(profile, "{\"v\": 1, \"name\": "),
        .expect("could not read what is saved for"),
        .expect("The massage stops here"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Step 2 of"), "\(run.stdout)")
  }

  @Test("F14: the care team's no is lifted by their yes recorded for it, not by chat words")
  func careTeamNoLiftedByRecord() throws {
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path, "LANG": "en_US.UTF-8"]
    func tend(_ arguments: [String]) throws -> TendRun {
      try RunTend.run(arguments, environment: env)
    }
    #expect(try tend(["receivers", "add", "Mia", "--condition", "care-team-said-no"]).status == 0)
    let before = try tend(["check", "--receiver", "Mia", "--json"])
    #expect(
      before.stdout.contains(#""verdict" : "postpone""#)
        || before.stdout.contains(#""verdict":"postpone""#), "\(before.stdout)")
    // In the chat, the family's words are not the record.
    let chat = try PseudoTerminal.run(
      [
        .expect("> "), .line("Mia"), .expect("tend> "), .line("the nurse said it's fine"),
        .expect("do not lift that"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ], environment: REPLSessionTests.environment(home: home))
    #expect(chat.status == 0, "\(chat.stderr)\n\(chat.stdout)")
    let still = try tend(["check", "--receiver", "Mia", "--json"])
    #expect(still.stdout.contains("postpone"), "\(still.stdout)")
    let added = try tend([
      "receivers", "clearance", "add", "Mia", "--from", "Nurse Kim", "--for", "care-team-said-no",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    let after = try tend(["check", "--receiver", "Mia", "--json"])
    #expect(!after.stdout.contains("postpone"), "\(after.stdout)")
    #expect(after.stdout.contains("Nurse Kim"), "\(after.stdout)")
  }
}
