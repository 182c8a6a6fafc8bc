import Foundation
import TendTestSupport
import Testing

@testable import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// `RecognizerCache`: a recognizer built from the cache is the one built from the data, for
/// every language, cold and warm; a damaged, foreign or outdated cache is ignored and rebuilt.
@Suite("Recognizer cache")
struct RecognizerCacheTests {
  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]

  static func vocabulary(_ lang: String, _ marks: TextTokens.Marks) throws -> Vocabulary {
    try Vocabulary(
      localizer: Fixtures.catalog.localizer(lang), ruleIDs: Set(Fixtures.catalog.rules.map(\.id)),
      marks: marks)
  }

  static func cached<T>(_ dir: URL, _ body: () throws -> T) rethrows -> T {
    try TendCache.$folder.withValue(dir) { try body() }
  }

  static let cases: [(String, TextTokens.Marks)] =
    languages.map { ($0, .latin1) } + [("vi", .keep), ("vi", .strip)]

  @Test("the stored vocabulary reads back as the same value, every language and way of marks")
  func roundTrip() throws {
    for (lang, marks) in Self.cases {
      let built = try Self.vocabulary(lang, marks)
      let bytes = built.encoded()
      let again = try bytes.withUnsafeBytes { raw -> [UInt8] in
        var reader = CacheReader(raw)
        let decoded = try Vocabulary(decoding: &reader)
        #expect(reader.atEnd)
        return decoded.encoded()
      }
      #expect(again == bytes, "\(lang) \(marks)")
      #expect(bytes.count > 1000)
    }
  }

  @Test("cold and warm cache give the vocabulary built without one, file 0600")
  func coldWarm() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (lang, marks) in Self.cases {
      let plain = try Self.vocabulary(lang, marks).encoded()
      let cold = try Self.cached(dir) { try Self.vocabulary(lang, marks) }.encoded()
      let warm = try Self.cached(dir) { try Self.vocabulary(lang, marks) }.encoded()
      #expect(cold == plain && warm == plain, "\(lang) \(marks)")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.hasPrefix("vocabulary-") }
    #expect(files.count == Self.cases.count)
    for name in files {
      var st = stat()
      #expect(stat(dir.appendingPathComponent(name).path, &st) == 0)
      #expect(st.st_mode & 0o777 == 0o600, "\(name)")
    }
  }

  /// The slot's file after one build, for the damage tests.
  static func storedFile(_ dir: URL, lang: String = "fr") throws -> (URL, RecognizerCache.Slot) {
    _ = try cached(dir) { try vocabulary(lang, .latin1) }
    let slot = try #require(
      cached(dir) {
        RecognizerCache.Slot(
          localizer: Fixtures.catalog.localizer(lang),
          ruleIDs: Set(Fixtures.catalog.rules.map(\.id)), marks: .latin1)
      })
    #expect(slot.load() != nil)
    return (slot.url, slot)
  }

  @Test("a damaged, truncated, foreign or shared cache file is ignored and rebuilt")
  func damaged() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plain = try Self.vocabulary("fr", .latin1).encoded()
    let (url, slot) = try Self.storedFile(dir)
    let good = try [UInt8](Data(contentsOf: url))
    var damages: [(String, [UInt8])] = []
    for offset in [0, 20, good.count / 3, good.count / 2, good.count - 1] {
      var bad = good
      bad[offset] ^= 0x20
      damages.append(("byte \(offset) changed", bad))
    }
    damages.append(("truncated", Array(good.prefix(good.count - 7))))
    damages.append(("empty", []))
    damages.append(("foreign", Array("not a cache at all\n".utf8)))
    for (what, bytes) in damages {
      try Data(bytes).write(to: url)
      chmod(url.path, 0o600)
      #expect(slot.load() == nil, "\(what) is not read")
      let rebuilt = try Self.cached(dir) { try Self.vocabulary("fr", .latin1) }.encoded()
      #expect(rebuilt == plain, "\(what): rebuilt from the data")
      #expect(slot.load() != nil, "\(what): stored again")
    }
    chmod(url.path, 0o666)
    #expect(slot.load() == nil, "a file others may write is not read")
  }

  @Test("other words, other rules or another program never read the stored vocabulary")
  func otherInputs() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Self.storedFile(dir, lang: "en")
    let english = Fixtures.catalog.localizer("en").table
    var values = english.values
    values["vocab.condition.fever"] = .list(["burning up", "feverish", "hot as toast"])
    let changed = Localizer(
      table: LocaleTable(lang: "en", values: values, lines: english.lines))
    let ids = Set(Fixtures.catalog.rules.map(\.id))
    let fresh = try Vocabulary(localizer: changed, ruleIDs: ids)
    let viaCache = try Self.cached(dir) { try Vocabulary(localizer: changed, ruleIDs: ids) }
    #expect(viaCache.encoded() == fresh.encoded())
    #expect(viaCache.byFirstWord["hot"]?.contains { $0.meaning == .condition("fever") } == true)
    // The same file name, other inputs: the slot's inputs differ byte for byte.
    let a = try #require(
      Self.cached(dir) { RecognizerCache.Slot(localizer: changed, ruleIDs: ids, marks: .latin1) })
    let b = try #require(
      Self.cached(dir) {
        RecognizerCache.Slot(
          localizer: changed, ruleIDs: ids.subtracting([ids.sorted()[0]]), marks: .latin1)
      })
    #expect(a.url == b.url && a.inputs != b.inputs)
    #expect(b.load() == nil)
    #expect(RecognizerCache.program != nil)
  }

  @Test("no cache bound: nothing is written")
  func unbound() throws {
    #expect(RecognizerCache.folder == nil)
    #expect(
      RecognizerCache.Slot(
        localizer: Fixtures.english, ruleIDs: Set(Fixtures.catalog.rules.map(\.id)),
        marks: .latin1) == nil)
  }

  @Test("recognizers built through the cache read every corpus text exactly as without it")
  func sameRecognition() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let items = ["dev", "sealed", "sealed-2"].flatMap { CorpusTests.load($0) }
    #expect(items.count >= 900)
    for lang in Self.languages {
      let t = Fixtures.catalog.localizer(lang)
      let plain = try Recognizer(localizer: t, catalog: Fixtures.catalog)
      let cold = try Self.cached(dir) { try Recognizer(localizer: t, catalog: Fixtures.catalog) }
      let warm = try Self.cached(dir) { try Recognizer(localizer: t, catalog: Fixtures.catalog) }
      let texts = items.filter { $0.lang == lang }
      #expect(!texts.isEmpty)
      for item in texts {
        let stored = Fixtures.conditions(item.profile ?? [])
        let want = plain.recognize(item.text, today: CorpusTests.today, profile: stored)
        #expect(cold.recognize(item.text, today: CorpusTests.today, profile: stored) == want)
        #expect(warm.recognize(item.text, today: CorpusTests.today, profile: stored) == want)
      }
    }
    let lists = try String(contentsOf: dir.appendingPathComponent("word-lists"), encoding: .utf8)
    for name in ["medical.txt", "common-en.txt", "common-es.txt", "common-fr.txt"] {
      #expect(lists.contains("Locales/lexicon/\(name)\t"), "\(name) recorded as sorted")
    }
  }

  /// A sorted list in a temporary file, with a made-up record of having been checked.
  static func recordedList(_ dir: URL, _ text: String) throws -> URL {
    let url = dir.appendingPathComponent("list.txt")
    try text.write(to: url, atomically: false, encoding: .utf8)
    return url
  }

  @Test("a word list searched in its bytes answers as one searched by its line starts")
  func wordListSearch() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let words = ["aa", "ab", "abc", "b", "ba", "bab", "c", "ca", "cz", "d", "zz", "zzz"]
    // A "#" line among the words keeps the line-start search (the bytes search needs a word
    // on every line).
    let byLines = try WordList(
      contentsOf: try Self.recordedList(
        dir,
        "# h\n" + words.prefix(6).joined(separator: "\n")
          + "\n# mid\n" + words.dropFirst(6).joined(separator: "\n") + "\n"), name: "a")
    for ending in ["\n", ""] {
      let url = try Self.recordedList(dir, "# h\n# i\n" + words.joined(separator: "\n") + ending)
      let byBytes = try WordList(contentsOf: url, name: "b")
      #expect(byBytes.count == words.count && byLines.count == words.count)
      let probes = words + ["", "a", "aaa", "abd", "bb", "cb", "e", "zzzz", "#", "h", "# h"]
      for probe in probes {
        #expect(byBytes.contains(probe) == byLines.contains(probe), "\(probe)")
        #expect(byBytes.contains(probe) == words.contains(probe), "\(probe)")
      }
    }
    // The real lists, every word and a near miss of each of the first thousand.
    let real = Fixtures.packageRoot.appendingPathComponent("Locales/lexicon/common-fr.txt")
    let list = try WordList(contentsOf: real, name: "common-fr.txt")
    let lines = try String(contentsOf: real, encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(list.count == lines.count)
    for word in lines { #expect(list.contains(String(word))) }
    for word in lines.prefix(1000) { #expect(!list.contains(word + "\u{1}")) }
  }

  @Test("a word list changed after it was recorded as sorted is checked again")
  func changedList() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let written = Date()
    let url = try Self.recordedList(dir, "# h\napple\nbanana\ncherry\n")
    // Record the file as it is now, as a run more than two seconds later would have.
    let read = try #require(Self.cached(dir) { RecognizerCache.readWordList(url.path) })
    // On a machine so busy that two seconds passed since the write, the read may record it.
    let fresh = Date().timeIntervalSince(written) < 1.5
    var st = stat()
    #expect(stat(url.path, &st) == 0)
    let line = "\(url.path)\t\(RecognizerCache.fingerprint(st))"
    Self.cached(dir) { RecognizerCache.recordSorted(line) }
    if fresh { #expect(read.record == nil, "a file written just now is not recorded") }
    #expect(try #require(Self.cached(dir) { RecognizerCache.readWordList(url.path) }).checkedBefore)
    // Rewritten out of order: the status-change time moves, so it is checked and refused.
    try "# h\napple\nbanana\naardvark\n".write(to: url, atomically: false, encoding: .utf8)
    #expect(
      try #require(Self.cached(dir) { RecognizerCache.readWordList(url.path) }).checkedBefore
        == false)
    #expect(throws: CatalogError.self) {
      try Self.cached(dir) { try WordList(contentsOf: url, name: "list.txt") }
    }
  }
}
