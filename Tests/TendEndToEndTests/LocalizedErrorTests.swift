import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every error a person can meet, run in each other language: the file (and line and field
/// where there is one) is named, and no English words of the reason leak into the message (the
/// outside nurse saw "refused (link)" in English inside a Spanish sentence).
@Suite("Errors in the user's language")
struct LocalizedErrorTests {
  /// English words of the readers' reasons and the old English frames: none may appear.
  static let english = [
    "expected", "found", "unknown", "missing", "refused", "never", "through", "exist", "cannot",
    "could", "read", "field", "object", "string", "error:", "link", "failed", "errno", "line",
    "is not", "does not",
  ]

  static let languages = ["es", "fr", "zh-Hans", "vi"]

  /// The English words of `text` once the paths in it are blanked out.
  static func leaks(_ text: String, _ home: URL, lang: String = "") -> [String] {
    var plain = text.replacingOccurrences(of: home.path, with: "HOME")
    for path in ["/tmp/tend-advice-missing.json", "/tmp"] {
      plain = plain.replacingOccurrences(of: path, with: "HOME")
    }
    let words = plain.lowercased()
    // "error:" is also the Spanish word.
    return english.filter { !(lang == "es" && $0 == "error:") }.filter { word in
      let pattern =
        word.hasSuffix(":")
        ? NSRegularExpression.escapedPattern(for: word)
        : "\\b" + NSRegularExpression.escapedPattern(for: word) + "\\b"
      return words.range(of: pattern, options: .regularExpression) != nil
    }
  }

  static func tend(_ args: [String], _ home: URL) throws -> TendRun {
    try RunTend.run(args, environment: ["TEND_HOME": home.path])
  }

  /// Each broken thing, how to meet it, and what the message must name.
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var arrange: @Sendable (URL) throws -> Void
    var command: [String]
    var names: [String]
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a profile that is a link",
      arrange: { home in
        let file = home.appendingPathComponent("receivers/mum/profile.json")
        let real = home.appendingPathComponent("elsewhere.json")
        try FileManager.default.moveItem(at: file, to: real)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: real)
      }, command: ["check", "--receiver", "Mum"], names: ["receivers/mum/profile.json"]),
    Case(
      name: "a profile with an unknown field",
      arrange: { home in
        let file = home.appendingPathComponent("receivers/mum/profile.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"name\"", with: "\"nmae\"").write(
          to: file, atomically: true, encoding: .utf8)
      }, command: ["check", "--receiver", "Mum"], names: ["profile.json", "12", "nmae"]),
    Case(
      name: "a profile that is not JSON",
      arrange: { home in
        try "{\"v\": 1,".write(
          to: home.appendingPathComponent("receivers/mum/profile.json"), atomically: true,
          encoding: .utf8)
      }, command: ["check", "--receiver", "Mum"], names: ["profile.json"]),
    Case(
      name: "a journal line that cannot be read",
      arrange: { home in
        try "not json at all\n".write(
          to: home.appendingPathComponent("receivers/mum/journal.jsonl"), atomically: true,
          encoding: .utf8)
      }, command: ["journal", "--receiver", "Mum"], names: ["journal.jsonl", "1"]),
    Case(
      name: "a journal line of an unknown kind, in the summary",
      arrange: { home in
        try "{\"at\":\"2026-11-30T10:00:00Z\",\"type\":\"dance\",\"v\":1}\n".write(
          to: home.appendingPathComponent("receivers/mum/journal.jsonl"), atomically: true,
          encoding: .utf8)
      }, command: ["journal", "--receiver", "Mum"], names: ["journal.jsonl", "dance"]),
    Case(
      name: "an advice file that does not exist",
      arrange: { _ in },
      command: ["receivers", "advice", "import", "Mum", "/tmp/tend-advice-missing.json"],
      names: ["tend-advice-missing.json"]),
    Case(
      name: "an advice file with an unknown field",
      arrange: { home in
        try "{\"kind\":\"tend-care-advice\",\"v\":1,\"colour\":2}".write(
          to: home.appendingPathComponent("advice.json"), atomically: true, encoding: .utf8)
      }, command: ["receivers", "advice", "import", "Mum", "ADVICE"],
      names: ["advice.json", "colour"]),
    Case(
      name: "a settings file with a bad region",
      arrange: { home in
        try "{\"v\":1,\"region\":7}".write(
          to: home.appendingPathComponent("settings.json"), atomically: true, encoding: .utf8)
      }, command: ["check", "--receiver", "Mum"], names: ["settings.json"]),
  ]

  @Test("no English reason inside a message in another language", arguments: cases)
  func noEnglish(_ c: Case) throws {
    for lang in Self.languages {
      let home = Fixtures.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: home) }
      #expect(try Self.tend(["receivers", "add", "Mum"], home).status == 0)
      try c.arrange(home)
      let command = c.command.map {
        $0 == "ADVICE" ? home.appendingPathComponent("advice.json").path : $0
      }
      let run = try Self.tend(command + ["--lang", lang], home)
      let said = run.stderr + run.stdout
      for name in c.names { #expect(said.contains(name), "\(c.name), \(lang): \(said)") }
      let leaks = Self.leaks(said, home, lang: lang)
      #expect(leaks.isEmpty, "\(c.name), \(lang): \(leaks) in \(said)")
      // English keeps its own words (the readers' phrases), with the same file named.
      let english = try Self.tend(command + ["--lang", "en"], home)
      for name in c.names {
        #expect((english.stderr + english.stdout).contains(name), "\(c.name), en")
      }
    }
  }

  @Test("the command line's 'unexpected arguments' in each language")
  func unexpectedArguments() throws {
    for lang in Self.languages {
      let run = try RunTend.run(["routines", "list", "a", "b", "--lang", lang])
      #expect(run.status == 2)
      #expect(!run.stderr.contains("unexpected arguments"), "\(lang): \(run.stderr)")
      #expect(run.stderr.contains("'a', 'b'"), "\(lang): \(run.stderr)")
    }
  }

  @Test("every reader phrase has its words, and an unknown one is never English")
  func reasonTable() {
    let phrases = [
      "expected an object, found a string", "unknown field \"nmae\"; did you mean \"name\"?",
      "missing field", "duplicate key \"v\"", "the line is too long", "not one JSON object",
      "unknown type \"dance\"", "missing field \"at\"",
      "a link: Tend never reads or writes through a link",
      "open failed: Permission denied (errno 13)",
      "expected ',' or '}'", "\"x\" is not a condition id", "12 days is out of range",
    ]
    for lang in Self.languages {
      let t = Fixtures.catalog.localizer(lang)
      for phrase in phrases {
        #expect(ReasonText.message(phrase) != nil, "\(phrase)")
        let said = ReasonText.render(phrase, t)
        #expect(said != phrase, "\(lang): \(phrase)")
        #expect(Self.leaks(said, URL(fileURLWithPath: "/none")).isEmpty, "\(lang): \(said)")
      }
      #expect(ReasonText.render("a phrase nobody wrote", t) == t("reason.other"))
    }
    #expect(ReasonText.render("missing field", Fixtures.english) == "missing field")
  }
}
