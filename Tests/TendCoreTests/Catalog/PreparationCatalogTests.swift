import Foundation
import TendCore
import TendTestSupport
import Testing

/// A broken `Routines/preparation.json` is an error naming file, line and field: no catalog,
/// so no advice (fail closed).
@Suite("Preparation catalog errors")
struct PreparationCatalogTests {
  static let shipped: String = {
    let url = Fixtures.packageRoot.appendingPathComponent("Routines/preparation.json")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  func loadError(_ text: String) throws -> String? {
    let dir = Fixtures.temporaryDirectory("tend-data")
    defer { try? FileManager.default.removeItem(at: dir) }
    for sub in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
    }
    try Data(text.utf8).write(to: dir.appendingPathComponent("Routines/preparation.json"))
    do {
      _ = try Catalog.load(from: dir)
      return nil
    } catch {
      return error.errorDescription
    }
  }

  func replacing(_ old: String, _ new: String) -> String {
    precondition(Self.shipped.contains(old), "the shipped file changed: \(old)")
    return Self.shipped.replacingOccurrences(of: old, with: new)
  }

  @Test("the shipped file loads")
  func shippedLoads() throws {
    #expect(try loadError(Self.shipped) == nil)
  }

  @Test("a source that names no handout section or no rule")
  func unknownSource() throws {
    let a = try loadError(replacing(#""handout:room", "handout:clothing""#, #""handout:kitchen""#))
    #expect(a?.contains("Routines/preparation.json:") == true)
    #expect(a?.contains("names no handout section and no rule") == true)
    let b = try loadError(replacing(#""rule:port"]"#, #""rule:prot"]"#))
    #expect(
      b?.contains("\"rule:port\" is in when.anyRule") == true || b?.contains("names no") == true)
  }

  @Test("an unknown rule in a condition, an unknown position, a missing text, a missing position")
  func inconsistencies() throws {
    let rule = try loadError(replacing(#"{"anyRule": ["port"]}"#, #"{"anyRule": ["prot"]}"#))
    #expect(rule?.contains("unknown condition id \"prot\"") == true)
    let position = try loadError(
      replacing(#"{"position": "seated"}"#, #"{"position": "standing"}"#))
    #expect(position?.contains("unknown value \"standing\"") == true)
    let words = try loadError(
      replacing(#"{"id": "room", "section""#, #"{"id": "room-new", "section""#))
    #expect(words?.contains("prep.item.room-new") == true)
    let missing = try loadError(
      replacing(
        #"{"id": "seated", "section": "position", "when": {"position": "seated"}, "sources": ["handout:comfort"]},"#,
        ""))
    #expect(missing?.contains("no item says how to set up seated") == true)
    let field = try loadError(
      replacing(
        #""per": "condition", "sources": ["handout:comfort", "rule:port"]"#,
        #""per": "place", "sources": ["handout:comfort", "rule:port"]"#))
    #expect(field?.contains("[items[") == true)
  }
}
