import Foundation
import TendCore
import TendREPL

/// Red flags in what `tend log` is given: the words are read for warning signs (as the
/// conversation reads them) and a red flag's instruction is printed the moment it is found,
/// before anything is saved (DESIGN rule 8); red flags said in the last 24 hours and not
/// cleared stand for `log session` too, as they do for `tend check --receiver`.
enum LogRedFlags {
  /// The red-flag rule ids in `texts` said at `at`, read with what was stored then.
  /// - Throws: when the words cannot be read (never taken as "no red flag").
  /// The words are read in the language they are recorded in (`SaidWords.language`) and in
  /// the person's own, as the conversation and `tend check` read them back later.
  static func read(
    _ texts: [String?], profile: Profile, at: Date, _ app: AppContext, readers: SaidWords? = nil
  ) throws -> [String] {
    let words = texts.compactMap { $0 }.filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    guard !words.isEmpty else { return [] }
    let readers = readers ?? SaidWords(app)
    let reader = readers.redFlagWords(family: profile.language)
    let stored = profile.conditions(asOf: at)
    var out: [String] = []
    for text in words {
      let lang = readers.language(of: text)
      for id in try HomeInput.run(
        app, { try reader.rules(in: text, at: at, stored: stored, lang: lang) })
      where !out.contains(id) {
        out.append(id)
      }
    }
    return out.sorted()
  }

  /// Red flags said in the 24 hours before `at` (a stop reason, a note, a feeling) and not
  /// cleared since, read back from the journal in the language each was said in; a line that
  /// cannot be read lifts nothing.
  static func standing(
    _ profile: Profile, at: Date, _ app: AppContext, readers: SaidWords? = nil
  ) throws -> [SaidRedFlags.Flag] {
    try (readers ?? SaidWords(app)).standing(profile, at: at)
  }

  /// What to do now, as the conversation says it (`RedFlagCall`): stop, whom to call, once,
  /// then each rule's advice that the call does not already say.
  static func advice(_ ids: [String], _ app: AppContext) -> [String] {
    let t = app.localizer
    let rules = ids.compactMap { app.catalog.rule($0) }
    return RedFlagCall.messages(rules, number: app.emergencyContact().number, t).map(t.render)
  }

  /// "These words read as a red flag: …", then the advice (empty when `ids` is empty).
  static func found(_ ids: [String], _ app: AppContext) -> [String] {
    guard !ids.isEmpty else { return [] }
    let names = ids.map { app.t("rule.\($0).name") }
    return [app.t("log.redFlag.words", ["rules": .text(app.localizer.list(names))])]
      + advice(ids, app)
  }
}
