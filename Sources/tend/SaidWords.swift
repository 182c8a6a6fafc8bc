import Foundation
import TendCore
import TendREPL

/// One recognizer a reading language for a whole command run, each built the first time words
/// are read in it (a journal with no words in the last day builds none): the words typed with
/// `--text` and the journal's words of the last day share them.
///
/// A journal entry's words are read in the language they were said in and in the person's
/// own (`RedFlagWords.languages`), all five when the line does not say: the same reading as
/// the conversation's and the summary's (outside tester, round 5, F17).
final class SaidWords: @unchecked Sendable {
  let app: AppContext
  private let lock = NSRecursiveLock()
  private var built: [String: Recognizer] = [:]
  /// What words were read as in earlier runs (`tend summary` and `tend share` only), else nil.
  let readings: SaidReadings?

  init(_ app: AppContext, readings: SaidReadings? = nil) {
    self.app = app
    self.readings = readings
  }

  /// The languages Tend has.
  var languages: [String] { Catalog.availableLanguages(in: app.catalog.folder) }

  /// The recognizer for `lang`, built once.
  func recognizer(_ lang: String) throws -> Recognizer {
    lock.lock()
    defer { lock.unlock() }
    if let made = built[lang] { return made }
    let made =
      lang == app.localizer.lang ? try app.recognizer() : try SummaryArguments.recognizer(app, lang)
    built[lang] = made
    return made
  }

  /// Builds the recognizers of `langs` not built yet side by side, when there are several:
  /// words with no recorded language are read in all five, and building them one after the
  /// other was an eighth of a 10k-line FHIR export's time, on its main thread. One that cannot
  /// be built is left unbuilt, so `recognizer(_:)` then fails as before.
  func prepare(_ langs: [String]) {
    let missing = lock.withLock { langs.filter { built[$0] == nil } }
    guard missing.count > 1 else { return }
    // One catalog with every missing language, so English and the routines are read once, not
    // once a language.
    let shared = try? TendCache.$folder.withValue(app.environment.usableCacheFolder) {
      try LoadedCatalogs.shared.load(
        from: app.catalog.folder,
        languages: missing.filter { $0 != "en" && $0 != app.localizer.lang }.sorted())
    }
    let made = Built(count: missing.count)
    DispatchQueue.concurrentPerform(iterations: missing.count) { i in
      let lang = missing[i]
      if lang == app.localizer.lang {
        made.set(i, try? app.recognizer())
      } else if let shared {
        made.set(
          i,
          try? TendCache.$folder.withValue(app.environment.usableCacheFolder) {
            try Recognizer(localizer: shared.localizer(lang), catalog: shared)
          })
      } else {
        made.set(i, try? SummaryArguments.recognizer(app, lang))
      }
    }
    lock.withLock {
      for (lang, recognizer) in zip(missing, made.all) where built[lang] == nil {
        if let recognizer { built[lang] = recognizer }
      }
    }
  }

  /// Recognizers made on several threads, one slot each.
  private final class Built: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Recognizer?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Recognizer?) { lock.withLock { values[i] = value } }
    var all: [Recognizer?] { lock.withLock { values } }
  }

  /// The recognizer for words typed now (`AppContext.readingLanguage`).
  func recognizer(for text: String) throws -> Recognizer {
    try recognizer(language(of: text))
  }

  /// The language words typed now are read in, and recorded in with them.
  func language(of text: String) -> String {
    app.readingLanguage(for: text) ?? app.localizer.lang
  }

  /// The conditions `text` names, read in `lang`.
  func conditions(_ text: String, _ lang: String, _ at: Date, _ stored: [Condition]) throws
    -> [Condition]
  {
    try recognizer(lang).recognize(text, today: at, profile: stored).conditions
  }

  /// The conditions `text` names read in each of `RedFlagWords.languages` (the recorded
  /// language `lang` and `family`, or every language when `lang` is nil).
  ///
  /// With `readings`, what the same words said at the same time with the same conditions in
  /// force were read as in an earlier run, when everything the reading depends on is unchanged
  /// (`SaidReadings`), and no recognizer is built for them; the conditions then come without the
  /// words that named them, read now or remembered alike (`SaidReadings.plain`).
  func conditions(
    _ text: String, recorded lang: String?, family: String?, _ at: Date, _ stored: [Condition]
  ) throws -> [Condition] {
    let langs = RedFlagWords.languages(recorded: lang, family: family, available: languages)
    let key = readings.map { _ in SaidReadings.key(langs: langs, text: text, at: at, stored: stored)
    }
    if let key, let known = readings?.lookup(key) { return known }
    var found: [Condition] = []
    prepare(langs)
    for one in langs {
      for c in try conditions(text, one, at, stored) where !found.contains(c) { found.append(c) }
    }
    guard let key, let readings else { return found }
    let plain = SaidReadings.plain(found)
    readings.add(key, plain)
    return plain
  }

  /// Reads words for red flags (the summary's and `tend log`'s reader) as the conversation
  /// does: in the language recorded with them and in `family`, the person's language.
  func redFlagWords(family: String?) -> RedFlagWords {
    RedFlagWords(catalog: app.catalog) { [self] text, lang, date, stored in
      try conditions(text, recorded: lang, family: family, date, stored)
    }
  }

  /// Red flags said in the 24 hours before `at` for `profile` and not cleared since (a line
  /// that cannot be read is skipped, so it never lifts one). Fail closed on the clock: a line
  /// dated after the machine's clock (a clock set back, another machine) counts as said now, so
  /// a check made now keeps it in force (stranger 8, F5).
  func standing(_ profile: Profile, at: Date, clock: Date = Date()) throws
    -> [SaidRedFlags.Flag]
  {
    let entries = try ChatStore(home: app.home, localizer: app.localizer).entries(
      of: profile.id, since: at.addingTimeInterval(-86_400))
    // `at` is "now" unless a past time was asked for (`tend log` of an earlier session).
    let checkingNow = at >= clock.addingTimeInterval(-300)
    let dated = entries.compactMap { entry -> (at: Date, entry: LogEntry)? in
      if entry.at <= at { return entry }
      return checkingNow && entry.at > clock ? (at, entry.entry) : nil
    }
    let store = ChatStore(home: app.home, localizer: app.localizer)
    // A line that cannot be read may hold a red flag: it stands as one (fail closed, F4).
    let unreadable =
      checkingNow
      ? try store.unreadableLines(of: profile.id, since: at.addingTimeInterval(-86_400), now: at)
      : []
    return try SaidRedFlags.find(
      in: dated, profile: profile, catalog: app.catalog, languages: languages, read: conditions)
      + unreadable
  }
}
