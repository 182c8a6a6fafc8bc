import Foundation

/// One word (or number, or `°`) of a caregiver's message, normalised for matching, with where
/// it sits in the original text.
///
/// Normalising lowercases, folds accents (`é` → `e`, `ệ` → `e`, `đ` → `d`), drops apostrophes inside words (`isn't` →
/// `isnt`) and strips a plural ending (`thinners` → `thinner`), identically for the message and
/// for every vocabulary phrase, so the two always compare like with like.
public struct TextToken: Sendable, Hashable {
  /// The normalised form (`"warfrin"`, `"38.4"`).
  public var text: String
  /// Where the word is in the original message.
  public var range: Range<String.Index>
  /// The value, when the token is a number (`38.4`, `38,4`, `10`).
  public var number: Double?
  /// Sentence number (a `.`, `!`, `?`, `;`, `:` or line break starts a new one).
  public var sentence: Int
  /// Clause number (a comma, a bracket or a sentence break starts a new one).
  public var clause: Int
  /// The clause the words belong to when an aside in brackets is skipped: after the closing
  /// bracket, the clause before the opening one ("the port (right chest) was removed": "was
  /// removed" is the port's clause again); otherwise `clause`.
  public var host: Int = 0
  /// Inside brackets, the host of the clause the first bracket opened from ("Buồng tiêm (port)
  /// đã tháo ra": the port in brackets is the clause of "đã tháo ra"); otherwise `host`.
  public var outer: Int = 0
}

/// Splits text into tokens in one pass over its Unicode scalars; no regular expressions.
public enum TextTokens {
  /// The tokens of `text`, in order.
  /// What becomes of the marks on letters.
  public enum Marks: Sendable {
    /// Latin-1 accents are folded (é → e, ñ → n), others kept: Spanish and French typed with or
    /// without accents match alike.
    case latin1
    /// Every mark is kept: Vietnamese typed with diacritics, where "gáy" (nape) and "gãy"
    /// (broken), "tê" (numb) and "tế" (cell) are different words.
    case keep
    /// Every mark is stripped (ệ → e, ư → u, đ → d): Vietnamese typed without diacritics.
    case strip
  }

  /// Words that end in an apostrophe before the next word in French and Italian (l'arthrose,
  /// d'arthrose, qu'elle, jusqu'au): split off so the word after is read on its own.
  static let elided: Set<String> = [
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
  ]

  /// Titles a full stop follows without ending the sentence; "no." and "nr." only before a
  /// number ("no. 3"), since "she said no." ends one.
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "dra", "sra", "srta", "mme", "mlle",
  ]

  public static func tokenize(_ text: String, marks: Marks = .latin1) -> [TextToken] {
    var tokens: [TextToken] = []
    tokens.reserveCapacity(text.utf8.count / 4)
    let scalars = text.unicodeScalars
    var sentence = 0
    var clause = 0
    var host = 0
    var asides: [Int] = []
    var word = ""
    var start = scalars.startIndex
    var isNumber = false
    var index = scalars.startIndex

    func flush(_ end: String.Index) {
      guard !word.isEmpty else { return }
      let number = isNumber ? Double(String(word.map { $0 == "," ? "." : $0 })) : nil
      let normal = number == nil ? stem(word) : word
      tokens.append(
        TextToken(
          text: normal, range: start..<end, number: number, sentence: sentence, clause: clause,
          host: host, outer: asides.first ?? host))
      word = ""
      isNumber = false
    }

    while index < scalars.endIndex {
      let scalar = scalars[index]
      let next = scalars.index(after: index)
      let v = scalar.value
      let isDigit = v >= 48 && v <= 57
      if isIdeograph(v) {
        // Chinese is written without spaces: each character is a token, and vocabulary
        // phrases are tokenized the same way, so "华法林" matches as a three-token phrase.
        flush(index)
        tokens.append(
          TextToken(
            text: String(scalar), range: index..<next, number: nil, sentence: sentence,
            clause: clause, host: host, outer: asides.first ?? host))
      } else if isDigit {
        if !word.isEmpty && !isNumber { flush(index) }
        if word.isEmpty { start = index; isNumber = true }
        word.unicodeScalars.append(scalar)
      } else if let folded = fold(scalar, marks: marks) {
        if isNumber { flush(index) }
        if word.isEmpty { start = index }
        word += folded
      } else if (v == 46 || v == 44) && isNumber && next < scalars.endIndex
        && (48...57).contains(scalars[next].value)
      {
        word.unicodeScalars.append(scalar)  // 38.4, 38,4
      } else if (v == 39 || v == 0x2019) && !word.isEmpty && !isNumber && next < scalars.endIndex
        && fold(scalars[next], marks: marks) != nil
      {
        // isn't → isnt, mum's → mums; but a French or Italian elided article or pronoun is a
        // word of its own: l'hypertension → l hypertension, qu'il → qu il.
        if Self.elided.contains(word) { flush(index) }
      } else {
        // "Mr. K", "Dr. Lee", "no. 3": a full stop after a title or "no" ends no sentence.
        let abbreviation =
          v == 46
          && (Self.abbreviations.contains(word)
            || (word == "no" || word == "nr") && Self.digitFollows(scalars, next))
        flush(index)
        switch v {
        case 46 where abbreviation: break
        case 46, 33, 63, 59, 58, 10, 13, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A:
          // . ! ? ; : line breaks, and their fullwidth forms
          sentence += 1
          clause += 1
          host = clause
          asides.removeAll()
        case 40, 0xFF08:
          // ( and fullwidth （: an aside, a clause of its own
          asides.append(host)
          clause += 1
          host = clause
        case 41, 0xFF09:
          clause += 1
          host = asides.popLast() ?? clause
        case 44, 0x2014, 0x2013, 0xFF0C, 0x3001:
          // , — – and fullwidth ， 、
          clause += 1
          host = clause
        case 0xB0:  // °
          tokens.append(
            TextToken(
              text: "°", range: index..<next, number: nil, sentence: sentence, clause: clause,
              host: host, outer: asides.first ?? host))
        default: break
        }
      }
      index = next
    }
    flush(scalars.endIndex)
    return tokens
  }

  /// Whether a digit comes next, after spaces at most.
  static func digitFollows(_ scalars: String.UnicodeScalarView, _ from: String.Index) -> Bool {
    var i = from
    while i < scalars.endIndex, scalars[i] == " " { i = scalars.index(after: i) }
    return i < scalars.endIndex && (48...57).contains(scalars[i].value)
  }

  /// CJK ideographs (the unified blocks and their extensions).
  static func isIdeograph(_ v: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v)
  }

  /// The normalised words of a vocabulary phrase, exactly as `tokenize` would give them.
  public static func words(_ phrase: String, marks: Marks = .latin1) -> [String] {
    tokenize(phrase, marks: marks).map(\.text)
  }

  /// Whether the text has a letter beyond Latin-1 with a mark (ệ, ư, đ): then it was typed with
  /// diacritics and is read with them.
  public static func hasMarks(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
      let v = scalar.value
      guard v >= 0xC0, scalar.properties.isAlphabetic, !isIdeograph(v) else { return false }
      return v == 0x110 || v == 0x111
        || String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.count > 1
    }
  }

  /// A normalised word with every mark stripped, as the word lists in `Locales/lexicon` store it.
  public static func stripMarks(_ word: String) -> String {
    var out = ""
    for scalar in word.unicodeScalars { out += fold(scalar, marks: .strip) ?? String(scalar) }
    return out
  }

  /// A letter lowercased and without accents, or nil for anything that is not a letter.
  static func fold(_ scalar: Unicode.Scalar, marks: Marks = .latin1) -> String? {
    let v = scalar.value
    if v >= 97 && v <= 122 { return String(scalar) }
    if v >= 65 && v <= 90 { return String(Unicode.Scalar(v + 32)!) }
    guard v >= 0xC0 else { return nil }
    if marks == .keep {
      guard scalar.properties.isAlphabetic, v != 0xD7, v != 0xF7 else { return nil }
      return String(scalar).lowercased()
    }
    switch v {
    case 0xC0...0xC5, 0xE0...0xE5: return "a"
    case 0xC7, 0xE7: return "c"
    case 0xC8...0xCB, 0xE8...0xEB: return "e"
    case 0xCC...0xCF, 0xEC...0xEF: return "i"
    case 0xD1, 0xF1: return "n"
    case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: return "o"
    case 0xD9...0xDC, 0xF9...0xFC: return "u"
    case 0xDF: return "ss"
    case 0xD7, 0xF7: return nil
    case 0xC6, 0xE6: return "ae"
    case 0x110, 0x111: return marks == .strip ? "d" : "đ"  // Vietnamese đ, "d" without marks
    case 0x141, 0x142: return "l"
    case 0x152, 0x153: return "oe"
    default:
      guard scalar.properties.isAlphabetic else { return nil }
      guard marks == .strip else { return String(scalar).lowercased() }
      // Folding marks: every other accented letter loses them (ệ → e, ư → u), so words typed
      // without diacritics, as many people type Vietnamese, match the vocabulary.
      let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
      return String(base).lowercased()
    }
  }

  /// Strips one plural ending: `-ies` → `-y`, `-ches/-shes/-xes/-sses` → drop `es`, `-s` → drop
  /// (not after `s`, `u` or `i`, and not in words of three letters or fewer).
  static func stem(_ word: String) -> String {
    guard word.utf8.last == 115 else { return word }  // "s"
    let u = Array(word.utf8)
    let n = u.count
    guard n > 3 else { return word }
    let p = u[n - 2]
    if n > 4, p == 101 {  // -es
      let b = u[n - 3]
      if b == 105 { return String(word.dropLast(3)) + "y" }  // -ies
      if b == 120 || (b == 104 && (u[n - 4] == 99 || u[n - 4] == 115))
        || (b == 115 && u[n - 4] == 115)
      {
        return String(word.dropLast(2))
      }
    }
    if p == 115 || p == 117 || p == 105 { return word }
    return String(word.dropLast())
  }
}
