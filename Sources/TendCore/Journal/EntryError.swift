import Foundation

/// Why an entry cannot go into a journal. `Journal.append` checks every entry, so neither the
/// command line nor the REPL can write one of these.
public enum EntryError: Error, Equatable, Sendable, LocalizedError {
  /// A rating name Tend does not know, with the nearest known names.
  case unknownRating(name: String, suggestions: [String])
  /// A rating outside 0-10.
  case ratingOutOfRange(name: String, value: Int)
  /// A `name=value` pair that cannot be read.
  case badRatingPair(String)
  /// A number that must not be negative (minutes, millilitres) or above its limit.
  case outOfRange(field: String, value: Int, range: ClosedRange<Int>)

  /// A user-facing message (locale keys under `log.error.*`).
  public var message: Message {
    switch self {
    case .unknownRating(let name, let suggestions):
      Message(
        suggestions.isEmpty ? "log.error.unknownRating" : "log.error.unknownRatingHint",
        [
          "name": .text(name), "suggestion": .text(suggestions.first ?? ""),
          "known": .text(RatingKind.allCases.map(\.rawValue).joined(separator: ", ")),
        ])
    case .ratingOutOfRange(let name, let value):
      Message("log.error.ratingRange", ["name": .text(name), "value": .text(String(value))])
    case .badRatingPair(let text):
      Message("log.error.ratingPair", ["text": .text(text)])
    case .outOfRange(let field, let value, let range):
      Message(
        "log.error.range",
        [
          "field": .text(field), "value": .text(String(value)),
          "low": .text(String(range.lowerBound)),
          "high": .text(String(range.upperBound)),
        ])
    }
  }

  public var errorDescription: String? {
    switch self {
    case .unknownRating(let name, let suggestions):
      "error: unknown rating \"\(name)\""
        + (suggestions.first.map { "; did you mean \"\($0)\"?" } ?? "")
    case .ratingOutOfRange(let name, let value):
      "error: \(name)=\(value) is outside 0-10"
    case .badRatingPair(let text):
      "error: \"\(text)\" is not a rating like pain=6"
    case .outOfRange(let field, let value, let range):
      "error: \(field) \(value) is outside \(range.lowerBound)-\(range.upperBound)"
    }
  }
}
