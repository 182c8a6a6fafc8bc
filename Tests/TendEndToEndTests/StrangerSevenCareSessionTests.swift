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

  static func run(_ steps: [PseudoTerminal.Step], _ home: URL, lang: String? = nil) throws
    -> TendRun
  {
    var env = REPLSessionTests.environment(home: home)
    env["LANG"] = "en_US.UTF-8"
    let run = try PseudoTerminal.run(
      steps, arguments: lang.map { ["--lang", $0] } ?? [], environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    return run
  }

  @Test("F6, F7, F8: tell with nothing, a command at yes or no, start 3 under a red flag")
  func tellCommandAndStart() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Bob") + [
        .line(""), .expect("tend> "), .line("tell she likes tea"),
        .expect("I did not find anything in your words that changes the massage."),
        .expect("tend> "), .line("tell she has no fever"), .expect("Not counted"),
        .expect("tend> "), .line("tell she suddenly can't lift her left arm"),
        .expect("Call 911 now."), .expect("yes or no> "), .line("start calm-hands"),
        .expect("“start calm-hands” is a command, so I did not keep it or run it."),
        .expect("Please type yes or no."), .expect("yes or no> "), .line("no"),
        .expect("Not saved."), .expect("tend> "), .line("start 3"),
        .expect("No massage today."), .expect("Call 911 now."), .expect("tend> "),
        .line("--home /tmp/x"), .expect("is not taken inside a conversation"),
        .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("I did not understand that"), "\(run.stdout)")
    #expect(!run.stdout.contains("There is no routine with that number"), "\(run.stdout)")
    let journal = try ConversationSafetyTests.journal(home, "bob")
    #expect(!journal.contains("calm-hands"), "\(journal)")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/x/receivers"))
  }

  @Test("F7: a red flag typed at yes or no still stops with the call")
  func redFlagAtYesNo() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Bob") + [
        .line(""), .expect("tend> "), .line("tell she has a new PICC line in her left arm"),
        .expect("yes or no> "), .line("tell his calf is red hot and swollen"),
        .expect("Stop. Do not massage today."), .expect("Call their care team now."),
        .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("is a command"), "\(run.stdout)")
    #expect(try ConversationSafetyTests.journal(home, "bob").contains("red hot and swollen"))
  }

  @Test("F10: a French chat under LANG=en_US writes 1 500 ml (U+202F), not 1,500")
  func frenchNumbers() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("nom> "), .line("Jeanne")]
    for _ in 0..<7 { steps += [.expect("non> "), .line("non")] }
    steps += [
      .expect("ml par jour ou non> "), .line("1500 ml"),
      .expect("une limite de 1\u{202F}500 ml par jour."), .expect("tend> "),
      .line("quitter"), .expect("Au revoir"),
    ]
    let run = try Self.run(steps, home, lang: "fr")
    #expect(!run.stdout.contains("1,500"), "\(run.stdout)")
  }

  @Test("F9: review of a JSON export names the rater as the text summary does")
  func reviewNamesRater() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path]
    #expect(try RunTend.run(["receivers", "add", "Rosa"], environment: env).status == 0)
    let logged = try RunTend.run(
      [
        "log", "session", "--routine", "calm-hands", "--minutes", "8", "--by", "Ana",
        "--before", "pain=6", "--after", "pain=3", "--rated-by", "caregiver", "--rater", "Ana",
      ], environment: env)
    #expect(logged.status == 0, "\(logged)")
    let text = try RunTend.run(["summary"], environment: env)
    #expect(text.stdout.contains("Rated by: Ana (for them, 2 times)"), "\(text.stdout)")
    let file = home.appendingPathComponent("s.json").path
    let json = try RunTend.run(
      ["summary", "--format", "json", "--output", file], environment: env)
    #expect(json.status == 0, "\(json)")
    let review = try RunTend.run(["review", file], environment: env)
    #expect(review.status == 0, "\(review)")
    #expect(review.stdout.contains("Rated by: Ana (for them, 2 times)"), "\(review.stdout)")
    #expect(!review.stdout.contains("a caregiver (for them"), "\(review.stdout)")
  }

  @Test("F11: Zoë gets the id zoe; the closing words have a line of their own")
  func idAndClosingLine() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let other = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: other) }
    let env = ["TEND_HOME": other.path]
    #expect(
      try RunTend.run(["receivers", "add", "Zoë"], environment: env).stdout.contains("(zoe)"))
    #expect(
      try RunTend.run(["receivers", "add", "Zoe"], environment: env).stdout.contains("(zoe-2)"))
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "quick-scalp")
    for n in 2...4 { steps += [.pause(0.3), .send("s"), .expect("Step \(n) of 4")] }
    steps += [.pause(1.5), .send("s"), .expect("That is the end."), .expect("> "), .endOfInput]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let before = run.stdout.components(separatedBy: "That is the end.").first ?? ""
    // "\r\n" is one Character: split on newlines, keeping the empty line after the last one.
    let line =
      before.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).last ?? ""
    #expect(!line.contains("left"), "\(line.debugDescription)")
  }

  @Test("F11: after words saved at the intake, the list again says how to go on")
  func intakeAgain() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Rosa"), .expect("no> "), .line("she is on warfarin"),
      .expect("yes or no> "), .line("yes"), .expect("Saved: Blood thinner medicine."),
      .expect("Anything else from this list?"), .expect("no> "), .line("no"),
      .expect("Medicines."), .expect("no> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try Self.run(steps, home)
    let again = run.stdout.components(separatedBy: "Saved: Blood thinner medicine.").last ?? ""
    #expect(!again.contains("Type the numbers that apply"), "\(again)")
  }
}
