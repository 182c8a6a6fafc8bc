import Foundation
import TendCore
import TendTestSupport
import Testing

/// The data checks itself at load: a rule edited against its own examples does not load.
@Suite("The catalog checks its own examples")
struct CatalogSelfCheckTests {
  /// A copy of the shipped data with one edit to a rule in precautions.json.
  static func load(editing id: String, _ field: String, to value: String) throws -> CatalogError? {
    let copy = Fixtures.temporaryDirectory("tend-selfcheck")
    defer { try? FileManager.default.removeItem(at: copy) }
    for name in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(name), to: copy.appendingPathComponent(name)
      )
    }
    let file = copy.appendingPathComponent("Routines/precautions.json")
    var text = try String(contentsOf: file, encoding: .utf8)
    let rule = try #require(text.range(of: "\"id\": \"\(id)\""))
    let key = try #require(text.range(of: "\"\(field)\": ", range: rule.upperBound..<text.endIndex))
    let end = try #require(text[key.upperBound...].firstIndex(of: ","))
    text.replaceSubrange(key.upperBound..<end, with: value)
    try Data(text.utf8).write(to: file)
    do {
      _ = try Catalog.load(from: copy)
      return nil
    } catch {
      return error
    }
  }

  @Test(
    "fever's verdict edited to ok, or the blood-thinner ceiling raised to 3: exit-65 data errors naming line and rule",
    arguments: [("fever", "verdict", "\"ok\""), ("anticoagulants", "maxPressure", "3")])
  func contradiction(_ id: String, _ field: String, _ value: String) throws {
    let error = try #require(try Self.load(editing: id, field, to: value), "the edit was accepted")
    guard case .malformed(let file, let line, _, let path, let reason) = error else {
      Issue.record("\(error)")
      return
    }
    #expect(file == "Routines/precautions.json")
    let example = try #require(
      Fixtures.catalog.rule(id)?.examples.first { $0.line == line }, "line \(line) is no example")
    #expect(!example.conditions.isEmpty)
    #expect(path == "\(id).examples")
    #expect(reason.contains("rule \(id)"), "\(reason)")
  }

  @Test("the shipped rules agree with every one of their examples")
  func shipped() throws {
    #expect(Fixtures.catalog.rules.reduce(0) { $0 + $1.examples.count } > 100)
  }
}
