import Foundation

/// What Tab offers: commands first, in the language in use (the English words when nothing in
/// that language fits what is typed), then routines after `start`/`show` (the language's routine
/// words first, then the English ids, as `RoutineWords.allWords` gives them),
/// receiver names after `who`, and condition words (rule ids, body sites, sides) after `tell`
/// or inside a sentence. A pure function of the line, so tests check it without a terminal.
public struct Completion: Sendable {
  public var commands: [String]
  /// Command words offered when none of `commands` fits (the English ones, in another language).
  public var otherCommands: [String]
  /// The routine words and ids offered after `start` and `show`.
  public var routineIDs: [String]
  public var receiverNames: [String]
  public var conditionWords: [String]
  /// The English id of a typed command word (`empezar` is `start`).
  private var command: @Sendable ([String]) -> String?
  /// The words that turn reading aloud off, shown after `speak`.
  private var speakWords: [String]

  public init(
    commands: [String], routineIDs: [String], receiverNames: [String], conditionWords: [String]
  ) {
    self.commands = commands
    otherCommands = []
    self.routineIDs = routineIDs
    self.receiverNames = receiverNames
    self.conditionWords = conditionWords
    command = { words in words.first.map { $0.lowercased() == "switch" ? "who" : $0.lowercased() } }
    speakWords = ["on", "off"]
  }

  /// Completion with the command words of `words`' language.
  public init(
    words: CommandWords, routineIDs: [String], receiverNames: [String], conditionWords: [String]
  ) {
    self.init(
      commands: words.displayed, routineIDs: routineIDs, receiverNames: receiverNames,
      conditionWords: conditionWords)
    otherCommands = words.englishWords
    command = { words.parse($0)?.id }
    speakWords = ["on", "off"] + (words.lang == "en" ? [] : [words.speakOffDisplay])
  }

  /// Candidates for `word`, the text being completed, given the line before it.
  public func candidates(before: String, word: String) -> [String] {
    let previous = CommandLineWords.split(before)
    let lowered = word.lowercased()
    func matching(_ pool: [String]) -> [String] {
      var seen = Set<String>()
      return pool.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }.sorted()
    }
    guard !previous.isEmpty else {
      let local = matching(commands)
      return local.isEmpty ? matching(otherCommands) : local
    }
    let pool: [String]
    switch command(previous) {
    case "start", "show": pool = previous.count == 1 ? routineIDs : []
    case "routines": pool = previous.count == 1 ? ["show"] : routineIDs
    case "who": pool = receiverNames
    case "speak": pool = speakWords
    default: pool = conditionWords
    }
    return matching(pool)
  }
}
