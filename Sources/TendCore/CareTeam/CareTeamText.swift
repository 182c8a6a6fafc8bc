import Foundation

/// The care team's record in plain words, for `receivers care-team`, the journal, the
/// confirmation before saving, and the summary.
public struct CareTeamText: Sendable {
  public let t: Localizer

  public init(localizer: Localizer) { t = localizer }

  /// "Dr Lee said yes for blood thinners on 2026-11-20 (until 2026-12-20): light pressure only."
  public func clearance(_ c: Clearance) -> String {
    var line = t(
      "careteam.clearance.line",
      [
        "from": .text(c.from), "given": .text(c.given), "until": .text(c.until),
        "rules": .keys(c.rules.map { "rule.\($0).name" }),
      ])
    let limits = limitsText(c.limits)
    if !limits.isEmpty { line += " " + limits }
    if let note = c.note, !note.isEmpty { line += " " + t.quote(note) }
    return PlainText.display(line)
  }

  /// "Advice from Nurse Kim (oncology nurse), 2026-11-20 to 2026-12-15: ... Why: ..."
  public func advice(_ a: CareAdvice) -> String {
    var line = t(
      "careteam.advice.line",
      [
        "from": .text(a.role.map { "\(a.from) (\($0))" } ?? a.from), "start": .text(a.start),
        "until": .text(a.until),
      ])
    let limits = limitsText(a.limits)
    if !limits.isEmpty { line += " " + limits }
    line += " " + t("careteam.advice.why", ["from": .text(a.from), "why": .text(a.why)])
    return PlainText.display(line)
  }

  /// The limits joined into one sentence ("Pressure at most light; keep off the left arm.").
  public func limitsText(_ limits: CareLimits) -> String {
    limits.messages.map(t.render).joined(separator: " ")
  }

  func journalLine(_ c: CareTeamChange) -> String {
    let what =
      c.clearance.map(clearance) ?? c.advice.map(advice) ?? ""
    return t("journal.careteam.\(c.change.rawValue)", ["what": .text(what)])
  }

  /// Every line of the care-team view: answers, advice, and what the family agreed to share.
  public func view(_ profile: Profile, consents: [Consent], today: Date) -> [String] {
    var out = [t("careteam.view.title", ["name": .text(profile.name)])]
    let team = profile.careTeam
    out.append(t("careteam.view.clearances"))
    if team.clearances.isEmpty { out.append("  " + t("careteam.view.none")) }
    for c in team.clearances {
      let state = c.inForce(on: today) ? "" : " " + t("careteam.view.notInForce")
      out.append("  [\(c.id)] " + clearance(c) + state)
    }
    out.append(t("careteam.view.advice"))
    if team.advice.isEmpty { out.append("  " + t("careteam.view.none")) }
    for a in team.advice {
      let state = a.inForce(on: today) ? "" : " " + t("careteam.view.notInForce")
      out.append("  [\(a.id)] " + advice(a) + state)
    }
    out.append(t("careteam.view.consent"))
    if consents.isEmpty { out.append("  " + t("careteam.view.noConsent")) }
    for c in consents {
      var line = t("journal.sharedWith", ["name": .text(c.sharedWith)])
      if !c.what.isEmpty { line += " · " + t.list(c.what) }
      line += " · " + t("journal.period", ["from": .text(c.from ?? "…"), "to": .text(c.to ?? "…")])
      if let by = c.by { line += " · " + t("journal.by", ["name": .text(by)]) }
      out.append("  " + PlainText.display(line))
    }
    return out
  }
}
