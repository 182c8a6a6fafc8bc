import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The single keys of a running step in each language, with the English keys as a fallback
/// where the language left them free, and routine words in lists and commands.
@Suite("Step keys and routine words in the user's language")
struct LocalKeysTests {
  static let plain = CommandWords.plain + ["summary"]

  func words(_ lang: String) -> CommandWords {
    CommandWords(Fixtures.catalog.localizer(lang), plain: Self.plain)
  }

  @Test("each language's keys, then the English keys it did not take")
  func keysByLanguage() {
    let cases: [(String, [Character: GuideKey])] = [
      ("en", ["p": .pause, "b": .back, "r": .repeatStep, "s": .skip, "x": .stop, "h": .hurts]),
      (
        "es",
        [
          "p": .pause, "a": .back, "r": .repeatStep, "o": .skip, "t": .stop, "d": .hurts,
          // English keys no Spanish key took still work.
          "b": .back, "s": .skip, "x": .stop, "h": .hurts, "n": .skip, "q": .stop,
        ]
      ),
      (
        "fr",
        [
          "p": .pause, "r": .back, "e": .repeatStep, "s": .skip, "a": .stop, "m": .hurts,
          "b": .back, "x": .stop, "h": .hurts,
        ]
      ),
      (
        "zh-Hans",
        [
          "z": .pause, "f": .back, "c": .repeatStep, "t": .skip, "j": .stop, "h": .hurts,
          "p": .pause, "b": .back, "r": .repeatStep, "s": .skip, "x": .stop,
        ]
      ),
      (
        "vi",
        [
          "t": .pause, "q": .back, "l": .repeatStep, "b": .skip, "n": .stop, "d": .hurts,
          "p": .pause, "r": .repeatStep, "s": .skip, "x": .stop, "h": .hurts,
        ]
      ),
    ]
    for (lang, keys) in cases {
      let w = words(lang)
      for (character, key) in keys {
        #expect(w.key(character) == key, "\(lang): \(character)")
        #expect(w.key(Character(character.uppercased())) == key, "\(lang): upper \(character)")
      }
      #expect(w.key("?") == .help && w.key(" ") == .pause && w.key("\r") == .confirm)
      #expect(w.key("7") == nil)
    }
    // Where a language took an English letter, it means the language's action there.
    #expect(words("fr").key("r") == .back)
    #expect(words("vi").key("b") == .skip && words("vi").key("n") == .stop)
    #expect(words("vi").key("q") == .back)
  }

  @Test("the legend and the hints show the language's keys")
  func legend() {
    let es = words("es")
    #expect(es.keyShown(.skip) == "o" && es.keyShown(.stop) == "t")
    let t = Fixtures.catalog.localizer("es")
    #expect(
      t("guide.keysShort", es.keyArguments)
        == "Teclas: p pausa, a atrás, r repetir, o omitir, t terminar, d duele.")
    #expect(t("guide.hurtConfirm", es.keyArguments).contains("Pulsa d otra vez"))
    let en = Fixtures.catalog.localizer("en")
    #expect(
      en("guide.keysShort", words("en").keyArguments)
        == "Keys: p pause, b back, r repeat, s skip, x stop, h it hurts.")
  }

  func spanish() -> Harness {
    var h = Harness(lang: "es", commands: Self.plain)
    h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no")
    return h
  }

  @Test("a Spanish session steered by Spanish keys, typed as lines too")
  func spanishKeys() throws {
    var h = spanish()
    h.send("cuidador Luis")
    #expect(h.send("empezar manos-en-calma").contains("¿hay algo nuevo hoy"))
    h.send("no", "yo", "omitir")
    let first = h.send("")
    #expect(first.contains("Paso 1 de") && first.contains("o omitir, t terminar, d duele"))
    // A letter on its own line is a key, read as the language's key first.
    #expect(h.send("o").contains("Paso 2 de"))
    #expect(h.send("a").contains("Paso 1 de"))
    #expect(h.send("o").contains("Paso 2 de"))
    #expect(h.send("s").contains("Paso 3 de"), "English s skips where Spanish left it free")
    #expect(h.send("p").contains("En pausa. Pulsa p para seguir."))
    #expect(h.send("p").contains("Seguimos."))
    #expect(h.send("?").contains("o omite el paso, t termina"))
    #expect(h.send("d").contains("Pulsa d otra vez"))
    #expect(h.send("d").contains("¿Dónde le dolió"))
    h.send("", "omitir", "", "no")
    let session = try #require(h.sessions.last)
    let calm = try #require(Fixtures.catalog.routine("calm-hands"))
    #expect(session.routine == "calm-hands")
    #expect(session.stoppedEarly)
    #expect(session.stoppedAtStep == calm.steps[2].id)
    #expect(session.skipped.contains(calm.steps[0].id))
    #expect(session.skipped.contains(calm.steps[1].id))
  }

  @Test(
    "lists show the routine's words; start, show and a typo take them, in every language",
    arguments: ["es", "fr", "zh-Hans", "vi"])
  func routineWordsInTheConversation(lang: String) throws {
    let t = Fixtures.catalog.localizer(lang)
    var h = Harness(lang: lang, commands: Self.plain)
    h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no", "")
    let list = h.send(words(lang).display("suggest")) + h.send(words(lang).display("more"))
    for id in Fixtures.catalog.routines.map(\.id) {
      #expect(!list.contains(id), "\(lang): the English id \(id) is shown")
    }
    let word = RoutineWords.word("calm-hands", t)
    let title = t("routine.calm-hands.title")
    #expect(list.contains(title))
    let shown = h.send(words(lang).display("show") + " " + word)
    #expect(shown.contains(title), "\(lang): \(shown)")
    #expect(h.send(words(lang).display("show") + " calm-hands").contains(title))
    // A typo gets the nearest word of the language, not the English id.
    let typo = String(word.dropLast())
    let guess = h.send(words(lang).display("show") + " " + typo)
    #expect(guess.contains(word), "\(lang): \(guess)")
    let started = h.send(words(lang).display("start") + " " + word)
    #expect(started.contains(t("today.howToAnswer")), "\(lang): \(started)")
  }

  @Test("Spanish routine titles typed with spaces start the routine")
  func titleWithSpaces() {
    var h = spanish()
    h.send("")
    #expect(h.send("empezar espalda baja, de lado").contains("¿hay algo nuevo hoy"))
    h.send("cancelar")
    #expect(h.send("empezar Manos en Calma").contains("¿hay algo nuevo hoy"))
  }
}

/// The conversation's polish: how to answer the intake is said once; the 30-day view says
/// "under a minute".
@Suite("Conversation polish")
struct ConversationPolishTests {
  @Test("the intake says how to answer with the first group only", arguments: ["en", "es"])
  func howToAnswerOnce(lang: String) {
    var h = Harness(lang: lang)
    let hint = Fixtures.catalog.localizer(lang)("intake.howToAnswer")
    h.send("Ana")
    #expect(h.text.components(separatedBy: hint).count == 2, "said once, with the first group")
    let second = h.send("no")
    #expect(!second.contains(hint))
    #expect(second.contains(Fixtures.catalog.localizer(lang)("intake.group.medicines")))
  }

  @Test("a session shorter than a minute is under a minute in the 30-day view")
  func underAMinute() {
    var session = SessionLog(routine: "calm-hands")
    session.minutes = 0
    for lang in ["en", "es", "fr", "zh-Hans", "vi"] {
      let t = Fixtures.catalog.localizer(lang)
      let lines = RecentView.render(
        name: "Ana", entries: [(Date(), .session(session))], localizer: t)
      let text = lines.joined(separator: "\n")
      #expect(text.contains(t("summary.minutes.under")), "\(lang)")
      #expect(text.contains(t("chat.recent.sessions.underMinute", ["count": .number(1)])))
      #expect(!text.contains(t("routine.minutes", ["count": .number(0)])), "\(lang)")
    }
  }
}
