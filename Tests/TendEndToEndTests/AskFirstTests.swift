import Foundation
import TendCore
import TendTestSupport
import Testing

/// "Ask the care team first": a routine that needs the care team's yes never starts without
/// asking whether they have said it (the outside nurse's finding 12), in every language,
/// through the real `tend` on a pseudo-terminal.
@Suite("Ask the care team first, end to end")
struct AskFirstTests {
  static let languages: [(code: String, lang: String)] = [
    ("en", "en_US.UTF-8"), ("es", "es_ES.UTF-8"), ("fr", "fr_FR.UTF-8"),
    ("zh-Hans", "zh_CN.UTF-8"), ("vi", "vi_VN.UTF-8"),
  ]

  /// A home with Mum on a blood thinner (ask first), Ana giving the massage.
  static func home(_ code: String) throws -> URL {
    let home = Fixtures.temporaryDirectory()
    let added = try RunTend.run(
      [
        "receivers", "add", "Mum", "--condition", "anticoagulants", "--caregiver", "Ana",
        "--language", code, "--lang", code,
      ], environment: ["TEND_HOME": home.path])
    #expect(added.status == 0, "\(added.stderr)")
    return home
  }

  static func environment(_ home: URL, _ lang: String) -> [String: String] {
    var env = REPLSessionTests.environment(home: home, scale: 1)
    env["LC_MESSAGES"] = lang
    env["LANG"] = lang
    return env
  }

  /// Up to the question, in the language: who, start, nothing new today, then "has the care
  /// team said yes?".
  static func upToQuestion(_ t: Localizer) -> [PseudoTerminal.Step] {
    let rules = Message.Argument.keys(["rule.anticoagulants.name"])
    let ask = t("askFirst.ask", ["name": .text("Mum"), "rules": rules])
    return [
      .expect(t("chat.namePrompt")), .line("Mum"), .expect(t("chat.prompt")),
      .line(t.list("words.command.start").first! + " comfort-hold"),
      .expect(t("today.prompt")), .line(t.list("chat.noWords").first!),
      .expect(String(ask.prefix(30))), .expect(t("chat.yesNoPrompt")),
    ]
  }

  /// The journal's entries of a type (none when nothing was ever written).
  static func entries(_ home: URL, _ type: String) throws -> [[String: Any]] {
    let file = home.appendingPathComponent("receivers/mum/journal.jsonl")
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    return try JournalCheck.lines(home, "mum").filter { $0["type"] as? String == type }
  }

  static func sessions(_ home: URL) throws -> [[String: Any]] { try entries(home, "session") }

  @Test("no: nothing starts and nothing is logged; yes: the session starts", arguments: languages)
  func answersInEachLanguage(_ language: (code: String, lang: String)) throws {
    let home = try Self.home(language.code)
    defer { try? FileManager.default.removeItem(at: home) }
    let t = Fixtures.catalog.localizer(language.code)
    let rules = Message.Argument.keys(["rule.anticoagulants.name"])
    let no = t("askFirst.no", ["rules": rules])
    let yes = t("askFirst.yes", ["rules": rules])
    let quit = t.list("words.command.quit").first!
    let steps =
      Self.upToQuestion(t) + [
        .line(t.list("chat.noWords").first!), .expect(String(no.prefix(30))),
        .expect(t("chat.prompt")),
      ] + Self.upToQuestion(t).dropFirst(3) + [
        .line(t.list("chat.yesWords").first!), .expect(String(yes.prefix(30))),
        .expect(t("rating.whoPrompt")), .line(quit), .expect(t("chat.bye")),
      ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home, language.lang))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    // The "no" started nothing: the ratings were asked once (after the yes), no session logged.
    #expect(run.stdout.components(separatedBy: t("rating.whoPrompt")).count == 2)
    #expect(try Self.sessions(home).isEmpty)
  }

  @Test("yes is written with the session in the journal; a recorded clearance asks nothing")
  func yesInTheJournal() throws {
    let home = try Self.home("en")
    defer { try? FileManager.default.removeItem(at: home) }
    let t = Fixtures.catalog.localizer("en")
    let steps =
      Self.upToQuestion(t) + [
        .line("yes"), .expect("You said the care team has said yes, for: Blood thinner medicine"),
        .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line(""),
        .expect("Step 1 of"), .pause(0.3), .send("x"), .expect("what happened> "), .line(""),
        .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
        .expect("later> "), .line("declined"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home, "en_US.UTF-8"))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let session = try #require(try Self.sessions(home).first)
    #expect(session["careTeamSaidYes"] as? [String] == ["anticoagulants"])

    // The care team's answer recorded: no question, and nothing in the journal's session.
    let cleared = try RunTend.run(
      [
        "receivers", "clearance", "add", "Mum", "--from", "Dr Lee", "--for", "anticoagulants",
      ], environment: ["TEND_HOME": home.path])
    #expect(cleared.status == 0, "\(cleared.stderr)")
    let again: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Mum"), .expect("tend> "), .line("start comfort-hold"),
      .expect("today> "), .line("no"), .expect("1 or 2> "), .line("quit"), .expect("Goodbye"),
    ]
    let second = try PseudoTerminal.run(again, environment: Self.environment(home, "en_US.UTF-8"))
    #expect(second.status == 0, "\(second.stderr)\n\(second.stdout)")
    #expect(!second.stdout.contains("Has the care team said yes?"))
  }

  @Test("not sure, a command, or someone not on the care team: nothing starts")
  func neitherYesNorNo() throws {
    let home = try Self.home("en")
    defer { try? FileManager.default.removeItem(at: home) }
    let t = Fixtures.catalog.localizer("en")
    let steps =
      Self.upToQuestion(t) + [
        .line("my daughter said it's fine"),
        .expect("family and friends are not their care team"),
        .expect("yes or no> "), .line("not sure"), .expect("nothing was started"),
        .expect("tend> "),
      ] + Self.upToQuestion(t).dropFirst(3) + [
        .line("suggest"), .expect("nothing was started"), .expect("Routines for today:"),
        .expect("tend> "),
      ] + Self.upToQuestion(t).dropFirst(3) + [
        .line("the nurse said it's fine"),
        .expect("You said the care team has said yes"), .expect("1 or 2> "), .line("quit"),
        .expect("Goodbye"),
      ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home, "en_US.UTF-8"))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Step 1 of"))
    // None of these answers is kept as if it were how Mum feels.
    let feelings = try Self.entries(home, "feeling")
    #expect(feelings.isEmpty, "\(feelings)")
  }
}
