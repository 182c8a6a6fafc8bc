import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// `RuleExamplesCache`: the rule examples are skipped only for exactly the files and program
/// they passed on; a changed rule that contradicts its example still fails the load.
@Suite("Rule examples cache")
struct RuleExamplesCacheTests {
  static func copyData() throws -> URL {
    let dir = Fixtures.temporaryDirectory()
    for top in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(top), to: dir.appendingPathComponent(top))
    }
    return dir
  }

  @Test("a pass is recorded with every byte read; the same files load the same catalog")
  func recorded() throws {
    let cache = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: cache) }
    let plain = try Catalog.load(from: Fixtures.packageRoot, languages: ["fr"])
    let cold = try TendCache.$folder.withValue(cache) {
      try Catalog.load(from: Fixtures.packageRoot, languages: ["fr"])
    }
    let record = try Data(contentsOf: cache.appendingPathComponent("rule-examples-en+fr"))
    #expect(record.count > 300_000, "the bytes of every file read")
    let warm = try TendCache.$folder.withValue(cache) {
      try Catalog.load(from: Fixtures.packageRoot, languages: ["fr"])
    }
    for c in [cold, warm] {
      #expect(c.rules.map(\.id) == plain.rules.map(\.id))
      #expect(c.routines.map(\.id) == plain.routines.map(\.id))
      #expect(c.locales["fr"]?.values == plain.locales["fr"]?.values)
    }
    _ = try TendCache.$folder.withValue(cache) { try Catalog.load(from: Fixtures.packageRoot) }
    #expect(
      FileManager.default.fileExists(atPath: cache.appendingPathComponent("rule-examples-en").path))
  }

  @Test("an example contradicted after a recorded pass fails the load")
  func contradicted() throws {
    let cache = Fixtures.temporaryDirectory()
    let data = try Self.copyData()
    defer {
      try? FileManager.default.removeItem(at: cache)
      try? FileManager.default.removeItem(at: data)
    }
    _ = try TendCache.$folder.withValue(cache) { try Catalog.load(from: data) }
    let url = data.appendingPathComponent("Routines/precautions.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let wrong = text.replacingOccurrences(
      of: #"{"conditions": ["low-platelets"], "expect": {"verdict": "adjust", "maxPressure": 1"#,
      with: #"{"conditions": ["low-platelets"], "expect": {"verdict": "adjust", "maxPressure": 3"#)
    #expect(wrong != text)
    try wrong.write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) {
      try TendCache.$folder.withValue(cache) { try Catalog.load(from: data) }
    }
    // A damaged record is not a pass either.
    try text.write(to: url, atomically: true, encoding: .utf8)
    let record = cache.appendingPathComponent("rule-examples-en")
    var bytes = try [UInt8](Data(contentsOf: record))
    bytes[bytes.count / 2] ^= 1
    try Data(bytes).write(to: record)
    try wrong.write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) {
      try TendCache.$folder.withValue(cache) { try Catalog.load(from: data) }
    }
  }
}
