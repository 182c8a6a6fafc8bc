import TendCore
import Testing

/// `%{name}` placeholders (`Localizer.render`).
@Suite("Localizer placeholders")
struct LocalizerFillTests {
  static func render(_ template: String, _ args: [String: Message.Argument] = [:]) -> String {
    let table = LocaleTable(lang: "en", values: ["k": .text(template)])
    return Localizer(table: table).render(Message("k", args))
  }

  @Test("each placeholder takes its argument; text around them is kept once")
  func filled() {
    #expect(
      Self.render("Hi %{name}, %{n} left", ["name": .text("Ana"), "n": .number(3)])
        == "Hi Ana, 3 left")
    #expect(Self.render("%{a}%{b}", ["a": .text("x"), "b": .text("y")]) == "xy")
    #expect(Self.render("no placeholder") == "no placeholder")
    #expect(Self.render("") == "")
    #expect(Self.render("Größe %{x} 大小", ["x": .text("ü")]) == "Größe ü 大小")
  }

  @Test("an unknown name is left as written")
  func unknown() {
    #expect(Self.render("a %{missing} b") == "a %{missing} b")
  }

  @Test("an unclosed %{ keeps the text before it once (it used to be repeated)")
  func unclosed() {
    #expect(Self.render("before %{name", ["name": .text("x")]) == "before %{name")
    #expect(Self.render("%{a} then %{b", ["a": .text("A")]) == "A then %{b")
    #expect(Self.render("ends with %{") == "ends with %{")
    #expect(Self.render("lone % and { stay") == "lone % and { stay")
  }
}
