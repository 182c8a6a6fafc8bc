import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A sorted word list (one normalised word a line, `#` header lines first), searched in place.
///
/// Loading costs one file read and one pass for line starts; nothing is copied into strings or
/// sets, so a 40,000-word list is ready in well under a millisecond. Words compare by UTF-8
/// bytes, the order `Locales/lexicon/build-lexicon.py` writes them in.
public struct WordList: Sendable {
  private let bytes: [UInt8]
  private let starts: [Int32]
  /// Where the words begin when the list is searched in its bytes, without `starts`: a list
  /// whose every line after the `#` header is a word (as `build-lexicon.py` writes them); nil
  /// for any other list, searched by its line starts.
  private let wordsStart: Int?

  /// An empty list (a language without one).
  public init() {
    bytes = []
    starts = []
    wordsStart = nil
  }

  /// A list already found sorted with a word on every line after its header
  /// (`RecognizerCache`): nothing is checked or indexed.
  init(checkedBytes bytes: [UInt8]) {
    self.bytes = bytes
    starts = []
    wordsStart = Self.headerEnd(bytes)
  }

  /// The offset of the first line that is neither empty nor a `#` line.
  static func headerEnd(_ bytes: [UInt8]) -> Int {
    var i = 0
    while i < bytes.count, bytes[i] == 0x23 || bytes[i] == 0x0A {
      while i < bytes.count, bytes[i] != 0x0A { i += 1 }
      i += 1
    }
    return min(i, bytes.count)
  }

  /// - Throws: `CatalogError.unreadable` when the file cannot be read, `.malformed` naming the
  ///   line when the words are out of order (a list that binary search would misread).
  public init(contentsOf url: URL, name: String) throws(CatalogError) {
    guard let read = RecognizerCache.readWordList(url.path) else {
      throw .unreadable(file: name, reason: "cannot read the word list")
    }
    let bytes = read.bytes
    if read.checkedBefore {
      self = WordList(checkedBytes: bytes)
      return
    }
    var starts: [Int32] = []
    starts.reserveCapacity(bytes.count / 7)
    // Whether every line after the first word is a word (no empty or "#" line among them).
    var wordsOnly = true
    // One pass: line starts (skipping "#" lines), and each line compared in place with the one
    // before it, so an unsorted list (which binary search would misread) is refused.
    let unsorted: Int? = bytes.withUnsafeBufferPointer { b -> Int? in
      guard let base = b.baseAddress else { return nil }
      var i = 0
      var previous = -1
      var previousEnd = -1
      while i < b.count {
        let found = memchr(base + i, 0x0A, b.count - i)
        let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? b.count
        if previous >= 0, end == i || b[i] == 0x23 { wordsOnly = false }
        if end > i, b[i] != 0x23 {
          if previous >= 0 {
            var x = previous
            var y = i
            while x < previousEnd, y < end, b[x] == b[y] {
              x += 1
              y += 1
            }
            let ordered = x == previousEnd ? y < end : (y < end && b[x] < b[y])
            if !ordered { return starts.count + 1 }
          }
          starts.append(Int32(i))
          (previous, previousEnd) = (i, end)
        }
        i = end + 1
      }
      return nil
    }
    if let k = unsorted {
      throw .malformed(
        file: name, line: k + 1, column: 1, field: "words", reason: "not sorted by UTF-8 bytes")
    }
    guard wordsOnly else {
      self.bytes = bytes
      self.starts = starts
      wordsStart = nil
      return
    }
    if let line = read.record { RecognizerCache.recordSorted(line) }
    self = WordList(checkedBytes: bytes)
  }

  public var count: Int {
    guard let wordsStart else { return starts.count }
    var n = 0
    var i = wordsStart
    while i < bytes.count {
      n += 1
      while i < bytes.count, bytes[i] != 0x0A { i += 1 }
      i += 1
    }
    return n
  }

  /// -1, 0 or 1 as line `k` sorts before, equal to or after `word`.
  private func compare(_ k: Int, _ word: [UInt8]) -> Int {
    var i = Int(starts[k])
    var j = 0
    while true {
      let a: Int = i < bytes.count && bytes[i] != 0x0A ? Int(bytes[i]) : -1
      let b: Int = j < word.count ? Int(word[j]) : -1
      if a != b { return a < b ? -1 : 1 }
      if a == -1 { return 0 }
      i += 1
      j += 1
    }
  }

  /// Whether `word` (already normalised) is in the list.
  public func contains(_ word: String) -> Bool { contains(Array(word.utf8)) }

  func contains(_ word: [UInt8]) -> Bool {
    if let wordsStart { return contains(word, from: wordsStart) }
    var low = 0
    var high = starts.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let c = compare(mid, word)
      if c == 0 { return true }
      if c < 0 { low = mid + 1 } else { high = mid - 1 }
    }
    return false
  }

  /// Binary search in the bytes: a probe backs up to the start of its line. The same answers
  /// as a search of the line starts, for a sorted list with a word on every line.
  private func contains(_ word: [UInt8], from start: Int) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      // [low, high): low is always a line start, high a line start or the end.
      var low = start
      var high = b.count
      while low < high {
        var s = low + (high - low) / 2
        while s > low, b[s - 1] != 0x0A { s -= 1 }
        var e = s
        var j = 0
        var order = 0
        while true {
          let a: Int = e < b.count && b[e] != 0x0A ? Int(b[e]) : -1
          let c: Int = j < word.count ? Int(word[j]) : -1
          if a != c {
            order = a < c ? -1 : 1
            break
          }
          if a == -1 { return true }
          e += 1
          j += 1
        }
        if order < 0 {
          while e < b.count, b[e] != 0x0A { e += 1 }
          low = e + 1
        } else {
          high = s
        }
      }
      return false
    }
  }

  /// A word of the list one edit (a letter added, dropped, changed or two swapped) away from
  /// `word`, for reading a typo of an everyday word as that word; nil when there is none.
  public func nearby(_ word: String) -> String? {
    let w = Array(word.utf8)
    guard w.count >= 4, w.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return nil }
    var candidate = w
    func hit(_ c: [UInt8]) -> String? { contains(c) ? String(decoding: c, as: UTF8.self) : nil }
    for i in w.indices {  // deletions
      candidate = w
      candidate.remove(at: i)
      if let found = hit(candidate) { return found }
    }
    for i in 0..<(w.count - 1) {  // transpositions
      candidate = w
      candidate.swapAt(i, i + 1)
      if let found = hit(candidate) { return found }
    }
    for i in 0...w.count {  // insertions and substitutions
      for letter in UInt8(97)...UInt8(122) {
        candidate = w
        candidate.insert(letter, at: i)
        if let found = hit(candidate) { return found }
        if i < w.count, w[i] != letter {
          candidate = w
          candidate[i] = letter
          if let found = hit(candidate) { return found }
        }
      }
    }
    return nil
  }
}

/// The word lists the recognizer uses to tell an everyday word from a medical one:
/// `Locales/lexicon/medical.txt` (ICD-10-CM descriptions and drug names) and
/// `Locales/lexicon/common-<lang>.txt` (everyday words by frequency), built by
/// `Locales/lexicon/build-lexicon.py`, which names the sources and their versions.
public struct Lexicon: Sendable {
  public let medical: WordList
  /// Everyday words of the message's language, then English (people mix them).
  public let common: [WordList]
  /// Whether `common` starts with a list of a language other than English.
  let ownLanguage: Bool

  public init(medical: WordList = WordList(), common: [WordList] = [], ownLanguage: Bool = false) {
    self.medical = medical
    self.common = common
    self.ownLanguage = ownLanguage
  }

  /// Loads the lists for `lang` from the data folder. A language without an everyday list
  /// (Chinese) uses English's for the Latin-script words in it.
  /// - Throws: `CatalogError` when a list exists but cannot be read, or the medical list is
  ///   missing (the recognizer would otherwise fail open).
  public static func load(from folder: URL, lang: String) throws(CatalogError) -> Lexicon {
    let dir = folder.appendingPathComponent("Locales/lexicon")
    let medical = try WordList(
      contentsOf: dir.appendingPathComponent("medical.txt"), name: "Locales/lexicon/medical.txt")
    var common: [WordList] = []
    var own = false
    for code in lang == "en" ? ["en"] : [lang, "en"] {
      let url = dir.appendingPathComponent("common-\(code).txt")
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      common.append(try WordList(contentsOf: url, name: "Locales/lexicon/common-\(code).txt"))
      if code != "en", common.count == 1 { own = true }
    }
    return Lexicon(medical: medical, common: common, ownLanguage: own)
  }

  /// Whether the message language's own everyday list has the word (English has none apart
  /// from medicine's words: they were taken out of its list when it was built).
  public func isCommonInOwnLanguage(_ word: String) -> Bool {
    ownLanguage && common.first?.contains(word) == true
  }

  /// Whether an everyday list has the word.
  public func isCommon(_ word: String) -> Bool { common.contains { $0.contains(word) } }

  /// Whether the word is one edit from an everyday word (a typo of it).
  public func isTypoOfCommon(_ word: String) -> Bool { common.contains { $0.nearby(word) != nil } }
}
