import Foundation
import TendCore

/// The languages of the conversation (outside tester, round 5, F17 and F18).
///
/// Guarantees: words written to the journal carry the language they were read in (`stamped`),
/// so a red flag said in French and not saved still holds when the next person talks English
/// (`SaidRedFlags.find` reads them back in that language). With no `--lang`, choosing a
/// receiver whose profile names a language switches the conversation to it (its messages,
/// command words and recognizer), and choosing one without goes back to the language the start
/// chose; one line says so, in the new language. A command word of another of Tend's languages
/// ("sugerir" typed in English) runs that command when it is typed alone or with a number,
/// every language that has the word means the same command by it, and the words name nothing
/// medical in the language in use.
extension Conversation {
  /// The language `text` is read in: the script's (a line in Chinese in an English
  /// conversation), else the one in use.
  func readingLanguage(_ text: String) -> String {
    context.readingLanguage?(text) ?? t.lang
  }

  /// `actions` with each journal entry that holds words marked with the language they were
  /// read in (an entry already marked is left as it is).
  public func stamped(_ actions: [Action]) -> [Action] {
    actions.map { action in
      guard case .log(let entry, let id) = action else { return action }
      switch entry {
      case .feeling(let ratings, let text?, let by, nil):
        return .log(
          .feeling(ratings: ratings, text: text, by: by, lang: readingLanguage(text)),
          receiverID: id)
      case .session(var log) where log.lang == nil:
        guard let words = log.stopReason ?? log.note else { return action }
        log.lang = readingLanguage(words)
        return .log(.session(log), receiverID: id)
      default: return action
      }
    }
  }

  /// Switches to `profile`'s language when it has one Tend has (else back to the language the
  /// start chose), unless `--lang` fixed it; the line that says so, in the new language.
  mutating func followLanguage(_ profile: Profile) -> [Action] {
    guard let relanguage = context.relanguage else { return [] }
    let wanted = profile.language.flatMap { context.languages.contains($0) ? $0 : nil }
    let target = wanted ?? startLanguage
    guard target != t.lang, let next = relanguage(wanted), next.localizer.lang == target else {
      return []
    }
    context = next
    words = CommandWords(next.localizer, plain: next.commands)
    let line =
      wanted == nil
      ? t("chat.language.back") : t("chat.language.switched", ["name": .text(profile.name)])
    return [.say(line)]
  }

  /// A command typed in another of Tend's languages (`sugerir`, `empezar 2`), when it is one
  /// without doubt: alone or with a number, every other language that has the words means the same command by them,
  /// and the language in use reads nothing medical in the line (a medical word is never
  /// swallowed as a command). Nil otherwise.
  func foreignCommand(_ typed: [String], _ line: String) -> CommandWords.Parsed? {
    guard let make = context.otherWords else { return nil }
    let found = foreign.words(make).filter { $0.lang != t.lang }.compactMap { $0.parse(typed) }
    guard let first = found.first, found.allSatisfy({ $0.id == first.id }) else { return nil }
    let parsed = found.min { $0.arguments.count < $1.arguments.count } ?? first
    // The command alone, or with a number (`empezar 2`): a sentence that begins with another
    // language's command word ("aide came today") stays words.
    guard parsed.arguments.allSatisfy({ Int($0) != nil }) else { return nil }
    let command = typed.prefix(typed.count - parsed.arguments.count).map {
      CommandWords.normal($0)
    }
    if let understood = understood(line) {
      // Only the command's own words may be unknown to the language in use; a condition it
      // names, a negation or an unknown word after them keeps the line as words.
      let onlyUnknown = understood.unknownTerms.allSatisfy { term in
        command.contains(CommandWords.normal(term))
      }
      let named = understood.conditions.filter { !Self.standsForUnknown($0, understood) }
      guard named.isEmpty, understood.removed.isEmpty, onlyUnknown else { return nil }
    }
    return parsed
  }

  /// Whether `condition` is only what Tend records for words it could not place (the
  /// fail-closed "I could not place …" entry), not a condition the words name. The urgent one
  /// ("something possibly urgent") is never set aside.
  static func standsForUnknown(_ condition: Condition, _ understood: Understanding) -> Bool {
    !understood.unknownTerms.isEmpty && condition.id == "not-understood"
  }
}

/// The command words of Tend's other languages, built once on first use and shared by copies
/// of the conversation.
final class ForeignWords: @unchecked Sendable {
  private let lock = NSLock()
  private var built: [CommandWords]?

  func words(_ make: () -> [CommandWords]) -> [CommandWords] {
    lock.withLock {
      if let built { return built }
      let made = make()
      built = made
      return made
    }
  }
}
