import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import tend

/// Words with no recorded language (journal lines written before Tend recorded it) are read for
/// red flags in every language, and an export keeps what they were read as between runs
/// (`SaidReadings`): the FHIR export gives the same Flags and Procedures whether the words are
/// read now, remembered from an earlier run, or the remembered readings are damaged or
/// unusable.
@Suite("Old lines' red flags in FHIR, read now and remembered")
struct OldLineRedFlagFHIRTests {
  /// A red flag in each language Tend has, each read only in its own language.
  static let notes: [(lang: String, words: String, rule: String)] = [
    ("en", "her chest feels tight and she can't catch her breath", "breathing-trouble-sudden"),
    ("es", "le duele mucho el pecho y le falta el aire", "breathing-trouble-sudden"),
    ("fr", "il a l'impression d'étouffer", "breathing-trouble-sudden"),
    ("zh-Hans", "她坐着突然喘不过气来", "breathing-trouble-sudden"),
    ("vi", "tự nhiên khó thở dữ lắm dù đang ngồi yên", "breathing-trouble-sudden"),
  ]

  /// A home with one receiver whose journal holds a session a day with one of `notes` and no
  /// `lang`, then a session with words that are no red flag.
  static func home() throws -> URL {
    let home = Fixtures.temporaryDirectory("old-line-red-flags")
    let made = try RunTend.run(
      ["receivers", "add", "Pat", "--lang", "en"], environment: ["TEND_HOME": home.path])
    #expect(made.status == 0, "\(made.stderr)")
    var lines = ""
    for (i, note) in notes.enumerated() {
      lines +=
        #"{"at":"2026-11-0\#(i + 1)T10:00:00+00:00","by":"Ana","minutes":5,"note":"\#(note.words)","routine":"calm-hands","sites":["left-hand"],"type":"session","v":1}"#
        + "\n"
    }
    lines +=
      #"{"at":"2026-11-07T10:00:00+00:00","by":"Ana","minutes":5,"note":"Felt warm and sleepy.","routine":"calm-hands","type":"session","v":1}"#
      + "\n"
    try lines.write(
      to: home.appendingPathComponent("receivers/pat/journal.jsonl"), atomically: true,
      encoding: .utf8)
    return home
  }

  static func fhir(_ home: URL, cache: URL) throws -> String {
    let run = try RunTend.run(
      [
        "summary", "--receiver", "Pat", "--format", "fhir", "--from", "2026-11-01", "--to",
        "2026-11-10", "--lang", "en",
      ],
      environment: [
        "TEND_HOME": home.path, "XDG_CACHE_HOME": cache.path,
        "SOURCE_DATE_EPOCH": "1796000000", "TZ": "UTC",
      ])
    #expect(run.status == 0, "\(run.stderr)")
    return DeterministicOutputTests.masked(run.stdout)
  }

  @Test("a red flag in each language in old lines: the same Flags read now and remembered")
  func sameFlags() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    // Not kept at all: the cache folder is a link, so nothing is read from it or written to it
    // (the reading as before `SaidReadings`).
    let real = home.appendingPathComponent("real-cache")
    try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
    let linked = home.appendingPathComponent("linked-cache")
    try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: linked.appendingPathComponent("tend"), withDestinationURL: real)
    let unkept = try Self.fhir(home, cache: linked)
    #expect(
      !FileManager.default.fileExists(atPath: real.appendingPathComponent("tend/readings").path))

    let cache = home.appendingPathComponent("cache")
    let cold = try Self.fhir(home, cache: cache)
    let file = cache.appendingPathComponent("tend/readings")
    let kept = try String(contentsOf: file, encoding: .utf8)
    let warm = try Self.fhir(home, cache: cache)
    #expect(cold == unkept)
    #expect(warm == unkept)
    // The file holds readings, never the words.
    #expect(kept.split(separator: "\n").count == Self.notes.count + 2, "\(kept)")
    for note in Self.notes {
      #expect(!kept.contains(note.words))
      #expect(!kept.contains(String(note.words.prefix(6))))
    }
    #expect(kept.contains(Self.notes[0].rule))
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions]
    #expect((mode as? Int) == 0o600)

    // Damaged: every reading changed in one byte (each line's check fails) is read again.
    var damaged = kept.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for i in 1..<damaged.count where !damaged[i].isEmpty {
      damaged[i] = damaged[i].replacingOccurrences(
        of: Self.notes[0].rule, with: "xreathing-trouble-sudden")
      damaged[i] = damaged[i].replacingOccurrences(of: " -", with: " pregnancy,,,")
    }
    try damaged.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    #expect(try Self.fhir(home, cache: cache) == unkept)
    // Another program's or other data's readings (another first line) are not used.
    let forged =
      ["tend-readings 1 " + String(repeating: "0", count: 64)]
      + kept.split(separator: "\n").dropFirst().map {
        String($0).replacingOccurrences(of: Self.notes[0].rule, with: "pregnancy")
      }
    try (forged.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    #expect(try Self.fhir(home, cache: cache) == unkept)

    // What the export says: one Flag per red flag said, naming the rule and the words, in each
    // language; the Procedure keeps its note.
    let data = try #require(unkept.data(using: .utf8))
    let bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let entries = try #require(bundle["entry"] as? [[String: Any]])
    let resources = entries.compactMap { $0["resource"] as? [String: Any] }
    let said = resources.filter { r in
      guard r["resourceType"] as? String == "Flag", let code = r["code"] as? [String: Any],
        let codings = code["coding"] as? [[String: Any]]
      else { return false }
      return codings.contains { $0["code"] as? String == "said-red-flag" }
    }
    #expect(said.count == Self.notes.count, "\(said)")
    for note in Self.notes {
      let flag = said.first { r in
        ((r["code"] as? [String: Any])?["text"] as? String)?.contains(note.words) == true
      }
      let codings = ((flag?["code"] as? [String: Any])?["coding"] as? [[String: Any]]) ?? []
      #expect(codings.contains { $0["code"] as? String == note.rule }, "\(note.lang): \(said)")
      #expect(flag?["status"] as? String == "active", "\(note.lang)")
    }
    let notes = resources.filter { $0["resourceType"] as? String == "Procedure" }.compactMap {
      (($0["note"] as? [[String: Any]])?.first?["text"]) as? String
    }
    #expect(notes == Self.notes.map(\.words) + ["Felt warm and sleepy."])
  }

  @Test("a reading is kept under everything it depends on, and only whole, checked lines")
  func keys() throws {
    let folder = Fixtures.temporaryDirectory("said-readings")
    defer { try? FileManager.default.removeItem(at: folder) }
    func readings(program: String = "p", digest: String = "d") -> SaidReadings {
      SaidReadings(
        folder: folder, program: program, dataDigest: digest, timeZone: "UTC", language: "en",
        available: ["en", "fr"])
    }
    let at = Date(timeIntervalSince1970: 1_796_000_000)
    let stored = [Condition(id: "lymphedema", site: .forearm, side: .left, daysSince: 3)]
    let key = SaidReadings.key(langs: ["en", "fr"], text: "chest pain", at: at, stored: stored)
    let others = [
      SaidReadings.key(langs: ["en"], text: "chest pain", at: at, stored: stored),
      SaidReadings.key(langs: ["en", "fr"], text: "chest pain ", at: at, stored: stored),
      SaidReadings.key(
        langs: ["en", "fr"], text: "chest pain", at: at.addingTimeInterval(1), stored: stored),
      SaidReadings.key(langs: ["en", "fr"], text: "chest pain", at: at, stored: []),
      SaidReadings.key(
        langs: ["en", "fr"], text: "chest pain", at: at,
        stored: [Condition(id: "lymphedema", site: .forearm, side: .left, daysSince: 4)]),
    ]
    #expect(Set(others + [key]).count == others.count + 1)
    let found = [
      Condition(id: "chest-pain"), Condition(id: "dvt", site: .lowerLeg, side: .left, daysSince: 2),
    ]
    readings().add(key, found)
    readings().add(others[0], [])
    #expect(readings().lookup(key) == found)
    #expect(readings().lookup(others[0]) == [])
    #expect(readings().lookup(others[1]) == nil)
    #expect(readings(program: "q").lookup(key) == nil)
    #expect(readings(digest: "e").lookup(key) == nil)
    // Another program's first reading starts the file again.
    readings(program: "q").add(others[2], found)
    #expect(readings().lookup(key) == nil)
    #expect(readings(program: "q").lookup(others[2]) == found)
    // A line cut short is not read; one changed in a byte is not read.
    let file = folder.appendingPathComponent("readings")
    let text = try String(contentsOf: file, encoding: .utf8)
    try String(text.dropLast()).write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    #expect(readings(program: "q").lookup(others[2]) == nil)
    try text.replacingOccurrences(of: "dvt", with: "dvu").write(
      to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    #expect(readings(program: "q").lookup(others[2]) == nil)
    // Others may write it: not read.
    try text.write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o666)
    #expect(readings(program: "q").lookup(others[2]) == nil)
    chmod(file.path, 0o600)
    #expect(readings(program: "q").lookup(others[2]) == found)
    // What the form cannot carry is not kept.
    #expect(SaidReadings.line(key, [Condition(id: "a b")]) == nil)
    #expect(SaidReadings.line(key, [Condition(id: "a;b")]) == nil)
  }
}
