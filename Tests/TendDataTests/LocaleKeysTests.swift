import Foundation
import TendCore
import TendTestSupport
import Testing

/// `LocaleKeys.used` (what a language load checks English against) is exactly the set of keys
/// the code writes literally; `TEND_RECORD_SNAPSHOTS=1` regenerates the file, and fails once.
@Suite("Locale keys the code uses")
struct LocaleKeysTests {
  @Test("LocaleKeys.swift lists exactly the literal keys in Sources/")
  func upToDate() throws {
    let used = try LocaleTests.keysUsedInCode()
    if Set(LocaleKeys.used) == used, LocaleKeys.used == LocaleKeys.used.sorted() { return }
    let missing = used.subtracting(LocaleKeys.used).sorted()
    let extra = Set(LocaleKeys.used).subtracting(used).sorted()
    if ProcessInfo.processInfo.environment["TEND_RECORD_SNAPSHOTS"] == "1" {
      let file = Fixtures.packageRoot.appendingPathComponent(
        "Sources/TendCore/Language/LocaleKeys.swift")
      let old = try String(contentsOf: file, encoding: .utf8)
      guard let open = old.range(of: "= [\n"), let close = old.range(of: "  ]\n}") else {
        Issue.record("cannot find the list in LocaleKeys.swift")
        return
      }
      let body = used.sorted().map { "    \"\($0)\",\n" }.joined()
      try Data((old[..<open.upperBound] + body + old[close.lowerBound...]).utf8).write(to: file)
      Issue.record("rewrote LocaleKeys.swift (\(used.count) keys); review it and run again")
      return
    }
    Issue.record(
      """
      LocaleKeys.swift is out of date: missing \(missing.prefix(5)), extra \(extra.prefix(5)).
      Run TEND_RECORD_SNAPSHOTS=1 swift test --filter LocaleKeys
      """)
  }

  @Test("a language that lacks a key, or has other placeholders, stops loading with its line")
  func languageChecks() throws {
    let catalog = Fixtures.catalog
    var values = try #require(catalog.locales["fr"]).values
    values["check.coach"] = nil
    let noCoach = LocaleTable(lang: "fr", values: values)
    #expect(throws: CatalogError.self) { try catalog.checkLanguage(noCoach) }
    var english = catalog.english.values
    english["check.coach"] = nil
    do {
      try catalog.checkLanguage(LocaleTable(lang: "en", values: english))
      Issue.record("English without check.coach must not load")
    } catch {
      #expect("\(error)".contains("check.coach"))
    }
    values = try #require(catalog.locales["es"]).values
    values["summary.warning.unreadableLines"] = .text("%{count} líneas")
    let lines = try #require(catalog.locales["es"]).lines
    do {
      try catalog.checkLanguage(LocaleTable(lang: "es", values: values, lines: lines))
      Issue.record("a missing placeholder must not load")
    } catch {
      guard case .malformed(let file, let line, _, let field, let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "Locales/es.json" && field == "summary.warning.unreadableLines")
      #expect(line == lines["summary.warning.unreadableLines"])
      #expect(reason.contains("lines"))
    }
  }
}
