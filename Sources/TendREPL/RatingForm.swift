import Foundation

/// Quick 0-10 ratings, one question at a time: who is rating first, then each kind; Enter skips
/// a rating and `skip` skips the rest. Used before and after a session and by `feel`.
struct RatingForm: Sendable, Equatable {
  enum Purpose: Sendable, Equatable { case before, after, feel }

  let purpose: Purpose
  var kinds: [String] = RatingSet.defaultKinds
  /// nil until the rater is known.
  var ratings: RatingSet?
  var index = 0

  /// The kind asked next, or nil when the rater is still to be asked or the form is done.
  var currentKind: String? { ratings != nil && index < kinds.count ? kinds[index] : nil }
  var isDone: Bool { ratings != nil && index >= kinds.count }

  enum Answer: Equatable { case value(Int), skip, skipRest, invalid }

  static func parse(_ line: String, skipWords: [String]) -> Answer {
    let word = line.lowercased()
    if word.isEmpty || word == "-" { return .skip }
    if skipWords.contains(word) || word == "skip" || word == "skip all" { return .skipRest }
    let digits = word.hasSuffix("/10") ? String(word.dropLast(3)) : word
    guard let n = Int(digits), (0...10).contains(n) else { return .invalid }
    return .value(n)
  }
}
