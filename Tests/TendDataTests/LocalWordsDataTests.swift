import Foundation
import TendCore
import TendTestSupport
import Testing

/// The step keys (`keys.guide.*`) and routine words (`routine.<id>.word`) of every shipped
/// language, and the check that stops a language loading when two actions share a key or two
/// routines share a word.
@Suite("Step keys and routine words in Locales")
struct LocalWordsDataTests {
  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]

  func table(_ lang: String) throws -> LocaleTable {
    lang == "en" ? Fixtures.catalog.english : try #require(Fixtures.catalog.locales[lang])
  }

  @Test(
    "every language has one key per action, no two alike, and passes the check",
    arguments: languages)
  func keysAreWhole(lang: String) throws {
    let table = try table(lang)
    var seen: Set<String> = []
    for action in LocaleTable.guideKeyActions {
      guard case .text(let key)? = table["keys.guide.\(action)"] else {
        Issue.record("\(lang): no keys.guide.\(action)")
        continue
      }
      #expect(key.count == 1, "\(lang): \(action) is \"\(key)\"")
      #expect(seen.insert(key.lowercased()).inserted, "\(lang): \"\(key)\" twice")
    }
    try Fixtures.catalog.checkLanguage(table)
  }

  @Test("each key is the first letter of the word the legend gives it (pinyin in Chinese)")
  func keysMatchTheirWords() throws {
    // The legend "Teclas: p pausa, a atrás, ..." shows each key before its word.
    for lang in Self.languages {
      let t = Fixtures.catalog.localizer(lang)
      var args: [String: Message.Argument] = [:]
      for action in LocaleTable.guideKeyActions {
        args[action] = .text("⟨\(action)⟩")
      }
      let legend = t("guide.keysShort", args)
      for action in LocaleTable.guideKeyActions where action != "help" {
        guard case .text(let key)? = try table(lang)["keys.guide.\(action)"] else { continue }
        let after = try #require(legend.range(of: "⟨\(action)⟩"), "\(lang): \(action) shown")
        let word = legend[after.upperBound...].drop { $0 == " " }.prefix { $0 != "," && $0 != "，" }
        guard lang != "zh-Hans", lang != "en" else { continue }
        let first = RoutineWords.fold(String(word.prefix(1)))
        #expect(first == key, "\(lang): \(action) key \(key) before \"\(word)\"")
      }
    }
  }

  @Test("a key given to two actions stops the language, naming the file and the key")
  func keyClashFails() throws {
    let es = try table("es")
    var values = es.values
    values["keys.guide.stop"] = .text("o")
    let clash = LocaleTable(lang: "es", values: values, lines: es.lines)
    do {
      try Fixtures.catalog.checkLanguage(clash)
      Issue.record("two actions on one key must not load")
    } catch {
      guard case .malformed(let file, let line, _, let field, let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "Locales/es.json" && field == "keys.guide.stop")
      #expect(line == es.lines["keys.guide.stop"])
      #expect(reason.contains("keys.guide.skip"), "\(reason)")
      #expect("\(error.localizedDescription)".contains("Locales/es.json"))
    }
    values["keys.guide.stop"] = .text("te")
    #expect(throws: CatalogError.self) {
      try Fixtures.catalog.checkLanguage(LocaleTable(lang: "es", values: values))
    }
    var english = Fixtures.catalog.english.values
    english["keys.guide.back"] = .text("p")
    #expect(throws: CatalogError.self) {
      try Fixtures.catalog.checkLanguage(LocaleTable(lang: "en", values: english))
    }
  }

  @Test(
    "every routine has a word in every language, made from its title, no two alike",
    arguments: languages)
  func routineWords(lang: String) throws {
    let t = Fixtures.catalog.localizer(lang)
    let words = RoutineWords(Fixtures.catalog, t)
    var seen: Set<String> = []
    for routine in Fixtures.catalog.routines {
      guard case .text(let word)? = try table(lang)["routine.\(routine.id).word"] else {
        Issue.record("\(lang): no routine.\(routine.id).word")
        continue
      }
      #expect(seen.insert(RoutineWords.fold(word)).inserted, "\(lang): \(word) twice")
      #expect(words.id(word) == routine.id)
      #expect(words.id(routine.id) == routine.id, "the English id works in \(lang)")
      if lang == "en" {
        #expect(word == routine.id)
      } else {
        // Typed as the title reads (spaces, capitals, accents or none), it still names it.
        let title = t(routine.titleKey)
        #expect(RoutineWords.fold(title) == RoutineWords.fold(word), "\(lang): \(word)")
        #expect(words.id(title) == routine.id, "\(lang): \(title)")
      }
    }
  }

  @Test("a routine word two routines share, or another routine's id, stops the language")
  func routineWordClashFails() throws {
    let es = try table("es")
    var values = es.values
    values["routine.quick-hands.word"] = .text("Manos-en-calma")
    do {
      try Fixtures.catalog.checkLanguage(LocaleTable(lang: "es", values: values, lines: es.lines))
      Issue.record("a capital must not load")
    } catch {
      #expect("\(error)".contains("routine.quick-hands.word"))
    }
    values["routine.quick-hands.word"] = .text("manos-en-cálma")
    do {
      try Fixtures.catalog.checkLanguage(LocaleTable(lang: "es", values: values, lines: es.lines))
      Issue.record("a shared word must not load")
    } catch {
      guard case .malformed(let file, _, _, let field, let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "Locales/es.json")
      #expect(["routine.quick-hands.word", "routine.calm-hands.word"].contains(field))
      #expect(reason.contains("already the word"), "\(reason)")
    }
    values["routine.quick-hands.word"] = .text("calm-hands")
    #expect(throws: CatalogError.self) {
      try Fixtures.catalog.checkLanguage(LocaleTable(lang: "es", values: values))
    }
  }

  @Test("a mistyped routine gets the nearest words of the user's language")
  func suggestions() {
    let cases: [(String, String, String)] = [
      ("es", "mano-en-calma", "manos-en-calma"), ("es", "calm-hnds", "manos-en-calma"),
      ("fr", "mains-apaisees", "mains-apaisées"), ("fr", "calm-hands", "mains-apaisées"),
      ("vi", "ban-tay-thu-thay", "bàn-tay-thư-thái"), ("zh-Hans", "安心手部", "安心手部按摩"),
      ("en", "calm-hnds", "calm-hands"),
    ]
    for (lang, typed, expected) in cases {
      let words = RoutineWords(Fixtures.catalog, Fixtures.catalog.localizer(lang))
      #expect(words.suggestions(typed).first == expected, "\(lang): \(typed)")
    }
  }
}
