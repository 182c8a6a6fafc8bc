import Foundation

/// 0-10 "right now" ratings, with who gave them (the MSK/ESAS habit).
///
/// Invariant: every score is 0...10 and every name is a `RatingKind`; `init(validating:)` and
/// `Journal.append` refuse anything else. Any rating may be left out (skipped).
public struct Ratings: Codable, Equatable, Sendable {
  /// Who rated: the receiver, or a caregiver as proxy (labelled as such in summaries).
  public var ratedBy: Rater
  /// The proxy's name when a caregiver rated.
  public var rater: String?
  /// Score by `RatingKind` raw value.
  public var scores: [String: Int]

  public init(ratedBy: Rater = .receiver, rater: String? = nil, scores: [String: Int]) {
    self.ratedBy = ratedBy
    self.rater = rater
    self.scores = scores
  }

  /// Builds ratings from `name=value` pairs after checking names and the 0-10 range.
  /// - Throws: `EntryError.unknownRating` (with the nearest names) or `.ratingOutOfRange`.
  public init(validating scores: [String: Int], ratedBy: Rater = .receiver, rater: String? = nil)
    throws(EntryError)
  {
    self.init(ratedBy: ratedBy, rater: rater, scores: scores)
    try validate()
  }

  public func validate() throws(EntryError) {
    for (name, value) in scores.sorted(by: { $0.key < $1.key }) {
      guard RatingKind(rawValue: name) != nil else {
        throw .unknownRating(
          name: name,
          suggestions: Suggest.nearest(to: name, in: RatingKind.allCases.map(\.rawValue), limit: 2))
      }
      guard RatingKind.range.contains(value) else {
        throw .ratingOutOfRange(name: name, value: value)
      }
    }
  }

  /// Parses `pain=6,anxiety=4` (also one pair per call); `pain=-` or `pain=skip` skips it.
  /// - Throws: `EntryError` for a pair without `=`, a value that is not a whole number, an
  ///   unknown name or a value outside 0-10.
  public static func parsePairs(_ texts: [String]) throws(EntryError) -> [String: Int] {
    var scores: [String: Int] = [:]
    for text in texts {
      for pair in text.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map {
          $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard parts.count == 2, !parts[0].isEmpty else { throw .badRatingPair(String(pair)) }
        let name = RatingKind.aliases[parts[0]] ?? parts[0]
        if parts[1] == "-" || parts[1] == "skip" { continue }
        guard let value = Int(parts[1]) else { throw .badRatingPair(String(pair)) }
        scores[name] = value
      }
    }
    try Ratings(ratedBy: .receiver, scores: scores).validate()
    return scores
  }
}

/// Who gave a rating.
public enum Rater: String, Codable, Sendable, CaseIterable {
  case receiver
  /// A caregiver rating for the receiver (a proxy rating).
  case caregiver
}

/// The symptoms Tend asks about. The first four are the quick default set; the rest are asked
/// on request.
public enum RatingKind: String, Codable, Sendable, CaseIterable {
  case pain, anxiety, tiredness, comfort, nausea, mood, breathlessness

  public static let range = 0...10
  public static let defaultSet: [RatingKind] = [.pain, .anxiety, .tiredness, .comfort]
  /// Everyday words accepted on the command line for a kind.
  static let aliases = [
    "stress": "anxiety", "fatigue": "tiredness", "relaxation": "comfort", "sob": "breathlessness",
  ]
}
