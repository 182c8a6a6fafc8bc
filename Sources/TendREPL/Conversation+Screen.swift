import Foundation
import TendCore

/// What the screen keeps: a short `suggest` with the rest on request, and which typed lines go
/// into the history (Up, and the history file).
extension Conversation {
  /// Check text left unwrapped: the loop wraps each line to the terminal as it prints.
  var screenCheckText: CheckText {
    var text = CheckText(localizer: t)
    text.width = 100_000
    return text
  }

  /// How many routines `suggest` lists before "more".
  static let shortListCount = 5

  /// The routines of a `suggest`, numbered to start: the first few offered, each with its
  /// reasons; the others (and those left out, with why) are kept for `more`.
  mutating func shortList(_ plans: [Plan]) -> [Action] {
    let text = screenCheckText
    var lines: [Action] = []
    var rest: [Action] = []
    for plan in plans {
      var block: [Action] = []
      let line = text.summaryLine(plan)
      let n = offered.firstIndex(of: plan)
      if let n {
        block.append(.say(String(format: "%2d.", n + 1) + line))
        let reasons = Array(Set(plan.steps.flatMap(\.reasons).map(t.render))).sorted().prefix(2)
        for reason in reasons { block.append(.say("         → " + reason)) }
      } else {
        block.append(.say("   " + line))
        let reasons = Array(Set(plan.steps.flatMap(\.reasons).map(t.render))).sorted().prefix(1)
        for reason in reasons { block.append(.say("         → " + reason)) }
      }
      if let n, n < Self.shortListCount { lines += block } else { rest += block }
    }
    moreLines = rest
    if !rest.isEmpty {
      let count = plans.count - min(offered.count, Self.shortListCount)
      lines.append(.say(t("chat.suggest.more", ["count": .number(count)])))
    }
    return lines
  }

  /// `more`: the rest of the last `suggest`.
  mutating func more() -> [Action] {
    guard !moreLines.isEmpty else { return [.say(t("chat.more.none"))] }
    let lines = moreLines
    moreLines = []
    return lines + [.say(""), .say(t("chat.afterSuggest"))]
  }

  /// Whether a line typed now is worth recalling: commands and sentences at the main prompt,
  /// and free text (a note, how they feel, why it stopped) of more than one word. One-word
  /// answers ("no", "yes", "3", a name at the who prompt) and every answer to a question
  /// (intake, ratings, water, confirmations) are never kept.
  public func remembers(_ line: String) -> Bool {
    let text = Self.clean(line)
    guard !text.isEmpty else { return false }
    let words = text.split(separator: " ").count
    let lower = text.lowercased()
    let commandWord =
      (lower.split(separator: " ").first.map(String.init)).map {
        Self.commands.contains($0) || context.commands.contains($0)
      } ?? false
    switch phase {
    case .idle, .finished:
      if words > 1 || commandWord { return true }
      return yesNo(text) == nil && Int(text) == nil && !t.list("chat.noneWords").contains(lower)
    case .choosingReceiver:
      return commandWord
    case .note, .feelText, .stopReason:
      return words > 1
    default:
      return false
    }
  }
}
