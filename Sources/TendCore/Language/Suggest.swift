/// "Did you mean ...?": the nearest names to a mistyped word.
public enum Suggest {
  /// Damerau-Levenshtein (optimal string alignment) distance between two strings.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      previous2 = previous
      previous = current
    }
    return previous[b.count]
  }

  /// The candidates closest to `word`, best first, within a distance scaled to its length;
  /// a candidate that starts with the word also counts.
  public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let lowered = word.lowercased()
    let allowed = max(1, lowered.count / 3)
    let scored = candidates.compactMap { candidate -> (String, Int)? in
      let d = distance(lowered, candidate.lowercased())
      if d <= allowed { return (candidate, d) }
      if lowered.count >= 3, candidate.lowercased().hasPrefix(lowered) {
        return (candidate, allowed)
      }
      if lowered.count >= 4, candidate.lowercased().contains(lowered) {
        return (candidate, allowed + 1)
      }
      return nil
    }
    return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
  }

  /// The single nearest candidate, if any.
  public static func nearest(to word: String, in candidates: [String]) -> String? {
    nearest(to: word, in: candidates, limit: 1).first
  }
}
