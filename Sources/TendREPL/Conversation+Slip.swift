import Foundation
import TendCore

/// A slip of the keyboard at the prompt is asked about, not read as a medical fact (outside
/// tester, round 5, F3): `clearshow 5` or `strat 2` gets "did you mean show?" and nothing is
/// noted or kept. Only a line that looks like a command does: its first word is near a
/// command word (edit distance) or ends or starts with one (`clearshow`), and what follows is
/// at most two numbers or routine names. Real medical words always win: when the recognizer
/// reads a red flag, or any condition it can place, in the line, it is no slip.
extension Conversation {
  /// "Did you mean …?" for a mistyped command; nil when the line is not one.
  func commandSlip(_ line: String, words typed: [String]) -> [Action]? {
    guard let first = typed.first?.lowercased(), first.count >= 3,
      first.allSatisfy(\.isLetter), typed.count <= 3
    else { return nil }
    let rest = typed.dropFirst()
    guard
      rest.allSatisfy({ Int($0) != nil || context.catalog.routine(named: $0, t) != nil })
    else { return nil }
    let known = words.allWords.filter { !$0.contains(" ") && $0.count >= 3 }
    let glued = known.filter { first != $0 && (first.hasSuffix($0) || first.hasPrefix($0)) }
      .max { ($0.count, $1) < ($1.count, $0) }
    guard let guess = Suggest.nearest(to: first, in: known) ?? glued else { return nil }
    if let found = understood(line) {
      if !redFlags(found.conditions.map(\.id)).isEmpty { return nil }
      if found.conditions.contains(where: { !$0.id.hasPrefix("not-understood") }) { return nil }
    }
    let shown = String((typed.first ?? first).prefix(40))
    return [
      .say(
        t(
          "chat.didYouMean.command",
          [
            "word": .text(shown), "guess": .text(guess),
            "tell": .text(words.display("tell")),
          ]))
    ]
  }
}
