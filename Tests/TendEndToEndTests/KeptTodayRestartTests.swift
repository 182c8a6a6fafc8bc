import Foundation
import TendCore
import TendTestSupport
import Testing

/// "Not saved in the profile, kept for today" survives closing Tend and opening it again the
/// same day, through the real `tend` on a pseudo-terminal.
@Suite("Kept for today, after a restart")
struct KeptTodayRestartTests {
  @Test("a PICC kept for today still leaves that arm out after a restart, and check says so")
  func restart() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let first =
      ConversationSafetyTests.intake("Ann") + [
        .line("she got a new PICC in her left arm yesterday"), .expect("yes or no> "),
        .line("no"), .expect("I will keep it for today"),
      ]
    _ = try ConversationSafetyTests.run(first, home)
    let kept = try String(
      contentsOf: home.appendingPathComponent("receivers/ann/kept-today.json"), encoding: .utf8)
    #expect(kept.contains("\"id\":\"iv-line\"") && kept.contains("\"side\":\"left\""), "\(kept)")
    let second: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Ann"),
      .expect("Kept for today from earlier (not in Ann's profile)"), .expect("tend> "),
      .line("check"), .expect("IV"), .expect("tend> "),
      .line("start hand-and-arm-warmth"), .expect("today> "), .line("no"),
      .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line(""),
      .expect("Step 1 of 10: right hand"), .expect("Do the right side only"), .pause(0.3),
      .send("x"), .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
      .expect("note> "), .line(""), .expect("later> "), .line("declined"),
    ]
    _ = try ConversationSafetyTests.run(second, home)
    // The plain command from the shell follows it too, today only.
    let check = try RunTend.run(
      ["check", "--receiver", "Ann", "--lang", "en"], environment: ["TEND_HOME": home.path])
    #expect(check.stdout.contains("IV"), "\(check.stdout)")
    let file = home.appendingPathComponent("receivers/ann/kept-today.json")
    try #"{"conditions":["iv-line@left-arm"],"day":"2001-01-01","v":1}"#.write(
      to: file, atomically: true, encoding: .utf8)
    let old = try RunTend.run(
      ["check", "--receiver", "Ann", "--lang", "en"], environment: ["TEND_HOME": home.path])
    #expect(!old.stdout.contains("IV"), "another day's kept facts lapse: \(old.stdout)")
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/ann/profile.json"), encoding: .utf8)
    #expect(!profile.contains("iv-line"))
  }
}
