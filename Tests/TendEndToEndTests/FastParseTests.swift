import ArgumentParser
import Testing

@testable import tend

/// `FastParse`: the command lines it reads give exactly the command ArgumentParser builds for
/// them (every property, compared through `dump`), and everything else is left to
/// ArgumentParser.
@Suite("Fast parse")
struct FastParseTests {
  static let read: [[String]] = [
    [], ["chat"], ["chat", "--speak"], ["chat", "--lang", "fr", "--speak"],
    ["check"], ["check", "--condition", "anticoagulants"],
    [
      "check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm",
    ],
    ["check", "--text", "mum's on warfarin and had her left knee done 10 days ago"],
    ["check", "--text", "check", "--condition", "fever"],
    ["check", "--receiver", "Mum", "--routine", "calm-hands", "--json"],
    ["check", "--profile", "p.json", "--lang", "fr", "--home", "/h", "--data", "/d"],
    ["check", "--condition", "a", "--json", "--condition", "b", "--text", "x y", "--routine", "r"],
    ["routines"], ["routines", "--json"], ["routines", "list"], ["routines", "list", "--json"],
    ["routines", "--area", "hand", "--max-minutes", "10"], ["routines", "--max-minutes", "007"],
    ["routines", "--lang", "zh-Hans", "--json", "--area", "手"],
    ["summary"], ["summary", "--receiver", "Mum"], ["summary", "--format", "json"],
    [
      "summary", "--format", "fhir", "--from", "30d", "--to", "2026-01-01", "--omit", "notes",
      "--omit", "name", "--deidentify", "--output", "x.json", "--force", "--receiver", "Ana",
    ],
    ["summary", "--home", "/tmp/h", "--format", "csv"],
  ]

  static let left: [[String]] = [
    ["--help"], ["-h"], ["--version"], ["help"], ["--lang", "fr"], ["--speak"],
    ["check", "--help"], ["check", "-h"], ["check", "--condition"],
    ["check", "--condition=fever"], ["check", "--json", "--json"],
    ["check", "--text", "a", "--text", "b"], ["check", "--text", "-x"], ["check", "--text", ""],
    ["check", "extra"], ["check", "--lang", "fr", "--lang", "es"], ["check", "--verbose"],
    ["routines", "show", "calm-hands"], ["routines", "--max-minutes", "-1"],
    ["routines", "--max-minutes", "ten"], ["routines", "--max-minutes", "+5"],
    ["routines", "list", "list"], ["summary", "--format", "pdf"], ["summary", "-o", "x"],
    ["summary", "--receiver"], ["receivers"], ["log", "session"], ["chat", "extra"],
    ["check", "--generate-completion-script", "bash"],
  ]

  static func dumped(_ command: any ParsableCommand) -> String {
    var text = ""
    dump(command, to: &text)
    return text
  }

  @Test("what it reads is what ArgumentParser builds, property by property")
  func same() throws {
    for arguments in Self.read {
      let fast = try #require(FastParse.command(arguments), "\(arguments) is read")
      let parsed = try Tend.parseAsRoot(arguments)
      #expect(Self.dumped(fast) == Self.dumped(parsed), "\(arguments)")
      #expect(type(of: fast) == type(of: parsed), "\(arguments)")
    }
  }

  @Test("the comparison sees every value")
  func seesValues() throws {
    let a = try #require(FastParse.command(["check", "--condition", "anticoagulants"]))
    let b = try #require(FastParse.command(["check", "--condition", "anticoagulants", "--json"]))
    #expect(Self.dumped(a).contains("anticoagulants"))
    #expect(Self.dumped(a) != Self.dumped(b))
  }

  @Test("help, the version, other commands and anything unusual go to ArgumentParser")
  func left() {
    for arguments in Self.left {
      #expect(FastParse.command(arguments) == nil, "\(arguments)")
    }
  }
}
