import Foundation
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 17 (the screen half) through a real terminal: lines fit the window by display width and
/// follow a resize, the history survives a restart with only commands and free text in it, and
/// the journal says exactly what happened (who gave it, the step skipped, the step it stopped).
@Suite("The conversation on the screen")
struct ConversationScreenTests {
  static func environment(_ home: URL, scale: Int = 1000) -> [String: String] {
    REPLSessionTests.environment(home: home, scale: scale)
  }

  /// The transcript as the screen shows it: lines split at CR/LF, escape sequences, bells and
  /// backspaces removed.
  static func screenLines(_ transcript: String) -> [String] {
    var text = transcript.replacingOccurrences(
      of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: "\u{07}", with: "")
    text = text.replacingOccurrences(of: "\u{08}", with: "")
    text = text.replacingOccurrences(of: "\r\n", with: "\n")
    return text.components(separatedBy: CharacterSet(charactersIn: "\r\n"))
  }

  static func columns(_ line: String) -> Int {
    line.reduce(0) { total, c in
      let v = c.unicodeScalars.first?.value ?? 0
      return total + ((0x2E80...0x9FFF).contains(v) || (0xFF00...0xFF60).contains(v) ? 2 : 1)
    }
  }

  static let intake = Array(repeating: PseudoTerminal.Step.line("no"), count: 8)

  @Test(
    "at 60 columns no line is wider than 60 and no word is cut; after a resize to 100, lines use it"
  )
  func wrapsAtSixtyColumns() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Bea")]
    steps += [.expect("numbers or no> ")] + Self.intake
    steps += [
      .expect("Who is giving the massage to Bea?"), .expect("tend> "), .line("Ana"),
      .expect("tend> "), .line("suggest"), .expect("type more"), .expect("tend> "),
      .line("more"), .expect("tend> "), .line("show calm-hands"), .expect("tend> "),
      .resize(columns: 100), .line("help"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home), columns: 60)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let lines = Self.screenLines(run.stdout)
    let resizedAt = try #require(lines.lastIndex { $0.hasSuffix("tend> help") })
    for line in lines[..<resizedAt] {
      #expect(Self.columns(line) <= 60, "wider than 60: \(line)")
    }
    // Wrapping breaks only at spaces: joining the lines with spaces gives every sentence back.
    let joined = lines[..<resizedAt].map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: " ")
    for sentence in [
      "Tend is a coach, not a clinician. Stop at once if anything hurts, and ask the care team when unsure.",
      "Type the numbers that apply, like 1 3, or no. You can also tell me in your own words.",
      "Type start and a number to begin, like start 1. Type show 1 to see the steps first.",
      "Ask them to turn their left hand palm up, if they can.",
    ] {
      #expect(joined.contains(sentence), "cut or lost: \(sentence)")
    }
    // After the resize the help lines are longer than 60 columns, and still within 100.
    let after = lines[resizedAt...]
    #expect(after.contains { Self.columns($0) > 60 })
    #expect(after.allSatisfy { Self.columns($0) <= 100 })
  }

  @Test("history: kept across a restart, 0600, only commands and free text, never intake answers")
  func historyAcrossRestarts() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let up = PseudoTerminal.Step.send("\u{1B}[A")
    var first: [PseudoTerminal.Step] = [.expect("name> "), .line("Bea")]
    first += [.expect("numbers or no> ")] + Self.intake
    first += [
      .expect("tend> "), .line("Ana"), .expect("tend> "),
      // Up now must not bring back an intake answer ("no") or the name.
      up, .pause(0.3), .line(""), .expect("tend> "),
      .line("show calm-hands"), .expect("tend> "), .line("suggest"), .expect("tend> "),
      .line("feel"), .expect("note> "), .line("a little tired today"), .expect("1 or 2> "),
      .line("2"), .expect("0-10> "), .line("skip"), .expect("tend> "), .line("quit"),
      .expect("Goodbye"),
    ]
    let one = try PseudoTerminal.run(first, environment: Self.environment(home))
    #expect(one.status == 0, "\(one.stderr)\n\(one.stdout)")
    #expect(!one.stdout.contains("I do not know \"no\""))
    let file = home.appendingPathComponent("history")
    var info = stat()
    #expect(stat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    let kept = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(kept == ["show calm-hands", "suggest", "feel", "a little tired today", "quit"])
    // After a restart, Up four times is `suggest` again.
    let second: [PseudoTerminal.Step] = [
      .expect("name> "), .line(""), .expect("tend> "), up, up, up, up, .pause(0.3), .line(""),
      .expect("Routines for today:"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let two = try PseudoTerminal.run(second, environment: Self.environment(home))
    #expect(two.status == 0, "\(two.stderr)\n\(two.stdout)")
  }

  @Test("the journal matches what happened: who gave it, a skipped step not worked, the stop step")
  func journalTellsTheTruth() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try ProfileTruthSessionTests.add("Bea", home: home)
    let steps: [PseudoTerminal.Step] = [
      .expect("name> "), .line(""), .expect("Who is giving the massage to Bea?"),
      .expect("tend> "), .line("Ana"), .expect("Thank you, Ana"), .expect("tend> "),
      .line("start calm-hands"), .expect("today> "), .line("no"), .expect("1 or 2> "),
      .line("2"), .expect("pain 0-10> "), .line("3"), .expect("0-10> "), .line("skip"),
      .expect("Enter to begin> "), .line(""), .expect("Step 1 of"), .pause(0.5),
      .send("s"), .expect("Step 2 of"), .pause(0.5), .send("h"), .expect("Did it hurt?"),
      .pause(0.5), .send("\r"), .expect("what happened> "), .line("her wrist was sore"),
      .expect("0-10> "), .line("2"), .expect("0-10> "), .line("skip"), .expect("note> "),
      .line(""), .expect("given, declined or later> "), .line("given"), .expect("tend> "),
      .line("summary"), .expect("by Ana"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    // The bell rang as the steps changed (speech is off).
    #expect(run.stdout.contains("\u{07}"))
    let lines = try String(
      contentsOf: home.appendingPathComponent("receivers/bea/journal.jsonl"), encoding: .utf8
    ).split(separator: "\n")
    let entries = lines.compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    #expect(session["by"] as? String == "Ana")
    let plan = try #require(session["plan"] as? [String: [String]])
    #expect(plan["skipped"]?.contains("greet-hold") == true)
    #expect(plan["kept"] == ["left-forearm-glide"])
    #expect(plan["skipped"]?.contains("left-palm") == true)
    #expect((session["sites"] as? [String]) == [])
    #expect(session["stoppedAtStep"] as? String == "left-forearm-glide")
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stopReason"] as? String == "her wrist was sore")
    let before = try #require(session["before"] as? [String: Any])
    #expect(before["ratedBy"] as? String == "caregiver" && before["rater"] as? String == "Ana")
    let water = try #require(entries.first { $0["type"] as? String == "water" })
    #expect(water["by"] as? String == "Ana" && water["answer"] as? String == "given")
    let profile = try ProfileTruthSessionTests.profile(home, "bea")
    #expect(profile["caregivers"] as? [String] == ["Ana"])
    // The summary's "who gave the sessions" names her.
    let summary = try RunTend.run(
      ["summary", "--receiver", "Bea"], environment: Self.environment(home))
    #expect(summary.stdout.contains("Ana"), "\(summary.stdout)")
  }

  @Test("settings cue off: no bell at a step change; the setting keeps the region")
  func cueOff() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try ProfileTruthSessionTests.add("Bea", home: home)
    let env = Self.environment(home)
    #expect(try RunTend.run(["settings", "region", "FR"], environment: env).status == 0)
    let off = try RunTend.run(["settings", "cue", "off"], environment: env)
    #expect(off.status == 0 && off.stdout.contains("off"), "\(off.stderr)")
    let region = try RunTend.run(["settings", "region"], environment: env)
    #expect(region.stdout.contains("FR"))
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("tend> "), .line("start quick-hands"),
        .expect("today> "), .line("no"), .expect("1 or 2> "), .line("skip"),
        .expect("Enter to begin> "), .line(""), .expect("1 or 2> "), .line("skip"),
        .expect("note> "), .line(""),
        .expect("later> "), .line("declined"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ], environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("\u{07}"))
    #expect(try RunTend.run(["settings", "cue", "on"], environment: env).stdout.contains("on"))
  }
}
