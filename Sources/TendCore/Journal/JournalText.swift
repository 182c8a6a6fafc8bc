import Foundation

/// Renders journal entries for people: one readable line per entry, in the chosen language.
///
/// `2026-11-29 10:15 · Mum · session · Calm hands · 8 min · by Ana · pain 6→3, anxiety 4→2`
public struct JournalText: Sendable {
  public let t: Localizer
  public let catalog: Catalog?

  public init(localizer: Localizer, catalog: Catalog? = nil) {
    t = localizer
    self.catalog = catalog
  }

  /// `2026-11-29 10:15` in the time zone it was recorded in.
  public static func clock(_ at: Timestamp) -> String {
    let text = at.description
    return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
  }

  /// The entry's time in the reader's language, in the time zone it was recorded in.
  public func when(_ at: Timestamp) -> String {
    t.dateTime(at.date, timeZone: TimeZone(secondsFromGMT: at.offsetSeconds) ?? .current)
  }

  public func line(_ entry: JournalEntry, receiver: String?) -> String {
    var parts = [when(entry.at)]
    if let receiver { parts.append(receiver) }
    parts.append(t("journal.type.\(entry.kind.rawValue)"))
    switch entry.body {
    case .session(let s): parts += session(s)
    case .feeling(let f):
      if let r = f.ratings { parts.append(ratings(r)) }
      if let text = f.text { parts.append(t.quote(text)) }
      if let by = f.by { parts.append(t("journal.by", ["name": .text(by)])) }
    case .water(let w):
      parts.append(t("log.water.\(w.answer.rawValue)"))
      if let ml = w.amountML { parts.append(t("journal.ml", ["count": .number(ml)])) }
      if let at = w.remindAt {
        parts.append(t("journal.remindAt", ["time": .text(when(at))]))
      }
      if let by = w.by { parts.append(t("journal.by", ["name": .text(by)])) }
      if let note = w.note { parts.append(t.quote(note)) }
    case .consent(let c):
      parts.append(t("journal.sharedWith", ["name": .text(c.sharedWith)]))
      if !c.what.isEmpty { parts.append(t.list(c.what)) }
      if c.from != nil || c.to != nil {
        parts.append(t("journal.period", ["from": .text(c.from ?? "…"), "to": .text(c.to ?? "…")]))
      }
      if let format = c.format { parts.append(format) }
      if let by = c.by { parts.append(t("journal.by", ["name": .text(by)])) }
    case .condition(let c):
      let spec = ConditionSpec.format(
        Condition(id: c.condition.id, site: c.condition.site, side: c.condition.side))
      parts.append(t("journal.condition.\(c.change.rawValue)", ["condition": .text(spec)]))
      if let since = c.condition.since {
        parts.append(t("receivers.since", ["date": .text(since)]))
      }
      if let by = c.by { parts.append(t("journal.by", ["name": .text(by)])) }
    case .careTeam(let c):
      parts.append(CareTeamText(localizer: t).journalLine(c))
      if let by = c.by { parts.append(t("journal.by", ["name": .text(by)])) }
    }
    // Notes and names are the family's words: one line, no terminal escapes or bidi controls.
    return PlainText.display(parts.joined(separator: " · "))
  }

  private func session(_ s: Session) -> [String] {
    var parts: [String] = []
    if let id = s.routine {
      parts.append(catalog?.routine(id) != nil ? t("routine.\(id).title") : id)
    }
    if let minutes = s.minutes { parts.append(t("routine.minutes", ["count": .number(minutes)])) }
    if let pressure = s.pressure {
      parts.append(t("plan.pressure", ["pressure": .number(pressure)]))
    }
    if let by = s.by { parts.append(t("journal.by", ["name": .text(by)])) }
    if let plan = s.plan, !plan.adapted.isEmpty || !plan.skipped.isEmpty {
      parts.append(
        t(
          "journal.planChanges",
          ["adapted": .number(plan.adapted.count), "skipped": .number(plan.skipped.count)]))
    }
    let change = ratingChanges(before: s.before, after: s.after)
    if !change.isEmpty { parts.append(change) }
    if s.stoppedEarly == true {
      parts.append(
        s.stopReason.map { t("journal.stoppedBecause", ["reason": .text($0)]) }
          ?? t("journal.stopped"))
    }
    if let precautions = s.precautions, !precautions.isEmpty {
      parts.append(t("journal.precautions", ["list": .text(precautions.joined(separator: ", "))]))
    }
    if let note = s.note { parts.append(t.quote(note)) }
    return parts
  }

  /// `pain 6→3, anxiety 4→2` (a missing side shows as `–`), with `(proxy: Ana)` when a
  /// caregiver rated.
  func ratingChanges(before: Ratings?, after: Ratings?) -> String {
    let names = RatingKind.allCases.map(\.rawValue).filter {
      before?.scores[$0] != nil || after?.scores[$0] != nil
    }
    guard !names.isEmpty else { return "" }
    let text = names.map { name in
      let a = before?.scores[name].map(String.init) ?? "–"
      let b = after?.scores[name].map(String.init) ?? "–"
      return t("journal.rating.\(name)") + " \(a)→\(b)"
    }.joined(separator: t("format.series"))
    return text + proxy(after ?? before)
  }

  private func ratings(_ r: Ratings) -> String {
    RatingKind.allCases.map(\.rawValue).compactMap { name in
      r.scores[name].map { t("journal.rating.\(name)") + " \($0)" }
    }.joined(separator: t("format.series")) + proxy(r)
  }

  private func proxy(_ r: Ratings?) -> String {
    guard let r, r.ratedBy == .caregiver else { return "" }
    return " " + t("journal.proxy", ["name": .text(r.rater ?? t("journal.caregiver"))])
  }
}
