import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// `LoadedCatalogs`: the conversation's prompt commands reuse the catalog while the data files
/// are unchanged, and read it again (and check it again) when one changes.
@Suite("Loaded catalogs")
struct LoadedCatalogsTests {
  @Test("off until kept: every load reads the data")
  func off() throws {
    let memo = LoadedCatalogs()
    _ = try memo.load(from: Fixtures.packageRoot)
    _ = try memo.load(from: Fixtures.packageRoot)
    #expect(memo.loads == 0, "not counted: straight to Catalog.load")
  }

  @Test("the same files and languages: loaded once; other languages: loaded apart")
  func reused() throws {
    let memo = LoadedCatalogs()
    memo.keep()
    let a = try memo.load(from: Fixtures.packageRoot)
    let b = try memo.load(from: Fixtures.packageRoot)
    #expect(memo.loads == 1)
    #expect(a.rules.map(\.id) == b.rules.map(\.id))
    let fr = try memo.load(from: Fixtures.packageRoot, languages: ["fr"])
    #expect(memo.loads == 2 && fr.locales["fr"] != nil)
    _ = try memo.load(from: Fixtures.packageRoot, languages: ["fr"])
    _ = try memo.load(from: Fixtures.packageRoot)
    #expect(memo.loads == 2)
  }

  @Test("a changed, broken or added data file is read again")
  func changed() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for top in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(top),
        to: dir.appendingPathComponent(top))
    }
    let memo = LoadedCatalogs()
    memo.keep()
    // Files written less than two seconds ago are never kept.
    _ = try memo.load(from: dir)
    _ = try memo.load(from: dir)
    #expect(memo.loads == 2)
    Thread.sleep(forTimeInterval: 2.2)
    _ = try memo.load(from: dir)
    _ = try memo.load(from: dir)
    #expect(memo.loads == 3, "settled data: loaded once")
    let routine = dir.appendingPathComponent("Routines/calm-hands.json")
    let text = try Data(contentsOf: routine)
    // The same bytes written again: the status-change time moves, so it is read again.
    try text.write(to: routine)
    _ = try memo.load(from: dir)
    #expect(memo.loads == 4)
    try Data("{".utf8).write(to: routine)
    #expect(throws: CatalogError.self) { try memo.load(from: dir) }
    try text.write(to: routine)
    _ = try memo.load(from: dir)
    #expect(memo.loads == 5)
    try Data("{}".utf8).write(to: dir.appendingPathComponent("Locales/lexicon/extra.txt"))
    _ = try memo.load(from: dir)
    #expect(memo.loads == 6, "a new file is a change")
  }
}
