import Foundation

/// The word each routine goes by in one language, shown in lists and accepted wherever a
/// routine id is (`manos-en-calma` is `calm-hands` in Spanish).
///
/// The words are data, `routine.<id>.word` in `Locales/<lang>.json`, made from the routine's
/// title in that language; in English the word is the id. Guarantees, checked when a language
/// is loaded (`Catalog.checkLanguage`): no two routines share a word in a language (accents and
/// case aside), and no word is another routine's id. So a word or an id names one routine at
/// most, and the English ids keep working in every language. Machine output (`--json`, the
/// journal) keeps the ids.
public struct RoutineWords: Sendable {
  /// Each routine's word in the language in use, by id (the id when the language has none).
  private let wordByID: [String: String]
  /// Folded word or id → routine id.
  private let idByWord: [String: String]
  private let ids: [String]

  public init(_ catalog: Catalog, _ t: Localizer) {
    ids = catalog.routines.map(\.id)
    var words: [String: String] = [:]
    var byWord: [String: String] = [:]
    for id in ids {
      var word = id
      if case .text(let local)? = t.table["routine.\(id).word"], !local.isEmpty { word = local }
      words[id] = word
      byWord[Self.fold(id)] = id
    }
    for (id, word) in words where byWord[Self.fold(word)] == nil { byWord[Self.fold(word)] = id }
    wordByID = words
    idByWord = byWord
  }

  /// The routine's word in the language in use (`manos-en-calma`), or its id.
  public func word(_ id: String) -> String { wordByID[id] ?? id }

  /// One routine's word in `t`'s language, without building the whole table.
  public static func word(_ id: String, _ t: Localizer) -> String {
    if case .text(let word)? = t.table["routine.\(id).word"], !word.isEmpty { return word }
    return id
  }

  /// The routine a typed word or id names (`manos-en-calma`, `manos en calma`, `Manos-En-Calma`,
  /// `calm-hands`), or nil.
  public func id(_ typed: String) -> String? { idByWord[Self.fold(typed)] }

  /// Every word a routine can be typed as in this language, its own first, for completion.
  public var allWords: [String] {
    var seen = Set<String>()
    return (ids.map(word) + ids).filter { seen.insert($0).inserted }
  }

  /// The nearest routine words to a mistyped one, in the language in use: compared with the
  /// words and with the English ids, each shown as its word (`mano-en-calma` suggests
  /// `manos-en-calma`; `calm-hnds` does too).
  public func suggestions(_ typed: String, limit: Int = 3) -> [String] {
    let folded = Self.fold(typed)
    var candidates: [String: String] = [:]
    for id in ids {
      candidates[Self.fold(word(id))] = id
      if candidates[id] == nil { candidates[id] = id }
    }
    var seen = Set<String>()
    return Suggest.nearest(to: folded, in: Array(candidates.keys).sorted(), limit: limit * 2)
      .compactMap { candidates[$0].map(word) }
      .filter { seen.insert($0).inserted }
      .prefix(limit).map { $0 }
  }

  /// The order routines are listed in for `t`'s language: by their word there, accents aside
  /// (by id in English).
  public static func sortKey(_ id: String, _ t: Localizer) -> String { fold(word(id, t)) }

  /// A word as compared: lower case, accents and `đ` folded, spaces and `_` as `-`, other
  /// punctuation dropped (`Bàn tay thư thái` is `ban-tay-thu-thai`; the title `Espalda baja,
  /// de lado` is the word `espalda-baja-de-lado`).
  public static func fold(_ word: String) -> String {
    if let plain = foldASCII(word) { return plain }
    let lowered = word.lowercased().replacingOccurrences(of: "đ", with: "d")
    let plain = lowered.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en"))
    return plain.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
      .map { String($0.filter { !$0.isPunctuation }) }.filter { !$0.isEmpty }
      .joined(separator: "-")
  }

  /// `fold` for a word of printable ASCII alone, without Foundation's folding (80 K instructions
  /// a word, 20 words a `check`): lower case, spaces, `_` and `-` between parts as one `-`, the
  /// punctuation of Unicode's `P` categories dropped (`$ + < = > ^ ` | ~` are symbols and stay),
  /// exactly as `fold` does it (`RoutineWordsFoldTests`). Nil for any other text.
  static func foldASCII(_ word: String) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(word.utf8.count)
    var part = false
    var pending = false
    for b in word.utf8 {
      guard b >= 0x20, b < 0x7F else { return nil }
      switch b {
      case 0x20, 0x5F, 0x2D:  // space, _, -
        if part { pending = true }
        part = false
      case 0x21...0x23, 0x25...0x2A, 0x2C, 0x2E, 0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B...0x5D,
        0x7B, 0x7D:
        continue  // punctuation: dropped, it does not end a part
      default:
        if pending, !part {
          out.append(0x2D)
          pending = false
        }
        part = true
        out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// How a routine is named in a list: the word to type, then the title, in every language, as
  /// English lists show the id (`calm-hands  Calm hands`, `manos-en-calma  Manos en calma`), so
  /// a list never hides what `start` takes. Only a title that is its word letter for letter
  /// (`安心手部按摩`) is shown once: there the title is the word.
  public static func listed(_ id: String, title: String, _ t: Localizer) -> String {
    let word = word(id, t)
    return word == title ? title : word + "  " + title
  }
}

extension Catalog {
  /// The routine a typed id or word in `t`'s language names (`manos-en-calma`, `calm-hands`).
  public func routine(named typed: String, _ t: Localizer) -> Routine? {
    routine(typed) ?? RoutineWords(self, t).id(typed).flatMap(routine)
  }
}
