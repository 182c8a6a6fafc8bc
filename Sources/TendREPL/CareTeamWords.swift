import Foundation
import TendCore

/// Hears "the nurse said it's fine, gentle only" in the chosen language: who answered, and the
/// limits they added. Only phrases from the locale (`chat.careteam.*Words`) count, so a
/// sentence is never read as a yes unless it says one; what is heard is always shown back and
/// confirmed before anything is saved. (The free-text recognizer for conditions is separate,
/// in TendCore/Language; this reads only the care team's answer.)
enum CareTeamWords {
  struct Heard: Equatable, Sendable {
    /// The words before the phrase ("the nurse", "Dr Lee").
    var from: String
    var limits: CareLimits
  }

  static func normalized(_ text: String) -> String {
    " "
      + text.lowercased().replacingOccurrences(of: "’", with: "'")
      .components(separatedBy: CharacterSet(charactersIn: ",.;!?:")).joined(separator: " ")
      .split(separator: " ").joined(separator: " ") + " "
  }

  /// A phrase as it is looked for: normalized, without the outer spaces.
  static func key(_ phrase: String) -> String {
    normalized(phrase).trimmingCharacters(in: .whitespaces)
  }

  /// The care team's answer in `line`, or nil when it does not say one.
  static func hear(_ line: String, localizer t: Localizer) -> Heard? {
    let text = normalized(line)
    // Phrases match inside words too (Chinese and Vietnamese need no spaces around them).
    let phrases = t.list("chat.careteam.saidWords").map { key($0) }
      .sorted { $0.count > $1.count }
    guard let phrase = phrases.first(where: { text.contains($0) }),
      let range = text.range(of: phrase)
    else { return nil }
    let from = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
    guard !from.isEmpty, from.count <= 60 else { return nil }
    let rest = String(text[range.upperBound...])
    var limits = CareLimits()
    if t.list("chat.careteam.holdWords").contains(where: { rest.contains(key($0)) }) {
      limits.maxPressure = .stillHold
    } else if t.list("chat.careteam.gentleWords").contains(where: {
      rest.contains(key($0))
    }) {
      limits.maxPressure = .light
    }
    for cue in t.list("chat.careteam.avoidWords").map(key) {
      var search = rest[...]
      while let hit = search.range(of: cue) {
        let after = search[hit.upperBound...].split(separator: " ").prefix(3)
          .joined(separator: " ")
        if let region = SiteWords.region(in: after, localizer: t),
          !limits.avoid.contains(region)
        {
          limits.avoid.append(region)
        }
        search = search[hit.upperBound...]
      }
    }
    return Heard(from: originalCase(from, in: line), limits: limits)
  }

  /// `from` as the caregiver typed it ("Dr Lee", not "dr lee"), when it can be found.
  static func originalCase(_ from: String, in line: String) -> String {
    guard let r = line.range(of: from, options: .caseInsensitive) else { return from }
    return String(line[r])
  }
}
