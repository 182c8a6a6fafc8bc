/// Text fitted to the terminal: widths measured in columns as a terminal draws them (a CJK
/// character takes two, a combining mark none), lines broken at spaces and never inside a word.
///
/// Chinese has no spaces: a line may break before or after any wide character, except before
/// closing punctuation (，。、) and after opening punctuation (（「), as CJK line breaking does.
/// A continuation line keeps the line's indent, and a list mark ("→ ", " 1.", "- ") hangs, so
/// a reason under a routine stays readable at 60 columns. A single word wider than the screen
/// is the only thing ever cut, at the screen's edge.
public enum ScreenText {
  /// Columns a terminal uses to draw `text` (escape sequences take none).
  public static func width(_ text: some StringProtocol) -> Int {
    var total = 0
    var escape = false
    for character in text {
      if escape {
        if character.isLetter { escape = false }
        continue
      }
      if character == "\u{1B}" {
        escape = true
        continue
      }
      total += width(of: character)
    }
    return total
  }

  /// Columns for one character (a grapheme: a letter with its combining marks is one).
  public static func width(of character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    if character.unicodeScalars.allSatisfy(isZeroWidth) { return 0 }
    if isWide(first) { return 2 }
    // An emoji presentation selector makes a narrow symbol wide.
    if character.unicodeScalars.contains("\u{FE0F}") { return 2 }
    return 1
  }

  static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return true
    default: return s.value == 0x200B || (0x1160...0x11FF).contains(s.value)
    }
  }

  /// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth W and F), plus emoji.
  static func isWide(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E,
      0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// Punctuation a line may not start with (it belongs to the character before it).
  static let noBreakBefore = Set("，。、；：！？）」』》〉】’”…,.;:!?)]}%")
  /// Punctuation a line may not end with (it belongs to the character after it).
  static let noBreakAfter = Set("（「『《〈【‘“([{")

  /// `text` (which may hold several lines) broken into lines of at most `width` columns.
  /// A width of zero or less leaves the text as it is.
  public static func wrap(_ text: String, width: Int) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard width > 0 else { return lines }
    return lines.flatMap { wrapLine($0, width: width) }
  }

  /// The indent a continuation line takes: the leading spaces, and a list mark after them.
  static func hangingIndent(_ line: String) -> String {
    let spaces = line.prefix { $0 == " " }
    let rest = line.dropFirst(spaces.count)
    var mark = 0
    for prefix in ["→ ", "- ", "• ", "* "] where rest.hasPrefix(prefix) { mark = width(prefix) }
    if mark == 0 {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      if !digits.isEmpty, rest.dropFirst(digits.count).first == "." {
        mark = digits.count + 1 + (rest.dropFirst(digits.count + 1).prefix { $0 == " " }.count)
      }
    }
    return String(repeating: " ", count: spaces.count + mark)
  }

  static func wrapLine(_ line: String, width: Int) -> [String] {
    guard Self.width(line) > width else { return [line] }
    var indent = hangingIndent(line)
    // An indent that leaves less than half the screen is dropped rather than squeeze words.
    if Self.width(indent) * 2 > width { indent = "" }
    let indentWidth = Self.width(indent)
    let characters = Array(line)
    var out: [String] = []
    var current = ""
    var currentWidth = 0
    var hasWords = false
    var gap = ""
    var start = 0
    while start < characters.count {
      let end = pieceEnd(characters, from: start)
      let piece = String(characters[start..<end])
      start = end
      if piece.first == " " {
        if hasWords { gap = piece } else { current += piece; currentWidth += piece.count }
        continue
      }
      let pieceWidth = Self.width(piece)
      if hasWords, currentWidth + gap.count + pieceWidth > width {
        out.append(current)
        (current, currentWidth, hasWords) = (indent, indentWidth, false)
      } else {
        current += gap
        currentWidth += gap.count
      }
      gap = ""
      for character in piece {
        // Only a word wider than the whole line is cut, at the edge.
        let w = Self.width(of: character)
        if currentWidth + w > width, currentWidth > indentWidth {
          out.append(current)
          (current, currentWidth) = (indent, indentWidth)
        }
        current.append(character)
        currentWidth += w
      }
      hasWords = true
    }
    if hasWords { out.append(current) }
    return out
  }

  /// Where the piece starting at `start` ends: a run of spaces, a word, or one wide character,
  /// with closing punctuation after it and, after opening punctuation, what follows it.
  static func pieceEnd(_ characters: [Character], from start: Int) -> Int {
    var end = start + 1
    let first = characters[start]
    if first == " " {
      while end < characters.count, characters[end] == " " { end += 1 }
      return end
    }
    if !isWideCharacter(first) {
      while end < characters.count, characters[end] != " ", !isWideCharacter(characters[end]) {
        end += 1
      }
      // A number keeps its short unit: "30 s", "5 min", "150 ml" never break.
      // "1,500 ml" and French "1 500 ml" (a narrow no-break space) too.
      let grouped: Set<Character> = [",", ".", "\u{202F}", "\u{00A0}"]
      if characters[start].isNumber,
        characters[start..<end].allSatisfy({ $0.isNumber || grouped.contains($0) }),
        end + 1 < characters.count,
        characters[end] == " "
      {
        var unit = end + 1
        while unit < characters.count, characters[unit].isLetter { unit += 1 }
        let letters = unit - end - 1
        if (1...3).contains(letters), unit == characters.count || !characters[unit].isLetter {
          end = unit
        }
      }
    }
    while end < characters.count, noBreakBefore.contains(characters[end]) { end += 1 }
    if noBreakAfter.contains(characters[end - 1]), end < characters.count, characters[end] != " " {
      return pieceEnd(characters, from: end)
    }
    return end
  }

  static func isWideCharacter(_ character: Character) -> Bool {
    character.unicodeScalars.first.map(isWide) ?? false
  }

  /// `text` wrapped to the terminal as wide as it is right now (asked at each call, so a
  /// resize is followed); through a pipe, unchanged.
  public static func onScreen(_ text: String) -> [String] {
    guard let width = Terminal.columns() else { return [text] }
    return wrap(text, width: width)
  }

  /// Prints `text` wrapped to the terminal (`onScreen`).
  public static func print(_ text: String) {
    for line in onScreen(text) { Swift.print(line) }
  }

  /// `text` cut to at most `width` columns (for the one-line countdown status).
  public static func fit(_ text: String, width: Int) -> String {
    guard width > 0, Self.width(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let w = Self.width(of: character)
      if used + w > width { break }
      out.append(character)
      used += w
    }
    return out
  }
}
