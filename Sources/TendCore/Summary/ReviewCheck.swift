import Foundation

/// What `tend review` checks beyond the checksum.
///
/// The checksum catches accidental damage (a truncated download, a flipped byte); anyone who
/// edits the file can compute a new one, so it proves nothing about who made it. So the
/// headline figures are also recomputed from the file's own session rows, and any that
/// disagree are named; and a FHIR Bundle that Tend did not make is named as such and listed
/// resource by resource instead of being read as an (empty) Tend summary.
public enum ReviewCheck {
  /// A figure the file states that its own session rows do not give.
  public struct Disagreement: Sendable, Equatable {
    /// `sessions`, `stopped`, `rated`, `worse-after` or `<scale>` (a rating table row).
    public var figure: String
    public var claimed: String
    public var recomputed: String
  }

  /// Recomputes the figures from `summary.sessions` (nothing to compare when it has none).
  public static func disagreements(_ summary: SummaryData) -> [Disagreement] {
    guard let rows = summary.sessions else { return [] }
    return disagreements(
      summary, ReviewFigures(rows.lazy.map(ReviewFigures.Row.init), period: summary.period))
  }

  /// The figures `summary` states that `again` (recomputed from its rows) does not give.
  public static func disagreements(_ summary: SummaryData, _ again: ReviewFigures)
    -> [Disagreement]
  {
    let ratings = again.ratings
    var out: [Disagreement] = []
    func check(_ figure: String, _ claimed: Int, _ actual: Int) {
      if claimed != actual {
        out.append(.init(figure: figure, claimed: String(claimed), recomputed: String(actual)))
      }
    }
    check("sessions", summary.totals.sessions, again.sessions)
    check("stopped", summary.totals.stopped, again.stopped)
    check("rated", summary.totals.rated, again.rated)
    check("worse-after", summary.redFlags.worseAfter, again.worseAfter)
    if let total = summary.safety?.worseCount {
      check("worse-after", total, again.worseAfter)
    }
    if let listed = summary.safety?.worse.count {
      check("worse-after", listed, again.worseAfter)
    }
    for scale in SummaryScale.allCases {
      let a = summary.ratings.first { $0.scale == scale }
      let b = ratings.first { $0.scale == scale }
      func text(_ r: SummaryData.RatingChange?) -> String {
        guard let r else { return "-" }
        return String(
          format: "n=%d %.1f→%.1f, %d better, %d worse", r.sessions, r.meanBefore, r.meanAfter,
          r.improved2, r.worsened2)
      }
      // Formatting is only needed when the figures are not identical.
      if a != b, text(a) != text(b) {
        out.append(.init(figure: scale.rawValue, claimed: text(a), recomputed: text(b)))
      }
    }
    var seen = Set<String>()
    return out.filter { seen.insert("\($0.figure)|\($0.claimed)").inserted }
  }

  /// Whether a Bundle carries Tend's own markers (its period extension or session codes).
  static func madeByTend(_ bundle: [String: Any]) -> Bool {
    let meta = (bundle["meta"] as? [String: Any])?["extension"] as? [[String: Any]] ?? []
    if meta.contains(where: { ($0["url"] as? String)?.hasPrefix("https://tend.example/") == true })
    {
      return true
    }
    return false
  }

  /// One line per resource of a Bundle from elsewhere: type, codes, value, date.
  static func contents(_ bundle: [String: Any]) -> [String] {
    let entries = (bundle["entry"] as? [[String: Any]]) ?? []
    return entries.compactMap { $0["resource"] as? [String: Any] }.map { r in
      let type = r["resourceType"] as? String ?? "?"
      var parts = [type]
      if type == "Patient" {
        if let name = FHIRReader.text(r, "name", "0", "text")
          ?? [
            FHIRReader.text(r, "name", "0", "given", "0"),
            FHIRReader.text(r, "name", "0", "family"),
          ]
          .compactMap({ $0 }).joined(separator: " ").nilIfEmpty
        {
          parts.append(name)
        }
        if let b = r["birthDate"] as? String { parts.append("born \(b)") }
      }
      let code = r["code"] as? [String: Any]
      let codings = (code?["coding"] as? [[String: Any]]) ?? []
      let codes = codings.compactMap { c -> String? in
        guard let v = c["code"] as? String else { return nil }
        let system = (c["system"] as? String).map { URL(string: $0)?.host ?? $0 } ?? ""
        let display = (c["display"] as? String).map { " \"\($0)\"" } ?? ""
        return "\(system) \(v)\(display)"
      }
      if !codes.isEmpty { parts.append(codes.joined(separator: ", ")) }
      if let t = code?["text"] as? String, codes.isEmpty { parts.append(t) }
      if let q = r["valueQuantity"] as? [String: Any], let v = q["value"] {
        parts.append("= \(v) \(q["unit"] as? String ?? "")".trimmingCharacters(in: .whitespaces))
      } else if let v = r["valueInteger"] ?? r["valueString"] ?? r["valueBoolean"] {
        parts.append("= \(v)")
      } else if let c = r["valueCodeableConcept"] as? [String: Any] {
        parts.append(
          "= " + (FHIRReader.text(c, "coding", "0", "code") ?? FHIRReader.text(c, "text") ?? "?"))
      }
      if let when = r["effectiveDateTime"] as? String ?? FHIRReader.text(
        r, "effectivePeriod", "start")
        ?? FHIRReader.text(r, "performedPeriod", "start") ?? r["performedDateTime"] as? String
      {
        parts.append("(\(when))")
      }
      return parts.joined(separator: " ")
    }
  }
}

extension String {
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
