/// Family-written text made safe to show: on a terminal, in a Markdown or text page, or in a
/// spreadsheet cell.
///
/// Guarantees:
/// - `oneLine` leaves no line break of any kind (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029):
///   each run becomes one space, so a note can never start a line of its own (a forged
///   "## Safety" heading) in a page.
/// - `display` (what every screen and page shows) is `oneLine` plus every other control
///   character (C0, DEL, C1: terminal escapes) and every bidi control (embeddings, overrides,
///   isolates, marks) written as a visible `‹U+XXXX›`, so nothing can move the cursor, change
///   colours or reorder what the reader sees.
/// - `csvCell` neutralises formula injection as OWASP recommends: a cell that begins with `=`,
///   `+`, `-`, `@`, a tab or a carriage return gets a leading single quote.
public enum PlainText {
  /// Line breaks of every kind, as Unicode and as CommonMark readers see them.
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// Control characters other than line breaks, and bidi controls.
  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// Every run of line breaks (with the spaces around it) as one space.
  public static func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isLineBreak) else { return text }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    var skipSpaces = false
    for scalar in text.unicodeScalars {
      if isLineBreak(scalar) {
        while out.last == " " { out.removeLast() }
        pendingSpace = !out.isEmpty
        skipSpaces = true
        continue
      }
      if skipSpaces, scalar == " " { continue }
      skipSpaces = false
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(scalar)
    }
    return String(out)
  }

  /// One line with every control and bidi character shown as `‹U+XXXX›` (tab as a space).
  public static func display(_ text: String) -> String {
    let line = oneLine(text)
    guard line.unicodeScalars.contains(where: isHidden) else { return line }
    var out = ""
    for scalar in line.unicodeScalars {
      if scalar == "\t" {
        out.append(" ")
      } else if isHidden(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "‹U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "›"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `display`, optional.
  public static func display(_ text: String?) -> String? { text.map { display($0) } }

  /// A spreadsheet cell that cannot run as a formula (OWASP "CSV Injection").
  public static func csvCell(_ text: String) -> String {
    guard let first = text.unicodeScalars.first else { return text }
    switch first {
    case "=", "+", "-", "@", "\t", "\r": return "'" + text
    default: return text
    }
  }
}
