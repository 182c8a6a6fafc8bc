import Foundation
import TendTestSupport
import Testing

@testable import TendCore

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// `CatalogCache`: the compiled catalog is used only for exactly the files and program it was
/// made from, reads back as exactly the catalog the data gives, and never changes advice; a
/// damaged, odd or foreign record is ignored.
@Suite("Catalog cache")
struct CatalogCacheTests {
  static let root = Fixtures.packageRoot

  /// Every language alone besides English, and English alone.
  static var languageSets: [[String]] {
    [[]] + Catalog.availableLanguages(in: root).filter { $0 != "en" }.map { [$0] }
  }

  static func copyData() throws -> URL {
    let dir = Fixtures.temporaryDirectory()
    for top in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: root.appendingPathComponent(top), to: dir.appendingPathComponent(top))
    }
    return dir
  }

  /// The advice of every rule alone, and of no condition, in `lang`, as `tend check --json`
  /// prints it (every routine planned, every message rendered).
  static func advice(_ catalog: Catalog, _ lang: String) throws -> [String] {
    let checker = SafetyChecker(catalog: catalog)
    let t = catalog.localizer(lang)
    var out: [String] = []
    for conditions in [[]] + catalog.rules.map({ [Condition(id: $0.id)] }) {
      let result = try checker.check(conditions)
      out.append(try CheckReport(result, localizer: t).jsonText())
    }
    return out
  }

  @Test("cold and warm, every language: the same catalog and the same advice as from the data")
  func sameCatalog() throws {
    let cache = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: cache) }
    for languages in Self.languageSets {
      let plain = try Catalog.load(from: Self.root, languages: languages)
      #expect(CatalogCache.load(from: Self.root, languages: languages, in: cache) == nil)
      let cold = try TendCache.$folder.withValue(cache) {
        try Catalog.load(from: Self.root, languages: languages)
      }
      let kept = try #require(
        CatalogCache.load(from: Self.root, languages: languages, in: cache),
        "a record for \(languages) after a load with the cache bound")
      let warm = try TendCache.$folder.withValue(cache) {
        try Catalog.load(from: Self.root, languages: languages)
      }
      #expect(cold == plain)
      #expect(kept == plain, "every rule, routine, locale key and line for \(languages)")
      #expect(warm == plain)
      // And field by field, so a failure says where.
      #expect(kept.rules == plain.rules)
      #expect(kept.routines == plain.routines)
      #expect(kept.english == plain.english)
      #expect(kept.locales == plain.locales)
      #expect(kept.escalations == plain.escalations)
      #expect(kept.techniques == plain.techniques)
      #expect(kept.emergencyNumbers == plain.emergencyNumbers)
      #expect(kept.preparation == plain.preparation)
      for rule in plain.rules { #expect(kept.rule(rule.id) == rule) }
      for routine in plain.routines { #expect(kept.routine(routine.id) == routine) }
      try kept.checkExamples()
      #expect(try TendVersion.of(kept) == TendVersion.of(folder: Self.root))
      let lang = languages.first ?? "en"
      #expect(try Self.advice(kept, lang) == Self.advice(plain, lang), "advice in \(lang)")
    }
  }

  @Test("the files it keys on are exactly the files a load reads, in the same order")
  func inputsAreWhatIsRead() throws {
    for languages in Self.languageSets {
      let log = ReadLog()
      _ = try Catalog.$readLog.withValue(log) {
        try Catalog.loadFiles(from: Self.root, languages: languages)
      }
      let inputs = try #require(CatalogCache.inputs(of: Self.root, languages: languages))
      #expect(inputs == log.bytes, "names and bytes for \(languages)")
    }
  }

  @Test("a damaged, truncated, lengthened, shared, linked or other-language record is ignored")
  func tampered() throws {
    let cache = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: cache) }
    let plain = try Catalog.load(from: Self.root)
    _ = try TendCache.$folder.withValue(cache) { try Catalog.load(from: Self.root) }
    let url = try #require(CatalogCache.url(in: cache, languages: []))
    let good = try [UInt8](Data(contentsOf: url))
    func write(_ bytes: [UInt8], mode: mode_t = 0o600) throws {
      unlink(url.path)
      try Data(bytes).write(to: url)
      chmod(url.path, mode)
    }
    func ignored(_ what: String) throws {
      #expect(CatalogCache.load(from: Self.root, languages: [], in: cache) == nil, "\(what)")
      // The load still gives the catalog of the data, and stores a good record again.
      let loaded = try TendCache.$folder.withValue(cache) { try Catalog.load(from: Self.root) }
      #expect(loaded == plain, "\(what)")
    }
    // One bit flipped anywhere: the magic, the checksum, the key, the catalog.
    var offsets = Array(0..<64) + Array(stride(from: 64, to: good.count, by: good.count / 97))
    offsets += Array((good.count - 64)..<good.count)
    for offset in offsets {
      var bytes = good
      bytes[offset] ^= 0x10
      try write(bytes)
      try ignored("bit flipped at \(offset)")
    }
    try write(Array(good.prefix(good.count / 2)))
    try ignored("truncated")
    try write(good + [0])
    try ignored("one byte longer")
    try write([])
    try ignored("empty")
    try write(good, mode: 0o620)
    try ignored("group-writable")
    try write(good, mode: 0o602)
    try ignored("world-writable")
    if geteuid() == 0 {
      try write(good)
      chown(url.path, 65534, 65534)
      try ignored("another user's")
    }
    // A link to a good record is not followed.
    let aside = cache.appendingPathComponent("aside")
    try Data(good).write(to: aside)
    chmod(aside.path, 0o600)
    unlink(url.path)
    symlink(aside.path, url.path)
    try ignored("a link")
    // Another language's record under this name: its key names other files.
    _ = try TendCache.$folder.withValue(cache) {
      try Catalog.load(from: Self.root, languages: ["fr"])
    }
    let fr = try [UInt8](
      Data(contentsOf: try #require(CatalogCache.url(in: cache, languages: ["fr"]))))
    try write(fr)
    try ignored("the French record")
    // After all that, a good record is back and used.
    #expect(CatalogCache.load(from: Self.root, languages: [], in: cache) == plain)
  }

  @Test("a changed, added or removed data file is read and checked again")
  func changedData() throws {
    let cache = Fixtures.temporaryDirectory()
    let data = try Self.copyData()
    defer {
      try? FileManager.default.removeItem(at: cache)
      try? FileManager.default.removeItem(at: data)
    }
    func load() throws -> Catalog {
      try TendCache.$folder.withValue(cache) { try Catalog.load(from: data) }
    }
    let before = try load()
    #expect(CatalogCache.load(from: data, languages: [], in: cache) != nil)
    // One word of one locale text.
    let en = data.appendingPathComponent("Locales/en.json")
    let text = try String(contentsOf: en, encoding: .utf8)
    let title = try #require(before.english["routine.calm-hands.title"])
    guard case .text(let words) = title else { Issue.record("not text"); return }
    let changed = text.replacingOccurrences(of: "\"\(words)\"", with: "\"\(words)!\"")
    #expect(changed != text)
    try changed.write(to: en, atomically: true, encoding: .utf8)
    let after = try load()
    #expect(after.english["routine.calm-hands.title"] == .text(words + "!"))
    #expect(after == (try Catalog.load(from: data)))
    // A routine file added that the data does not support (no words for it): the load fails as
    // without the cache, and keeps failing.
    let routine = data.appendingPathComponent("Routines/calm-hands.json")
    let added = data.appendingPathComponent("Routines/calm-hands-again.json")
    let json = try String(contentsOf: routine, encoding: .utf8)
      .replacingOccurrences(of: "\"calm-hands\"", with: "\"calm-hands-again\"")
    try json.write(to: added, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) { try Catalog.load(from: data) }
    #expect(throws: CatalogError.self) { try load() }
    #expect(throws: CatalogError.self) { try load() }
    // Removed again: the catalog of the files there now.
    try FileManager.default.removeItem(at: added)
    #expect(try load() == after)
    // A rule made to contradict its own example fails the load, cache or not.
    let rules = data.appendingPathComponent("Routines/precautions.json")
    let original = try String(contentsOf: rules, encoding: .utf8)
    let wrong = original.replacingOccurrences(
      of: #"{"conditions": ["low-platelets"], "expect": {"verdict": "adjust", "maxPressure": 1"#,
      with: #"{"conditions": ["low-platelets"], "expect": {"verdict": "adjust", "maxPressure": 3"#)
    #expect(wrong != original)
    try wrong.write(to: rules, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) { try load() }
  }

  @Test("the same catalog always gives the same record bytes")
  func deterministic() throws {
    let catalog = try Catalog.load(from: Self.root, languages: ["fr"])
    let again = try Catalog.load(from: Self.root, languages: ["fr"])
    #expect(catalog.encoded() == again.encoded())
    let bytes = catalog.encoded()
    let decoded = try bytes.withUnsafeBytes { raw in
      var r = CacheReader(raw)
      let c = try Catalog(decoding: &r, folder: Self.root)
      #expect(r.atEnd)
      return c
    }
    #expect(decoded == catalog)
    #expect(decoded.encoded() == bytes)
  }
}
