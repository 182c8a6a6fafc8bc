import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every key the code uses exists in English, and placeholders are consistent.
@Suite("Locales")
struct LocaleTests {
  /// Message keys written literally in Sources/ (`Message("…")`, `t("…")`, `localizer("…")`).
  static func keysUsedInCode() throws -> Set<String> {
    let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
    var keys = Set<String>()
    let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      let text = try String(contentsOf: url, encoding: .utf8)
      for marker in ["Message(\"", " t(\"", "(t(\"", "app.t(\"", "localizer(\""] {
        var rest = Substring(text)
        while let start = rest.range(of: marker) {
          let after = rest[start.upperBound...]
          guard let end = after.firstIndex(of: "\"") else { break }
          let key = String(after[..<end])
          if !key.contains("\\(") && key.contains(".") { keys.insert(key) }
          rest = after[end...]
        }
      }
    }
    return keys
  }

  @Test("every literal key used by the code exists in en.json")
  func keysExist() throws {
    let english = Fixtures.catalog.english
    let used = try Self.keysUsedInCode()
    #expect(used.count > 25)
    for key in used.sorted() { #expect(english[key] != nil, "missing en.json key \(key)") }
  }

  @Test("every site, side, position, technique and pressure has a name")
  func vocabularyNames() {
    let english = Fixtures.catalog.english
    for site in BodySite.allCases { #expect(english["site.\(site.rawValue)"] != nil) }
    for side in Side.allCases { #expect(english["side.\(side.rawValue)"] != nil) }
    for position in Position.allCases { #expect(english["position.\(position.rawValue)"] != nil) }
    for technique in Step.Technique.allCases {
      #expect(english["technique.\(technique.rawValue)"] != nil)
    }
    for p in Pressure.allCases { #expect(english["pressure.\(p.rawValue)"] != nil) }
  }

  @Test("plural forms of one key use the same placeholders")
  func pluralPlaceholders() {
    for (key, value) in Fixtures.catalog.english.values {
      guard case .plural(let forms) = value else { continue }
      let sets = Set(forms.values.map { LocaleTable.placeholders(in: .text($0)) })
      #expect(sets.count == 1, "\(key): forms use different placeholders")
    }
  }
}
