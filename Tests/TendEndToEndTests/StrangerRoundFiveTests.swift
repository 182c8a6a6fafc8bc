import Foundation
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Outside tester, round 5 (F15, F8, F9, F10), through the built binary as a stranger runs it.
@Suite("Outside tester, round 5 (command line)")
struct StrangerRoundFiveEndToEndTests {
  struct Home {
    let url = Fixtures.temporaryDirectory("tend-r5")
    let cache = Fixtures.temporaryDirectory("tend-r5-cache")
    var lang = "C.UTF-8"

    @discardableResult
    func callAsFunction(_ args: [String], stdin: String? = nil) throws -> TendRun {
      try RunTend.run(
        args, stdin: stdin,
        environment: ["TEND_HOME": url.path, "XDG_CACHE_HOME": cache.path, "LANG": lang])
    }

    var settings: URL { url.appendingPathComponent("settings.json") }
    func profile(_ id: String) -> URL { url.appendingPathComponent("receivers/\(id)/profile.json") }
    func journal(_ id: String) -> URL {
      url.appendingPathComponent("receivers/\(id)/journal.jsonl")
    }

    func remove() {
      try? FileManager.default.removeItem(at: url)
      try? FileManager.default.removeItem(at: cache)
    }
  }

  @Test("F15: a name that is another person's folder id picks the person named, everywhere")
  func nameBeatsID() throws {
    let tend = Home()
    defer { tend.remove() }
    #expect(
      try tend(["receivers", "add", "Mary Ann", "--condition", "fever"]).stdout.contains(
        "(mary-ann)"))
    #expect(try tend(["receivers", "add", "Mary-Ann"]).stdout.contains("(mary-ann-2)"))
    let check = try tend(["check", "--receiver", "Mary-Ann"])
    #expect(check.status == 0 && check.stdout.contains("Good to go"), "\(check)")
    let add = try tend(["receivers", "condition", "add", "Mary-Ann", "anticoagulants"])
    #expect(add.stdout.contains("Added to Mary-Ann"), "\(add)")
    let maryAnn = try String(contentsOf: tend.profile("mary-ann"), encoding: .utf8)
    #expect(!maryAnn.contains("anticoagulants"), "written to the other person: \(maryAnn)")
    #expect(
      try String(contentsOf: tend.profile("mary-ann-2"), encoding: .utf8).contains("anticoagulants")
    )
    // One person's name in another case, and another's id: nobody is chosen, both are named.
    let both = try tend(["check", "--receiver", "mary-ann"])
    #expect(both.status == 2 && both.stdout.isEmpty, "\(both)")
    #expect(both.stderr.contains("could be two people: Mary-Ann, by name, or Mary Ann"), "\(both)")
    let log = try tend(["log", "feeling", "--receiver", "mary-ann", "--rate", "pain=2"])
    #expect(log.status == 2)
    #expect(!FileManager.default.fileExists(atPath: tend.journal("mary-ann").path))
    // ../x (id x) and x (id x-2); 😀 (id receiver) and receiver (id receiver-2).
    try tend(["receivers", "add", "../x"])
    try tend(["receivers", "add", "x"])
    #expect(try tend(["receivers", "show", "x"]).stdout.hasPrefix("x (x-2)"))
    #expect(try tend(["receivers", "show", "../x"]).stdout.hasPrefix("../x (x)"))
    try tend(["receivers", "add", "😀"])
    try tend(["receivers", "add", "receiver", "--condition", "fever"])
    #expect(try tend(["check", "--receiver", "receiver"]).stdout.contains("Fever"))
    #expect(try tend(["check", "--receiver", "😀"]).stdout.contains("Good to go"))
    // The conversation, fed through a pipe, picks the same person.
    let chat = try tend([], stdin: "Mary-Ann\n\nquit\n")
    #expect(chat.stdout.contains("Caring for Mary-Ann."), "\(chat.stdout)")
    let asked = try tend([], stdin: "mary-ann\nquit\n")
    #expect(asked.stdout.contains("could be two people"), "\(asked.stdout)")
    #expect(!asked.stdout.contains("Caring for"), "\(asked.stdout)")
  }

  @Test("F8: settings.json as a link is refused; the emergency number never comes from it")
  func settingsLink() throws {
    var tend = Home()
    tend.lang = "en_GB.UTF-8"
    defer { tend.remove() }
    #expect(try tend(["settings", "region", "FR"]).status == 0)
    try FileManager.default.removeItem(at: tend.settings)
    let victim = tend.cache.appendingPathComponent("victim-settings")
    try Data(#"{"v":1,"region":"US"}"#.utf8).write(to: victim)
    #expect(symlink(victim.path, tend.settings.path) == 0)
    let show = try tend(["settings"])
    #expect(show.stdout.contains("Region: GB (from your system's language settings)"), "\(show)")
    #expect(
      show.stderr.contains("settings.json is a link; Tend never reads or writes through a link"))
    #expect(show.stderr.contains("the region comes from your system's language settings: GB"))
    let chest = try tend(["check", "--text", "chest pain"])
    #expect(chest.stdout.contains("999") && !chest.stdout.contains("911"), "\(chest)")
    let set = try tend(["settings", "region", "FR"])
    #expect(set.status == 1 && set.stderr.contains("is a link"), "\(set)")
    #expect(SafeLink.isLink(tend.settings.path))
    #expect(try String(contentsOf: victim, encoding: .utf8) == #"{"v":1,"region":"US"}"#)
  }

  @Test("F8: settings.json is as strict as a profile: unknown keys, broken files, a fallback")
  func settingsStrict() throws {
    let tend = Home()
    defer { tend.remove() }
    try Data(#"{"v":1,"region":"GB","foo":1}"#.utf8).write(to: tend.settings)
    var show = try tend(["settings"])
    #expect(
      show.stderr.contains("settings.json, line 1, column 28, field foo: unknown field"), "\(show)")
    #expect(show.stderr.contains("Tend does not know which country you are in"), "\(show)")
    #expect(show.stdout.contains("Region: not set"), "\(show)")
    try Data("{\"v\":1,\"regio".utf8).write(to: tend.settings)
    show = try tend(["settings"])
    #expect(show.stderr.contains("line 1, column 14, field syntax: unterminated string"), "\(show)")
    let cue = try tend(["settings", "cue", "off"])
    #expect(cue.status == 65 && cue.stderr.contains("field syntax"), "\(cue)")
    #expect(try String(contentsOf: tend.settings, encoding: .utf8) == "{\"v\":1,\"regio")
    show = try tend(["settings", "--lang", "fr"])
    #expect(show.stderr.contains("ligne 1, colonne 14, champ syntax"), "\(show)")
  }

  @Test("F8: a cache folder that is a link is not used; data-digest is 0600")
  func cache() throws {
    let tend = Home()
    defer { tend.remove() }
    let elsewhere = Fixtures.temporaryDirectory("tend-r5-elsewhere")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    #expect(symlink(elsewhere.path, tend.cache.appendingPathComponent("tend").path) == 0)
    #expect(try tend(["--version"]).status == 0)
    #expect(try tend(["check", "--text", "sore hands"]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    let fresh = Home()
    defer { fresh.remove() }
    #expect(try fresh(["--version"]).status == 0)
    let digest = fresh.cache.appendingPathComponent("tend/data-digest")
    let mode = try FileManager.default.attributesOfItem(atPath: digest.path)[.posixPermissions]
    #expect((mode as? Int) == 0o600)
  }

  @Test("F9: the list names a folder that is a link and lists everyone else (exit 0)")
  func listWithLink() throws {
    let tend = Home()
    defer { tend.remove() }
    try tend(["receivers", "add", "Eve"])
    try tend(["receivers", "add", "Bo"])
    let elsewhere = Fixtures.temporaryDirectory("tend-r5-eve2")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    #expect(symlink(elsewhere.path, tend.url.appendingPathComponent("receivers/eve2").path) == 0)
    let list = try tend(["receivers"])
    #expect(list.status == 0, "\(list)")
    let lines = list.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(lines)")
    #expect(lines.first?.hasPrefix("Bo (bo)") == true && lines[1].hasPrefix("Eve (eve)"))
    #expect(lines.last?.hasPrefix("eve2 · cannot be read:") == true, "\(lines)")
    #expect(lines.last?.contains("is a link; Tend never reads or writes through a link") == true)
    let json = try tend(["receivers", "list", "--json"])
    #expect(json.status == 0 && json.stderr.contains("eve2"), "\(json)")
    #expect(json.stdout.contains("\"Eve\"") && json.stdout.contains("\"Bo\""))
    #expect(try tend(["receivers", "show", "Eve"]).status == 0)
  }

  @Test("F10: unknown condition id located, BOM accepted, score named, torn line reported")
  func dataErrors() throws {
    let tend = Home()
    defer { tend.remove() }
    try tend(["receivers", "add", "Mum"])
    let profile = """
      {
        "v": 1, "id": "mum", "name": "Mum",
        "conditions": [
          "fever",
          {"id": "warfarin-x"}
        ]
      }
      """
    try Data(profile.utf8).write(to: tend.profile("mum"))
    let check = try tend(["check", "--receiver", "Mum"])
    #expect(check.status == 65, "\(check)")
    #expect(
      check.stderr.contains(
        #"profile.json:5:12: error: [conditions[1].id] unknown condition "warfarin-x""#),
      "\(check.stderr)")
    #expect(check.stderr.contains(#"did you mean "anticoagulants""#), "\(check.stderr)")
    // A byte-order mark before an otherwise good profile is read.
    let good = #"{"v":1,"id":"mum","name":"Mum","conditions":["fever"]}"#
    try Data([0xEF, 0xBB, 0xBF] + Array(good.utf8)).write(to: tend.profile("mum"))
    #expect(try tend(["check", "--receiver", "Mum"]).stdout.contains("Fever"))
    // A score of 11: which score, its value, the range.
    try tend(["log", "feeling", "--receiver", "Mum", "--rate", "pain=3", "--text", "ok"])
    let handle = try FileHandle(forWritingTo: tend.journal("mum"))
    handle.seekToEndOfFile()
    handle.write(
      Data(
        (#"{"at":"2026-11-18T21:26:40+01:00","type":"feeling","v":1,"ratings":{"ratedBy":"receiver","scores":{"pain":11}}}"#
          + "\n").utf8))
    try handle.close()
    let read = try tend(["journal"])
    #expect(read.status == 0, "\(read)")
    #expect(
      read.stderr.contains(#"the score "pain" in "ratings" is 11; scores go from 0 to 10"#),
      "\(read)")
    // A cut last line: the complete lines are shown, the cut one is named and set aside.
    try tend(["log", "feeling", "--receiver", "Mum", "--rate", "pain=4", "--text", "second"])
    let size = try FileManager.default.attributesOfItem(atPath: tend.journal("mum").path)[.size]
    #expect(truncate(tend.journal("mum").path, off_t((size as? Int ?? 0) - 25)) == 0)
    let torn = try tend(["journal"])
    #expect(torn.status == 0, "\(torn)")
    #expect(torn.stdout.contains("“ok”") && !torn.stdout.contains("second"), "\(torn)")
    #expect(torn.stderr.contains("journal.jsonl:3: the last line was cut off"), "\(torn)")
    #expect(torn.stderr.contains(".corrupt-"), "\(torn)")
  }
}

/// `lstat` without TendCore (the end-to-end tests use only the binary).
enum SafeLink {
  static func isLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }
}
