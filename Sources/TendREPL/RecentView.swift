import Foundation
import TendCore

/// The last 30 days in the terminal, for `summary` at the prompt: sessions with their ratings
/// before and after, stops and why, feelings, water answers and profile changes, one line each.
/// (The full summaries for the care team are `tend summary`.)
public enum RecentView {
  public static func render(
    name: String, entries: [(at: Date, entry: LogEntry)], localizer t: Localizer
  ) -> [String] {
    var out = [t("chat.recent.title", ["name": .text(name)])]
    guard !entries.isEmpty else { return out + [t("chat.recent.none")] }
    let sessions = entries.compactMap { if case .session(let s) = $0.entry { s } else { nil } }
    let minutes = sessions.reduce(0) { $0 + $1.minutes }
    out.append(
      t(
        minutes == 0 ? "chat.recent.sessions.underMinute" : "chat.recent.sessions",
        [
          "count": .number(sessions.count),
          "minutes": .text(t("chat.recent.minutesInAll", ["count": .number(minutes)])),
        ]))
    let format = Date.FormatStyle(date: .numeric, time: .shortened).locale(t.locale)
    for (at, entry) in entries {
      let when = at.formatted(format)
      switch entry {
      case .session(let s):
        var line =
          "\(when)  " + t("routine.\(s.routine).title") + " · "
          + (s.minutes == 0
            ? t("summary.minutes.under") : t("routine.minutes", ["count": .number(s.minutes)]))
        let change = changes(s.before, s.after, t)
        if !change.isEmpty { line += " · " + change }
        if s.stoppedEarly {
          line += " · " + t("chat.recent.stopped", ["reason": .text(s.stopReason ?? "-")])
        }
        if let by = s.by { line += " · " + t("chat.recent.by", ["name": .text(by)]) }
        out.append(line)
      case .feeling(let ratings, let text, let by, _):
        var parts = [t("chat.recent.feeling")]
        if let text { parts.append(t.quote(text)) }
        if let ratings { parts.append(scores(ratings, t)) }
        if let by { parts.append(t("chat.recent.by", ["name": .text(by)])) }
        out.append("\(when)  " + parts.joined(separator: " · "))
      case .water(let answer, _, _, _):
        out.append(
          "\(when)  " + t("chat.recent.water", ["answer": .key("log.water.\(answer.rawValue)")]))
      case .conditionAdded(let c), .conditionRemoved(let c, _, _):
        let change: String
        if case .conditionAdded = entry {
          change = t("chat.recent.added")
        } else {
          change = t("chat.recent.removed")
        }
        out.append(
          "\(when)  "
            + t(
              "chat.recent.condition", ["change": .text(change), "rule": .key("rule.\(c.id).name")])
        )
      }
    }
    // Notes and reasons are the family's words: one line each, escapes and bidi shown.
    return out.map(PlainText.display)
  }

  static func scores(_ r: RatingSet, _ t: Localizer) -> String {
    RatingSet.defaultKinds.compactMap { kind in
      r.scores[kind].map { t("rating.kind.\(kind)") + " \($0)" }
    }
    .joined(separator: t("format.series"))
  }

  static func changes(_ before: RatingSet?, _ after: RatingSet?, _ t: Localizer) -> String {
    RatingSet.defaultKinds.compactMap { kind -> String? in
      let a = before?.scores[kind]
      let b = after?.scores[kind]
      guard a != nil || b != nil else { return nil }
      return t("rating.kind.\(kind)") + " " + (a.map(String.init) ?? "-") + "→"
        + (b.map(String.init) ?? "-")
    }.joined(separator: t("format.series"))
  }
}
