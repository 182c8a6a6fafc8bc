import TendREPL
import Testing

@Suite("Typed words")
struct CommandLineWordsTests {
  @Test("spaces separate words; quotes group them; an unclosed quote runs to the end")
  func split() {
    #expect(CommandLineWords.split("check --condition fever") == ["check", "--condition", "fever"])
    #expect(
      CommandLineWords.split("check --text \"she's on warfarin\"") == [
        "check", "--text", "she's on warfarin",
      ])
    #expect(CommandLineWords.split("  log   'a b'  c ") == ["log", "a b", "c"])
    #expect(CommandLineWords.split("note \"unclosed quote") == ["note", "unclosed quote"])
    #expect(CommandLineWords.split("") == [])
    #expect(CommandLineWords.split("\"\"") == [""])
  }
}
