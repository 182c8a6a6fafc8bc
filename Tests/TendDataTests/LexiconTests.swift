import Foundation
import TendCore
import TendTestSupport
import Testing

/// The word lists in `Locales/lexicon/` (built by `build-lexicon.py`): each names its sources,
/// is sorted for binary search, and holds words exactly as the tokenizer normalises them, so a
/// look-up never misses a word because the two disagree.
@Suite("Lexicon")
struct LexiconTests {
  static let folder = Fixtures.packageRoot.appendingPathComponent("Locales/lexicon")
  static let files = [
    "medical.txt", "common-en.txt", "common-es.txt", "common-fr.txt", "common-vi.txt",
  ]

  @Test(
    "each list names its sources, loads, and holds only normalised single words", arguments: files)
  func normalised(_ name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("# ") == true)
    #expect(lines.first?.contains("wordfreq 3.1.1") == true, "\(name) names its sources")
    let list = try WordList(contentsOf: Self.folder.appendingPathComponent(name), name: name)
    #expect(list.count == lines.count - 1)
    #expect(list.count > 5000)
    var bad: [String] = []
    for line in lines.dropFirst() where TextTokens.words(line, marks: .strip) != [line] {
      bad.append(line)
    }
    #expect(bad.isEmpty, "\(name): \(bad.prefix(5)) are not as the tokenizer reads them")
    for word in lines.dropFirst().prefix(200) { #expect(list.contains(word)) }
  }

  @Test("look-ups: medical words, everyday words, typos and names")
  func lookups() throws {
    let en = try Lexicon.load(from: Fixtures.packageRoot, lang: "en")
    #expect(en.medical.contains("myasthenia"))
    #expect(en.medical.contains("baclofen"))
    #expect(en.medical.contains("eliquis"))
    #expect(!en.medical.contains("chest"))
    #expect(en.isCommon("grandma"))
    #expect(!en.isCommon("folfox"))
    #expect(en.isTypoOfCommon("tommorow"))
    #expect(!en.isTypoOfCommon("folfox"))
    let es = try Lexicon.load(from: Fixtures.packageRoot, lang: "es")
    #expect(es.isCommonInOwnLanguage("rodilla"))
    #expect(!en.isCommonInOwnLanguage("grandma"), "English has no list apart from medicine")
  }

  @Test("an unsorted list is a data error naming its line")
  func unsorted() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("bad.txt")
    try "# header\napple\nbanana\naardvark\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) { try WordList(contentsOf: url, name: "bad.txt") }
  }
}
