import Foundation
import TendCore
import TendTestSupport
import Testing

/// `TendVersion`: the rules' `v` and a digest that changes with any data file.
@Suite("Tend version")
struct TendVersionTests {
  /// A small data folder: the real precautions file and English, plus a lexicon file.
  static func folder() throws -> URL {
    let dir = Fixtures.temporaryDirectory("tend-version")
    let fm = FileManager.default
    try fm.createDirectory(
      at: dir.appendingPathComponent("Locales/lexicon"), withIntermediateDirectories: true)
    try fm.createDirectory(
      at: dir.appendingPathComponent("Routines"), withIntermediateDirectories: true)
    for name in ["Routines/precautions.json", "Locales/en.json"] {
      try fm.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(name),
        to: dir.appendingPathComponent(name))
    }
    try Data("heart\n".utf8).write(to: dir.appendingPathComponent("Locales/lexicon/medical.txt"))
    return dir
  }

  @Test("reads the rules' v and a 12-digit digest; the same folder gives the same digest")
  func reads() throws {
    let dir = try Self.folder()
    let version = try TendVersion.of(folder: dir)
    #expect(version.rules == 1 && version.tend == TendVersion.program)
    #expect(version.data.count == 12 && version.data.allSatisfy(\.isHexDigit))
    #expect(try TendVersion.of(folder: dir) == version)
    #expect(
      try TendVersion.dataFiles(folder: dir) == [
        "Locales/en.json", "Locales/lexicon/medical.txt", "Routines/precautions.json",
      ])
  }

  @Test("changing, adding, renaming or removing any data file changes the digest")
  func changes() throws {
    let dir = try Self.folder()
    let fm = FileManager.default
    var seen = Set([try TendVersion.dataDigest(folder: dir)])
    let lexicon = dir.appendingPathComponent("Locales/lexicon/medical.txt")
    try Data("heart\nlung\n".utf8).write(to: lexicon)
    #expect(seen.insert(try TendVersion.dataDigest(folder: dir)).inserted)
    try Data("{}".utf8).write(to: dir.appendingPathComponent("Routines/extra.json"))
    #expect(seen.insert(try TendVersion.dataDigest(folder: dir)).inserted)
    try fm.moveItem(
      at: dir.appendingPathComponent("Routines/extra.json"),
      to: dir.appendingPathComponent("Routines/other.json"))
    #expect(seen.insert(try TendVersion.dataDigest(folder: dir)).inserted)
    try fm.removeItem(at: lexicon)
    #expect(seen.insert(try TendVersion.dataDigest(folder: dir)).inserted)
  }

  @Test("the digest is SHA-256 of path, length and bytes of each file, in path order")
  func definition() throws {
    let dir = try Self.folder()
    var expected: [UInt8] = []
    for name in try TendVersion.dataFiles(folder: dir) {
      let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
      expected += Array(name.utf8) + [0] + Array(String(bytes.count).utf8) + [0] + bytes
    }
    #expect(try TendVersion.dataDigest(folder: dir) == SHA256.hex(expected))
  }

  @Test("rules newer than this Tend, or missing, are an error naming the file")
  func failsClosed() throws {
    let dir = try Self.folder()
    let rules = dir.appendingPathComponent("Routines/precautions.json")
    let text = try String(contentsOf: rules, encoding: .utf8)
    try text.replacingOccurrences(of: "\"v\": 1,", with: "\"v\": 99,").write(
      to: rules, atomically: true, encoding: .utf8)
    let error = #expect(throws: CatalogError.self) { try TendVersion.of(folder: dir) }
    #expect(error?.localizedDescription.contains("Routines/precautions.json") == true)
    try FileManager.default.removeItem(at: rules)
    #expect(throws: CatalogError.self) { try TendVersion.of(folder: dir) }
  }

  @Test("the token CSV and FHIR carry reads back; anything else does not")
  func token() {
    let v = TendVersion(tend: "1.2.3", rules: 4, data: "abcdefabcdef")
    #expect(v.token == "tend 1.2.3; rules v4; data abcdefabcdef")
    #expect(TendVersion(token: v.token) == v)
    #expect(TendVersion(token: "tend 1.2.3") == nil)
    #expect(TendVersion(token: "tend 1; rules vX; data a") == nil)
  }
}
