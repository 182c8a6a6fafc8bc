import Foundation
import TendTestSupport
import Testing

@testable import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// `SignsCache`: `Routines/signs.json` read back from the cache is exactly what reading and
/// checking the file gives; a damaged, foreign, shared or linked record is ignored and rebuilt;
/// other file bytes, rules or words never read a stored record.
@Suite("Signs cache")
struct SignsCacheTests {
  static func load(_ catalog: Catalog = Fixtures.catalog) throws -> Signs {
    try Signs.load(from: catalog.folder, catalog: catalog)
  }

  static func cached<T>(_ dir: URL, _ body: () throws -> T) rethrows -> T {
    try TendCache.$folder.withValue(dir) { try body() }
  }

  /// Every stored property compared (`Signs` is not `Equatable`).
  static func same(_ a: Signs, _ b: Signs) -> Bool {
    a.signs == b.signs && a.signs.map(\.overNames) == b.signs.map(\.overNames)
      && a.urgentConcepts == b.urgentConcepts && a.longStandingConcepts == b.longStandingConcepts
      && a.medicalConcepts == b.medicalConcepts && a.urgentWith == b.urgentWith
      && a.encoded() == b.encoded()
  }

  static func slot(_ catalog: Catalog = Fixtures.catalog) throws -> SignsCache.Slot? {
    let url = catalog.folder.appendingPathComponent("Routines/signs.json")
    let bytes = try [UInt8](Data(contentsOf: url))
    let english = Set(catalog.english.values.keys.filter { $0.hasPrefix("vocab.sign.") })
    return SignsCache.Slot(
      name: "Routines/signs.json", bytes: bytes, catalog: catalog, english: english)
  }

  @Test("cold and warm cache give the signs read without one, the record 0600, same bytes")
  func coldWarm() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plain = try Self.load()
    #expect(plain.signs.count > 10)
    #expect(plain.signs.contains { $0.overNames })
    #expect(!plain.urgentWith.isEmpty)
    let cold = try Self.cached(dir) { try Self.load() }
    let url = dir.appendingPathComponent("signs")
    let first = try [UInt8](Data(contentsOf: url))
    let warm = try Self.cached(dir) { try Self.load() }
    #expect(Self.same(cold, plain) && Self.same(warm, plain))
    let slot = try Self.cached(dir) { try Self.slot() }
    #expect(slot?.load().map { Self.same($0, plain) } == true, "the warm load read the record")
    var st = stat()
    #expect(lstat(url.path, &st) == 0 && st.st_mode & 0o777 == 0o600)
    // The same signs always give the same record.
    _ = try? FileManager.default.removeItem(at: url)
    _ = try Self.cached(dir) { try Self.load() }
    #expect(try [UInt8](Data(contentsOf: url)) == first)
  }

  @Test("no cache bound: nothing is kept")
  func unbound() throws {
    #expect(try Self.slot() == nil)
  }

  @Test("a damaged, truncated, foreign, shared or linked record is ignored and stored again")
  func damaged() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plain = try Self.load()
    _ = try Self.cached(dir) { try Self.load() }
    let url = dir.appendingPathComponent("signs")
    let good = try [UInt8](Data(contentsOf: url))
    let slot = try #require(try Self.cached(dir) { try Self.slot() })
    var damages: [(String, [UInt8])] = []
    for offset in [0, 5, 14, 30, good.count / 3, good.count / 2, good.count - 9, good.count - 1] {
      var bad = good
      bad[offset] ^= 0x04
      damages.append(("byte \(offset) changed", bad))
    }
    damages.append(("truncated", Array(good.prefix(good.count - 3))))
    damages.append(("longer", good + [0]))
    damages.append(("empty", []))
    damages.append(("foreign", Array("not a record\n".utf8)))
    for (what, bytes) in damages {
      try Data(bytes).write(to: url)
      chmod(url.path, 0o600)
      #expect(slot.load() == nil, "\(what) is not read")
      let rebuilt = try Self.cached(dir) { try Self.load() }
      #expect(Self.same(rebuilt, plain), "\(what): read from the file")
      #expect(slot.load() != nil, "\(what): stored again")
    }
    chmod(url.path, 0o644 | 0o020)
    #expect(slot.load() == nil, "a record others may write is not read")
    chmod(url.path, 0o600)
    // A link to a good record is not followed.
    let elsewhere = dir.appendingPathComponent("elsewhere")
    try FileManager.default.moveItem(at: url, to: elsewhere)
    try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
    #expect(slot.load() == nil, "a link is not read")
  }

  @Test("a record made from other file bytes, rules or words is never read")
  func otherInputs() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Self.cached(dir) { try Self.load() }
    let slot = try #require(try Self.cached(dir) { try Self.slot() })
    #expect(slot.load() != nil)
    let url = Fixtures.catalog.folder.appendingPathComponent("Routines/signs.json")
    var bytes = try [UInt8](Data(contentsOf: url))
    bytes.append(0x0A)
    let english = Set(
      Fixtures.catalog.english.values.keys.filter { $0.hasPrefix("vocab.sign.") })
    let variants: [(String, SignsCache.Slot?)] = Self.cached(dir) {
      [
        (
          "one byte more in the file",
          SignsCache.Slot(
            name: "Routines/signs.json", bytes: bytes, catalog: Fixtures.catalog,
            english: english)
        ),
        (
          "one English concept fewer",
          SignsCache.Slot(
            name: "Routines/signs.json", bytes: Array(bytes.dropLast()),
            catalog: Fixtures.catalog, english: english.subtracting([english.sorted()[0]]))
        ),
        (
          "another name",
          SignsCache.Slot(
            name: "Routines/other.json", bytes: Array(bytes.dropLast()),
            catalog: Fixtures.catalog, english: english)
        ),
      ]
    }
    for (what, other) in variants {
      let other = try #require(other)
      #expect(other.load() == nil, "\(what)")
    }
  }

  @Test("a changed signs file is read and checked again, through the cache as without it")
  func changedFile() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = Fixtures.temporaryDirectory("tend-signs-data")
    defer { try? FileManager.default.removeItem(at: data) }
    let source = Fixtures.catalog.folder
    for sub in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(sub), to: data.appendingPathComponent(sub))
    }
    let catalog = try Catalog.load(from: data)
    let first = try Self.cached(dir) { try Self.load(catalog) }
    #expect(Self.same(first, try Self.load(catalog)))
    // A sign's rule renamed to one that does not exist: the load fails, with and without it.
    let url = data.appendingPathComponent("Routines/signs.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let rule = try #require(first.signs.first?.rule)
    let broken = text.replacingOccurrences(
      of: "\"rule\": \"\(rule)\"", with: "\"rule\": \"no-such-rule\"")
    #expect(broken != text)
    try broken.write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) { try Self.cached(dir) { try Self.load(catalog) } }
    #expect(throws: CatalogError.self) { try Self.load(catalog) }
    // Another change that still checks: the cache gives what the file now says.
    let moved = text.replacingOccurrences(of: "\n", with: "\n ")
    try moved.write(to: url, atomically: true, encoding: .utf8)
    let plain = try Self.load(catalog)
    let through = try Self.cached(dir) { try Self.load(catalog) }
    #expect(Self.same(through, plain))
    #expect(plain.signs.map(\.line) == first.signs.map(\.line), "lines are where they were")
  }
}
