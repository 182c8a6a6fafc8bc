import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Commands, guide keys and short answers in the user's language (English ones everywhere),
/// read from the shipped `Locales/`.
@Suite("Command words in every language")
struct CommandWordsTests {
  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]
  static let plain = CommandWords.plain + ["summary"]

  func words(_ lang: String) -> CommandWords {
    CommandWords(Fixtures.catalog.localizer(lang), plain: Self.plain)
  }

  @Test(
    "no word names two commands or two guide keys, and none is also an answer (sí, no, later)",
    arguments: languages)
  func noClashes(lang: String) {
    #expect(Fixtures.catalog.localizer(lang).lang == lang)
    #expect(CommandWords.problems(Fixtures.catalog.localizer(lang)) == [])
  }

  @Test("the clash check finds a word given to two commands, and a command word that is a no")
  func clashCheckWorks() throws {
    var values = try #require(Fixtures.catalog.locales["es"]).values
    values["words.command.show"] = .list(["ver", "empezar"])
    values["words.command.quit"] = .list(["salir", "no"])
    let table = LocaleTable(lang: "es", values: values)
    let t = Localizer(table: table, fallback: Fixtures.catalog.english)
    let problems = CommandWords.problems(t)
    #expect(problems.contains { $0.contains("\"empezar\"") && $0.contains("start") })
    #expect(problems.contains { $0.contains("\"no\"") && $0.contains("quit") })
    values["words.sub.routines.list"] = .list(["lista", "ver"])
    let sub = CommandWords.problems(
      Localizer(table: LocaleTable(lang: "es", values: values), fallback: Fixtures.catalog.english))
    #expect(sub.contains { $0.contains("\"ver\"") && $0.contains("routines subcommands") })
    // The screen's words are checked too: "más" for more and for add, "soy yo" as a command, a
    // preparation skip word that cancels.
    values["words.command.add"] = .list(["añadir", "más"])
    values["words.command.giver"] = .list(["cuidador", "soy yo"])
    values["prep.skipWords"] = .list(["saltar", "cancelar"])
    let screen = CommandWords.problems(
      Localizer(table: LocaleTable(lang: "es", values: values), fallback: Fixtures.catalog.english))
    #expect(screen.contains { $0.contains("\"más\"") && $0.contains("more") })
    #expect(screen.contains { $0.contains("\"soy yo\"") && $0.contains("is also an answer") })
    #expect(screen.contains { $0.contains("\"cancelar\"") && $0.contains("preparation") })
  }

  @Test("more, giver, advice and settings cue are words of each language, with completion")
  func screenWords() {
    let es = words("es")
    #expect(es.parse(["más"]) == .init(id: "more", arguments: []))
    #expect(es.parse(["ver", "más"]) == .init(id: "more", arguments: []))
    #expect(es.parse(["ver", "1"]) == .init(id: "show", arguments: ["1"]))
    #expect(es.parse(["cuidador", "Luis"]) == .init(id: "giver", arguments: ["Luis"]))
    #expect(es.parse(["consejo", "kim.json"]) == .init(id: "advice", arguments: ["kim.json"]))
    #expect(es.parse(["more"])?.id == "more" && es.parse(["giver"])?.id == "giver")
    #expect(es.subcommands(of: "settings", ["aviso", "off"]) == ["cue", "off"])
    let fr = words("fr")
    #expect(fr.parse(["plus"])?.id == "more" && fr.parse(["aidant", "Luc"])?.id == "giver")
    #expect(fr.subcommands(of: "settings", ["son", "on"]) == ["cue", "on"])
    let zh = words("zh-Hans")
    #expect(zh.parse(["更多"])?.id == "more" && zh.parse(["医嘱", "a.json"])?.id == "advice")
    #expect(zh.parse(["建议"])?.id == "suggest")
    let vi = words("vi")
    #expect(vi.parse(["xem", "thêm"])?.id == "more" && vi.parse(["thêm", "Lan"])?.id == "add")
    #expect(vi.parse(["người", "xoa", "bóp", "Lan"]) == .init(id: "giver", arguments: ["Lan"]))
    #expect(vi.subcommands(of: "settings", ["âm", "báo", "off"]) == ["cue", "off"])
    for lang in Self.languages where lang != "en" {
      let w = words(lang)
      for id in ["more", "giver", "advice", "advise"] {
        #expect(w.display(id) != id, "\(lang): \(id) has a word of its own")
        #expect(w.displayed.contains(w.display(id)), "\(lang): \(id) is offered")
      }
    }
  }

  @Test("every command and guide key has at least one word of its own in every language")
  func everyCommandHasWords() {
    for lang in Self.languages {
      let t = Fixtures.catalog.localizer(lang)
      for id in CommandWords.conversation + CommandWords.plain {
        #expect(!t.list("words.command.\(id)").isEmpty, "\(lang): \(id)")
      }
      for key in GuideKey.allCases where key != .confirm {
        #expect(!t.list("words.guide.\(key.rawValue)").isEmpty, "\(lang): \(key)")
      }
    }
  }

  @Test("typed words map to the English ids, with what follows them")
  func parsing() {
    let es = words("es")
    #expect(es.parse(["empezar", "3"]) == .init(id: "start", arguments: ["3"]))
    #expect(es.parse(["Sugerir"]) == .init(id: "suggest", arguments: []))
    #expect(es.parse(["¿ayuda?"])?.id == "help")
    #expect(es.parse(["start", "3"]) == .init(id: "start", arguments: ["3"]))
    #expect(es.parse(["resumen", "--format", "html"])?.id == "summary")
    #expect(es.guideKey("omitir") == .skip)
    #expect(es.guideKey("skip") == .skip)
    #expect(es.guideKey("le duele") == .hurts)
    #expect(es.isCancel("cancelar") && es.isCancel("cancel"))
    #expect(es.rater("yo") == .caregiver && es.rater("ella") == .receiver)
    let vi = words("vi")
    #expect(vi.parse(["bắt", "đầu", "3"]) == .init(id: "start", arguments: ["3"]))
    #expect(vi.parse(["gợi", "ý"])?.id == "suggest")
    let zh = words("zh-Hans")
    #expect(zh.parse(["开始3"]) == .init(id: "start", arguments: ["3"]))
    #expect(zh.parse(["开始", "3"]) == .init(id: "start", arguments: ["3"]))
    #expect(zh.guideKey("跳过") == .skip)
    let fr = words("fr")
    #expect(fr.parse(["commencer", "2"])?.id == "start")
    #expect(fr.whole("quitter") == "quit")
    // A word is never read as a command just because it starts like one.
    #expect(es.parse(["verano"]) == nil)
    #expect(words("en").parse(["start3"]) == nil)
  }

  @Test("completion offers the words of the language in use, English when none fits")
  func completion() {
    let routines = Fixtures.catalog.routines.map(\.id)
    let es = Completion(
      words: words("es"), routineIDs: routines, receiverNames: ["Ana"], conditionWords: [])
    #expect(es.candidates(before: "", word: "sug") == ["sugerir"])
    #expect(es.candidates(before: "", word: "sal") == ["salir"])
    #expect(es.candidates(before: "", word: "sugg") == ["suggest"])
    #expect(es.candidates(before: "", word: "cuid").contains("cuidador"))
    #expect(es.candidates(before: "", word: "acon") == ["aconsejar"])
    #expect(es.candidates(before: "empezar ", word: "quick-h") == ["quick-hands"])
    #expect(es.candidates(before: "quién ", word: "a") == ["Ana"])
    let fr = Completion(
      words: words("fr"), routineIDs: routines, receiverNames: [], conditionWords: [])
    #expect(fr.candidates(before: "", word: "com") == ["commencer"])
    let en = Completion(
      words: words("en"), routineIDs: routines, receiverNames: [], conditionWords: [])
    #expect(en.candidates(before: "", word: "su") == ["suggest", "summary"])
    #expect(en.candidates(before: "", word: "giv") == ["giver"])
  }
}

/// The conversation in Spanish, with Spanish words, and prompt commands read as on the command
/// line.
@Suite("A conversation in the user's language")
struct LocalizedConversationTests {
  static let plain = CommandWords.plain + ["summary"]

  func spanish() -> Harness {
    var h = Harness(lang: "es", commands: Self.plain)
    h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no")
    return h
  }

  @Test("sugerir answers the giver question as a command; más and cuidador work in Spanish")
  func spanishScreenCommands() throws {
    var h = spanish()
    #expect(h.text.contains("¿Quién da el masaje a Ana?"))
    // A Spanish command is never taken for the giver's name.
    let list = h.send("sugerir")
    #expect(list.contains("Rutinas para hoy") && list.contains("escribe más para"))
    #expect(h.store.profiles[0].caregivers.isEmpty)
    let rest = h.send("más")
    #expect(rest.contains("Escribe empezar y un número") && !rest.contains("Rutinas para hoy"))
    #expect(h.send("más").contains("No hay nada más que mostrar. Escribe sugerir"))
    #expect(h.send("cuidador Luis").contains("Gracias, Luis."))
    #expect(h.store.profiles[0].caregivers == ["Luis"])
    #expect(h.send("cuidador").contains("Luis da el masaje. Si es otra persona, escribe cuidador"))
  }

  @Test("ayuda, sugerir, ver N, empezar N, omitir, cancelar and salir work in Spanish")
  func spanishCommands() throws {
    var h = spanish()
    #expect(h.send("ayuda").contains("sugerir: rutinas para hoy"))
    let list = h.send("sugerir")
    #expect(list.contains("Rutinas para hoy"))
    #expect(h.send("ver 1").contains("1. [hacer]"))
    #expect(h.send("empezar 1").contains("¿hay algo nuevo hoy"))
    h.send("no", "yo", "omitir")
    #expect(h.send("cancelar").contains("Vale, ahora no."))
    h.send("empezar 1", "no", "ella", "4", "omitir")
    let first = h.send("")
    #expect(first.contains("Paso 1 de"))
    #expect(h.send("omitir").contains("Paso 2 de"))
    #expect(h.send("parar").contains("¿Por qué paraste?"))
    h.send("se cansó", "omitir", "le gustó", "luego")
    let session = try #require(h.sessions.last)
    #expect(session.stoppedEarly)
    #expect(session.stopReason == "se cansó")
    #expect(session.before?.ratedBy == .receiver)
    #expect(session.before?.scores == ["pain": 4])
    #expect(session.note == "le gustó")
    let water = h.entries(try #require(h.store.profiles.first).id).compactMap {
      if case .water(let answer, _, _, _) = $0 { answer } else { nil }
    }
    #expect(water == [.later])
    h.send("salir")
    #expect(h.quit)
  }

  @Test(
    "English commands keep working in every language", arguments: ["es", "fr", "zh-Hans", "vi"])
  func englishEverywhere(lang: String) {
    var h = Harness(lang: lang, commands: Self.plain)
    h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no")
    #expect(!h.send("suggest").isEmpty)
    #expect(h.send("start 1").contains(Fixtures.catalog.localizer(lang)("today.howToAnswer")))
    h.send("cancel")
    h.send("quit")
    #expect(h.quit)
  }

  @Test("a command line command at the prompt goes to its parser with every word typed")
  func plainCommandsKeepOptions() {
    var h = spanish()
    let id = h.store.profiles[0].id
    h.send("summary --format html --output y.html")
    h.send("resumen --format csv")
    h.send("comprobar --condition fever --json")
    h.send("routines --bogus")
    h.send("resumen --receiver Bo --format json")
    // Subcommands have words too; what follows them is left as typed.
    h.send("rutinas ver calm-hands --json", "personas condición quitar fever --receiver Bo")
    h.send("ajustes región jp", "anotar agua given", "personas añadir Ver")
    #expect(
      h.ran == [
        ["summary", "--format", "html", "--output", "y.html", "--receiver", id],
        ["summary", "--format", "csv", "--receiver", id],
        ["check", "--condition", "fever", "--json"],
        ["routines", "--bogus"],
        ["summary", "--receiver", "Bo", "--format", "json"],
        ["routines", "show", "calm-hands", "--json"],
        ["receivers", "condition", "remove", "fever", "--receiver", "Bo"],
        ["settings", "region", "jp"],
        ["log", "water", "given"],
        ["receivers", "add", "Ver"],
      ])
  }

  @Test("an option a conversation command does not take is an error, never ignored")
  func unknownOptions() {
    for lang in ["en", "es"] {
      var h = Harness(lang: lang, commands: Self.plain)
      h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no")
      // `tell` and `feel` take free text; `summary` with options is the command line's (its
      // parser refuses what it does not know).
      for id in CommandWords.conversation where !["tell", "feel", "summary"].contains(id) {
        let word = h.conversation.words.display(id)
        let reply = h.send("\(word) --json")
        #expect(reply.contains("--json"), "\(lang) \(id): \(reply)")
        #expect(!h.quit, "\(lang) \(id)")
      }
      #expect(h.ran.isEmpty)
      h.send("summary --json")
      #expect(h.ran == [["summary", "--json", "--receiver", "ana"]])
    }
  }

  @Test("the main screens in Spanish show no English command word or label")
  func noEnglishOnSpanishScreens() throws {
    var h = spanish()
    h.send("ayuda", "sugerir", "ver 1", "empezar", "empezar 1", "no", "yo", "5", "omitir")
    h.send("ayuda", "", "omitir", "omitir", "omitir", "omitir", "omitir", "omitir", "omitir")
    h.wait(.seconds(600))
    h.send("omitir", "", "luego", "foo", "sugerir --json")
    let id = h.store.profiles[0].id
    let recent = RecentView.render(
      name: "Ana", entries: try h.store.entries(of: id, since: .distantPast),
      localizer: Fixtures.catalog.localizer("es"))
    #expect(recent.contains { $0.contains("agua: más tarde") }, "\(recent)")
    let screens = h.text + "\n" + recent.joined(separator: "\n")
    // The screens really are the whole session: help, the list, the steps, the water offer.
    for shown in ["sugerir: rutinas", "Rutinas para hoy", "Paso 1 de", "vaso de agua", "ayuda"] {
      #expect(screens.contains(shown), "\(shown)")
    }
    let english = [
      "suggest", "show", "start", "feel", "summary", "tell", "intake", "help", "quit", "cancel",
      "speak", "skip", "ok", "adjust", "excluded", "given", "declined", "later", "unknown",
      "more", "giver", "advise", "settings", "cue",
    ]
    for word in english {
      let pattern = "(?<![\\w-])" + word + "(?![\\w-])"
      let found = screens.range(of: pattern, options: [.regularExpression, .caseInsensitive])
      #expect(found == nil, "\"\(word)\" on a Spanish screen: \(found.map { screens[$0] } ?? "")")
    }
  }
}
