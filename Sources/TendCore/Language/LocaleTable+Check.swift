import Foundation

/// A language checks itself when it is loaded: the words Tend needs are there, or no advice is
/// given at all (a missing `check.coach` would otherwise print its raw key where "Tend is a
/// coach, not a clinician" belongs).
extension LocaleTable {
  /// Word lists that serve one kind of writing only, so a language may leave them empty: heads
  /// of medical names where the noun comes first ("enfermedad de …", "bệnh …"), Chinese
  /// medical morphemes (病, 炎), hand-listed medical words where morphemes do that work, and
  /// words too ambiguous to read without their marks (Vietnamese), and everyday words the
  /// English fallback must not read (English has no fallback).
  public static let scriptSpecificLists: Set<String> = [
    "vocab.medicalHead", "vocab.medicalMorpheme", "vocab.medicalWord", "vocab.unmarkedAmbiguous",
    "vocab.notEnglish", "vocab.droppedWord",
  ]

  /// The actions of a running step that have a single key in each language
  /// (`keys.guide.<action>`, one character each): the raw values of TendREPL's `GuideKey`.
  public static let guideKeyActions = ["pause", "back", "repeat", "skip", "stop", "hurts", "help"]

  /// What is wrong with this language's step keys, as the key and why: a key that is not one
  /// visible character, or one key given to two actions (the second one named).
  func guideKeyProblems() -> [(key: String, reason: String)] {
    var owner: [Character: String] = [:]
    var problems: [(key: String, reason: String)] = []
    for action in Self.guideKeyActions {
      let key = "keys.guide.\(action)"
      guard case .text(let text)? = self[key] else { continue }
      let lowered = text.lowercased()
      guard lowered.count == 1, let character = lowered.first, !character.isWhitespace else {
        problems.append((key, "a step key must be one visible character, not \"\(text)\""))
        continue
      }
      if let other = owner[character] {
        problems.append(
          (key, "\"\(text)\" is already the key of \(other) (line \(lines[other] ?? 1))"))
      } else {
        owner[character] = key
      }
    }
    return problems
  }

  /// What is wrong with this language's routine words (`routine.<id>.word`, the name a routine
  /// goes by in lists and where an id is typed): a word with a space or a capital, a word
  /// two routines share (accents and case aside), or another routine's English id; in English
  /// the word is the id itself.
  func routineWordProblems(ids: [String]) -> [(key: String, reason: String)] {
    var owner: [String: String] = [:]
    var problems: [(key: String, reason: String)] = []
    let idSet = Set(ids)
    for id in ids {
      let key = "routine.\(id).word"
      guard case .text(let word)? = self[key] else { continue }
      if lang == "en", word != id {
        problems.append((key, "in English a routine's word is its id \"\(id)\""))
        continue
      }
      if word.contains(where: \.isWhitespace) || word != word.lowercased() || word.isEmpty {
        problems.append((key, "\"\(word)\" must be lower case with no spaces (use -)"))
        continue
      }
      let folded = RoutineWords.fold(word)
      if let other = owner[folded] {
        problems.append(
          (key, "\"\(word)\" is already the word of \(other) (line \(lines[other] ?? 1))"))
      } else if idSet.contains(folded), folded != id {
        problems.append((key, "\"\(word)\" is the id of another routine"))
      } else {
        owner[folded] = key
      }
    }
    return problems
  }
}

extension Catalog {
  /// Checks one language against English and against the keys the code uses.
  ///
  /// - For English: every key in `LocaleKeys.used` (written literally in Sources/) exists.
  /// - For another language: every English key exists, with the same `%{…}` placeholders, the
  ///   same kind of value (text or plural vs list of phrases), and no empty text.
  /// - Throws: `CatalogError.malformed` naming `Locales/<lang>.json`, the key's line and the key.
  public func checkLanguage(_ table: LocaleTable) throws(CatalogError) {
    let file = "Locales/\(table.lang).json"
    func bad(_ key: String, _ reason: String) -> CatalogError {
      .malformed(file: file, line: table.lines[key] ?? 1, column: 1, field: key, reason: reason)
    }
    if let problem = table.guideKeyProblems().first { throw bad(problem.key, problem.reason) }
    if let problem = table.routineWordProblems(ids: routines.map(\.id)).first {
      throw bad(problem.key, problem.reason)
    }
    if table.lang == english.lang {
      let needed =
        LocaleKeys.used + LocaleTable.guideKeyActions.map { "keys.guide.\($0)" }
        + routines.map { "routine.\($0.id).word" } + rules.flatMap(\.sidedAdviceKeys)
      for key in needed where table[key] == nil {
        throw bad(key, "missing: Tend uses this key, and English is the reference")
      }
      return
    }
    for (key, reference) in english.values.sorted(by: { $0.key < $1.key }) {
      guard let value = table[key] else {
        throw bad(
          key, "missing: English has it (line \(english.lines[key] ?? 1) of Locales/en.json)")
      }
      switch (reference, value) {
      case (.list, .list(let phrases)):
        if phrases.isEmpty, !LocaleTable.scriptSpecificLists.contains(key) {
          throw bad(key, "an empty list of phrases")
        }
        continue
      case (.list, _), (_, .list):
        throw bad(key, "a different kind of value from English")
      case (_, .text(let s)) where s.isEmpty:
        throw bad(key, "empty text")
      default: break
      }
      let have = LocaleTable.placeholders(in: value)
      let want = LocaleTable.placeholders(in: reference)
      if have != want {
        throw bad(
          key,
          "placeholders \(have.sorted()) differ from English's \(want.sorted())")
      }
    }
  }

  /// Checks every language in the data folder (`tend data check`).
  /// - Returns: each language with its problem, or nil when it is complete.
  public static func checkAllLanguages(in folder: URL, catalog: Catalog) -> [(
    String, CatalogError?
  )] {
    availableLanguages(in: folder).map { lang -> (String, CatalogError?) in
      do throws(CatalogError) {
        let table = lang == "en" ? catalog.english : try loadLocale(lang, in: folder)
        try catalog.checkLanguage(table)
        return (lang, nil)
      } catch {
        return (lang, error)
      }
    }
  }
}
