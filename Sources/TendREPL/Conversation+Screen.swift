import Foundation
import TendCore

/// What the screen keeps: which typed lines go into the history (Up, and the history file).
extension Conversation {
  /// Whether a line typed now is worth recalling: commands and sentences at the main prompt,
  /// and free text (a note, how they feel, why it stopped) of more than one word. One-word
  /// answers ("no", "yes", "3", a name at the who prompt) and every answer to a question
  /// (intake, ratings, water, confirmations) are never kept.
  public func remembers(_ line: String) -> Bool {
    let text = Self.clean(line)
    guard !text.isEmpty else { return false }
    let words = text.split(separator: " ").count
    let lower = text.lowercased()
    let commandWord = (lower.split(separator: " ").first.map(String.init)).map {
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
