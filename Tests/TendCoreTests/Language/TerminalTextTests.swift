import TendCore
import Testing

@Suite("Terminal text")
struct TerminalTextTests {
  @Test("Chinese characters take two columns; Latin and Vietnamese one")
  func widths() {
    #expect(TerminalText.width("abc") == 3)
    #expect(TerminalText.width("手部") == 4)
    #expect(TerminalText.width("Nhẹ nhàng") == 9)
  }

  @Test("English wraps at spaces within the width")
  func english() {
    let lines = TerminalText.wrap(
      String(repeating: "gentle touch ", count: 20), indent: "  ", width: 30)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { TerminalText.width($0) <= 30 && $0.hasPrefix("  ") })
    #expect(lines.joined(separator: " ").split(separator: " ").count == 40)
  }

  @Test("Chinese wraps between characters, never before closing punctuation")
  func chinese() {
    let text = String(repeating: "请轻轻地按摩手背，然后停下来。", count: 6)
    let lines = TerminalText.wrap(text, width: 20)
    #expect(lines.count > 3)
    #expect(lines.allSatisfy { TerminalText.width($0) <= 20 })
    #expect(lines.allSatisfy { !$0.hasPrefix("，") && !$0.hasPrefix("。") })
    #expect(lines.joined() == text)
  }

  @Test("mixed text keeps its spaces and pads by display width")
  func mixed() {
    #expect(TerminalText.wrap("力度 1 · 5 分钟", width: 80) == ["力度 1 · 5 分钟"])
    #expect(TerminalText.width(TerminalText.pad("手", to: 6)) == 6)
  }
}
