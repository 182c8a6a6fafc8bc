import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Outside tester, round 5 (F8, F10): `settings.json` is as strict as a profile and never read
/// through a link; profile and journal errors say what is there and which value is wrong.
@Suite("Settings and data errors (outside tester, round 5)")
struct StrangerRoundFiveTests {
  func home(_ settings: String?) throws -> URL {
    let home = Fixtures.temporaryDirectory()
    if let settings {
      try Data(settings.utf8).write(to: RegionSetting.file(home: home))
    }
    return home
  }

  func malformed(_ text: String) throws -> (line: Int, column: Int, field: String, reason: String) {
    let home = try home(text)
    defer { try? FileManager.default.removeItem(at: home) }
    do {
      let values = try SettingsFile.read(home: home)
      Issue.record("accepted: \(String(describing: values))")
    } catch {
      guard case .malformed(_, let line, let column, let field, let reason) = error else {
        Issue.record("\(error)")
        return (0, 0, "", "")
      }
      return (line, column, field, reason)
    }
    return (0, 0, "", "")
  }

  @Test("a link at settings.json is refused: the number never comes from a file elsewhere")
  func settingsLink() throws {
    let home = try home(nil)
    let victim = Fixtures.temporaryDirectory().appendingPathComponent("victim")
    defer { try? FileManager.default.removeItem(at: home) }
    try Data(#"{"v":1,"region":"US"}"#.utf8).write(to: victim)
    #expect(symlink(victim.path, RegionSetting.file(home: home).path) == 0)
    #expect(
      throws: SettingsError.refused(
        StorageError.refused(path: RegionSetting.file(home: home).path, why: .link))
    ) {
      try SettingsFile.read(home: home)
    }
    let setting = RegionSetting.resolve(environment: ["LANG": "en_GB.UTF-8"], home: home)
    #expect(setting.region == "GB" && setting.origin == .locale)
    #expect(setting.problem?.message.key == "journal.storage.link")
    // Nothing is written over or through the link.
    #expect(throws: SettingsError.self) { try RegionSetting.store("FR", home: home) }
    #expect(throws: SettingsError.self) { try CueSetting.store(false, home: home) }
    #expect(SafeFile.isLink(RegionSetting.file(home: home).path))
    #expect(try String(contentsOf: victim, encoding: .utf8) == #"{"v":1,"region":"US"}"#)
  }

  @Test("unknown keys are named with a suggestion; broken files with line and column")
  func settingsStrict() throws {
    var e = try malformed(#"{"v":1,"regin":"GB"}"#)
    #expect(e.field == "regin" && e.reason.contains(#"did you mean "region""#))
    #expect(e.line == 1 && e.column == 16)
    e = try malformed(#"{"v":1,"region":"GB","foo":1}"#)
    #expect(e.field == "foo" && e.reason.contains(#"only "v", "region" and "cue""#))
    e = try malformed("{\n  \"v\": 1,\n  \"regi")
    #expect(e.line == 3 && e.field == "syntax")
    e = try malformed(#"{"region":"GB"}"#)
    #expect(e.field == "v" && e.reason.contains("missing"))
    e = try malformed(#"{"v":2,"region":"GB"}"#)
    #expect(e.field == "v" && e.reason.contains("newer"))
    e = try malformed(#"{"v":1,"region":"GBR"}"#)
    #expect(e.field == "region" && e.reason.contains(#"found "GBR""#))
    e = try malformed(#"{"v":1,"cue":"yes"}"#)
    #expect(e.field == "cue" && e.reason.contains("true or false"))
    e = try malformed(#"{"v":1,"region":"GB","region":"US"}"#)
    #expect(e.field == "syntax" || e.field == "region")
  }

  @Test("a good file, a byte-order mark and nulls read as meant")
  func settingsGood() throws {
    for text in [
      #"{"v":1,"region":"gb","cue":false}"#, "\u{FEFF}" + #"{"v":1,"region":"GB","cue":false}"#,
    ] {
      let home = try home(text)
      defer { try? FileManager.default.removeItem(at: home) }
      #expect(try SettingsFile.read(home: home) == SettingsFile.Values(region: "GB", cue: false))
    }
    let home = try home(#"{"v":1,"region":null}"#)
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try SettingsFile.read(home: home) == SettingsFile.Values(region: nil, cue: nil))
    try RegionSetting.store("FR", home: home)
    #expect(try RegionSetting.stored(home: home) == "FR")
  }

  @Test("a profile with a byte-order mark reads; a stray character is named by code point")
  func byteOrderMark() throws {
    let good = #"{"v":1,"id":"mum","name":"Mum","conditions":[]}"#
    let bom = [UInt8]([0xEF, 0xBB, 0xBF]) + Array(good.utf8)
    #expect(try ProfileReader.read(bom, file: "p", folderID: "mum").name == "Mum")
    do {
      _ = try ProfileReader.read(Array("\u{7}".utf8) + Array(good.utf8), file: "p", folderID: "mum")
      Issue.record("accepted")
    } catch {
      #expect("\(error.errorDescription ?? "")".contains("found U+0007"), "\(error)")
    }
    // Two marks: the second is what stands where the value should begin.
    do {
      _ = try ProfileReader.read([0xEF, 0xBB, 0xBF] + bom, file: "p", folderID: "mum")
      Issue.record("accepted")
    } catch {
      #expect((error.errorDescription ?? "").contains("byte-order mark"), "\(error)")
      #expect((error.errorDescription ?? "").contains("p:1:1:"), "\(error)")
    }
  }

  @Test("an unknown condition id is located: line, column and field")
  func conditionLocation() throws {
    let text = """
      {
        "v": 1, "id": "mum", "name": "Mum",
        "conditions": [
          "fever",
          {"id": "warfarin-x", "site": "forearm"}
        ]
      }
      """
    let at = try #require(ProfileReader.conditionLocation(Array(text.utf8), index: 1))
    #expect(at.line == 5 && at.column == 12 && at.field == "conditions[1].id", "\(at)")
    let spec = try #require(ProfileReader.conditionLocation(Array(text.utf8), index: 0))
    #expect(spec.line == 4 && spec.field == "conditions[0]")
    #expect(ProfileReader.conditionLocation(Array(text.utf8), index: 5) == nil)
  }

  @Test("a score out of range says which score, its value and the range")
  func journalScore() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let lines = [
      #"{"at":"2026-11-18T21:26:40+01:00","type":"feeling","v":1,"ratings":{"ratedBy":"receiver","scores":{"pain":11}}}"#,
      #"{"at":"2026-11-18T21:26:40+01:00","type":"feeling","v":1,"ratings":{"ratedBy":"receiver","scores":{"pian":3}}}"#,
      #"{"at":"2026-11-18T21:26:40+01:00","type":"session","v":1,"routine":"calm-hands","after":{"ratedBy":"receiver","scores":{"mood":2.5}}}"#,
    ]
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    var reasons: [String] = []
    try JournalReader(url: url).forEach { item in
      if case .problem(.malformedLine(_, _, let reason)) = item { reasons.append(reason) }
    }
    #expect(reasons.count == 3)
    #expect(reasons.first == #"the score "pain" in "ratings" is 11; scores go from 0 to 10"#)
    #expect(
      reasons.dropFirst().first?.contains(#"unknown score "pian"; did you mean "pain"?"#) == true)
    #expect(reasons.last?.contains(#"the score "mood" in "after" is not a whole number"#) == true)
  }
}
