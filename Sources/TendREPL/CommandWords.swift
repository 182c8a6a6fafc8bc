import Foundation
import TendCore

/// The words that name each command, guide key and short answer at the prompt, in the language
/// in use, with the English words always working too.
///
/// The words are data in `Locales/<lang>.json`: `words.command.<id>` for each command
/// (`"words.command.start": ["empezar", "comenzar", ...]`, aliases allowed, a phrase of several
/// words allowed), `words.guide.<key>` for the keys of a running step, `words.cancel`,
/// `words.speakOff` and `words.rater.*`. A typed word always maps to the English id
/// (`empezar 3` is `start 3`), so the conversation and the command line's parser only ever see
/// one spelling. Guarantees, checked by `problems()` and a data test over every shipped
/// language: no word names two commands, or two guide keys, and no command or guide word is
/// also a short answer (yes, no, none, water, skip) in the same language.
public struct CommandWords: Sendable {
  /// The conversation's own commands (English ids), in the order help shows them.
  public static let conversation = [
    "suggest", "show", "start", "feel", "summary", "who", "add", "intake", "tell", "speak", "help",
    "quit", "more", "giver", "advice",
  ]
  /// The command line's commands that can be typed at the prompt (`tend check` ...).
  public static let plain = [
    "check", "routines", "receivers", "log", "journal", "reminders", "settings", "share", "review",
    "data", "advise",
  ]

  public let lang: String
  /// The ids of every command recognised, conversation first.
  public let ids: [String]
  /// Each id's words in the language in use (English for English), first one shown.
  private let local: [String: [String]]
  /// Each id's English words, accepted in every language.
  private let english: [String: [String]]
  private let commandByWord: [String: String]
  private let guideByWord: [String: GuideKey]
  private let cancelWords: Set<String>
  private let speakOffWords: Set<String>
  private let speakOffFirst: String
  private let raterWords: [RatingSet.Who: Set<String>]
  /// Subcommand words by parent path (`routines`, `receivers-condition`): word → English name.
  private let subByWord: [String: [String: String]]
  /// The single keys of a running step: the language's own (`keys.guide.*`), then the English
  /// ones that no key of the language took.
  private let keyByCharacter: [Character: GuideKey]
  /// The key each action shows in the legend, in the language in use.
  private let keyShown: [GuideKey: String]

  /// - Parameter plain: the command line's command names that `tend` runs at the prompt.
  public init(_ t: Localizer, plain: [String] = CommandWords.plain) {
    lang = t.lang
    let english = t.fallback ?? t.table
    func words(_ key: String, from table: LocaleTable) -> [String] {
      guard case .list(let items) = table[key] else { return [] }
      return items.map(Self.normal)
    }
    func both(_ key: String) -> [String] {
      var seen = Set<String>()
      return (words(key, from: t.table) + words(key, from: english)).filter {
        seen.insert($0).inserted
      }
    }
    let ids = Self.conversation + plain.filter { !Self.conversation.contains($0) }
    self.ids = ids
    var local: [String: [String]] = [:]
    var englishWords: [String: [String]] = [:]
    var byWord: [String: String] = [:]
    for id in ids {
      let key = "words.command.\(id)"
      local[id] = words(key, from: t.table)
      englishWords[id] = [id] + words(key, from: english)
      for word in local[id, default: []] + englishWords[id, default: []] where byWord[word] == nil {
        byWord[word] = id
      }
    }
    self.local = local
    self.english = englishWords
    commandByWord = byWord
    var guide: [String: GuideKey] = [:]
    for key in GuideKey.allCases where key != .confirm {
      for word in both("words.guide.\(key.rawValue)") where guide[word] == nil {
        guide[word] = key
      }
    }
    guideByWord = guide
    cancelWords = Set(both("words.cancel"))
    speakOffWords = Set(both("words.speakOff"))
    speakOffFirst = both("words.speakOff").first ?? "off"
    raterWords = [
      .receiver: Set(both("words.rater.receiver")), .caregiver: Set(both("words.rater.caregiver")),
    ]
    var subs: [String: [String: String]] = [:]
    for (parent, names) in Self.subcommandKeys(t) {
      for name in names {
        for word in both("words.sub.\(parent).\(name)") + [name]
        where subs[parent]?[word] == nil {
          subs[parent, default: [:]][word] = name
        }
      }
    }
    subByWord = subs
    var keys: [Character: GuideKey] = [:]
    var shown: [GuideKey: String] = [:]
    // The language's keys first, all of them; English ones only where still free.
    for table in [t.table, english] {
      for key in GuideKey.allCases where key != .confirm {
        guard case .text(let text)? = table["keys.guide.\(key.rawValue)"], text.count == 1,
          let character = text.lowercased().first
        else { continue }
        if shown[key] == nil { shown[key] = String(character) }
        if keys[character] == nil { keys[character] = key }
      }
    }
    for (character, key) in GuideKey.englishExtras where keys[character] == nil {
      keys[character] = key
    }
    keyByCharacter = keys
    keyShown = shown
  }

  /// The action of one key pressed while a step runs: the language's key (`o` omits in
  /// Spanish), else the English one when the language gave that letter to nothing (`s` skips
  /// in Spanish too, but in French `r` is `retour`, so there it goes back). Enter confirms.
  public func key(_ character: Character) -> GuideKey? {
    if character == "\r" || character == "\n" || character == "\r\n" { return .confirm }
    return character.lowercased().first.flatMap { keyByCharacter[$0] }
  }

  /// The key shown for an action in the language in use (`o` for skip in Spanish).
  public func keyShown(_ key: GuideKey) -> String { keyShown[key] ?? "" }

  /// The keys as arguments of the legend and hint texts (`%{pause}`, `%{skip}`...).
  public var keyArguments: [String: Message.Argument] {
    var out: [String: Message.Argument] = [:]
    for key in GuideKey.allCases where key != .confirm { out[key.rawValue] = .text(keyShown(key)) }
    return out
  }

  /// The subcommands that have words, by parent path, from the `words.sub.*` keys.
  static func subcommandKeys(_ t: Localizer) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for key in (t.fallback ?? t.table).values.keys where key.hasPrefix("words.sub.") {
      let parts = key.dropFirst("words.sub.".count).split(separator: ".").map(String.init)
      guard parts.count == 2 else { continue }
      out[parts[0], default: []].append(parts[1])
    }
    return out.mapValues { $0.sorted() }
  }

  /// The words after a command line command with its subcommands in English
  /// (`rutinas ver calm-hands` is `routines show calm-hands`; `personas condición quitar` is
  /// `receivers condition remove`). Options and values are left as typed.
  public func subcommands(of command: String, _ rest: [String]) -> [String] {
    guard let words = subByWord[command], !rest.isEmpty else { return rest }
    for n in stride(from: min(2, rest.count), through: 1, by: -1) {
      let phrase = Self.normal(rest[0..<n].joined(separator: " "))
      if let name = words[phrase] {
        return [name] + subcommands(of: "\(command)-\(name)", Array(rest[n...]))
      }
    }
    return rest
  }

  /// Lower case, outer spaces and question or exclamation marks trimmed (`¿ayuda?` is
  /// `ayuda`); `?` alone stays `?`.
  static func normal(_ word: String) -> String {
    let lower = word.lowercased().trimmingCharacters(in: .whitespaces)
    let trimmed = lower.trimmingCharacters(in: CharacterSet(charactersIn: "¿?¡!.,;:。？！，"))
    return trimmed.isEmpty ? lower : trimmed
  }

  /// A typed command: its English id and the words after it.
  public struct Parsed: Sendable, Equatable {
    public var id: String
    public var arguments: [String]
  }

  /// The command a line starts with, if any: the longest phrase of up to three words that
  /// names one (`bắt đầu 3`), or a command word glued to a number (`开始3`).
  public func parse(_ words: [String]) -> Parsed? {
    guard !words.isEmpty else { return nil }
    for n in stride(from: min(3, words.count), through: 1, by: -1) {
      let phrase = Self.normal(words[0..<n].joined(separator: " "))
      if let id = commandByWord[phrase] {
        return Parsed(id: id, arguments: Array(words[n...]))
      }
    }
    let first = words[0].lowercased()
    let glued = commandByWord.filter { first.hasPrefix($0.key) && $0.key.count < first.count }
    for (word, id) in glued.sorted(by: { $0.key.count > $1.key.count }) {
      let tail = first.dropFirst(word.count)
      if tail.allSatisfy(\.isNumber), !word.unicodeScalars.allSatisfy(\.isASCII) {
        return Parsed(id: id, arguments: [String(tail)] + words.dropFirst())
      }
    }
    return nil
  }

  /// The command a whole line names, with nothing after it (`salir`, `ayuda`).
  public func whole(_ line: String) -> String? { commandByWord[Self.normal(line)] }

  /// The guide key a whole typed line names (`omitir`, `le duele`), if any.
  /// A single character is read as a key first (`o` skips in Spanish), then as a word.
  public func guideKey(_ line: String) -> GuideKey? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.count == 1, let character = trimmed.first, let key = key(character) { return key }
    return GuideKey(word: line) ?? guideByWord[Self.normal(line)]
  }

  /// Whether the line cancels (`cancel`, `cancelar`, `取消`).
  public func isCancel(_ line: String) -> Bool { cancelWords.contains(Self.normal(line)) }

  /// Whether `speak` followed by this turns reading aloud off.
  public func isSpeakOff(_ argument: String) -> Bool {
    speakOffWords.contains(Self.normal(argument))
  }

  /// Who is rating, from a word (`yo`, `ella`, `receiver`), if the word says.
  public func rater(_ word: String) -> RatingSet.Who? {
    let w = Self.normal(word)
    if raterWords[.caregiver]?.contains(w) == true { return .caregiver }
    if raterWords[.receiver]?.contains(w) == true { return .receiver }
    return nil
  }

  /// The word to show for a command in the language in use (`sugerir`; `suggest` in English).
  public func display(_ id: String) -> String { local[id]?.first ?? id }

  /// The first word that turns reading aloud off, in the language in use.
  public var speakOffDisplay: String { speakOffFirst }

  /// The first word of each command in the language in use, for help and completion.
  public var displayed: [String] { ids.map(display) }

  /// Every word that names a command, localized then English, for "did you mean".
  public var allWords: [String] {
    ids.flatMap { local[$0, default: []] + english[$0, default: []] }
  }

  /// Every word that names a command in English.
  public var englishWords: [String] { ids.flatMap { english[$0, default: []] } }

  /// What is wrong with the words of `t`'s language, one line each: a word naming two
  /// commands or two guide keys, a command or guide word that is also a short answer (the
  /// "it's me" phrases included, read at the same prompt), or a preparation skip word that also
  /// cancels.
  public static func problems(_ t: Localizer, plain: [String] = CommandWords.plain) -> [String] {
    let english = t.fallback ?? t.table
    func words(_ key: String) -> [String] {
      var out: [String] = []
      for table in [t.table, english] {
        if case .list(let items) = table[key] { out += items.map(normal) }
      }
      return out
    }
    var problems: [String] = []
    func clashes(_ groups: [(String, [String])], _ what: String) {
      var owner: [String: String] = [:]
      for (name, list) in groups {
        for word in Set(list) {
          if let other = owner[word], other != name {
            problems.append("\(t.lang): \"\(word)\" names both \(what) \(other) and \(name)")
          } else {
            owner[word] = name
          }
        }
      }
    }
    let ids = conversation + plain.filter { !conversation.contains($0) }
    let commands = ids.map { ($0, [$0] + words("words.command.\($0)")) }
    let guide = GuideKey.allCases.filter { $0 != .confirm }.map {
      ($0.rawValue, words("words.guide.\($0.rawValue)"))
    }
    clashes(commands, "commands")
    clashes(guide, "guide keys")
    for (parent, names) in subcommandKeys(t).sorted(by: { $0.key < $1.key }) {
      clashes(
        names.map { ($0, [$0] + words("words.sub.\(parent).\($0)")) }, "\(parent) subcommands")
    }
    let answerKeys = [
      "chat.yesWords", "chat.noWords", "chat.noneWords", "chat.allFineWords", "rating.skipWords",
      "water.givenWords", "water.declinedWords", "water.laterWords", "words.cancel",
      "words.rater.receiver", "words.rater.caregiver",
      // Read at the main prompt before any command: "it's me", "not me".
      "chat.itsMe.words", "chat.itsMe.offWords",
    ]
    let answers = Set(answerKeys.flatMap(words))
    for (id, list) in commands {
      for word in Set(list) where answers.contains(word) {
        problems.append("\(t.lang): the command word \"\(word)\" (\(id)) is also an answer")
      }
    }
    // While a step runs, a yes or a no answers "did it hurt?".
    let yesNo = Set(words("chat.yesWords") + words("chat.noWords"))
    for (key, list) in guide {
      for word in Set(list) where yesNo.contains(word) {
        problems.append("\(t.lang): the guide word \"\(word)\" (\(key)) is also a yes or a no")
      }
    }
    // Before step 1, a cancel or a no cancels: a preparation skip word must be neither.
    let cancels = Set(words("words.cancel") + words("chat.noWords"))
    for word in Set(words("prep.skipWords")) where cancels.contains(word) {
      problems.append("\(t.lang): the preparation skip word \"\(word)\" also cancels")
    }
    for (id, list) in commands {
      for word in list where word.isEmpty {
        problems.append("\(t.lang): an empty word for \(id)")
      }
    }
    return problems.sorted()
  }
}
