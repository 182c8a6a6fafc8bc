import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The languages of red flags and of the chat (outside tester, round 5, F17 and F18): words
/// said in one language hold in every other, the chat follows the chosen person's language,
/// and another language's command word runs its command without swallowing a medical word.
@Suite("Languages of red flags and of the chat")
struct LanguageFollowTests {
  /// One recognizer a language, built once for the suite.
  static let recognizers: [String: Recognizer] = {
    var out: [String: Recognizer] = [:]
    for lang in Catalog.availableLanguages(in: Fixtures.packageRoot) {
      do {
        out[lang] = try Recognizer(
          localizer: Fixtures.catalog.localizer(lang), catalog: Fixtures.catalog)
      } catch {
        fatalError("recognizer \(lang): \(error)")
      }
    }
    return out
  }()

  static let languages = Catalog.availableLanguages(in: Fixtures.packageRoot)

  /// What languages were read, in order, by the journal's reader (to check what is built).
  final class Reads: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ lang: String) { lock.withLock { list.append(lang) } }
    var languages: [String] { lock.withLock { list } }
  }

  /// The conversation as `tend chat` builds it, in `lang`; `follows`: no `--lang` was given,
  /// so it follows the chosen person's language.
  static func context(
    _ lang: String, store: MemoryStore, now: Date, follows: Bool = false, reads: Reads? = nil
  ) -> Conversation.Context {
    let t = Fixtures.catalog.localizer(lang)
    let reading: @Sendable (String) -> String = { text in
      Recognizer.scriptLanguage(of: text).flatMap { languages.contains($0) ? $0 : nil } ?? lang
    }
    let understandIn: Conversation.UnderstandIn = { text, lang, today, stored in
      reads?.add(lang)
      return Conversation.Understanding(
        recognizers[lang]!.recognize(text, today: today, profile: stored), localizer: t,
        emergencyNumber: "911")
    }
    var relanguage: Conversation.Relanguage?
    if follows {
      relanguage = { next in
        LanguageFollowTests.context(
          next ?? "en", store: store, now: now, follows: true, reads: reads)
      }
    }
    let plain = ["check", "routines", "receivers"]
    let others: @Sendable () -> [CommandWords] = {
      languages.filter { $0 != lang && $0 != "en" }.map {
        CommandWords(Fixtures.catalog.localizer($0), plain: plain)
      }
    }
    let understand: Conversation.Understand = { text, today, stored in
      understandIn(text, reading(text), today, stored)
    }
    return Conversation.Context(
      catalog: Fixtures.catalog, localizer: t, store: store, emergencyNumber: "911",
      commands: plain, now: now, understand: understand, understandIn: understandIn,
      languages: languages, readingLanguage: reading, relanguage: relanguage, otherWords: others)
  }

  static let jeanne = Profile(id: "jeanne", name: "Jeanne", language: "fr")

  @Test("a French red flag said in the French chat, not saved, holds in a new English chat")
  func frenchHoldsInEnglish() throws {
    let now = Date()
    let store = MemoryStore(profiles: [Self.jeanne])
    var french = Harness(
      context: Self.context("fr", store: store, now: now), store: store, now: now)
    french.send("1", "")
    let said = french.send("il n'arrive plus à respirer")
    #expect(said.contains("Appelez le 911"), "\(said)")
    french.send("non")
    // The words are logged with the language they were read in.
    let logged = french.entries("jeanne").compactMap { entry -> String? in
      if case .feeling(_, _?, _, let lang) = entry { return lang }
      return nil
    }
    #expect(logged == ["fr"])
    // Minutes later, someone else, in English (`--lang en`: the chat stays English).
    let later = now.addingTimeInterval(600)
    var english = Harness(
      context: Self.context("en", store: store, now: later), store: store, now: later)
    let chosen = english.send("1")
    #expect(chosen.contains("Red flag said "), "\(chosen)")
    #expect(chosen.contains("il n'arrive plus à respirer"))
    english.send("")
    let suggest = english.send("suggest")
    #expect(suggest.contains("Do not massage"), "\(suggest)")
    #expect(!suggest.contains("Good to go"))
  }

  @Test("an older line with no language holds whatever language reads it, read in every language")
  func oldLineHoldsInAnyLanguage() throws {
    let now = Date()
    let pat = Profile(id: "pat", name: "Pat")
    let store = MemoryStore(profiles: [pat])
    try store.append(
      .feeling(ratings: nil, text: "il a l'impression d'étouffer"),
      at: now.addingTimeInterval(-600),
      to: "pat")
    for lang in ["en", "es", "vi"] {
      let reads = Reads()
      var h = Harness(
        context: Self.context(lang, store: store, now: now, reads: reads), store: store, now: now)
      let chosen = h.send("1")
      #expect(chosen.contains("il a l'impression d'étouffer"), "\(lang): \(chosen)")
      #expect(Set(reads.languages) == Set(Self.languages), "\(lang): \(reads.languages)")
    }
  }

  @Test("a line with its language recorded is read in it and the person's, nothing more")
  func recordedLineReadsOnlyItsLanguages() throws {
    let now = Date()
    let luis = Profile(id: "luis", name: "Luis", language: "es")
    let store = MemoryStore(profiles: [luis])
    try store.append(
      .feeling(ratings: nil, text: "il n'arrive plus à respirer", lang: "fr"),
      at: now.addingTimeInterval(-600), to: "luis")
    let reads = Reads()
    var h = Harness(
      context: Self.context("en", store: store, now: now, reads: reads), store: store, now: now)
    #expect(h.send("1").contains("il n'arrive plus à respirer"))
    #expect(Set(reads.languages) == ["fr", "es"], "\(reads.languages)")
    // A journal with no words builds no reader at all.
    let quiet = MemoryStore(profiles: [luis])
    let none = Reads()
    var q = Harness(
      context: Self.context("en", store: quiet, now: now, reads: none), store: quiet, now: now)
    q.send("1")
    #expect(none.languages.isEmpty, "\(none.languages)")
  }

  @Test("the chat switches to the chosen person's language, says so, and back for one without")
  func followsTheReceiversLanguage() throws {
    let now = Date()
    let store = MemoryStore(profiles: [
      Profile(id: "luis", name: "Luis", language: "es"), Profile(id: "pat", name: "Pat"),
    ])
    var h = Harness(
      context: Self.context("en", store: store, now: now, follows: true), store: store, now: now)
    let chosen = h.send("1")
    #expect(chosen.contains("A partir de ahora hablo español, el idioma de Luis."), "\(chosen)")
    #expect(chosen.contains("Cuidando a Luis."))
    #expect(h.conversation.t.lang == "es")
    h.send("")
    // The Spanish command word is a command now, not a medical word.
    let suggest = h.send("sugerir")
    #expect(suggest.contains("Rutinas para hoy"), "\(suggest)")
    #expect(!suggest.contains("could not place"))
    // Spanish words are read by the Spanish recognizer.
    let words = h.send("tiene un dolor muy fuerte en el pecho")
    #expect(words.contains("No des masajes") || words.contains("Llama al 911"), "\(words)")
    h.send("no")
    let back = h.send("quién", "2")
    #expect(back.contains("From now on I speak English again"), "\(back)")
    #expect(back.contains("Caring for Pat."))
    #expect(h.conversation.t.lang == "en")
  }

  @Test("with --lang the chat stays in its language whoever is chosen")
  func fixedLanguageStays() throws {
    let now = Date()
    let store = MemoryStore(profiles: [Profile(id: "luis", name: "Luis", language: "es")])
    var h = Harness(context: Self.context("en", store: store, now: now), store: store, now: now)
    let chosen = h.send("1")
    #expect(chosen.contains("Caring for Luis."), "\(chosen)")
    #expect(!chosen.contains("español"))
  }

  @Test("another language's command word runs its command in an English chat")
  func foreignCommandWords() throws {
    let now = Date()
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    var h = Harness(context: Self.context("en", store: store, now: now), store: store, now: now)
    h.send("1", "")
    let suggest = h.send("sugerir")
    #expect(suggest.contains("Routines for today"), "\(suggest)")
    #expect(!suggest.contains("could not place"))
    #expect(h.send("suggérer").contains("Routines for today"))
    #expect(h.send("建议").contains("Routines for today"))
    // A sentence that begins with another language's command word stays words.
    let told = h.send("decir she has crushing chest pain")
    #expect(told.contains("Call 911"), "\(told)")
    h.send("no")
    let aide = h.send("aide came today")
    #expect(!aide.contains("suggest: routines for today"), "\(aide)")
    // With a number: `empezar 2` is start 2; under the red flag said above (not saved, so it
    // stands for today) it gives the red flag, not "no routine with that number" (round 7, F8).
    let start = h.send("empezar 99")
    #expect(start.contains("No massage today."), "\(start)")
    #expect(!start.contains("no routine with that number"), "\(start)")
  }

  @Test("a foreign command word is never taken when the language in use reads it as medical")
  func foreignWordNeverSwallowsAMedicalWord() throws {
    let now = Date()
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    for lang in Self.languages {
      var h = Harness(context: Self.context(lang, store: store, now: now), store: store, now: now)
      h.send("1", "")
      let t = Fixtures.catalog.localizer(lang)
      for other in Self.languages where other != lang && other != "en" {
        let words = CommandWords(Fixtures.catalog.localizer(other))
        for word in words.allWords {
          let typed = CommandLineWords.split(word)
          guard h.conversation.words.parse(typed) == nil,
            h.conversation.foreignCommand(typed, word) != nil
          else { continue }
          let read = try #require(h.conversation.understood(word))
          let named = read.conditions.filter { !Conversation.standsForUnknown($0, read) }
          #expect(named.isEmpty && read.removed.isEmpty, "\(lang) took \(other) \(word)")
        }
      }
      _ = t
    }
  }
}
