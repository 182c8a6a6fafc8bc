import TendCore
import Testing

/// Family-written text made safe to show (`PlainText`).
@Suite("Plain text for screens, pages and spreadsheets")
struct PlainTextTests {
  @Test(
    "every kind of line break becomes one space",
    arguments: [
      "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", " \r\n\r\n ",
    ])
  func lineBreaks(_ lineBreak: String) {
    #expect(PlainText.oneLine("ok\(lineBreak)## Safety") == "ok ## Safety")
    #expect(PlainText.display("\(lineBreak)a\(lineBreak)") == "a")
  }

  @Test("controls, terminal escapes and bidi controls are shown, not obeyed")
  func controls() {
    #expect(PlainText.display("\u{1B}[2Jgone") == "‹U+001B›[2Jgone")
    #expect(PlainText.display("Mum\u{202E}dad") == "Mum‹U+202E›dad")
    #expect(PlainText.display("a\u{2066}b\u{2069}") == "a‹U+2066›b‹U+2069›")
    #expect(PlainText.display("bell\u{07}\u{9B}") == "bell‹U+0007›‹U+009B›")
    #expect(PlainText.display("tab\there") == "tab here")
    #expect(PlainText.display("Nguyễn 妈妈 “ok”") == "Nguyễn 妈妈 “ok”")
  }

  @Test("CSV cells beginning with = + - @ tab or CR get a leading quote (OWASP)")
  func csv() {
    for cell in ["=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tx", "\rx"] {
      #expect(PlainText.csvCell(cell) == "'" + cell)
    }
    for cell in ["Ana", "2026-11-20", "12", "", "a=b"] { #expect(PlainText.csvCell(cell) == cell) }
  }
}
