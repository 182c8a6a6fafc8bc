import Foundation

/// What Tab offers: commands first, then routine ids after `start`/`show`, receiver names after
/// `who`, and condition words (rule ids, body sites, sides) after `tell` or inside a sentence.
/// A pure function of the line, so tests check it without a terminal.
public struct Completion: Sendable {
  public var commands: [String]
  public var routineIDs: [String]
  public var receiverNames: [String]
  public var conditionWords: [String]

  public init(
    commands: [String], routineIDs: [String], receiverNames: [String], conditionWords: [String]
  ) {
    self.commands = commands
    self.routineIDs = routineIDs
    self.receiverNames = receiverNames
    self.conditionWords = conditionWords
  }

  /// Candidates for `word`, the text being completed, given the line before it.
  public func candidates(before: String, word: String) -> [String] {
    let previous = CommandLineWords.split(before)
    let pool: [String]
    switch previous.first?.lowercased() {
    case nil: pool = commands
    case "start", "show": pool = previous.count == 1 ? routineIDs : []
    case "routines": pool = previous.count == 1 ? ["show"] : routineIDs
    case "who", "switch": pool = receiverNames
    case "speak": pool = ["on", "off"]
    default: pool = conditionWords
    }
    let lowered = word.lowercased()
    var seen = Set<String>()
    return pool.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }.sorted()
  }
}
