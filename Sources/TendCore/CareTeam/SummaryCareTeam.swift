/// One answer or advice from the care team, as a summary carries it (JSON export, SAFETY
/// section, FHIR): what it answered or limited, from whom, for which days.
public struct SummaryCareTeam: Codable, Sendable, Equatable {
  /// `clearance` or `advice`.
  public var kind: String
  /// Who (absent when de-identified).
  public var from: String?
  /// The rules a clearance answers (empty for advice).
  public var rules: [String]
  public var limits: CareLimits
  public var start: String
  public var until: String
  /// The care team's words: a clearance's note, advice's why (absent when de-identified).
  public var note: String?

  /// The records whose days overlap `from`...`to` (`YYYY-MM-DD`).
  static func overlapping(_ team: CareTeam, from: String, to: String) -> [SummaryCareTeam] {
    let clearances = team.clearances.map {
      SummaryCareTeam(
        kind: "clearance", from: $0.from, rules: $0.rules, limits: $0.limits, start: $0.given,
        until: $0.until, note: $0.note)
    }
    let advice = team.advice.map {
      SummaryCareTeam(
        kind: "advice", from: $0.from, rules: [], limits: $0.limits, start: $0.start,
        until: $0.until, note: $0.why)
    }
    return (clearances + advice).filter { $0.start <= to && $0.until >= from }
  }
}

extension SummaryWords {
  /// "Dr Lee said yes on 2026-11-20 for blood thinners, until 2026-12-20. Pressure at most: …"
  var careTeamLines: [String] {
    let text = CareTeamText(localizer: t)
    return (data.careTeam ?? []).map { item in
      // Unnamed (de-identified): "the care team", never the rule's name ("the care team's
      // advice"), which the line's own words already say.
      let who = item.from ?? t("summary.careTeam.someone")
      if item.kind == "clearance" {
        return text.clearance(
          Clearance(
            id: "", from: who, rules: item.rules, limits: item.limits, given: item.start,
            until: item.until, note: item.note))
      }
      return text.advice(
        CareAdvice(
          id: "", receiver: "", from: who, why: item.note ?? "-", issued: item.start,
          start: item.start, until: item.until, limits: item.limits, checksum: ""))
    }
  }
}
