import Foundation
import TendCore
import TendTestSupport
import Testing

/// The outside tester's fifth round, through the real `tend` on a pseudo-terminal (and a pipe)
/// the way they did it (docs/CONVERSATION-SAFETY.md, "Outside tester, round 5").
@Suite("Outside tester, round 5, end to end")
struct OutsideTesterRoundFiveEndToEndTests {
  static func env(_ home: URL, lang: String = "C.UTF-8") -> [String: String] {
    var env = REPLSessionTests.environment(home: home, scale: 1)
    env["LANG"] = lang
    if lang.hasPrefix("fr") { env["LC_MESSAGES"] = lang }
    return env
  }

  static func feelings(_ home: URL, _ id: String) throws -> [String] {
    try JournalCheck.lines(home, id).compactMap { $0["text"] as? String }
  }

  @Test("F5: French 'dire' keeps its apostrophes: the breathing red flag stops and calls 15")
  func frenchTell() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.env(home, lang: "fr_FR.UTF-8")
    let added = try RunTend.run(
      ["receivers", "add", "Jeanne", "--language", "fr"], environment: env)
    #expect(added.status == 0, "\(added.stderr)")
    let steps: [PseudoTerminal.Step] = [
      .expect("> "), .line("1"), .expect("Qui donne le massage"), .line(""),
      .expect("tend> "), .line("dire il n'arrive plus à respirer"),
      .expect("Arrêtez. Pas de massage aujourd'hui."), .expect("Appelez le 15"),
      .expect("Essoufflement soudain"), .expect("n'arrive plus à respirer"), .expect("> "),
      .line("non"),
      .expect("tend> "), .line("dire elle prend de l'Eliquis"), .expect("anticoagulant"),
      .expect("l'Eliquis"),
      .expect("> "), .line("non"), .expect("tend> "), .line("quitter"), .expect("Au revoir"),
    ]
    let run = try PseudoTerminal.run(steps, environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Je n'ai pas compris"))
    #expect(!run.stdout.contains("lEliquis"))
    #expect(try Self.feelings(home, "jeanne").contains("il n'arrive plus à respirer"))
  }

  @Test("F5, F3: English tell keeps the contraction; a mistyped command is asked about")
  func englishTellAndSlip() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Ann") + [
        .line("tell he can't catch his breath"), .expect("Call 911 now"),
        .expect("yes or no> "), .line("no"), .expect("tend> "), .line("clearshow 5"),
        .expect("Did you mean \"show\"?"), .expect("tend> "), .line("suggest"),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    #expect(run.stdout.contains("can't catch his breath"))
    #expect(!run.stdout.contains("Something Tend could not place"))
    let texts = try Self.feelings(home, "ann")
    #expect(texts.contains { $0.contains("he can't catch his breath") }, "\(texts)")
    #expect(!texts.contains { $0.contains("clearshow") })
  }

  @Test("F11, F12: a 5,000-character paste with chest pain at its end stops; the record keeps it")
  func longPaste() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let calm = String(
      repeating: "She had a quiet morning, ate some toast and watched the birds with her tea. ",
      count: 64)
    let flag = "Then just now she said her chest feels tight and the pain goes down her left arm."
    let steps =
      ConversationSafetyTests.intake("Ann") + [
        .line(calm + flag), .expect("Call 911 now", timeout: 30), .expect("yes or no> "),
        .line("no"),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    #expect(!run.stdout.contains("I did not understand"))
    let texts = try Self.feelings(home, "ann")
    #expect(texts.contains { $0.contains(flag) && $0.count <= 2000 }, "\(texts)")
  }

  @Test("F11: a 200 KB piped line: the red flag at its end is read, and the cut is said")
  func pipedHugeLine() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.env(home)
    _ = try RunTend.run(["receivers", "add", "Big"], environment: env)
    let big =
      String(repeating: "lovely calm day ", count: 12_500)
      + "and now she cannot breathe and her lips are blue"
    let run = try RunTend.run([], stdin: "1\nAna\n\(big)\nno\nquit\n", environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Stop. Do not massage today."))
    #expect(run.stdout.contains("That message was very long"))
    #expect(!run.stdout.contains("Shall I note how Big feels"))
    let texts = try Self.feelings(home, "big")
    #expect(texts.contains { $0.hasSuffix("her lips are blue") && $0.count <= 2000 })
  }

  @Test("F13: Ctrl-D at the first intake question; the next start goes on with the questions")
  func unfinishedIntake() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.env(home)
    let first: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Kim"), .expect("no> "), .interrupt, .pause(0.2), .endOfInput,
      .expect("Goodbye"),
    ]
    let one = try PseudoTerminal.run(first, environment: env)
    #expect(one.status == 0, "\(one.stdout)")
    let second: [PseudoTerminal.Step] = [
      .expect("name> "), .line("1"), .expect("We did not finish the first questions about Kim"),
      .expect("First, the urgent ones"), .expect("no> "), .line("quit"), .expect("Goodbye"),
    ]
    let two = try PseudoTerminal.run(second, environment: env)
    #expect(two.status == 0, "\(two.stdout)")
    #expect(!two.stdout.contains("Good to go"))
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/kim/profile.json"), encoding: .utf8)
    #expect(
      profile.contains("\"intakeUnfinished\":true")
        || profile.contains("\"intakeUnfinished\" : true"))
  }

  @Test("F14: x, then Ctrl-D at 'what happened?': logged as stopped early at that step")
  func stopThenEndOfInput() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Ann") + [
        .line("start calm-hands"), .expect("today> "), .line("no"), .expect("1 or 2> "),
        .line("skip"), .expect("begin> "), .line(""), .expect("Step 1 of"), .pause(0.3),
        .send("x"), .expect("what happened> "), .endOfInput, .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(steps, environment: Self.env(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let session = try #require(
      try JournalCheck.lines(home, "ann").first { $0["type"] as? String == "session" })
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stoppedAtStep"] as? String != nil)
  }
}
