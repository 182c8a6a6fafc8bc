/// Text laid out for a terminal: display width (CJK characters take two columns) and wrapping
/// that breaks at spaces and, for scripts written without spaces, between wide characters.
public enum TerminalText {
  /// Columns a character takes in a terminal: 2 for East Asian wide and fullwidth, else 1.
  public static func width(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  /// Columns a string takes.
  public static func width(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + width(of: $1) }
  }

  /// Pads with spaces to `columns` display columns (never truncates).
  public static func pad(_ text: String, to columns: Int) -> String {
    text + String(repeating: " ", count: max(0, columns - width(text)))
  }

  /// Punctuation that must not start a line in Chinese text.
  private static let noBreakBefore: Set<Character> = [
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "·",
  ]

  /// Wraps `text` to `width` columns, each line starting with `indent` (the first with
  /// `firstIndent` when given: a hanging indent).
  public static func wrap(
    _ text: String, indent: String = "", firstIndent: String? = nil, width limit: Int = 78
  ) -> [String] {
    // Units: a run of narrow characters (a word) or one wide character, each remembering
    // whether a space came before it. Lines break only between units.
    var units: [(text: String, spaceBefore: Bool)] = []
    var word = ""
    var wordSpace = false
    var sawSpace = false
    for ch in text {
      if ch == " " || ch == "\n" {
        if !word.isEmpty { units.append((word, wordSpace)) }
        word = ""
        sawSpace = true
      } else if width(of: ch) == 2 {
        if !word.isEmpty { units.append((word, wordSpace)) }
        word = ""
        if noBreakBefore.contains(ch), !sawSpace, !units.isEmpty {
          units[units.count - 1].text.append(ch)
        } else {
          units.append((String(ch), sawSpace))
        }
        sawSpace = false
      } else {
        if word.isEmpty { wordSpace = sawSpace }
        word.append(ch)
        sawSpace = false
      }
    }
    if !word.isEmpty { units.append((word, wordSpace)) }
    var lines: [String] = []
    var line = firstIndent ?? indent
    var used = width(line)
    var start = used
    for unit in units {
      let gap = unit.spaceBefore && used > start ? 1 : 0
      let w = width(unit.text)
      if used > start, used + gap + w > limit {
        lines.append(line)
        line = indent
        used = width(indent)
        start = used
      }
      if used > start, unit.spaceBefore {
        line += " "
        used += 1
      }
      line += unit.text
      used += w
    }
    if used > start { lines.append(line) }
    return lines
  }
}
