import Foundation

/// The words of a summary page in one language, shared by the text, Markdown and HTML
/// renderers so the three say the same thing. Every phrase comes from `Locales/<lang>.json`.
struct SummaryWords {
  let data: SummaryData
  let t: Localizer

  init(_ data: SummaryData, _ localizer: Localizer) {
    self.data = data
    self.t = localizer
  }

  func day(_ text: String?) -> String {
    guard let text else { return "?" }
    guard let n = CivilDay.parse(text) else { return text }
    var style = Date.FormatStyle(date: .abbreviated, time: .omitted, locale: t.locale)
    style.timeZone = TimeZone(identifier: "UTC") ?? style.timeZone
    return Date(timeIntervalSince1970: TimeInterval(n) * 86_400).formatted(style)
  }

  /// A short date for a chart tick: "Nov 3".
  func shortDay(_ n: Int) -> String {
    var style = Date.FormatStyle(locale: t.locale).month(.abbreviated).day()
    style.timeZone = TimeZone(identifier: "UTC") ?? style.timeZone
    return Date(timeIntervalSince1970: TimeInterval(n) * 86_400).formatted(style)
  }

  func number(_ value: Double, signed: Bool = false) -> String {
    let style = FloatingPointFormatStyle<Double>.number.precision(.fractionLength(1))
      .rounded(rule: .toNearestOrAwayFromZero).locale(t.locale)
    let text = abs(value).formatted(style)
    if !signed { return value.formatted(style) }
    return value > 0.049 ? "+" + text : value < -0.049 ? "−" + text : "0" + text.dropFirst(1)
  }

  func scaleName(_ scale: SummaryScale) -> String { t("summary.scale.\(scale.rawValue)") }
  func scaleAnchor(_ scale: SummaryScale) -> String {
    t(scale.higherIsBetter ? "summary.scale.best" : "summary.scale.worst")
  }

  func routineName(_ id: String) -> String {
    t.has("routine.\(id).title") ? t("routine.\(id).title") : id
  }
  func ruleName(_ id: String) -> String { t.has("rule.\(id).name") ? t("rule.\(id).name") : id }

  /// "left hand" for a token such as `left-hand`; the token itself when unknown.
  func siteName(_ token: String) -> String { Self.siteName(token, t) }

  static func siteName(_ token: String, _ t: Localizer) -> String {
    var rest = Substring(token)
    var side: Side?
    for s in Side.allCases where rest.hasPrefix(s.rawValue + "-") {
      side = s
      rest = rest.dropFirst(s.rawValue.count + 1)
    }
    guard let site = BodySite(rawValue: String(rest)) else { return token }
    if let side { return t("region.\(side.rawValue)", ["site": .key("site.\(site.rawValue)")]) }
    return t("site.\(site.rawValue)")
  }

  var title: String { t("summary.title") }
  var confidential: String { t("summary.confidential") }
  var familyLine: String { t("summary.reportedByFamily") }

  var receiverLine: String {
    if data.deidentified { return t("summary.receiver.deidentified") }
    let name = data.receiver.name ?? t("summary.receiver.unnamed")
    if let year = data.receiver.birthYear {
      return t("summary.receiver.born", ["name": .text(name), "year": .text(String(year))])
    }
    return t("summary.receiver", ["name": .text(name)])
  }

  /// Who gave the ratings, by name: the receiver's own, then each caregiver who rated for them
  /// (most first), then any caregiver ratings recorded without a name.
  var ratersLine: String {
    let n = data.totals
    var parts: [String] = []
    if n.ratedByReceiver > 0 {
      let name = data.receiver.name ?? t("summary.glance.raters.theReceiver")
      parts.append(
        t(
          "summary.glance.raters.receiver",
          ["name": .text(name), "count": .number(n.ratedByReceiver)]))
    }
    for r in n.raters {
      parts.append(
        t("summary.glance.raters.caregiver", ["name": .text(r.id), "count": .number(r.count)]))
    }
    let unnamed = n.ratedByCaregiver - n.raters.reduce(0) { $0 + $1.count }
    if unnamed > 0 {
      parts.append(t("summary.glance.raters.proxy", ["count": .number(unnamed)]))
    }
    guard !parts.isEmpty else { return t("summary.glance.raters.none") }
    return t("summary.glance.raters", ["names": .text(t.list(parts))])
  }

  var caregiversLine: String? {
    guard !data.caregivers.isEmpty else { return nil }
    let names = data.caregivers.map { c in
      let who = c.relationship.map { "\(c.name) (\($0))" } ?? c.name
      return t("summary.givenBy.one", ["name": .text(who), "count": .number(c.sessions)])
    }
    return t("summary.givenBy", ["names": .text(t.list(names))])
  }

  var periodLine: String {
    let p = data.period
    if p.yearsOnly {
      return t("summary.period.years", ["from": .text(p.fromText), "to": .text(p.toText)])
    }
    return t(
      "summary.period",
      ["from": .text(day(p.fromText)), "to": .text(day(p.toText)), "count": .number(p.days)])
  }

  var madeLine: String? {
    guard let made = data.made else { return nil }
    return t("summary.made", ["date": .text(day(made.day))])
  }

  var glance: [String] {
    let n = data.totals
    guard n.sessions > 0 else { return [t("summary.glance.none")] }
    let weeks = max(Double(data.period.days) / 7, 1)
    // Sessions shorter than a minute are "under a minute", never "0 minutes".
    var lines = [
      t(
        n.minutes == 0 ? "summary.glance.sessions.underMinute" : "summary.glance.sessions",
        [
          "count": .number(n.sessions),
          "days": .text(t("summary.glance.onDays", ["count": .number(n.activeDays)])),
          "perWeek": .text(number(Double(n.sessions) / weeks)),
          // Its own plural: "1 session, 5 minutes", "3 sessions, 1 minute".
          "minutes": .text(t("summary.glance.minutesInAll", ["count": .number(n.minutes)])),
        ])
    ]
    // All under a minute: the line above says so, and a length line would say it again.
    if let median = n.medianMinutes, let lo = n.minMinutes, let hi = n.maxMinutes, hi > 0 {
      let few = { (m: Int) -> Message.Argument in m == 0 ? .key("summary.underOne") : .number(m) }
      lines.append(
        median == 0
          ? t("summary.glance.length.underMinute", ["max": .number(hi)])
          : t("summary.glance.length", ["median": .number(median), "min": few(lo), "max": few(hi)]))
    }
    lines.append(t("summary.glance.stopped", ["count": .number(n.stopped)]))
    lines.append(
      t("summary.glance.rated", ["rated": .number(n.rated), "count": .number(n.sessions)]))
    lines.append(ratersLine)
    if let w = data.water {
      var line = t(
        "summary.glance.water",
        [
          "given": .number(w.given), "declined": .number(w.declined), "later": .number(w.later),
        ])
      if w.offered > 0 {
        line += ", " + t("summary.glance.waterOffered", ["count": .number(w.offered)])
      }
      if let limit = w.fluidLimitML {
        line += " " + t("summary.glance.fluidLimit", ["count": .number(limit)])
      }
      lines.append(line)
    }
    return lines
  }

  /// Table rows: name, anchor, n, before, after, change, improved "x of n".
  var ratingRows: [[String]] {
    data.ratings.map { r in
      [
        scaleName(r.scale), scaleAnchor(r.scale), String(r.sessions), number(r.meanBefore),
        number(r.meanAfter),
        number(r.meanChange, signed: true),
        t("summary.ofCount", ["part": .number(r.improved2), "count": .number(r.sessions)]),
      ]
    }
  }

  var ratingHeader: [String] {
    [
      "summary.table.scale", "summary.table.anchor", "summary.table.sessions",
      "summary.table.before", "summary.table.after",
      "summary.table.change", "summary.table.better2",
    ].map { t($0) }
  }

  func trendNote(_ s: SummaryData.TrendSeries) -> String {
    guard let a = s.firstWeekBefore, let b = s.lastWeekBefore else { return "" }
    return t("summary.trend.weeks", ["first": .text(number(a)), "last": .text(number(b))])
  }

  var precautionLines: [String] {
    data.precautions.map { p in
      var where_ = ""
      if let site = p.site { where_ = siteName(p.side.map { "\($0)-\(site)" } ?? site) }
      var line =
        where_.isEmpty
        ? ruleName(p.id)
        : t("summary.precaution.at", ["rule": .text(ruleName(p.id)), "site": .text(where_)])
      if let since = p.since {
        line += ", " + t("summary.precaution.since", ["date": .text(day(since))])
      }
      if let until = p.until {
        line += ", " + t("summary.precaution.until", ["date": .text(day(until))])
      }
      if p.redFlag { line += " " + t("summary.precaution.redFlag") }
      return line
    }
  }

  /// A session's length: "5 min", or "under 1 min" for one shorter than a minute.
  static func minutes(_ m: Int, _ t: Localizer) -> String {
    m == 0 ? t("summary.minutes.under") : t("summary.minutes", ["count": .number(m)])
  }

  var stoppedLines: [String] {
    data.stopped.map { s in
      var parts = [s.when.hasPrefix("stopped") ? s.when : day(s.when)]
      if let r = s.routine { parts.append(routineName(r)) }
      if let m = s.minutes { parts.append(Self.minutes(m, t)) }
      if let reason = s.reason { parts.append(reason) }
      if let flag = stoppedFlag(s) { parts.append(flag) }
      if s.preparationSkipped == true { parts.append(t("summary.stopped.prepSkipped")) }
      return parts.joined(separator: " · ")
    }
      + (data.totals.stopped > data.stopped.count
        ? [t("summary.stopped.more", ["count": .number(data.totals.stopped - data.stopped.count)])]
        : [])
  }

  /// At most `limit` stopped sessions, then "and N more" counting every one left out.
  func stoppedLines(limit: Int) -> [String] {
    let all = stoppedLines
    let listed = min(data.stopped.count, all.count)
    guard listed > limit else { return all }
    return all.prefix(limit)
      + [t("summary.stopped.more", ["count": .number(data.totals.stopped - limit)])]
  }

  var redFlagLine: String {
    let f = data.redFlags
    let said = f.said ?? []
    // In force: stored, or said and not cleared; cleared: taken off in the period (never "in
    // force", as FHIR's `inactive` says).
    var inForce = f.conditions
    for id in said.filter({ $0.cleared == nil }).flatMap(\.rules) where !inForce.contains(id) {
      inForce.append(id)
    }
    var cleared = (f.cleared ?? []).map(\.id).filter { !inForce.contains($0) }
    for id in said.filter({ $0.cleared != nil }).flatMap(\.rules)
    where !cleared.contains(id) && !inForce.contains(id) {
      cleared.append(id)
    }
    guard f.worseAfter > 0 || !inForce.isEmpty || !cleared.isEmpty else {
      return t("summary.redFlags.none")
    }
    var parts: [String] = []
    if f.worseAfter > 0 {
      parts.append(t("summary.redFlags.worse", ["count": .number(f.worseAfter)]))
    }
    if !inForce.isEmpty {
      parts.append(
        t("summary.redFlags.conditions", ["rules": .text(t.list(inForce.map(ruleName)))]))
    }
    if !cleared.isEmpty {
      parts.append(
        t("summary.redFlags.clearedList", ["rules": .text(t.list(cleared.map(ruleName)))]))
    }
    let line = t("summary.redFlags", ["list": .text(parts.joined(separator: "; "))])
    guard let number = f.emergencyNumber else { return line }
    return line + t("summary.redFlags.emergency", ["number": .text(number)])
  }

  /// How many items of a SAFETY list a page shows before "and N more".
  static let safetyLimit = 8

  func when(_ text: String) -> String { text.hasPrefix("session") ? text : day(text) }

  /// The first `limit` lines, then "and N more" counting every one left out (`total` when the
  /// list itself was already cut).
  func cut(_ lines: [String], limit: Int = SummaryWords.safetyLimit, total: Int? = nil)
    -> [String]
  {
    let all = max(total ?? lines.count, lines.count)
    guard all > limit else { return lines }
    return lines.prefix(limit) + [t("summary.stopped.more", ["count": .number(all - limit)])]
  }

  func breachText(_ b: SessionBreach) -> String { Self.breachText(b, t) }

  /// One breach in words ("pressure 3, above the ceiling of 2 (blood thinners)").
  static func breachText(_ b: SessionBreach, _ t: Localizer) -> String {
    let rules = t.list(
      b.because.map {
        t.has("rule.\($0).name")
          ? t("rule.\($0).name") : t.has("escalation.\($0)") ? t("escalation.\($0)") : $0
      })
    switch b.kind {
    case .avoidedSite:
      return t(
        "summary.breach.avoidedSite",
        ["site": .text(siteName(b.what ?? "?", t)), "rules": .text(rules)])
    case .pressure:
      return t(
        "summary.breach.pressure",
        [
          "value": .number(b.value ?? 0), "limit": .number(b.limit ?? 0), "rules": .text(rules),
        ])
    case .position:
      let name = b.what.map { t.has("position.\($0)") ? t("position.\($0)") : $0 } ?? "?"
      return t("summary.breach.position", ["position": .text(name), "rules": .text(rules)])
    case .jointMovement:
      return t("summary.breach.jointMovement", ["rules": .text(rules)])
    case .stop:
      return t("summary.breach.stop", ["rules": .text(rules)])
    case .timeCap:
      return t(
        "summary.breach.timeCap", ["value": .number(b.value ?? 0), "limit": .number(b.limit ?? 0)])
    }
  }

  /// Sessions that went against the precautions in force on their date, all of them.
  var againstLines: [String] {
    (data.safety?.against ?? []).map { a in
      var parts = [when(a.when)]
      if let r = a.routine { parts.append(routineName(r)) }
      parts.append(a.breaches.map(breachText).joined(separator: "; "))
      return parts.joined(separator: " · ")
    }
  }

  /// Sessions rated 2 or more points worse after, with the values.
  var worseLines: [String] {
    (data.safety?.worse ?? []).map { w in
      var parts = [when(w.when)]
      if let r = w.routine { parts.append(routineName(r)) }
      parts.append(
        w.changes.map {
          t(
            "summary.worse.change",
            [
              "scale": .text(scaleName($0.scale)), "anchor": .text(scaleAnchor($0.scale)),
              "before": .number($0.before), "after": .number($0.after),
            ])
        }.joined(separator: ", "))
      return parts.joined(separator: " · ")
    }
  }

  /// Days over the fluid limit, with the total and the limit.
  var fluidLines: [String] {
    (data.safety?.fluidDays ?? []).map { d in
      t(
        "summary.fluid.over",
        [
          "date": .text(when(d.day)), "total": .number(d.totalML), "limit": .number(d.limitML ?? 0),
        ])
    }
  }

  /// The SAFETY lists after the precautions and stops: a label and its (cut) lines; an empty
  /// list is printed as "none" by the renderer.
  var safetyLists: [(label: String, lines: [String])] {
    var out: [(String, [String])] = []
    if data.safety?.checked == true {
      out.append(
        (t("summary.safety.against"), cut(againstLines, total: data.safety?.againstCount)))
    }
    out.append((t("summary.safety.worse"), cut(worseLines, total: data.safety?.worseCount)))
    if !(data.careTeam ?? []).isEmpty { out.append((t("summary.safety.careTeam"), careTeamLines)) }
    if data.water?.fluidLimitML != nil || !(data.safety?.fluidDays ?? []).isEmpty {
      out.append((t("summary.safety.fluid"), cut(fluidLines)))
    }
    return out
  }

  /// Said when sessions could not be checked against the precautions.
  var notCheckedLine: String? {
    data.safety?.checked == true ? nil : t("summary.safety.notChecked")
  }

  /// Every day with an amount of water noted, against the limit when there is one.
  var waterDayLines: [String] {
    (data.water?.days ?? []).map { d in
      guard let limit = d.limitML else {
        return t("summary.water.day", ["date": .text(when(d.day)), "total": .number(d.totalML)])
      }
      return t(
        d.over ? "summary.water.dayOver" : "summary.water.dayLimit",
        ["date": .text(when(d.day)), "total": .number(d.totalML), "limit": .number(limit)])
    }
  }

  var routinesLine: String? {
    data.routines.isEmpty
      ? nil
      : t(
        "summary.done.routines",
        [
          "list": .text(
            data.routines.map { "\(routineName($0.id)) \($0.count)" }.joined(separator: ", "))
        ])
  }

  var pressureLine: String? {
    let parts = data.pressure.enumerated().filter { $0.element > 0 }.map {
      "\($0.offset) ×\($0.element)"
    }
    return parts.isEmpty
      ? nil : t("summary.done.pressure", ["list": .text(parts.joined(separator: ", "))])
  }

  var sitesLine: String? {
    data.sites.isEmpty
      ? nil
      : t(
        "summary.done.sites",
        [
          "list": .text(
            data.sites.prefix(6).map { "\(siteName($0.id)) \($0.count)" }.joined(separator: ", "))
        ])
  }

  /// How many notes and feelings a page shows (the latest).
  static let pageNotes = 3

  var feelingLines: [String] {
    (data.feelings ?? []).suffix(Self.pageNotes).map { f in
      var parts = [day(f.when)]
      let scores = SummaryScale.allCases.compactMap { s in
        f.scores[s.rawValue].map { "\(scaleName(s)) \($0) (\(scaleAnchor(s)))" }
      }
      if !scores.isEmpty { parts.append(scores.joined(separator: ", ")) }
      if let text = f.text { parts.append("“\(text)”" + t.aside(whose(own: f.own, by: f.by))) }
      return parts.joined(separator: " · ")
    } + more(data.totals.feelings, shown: min(Self.pageNotes, data.feelings?.count ?? 0))
  }

  var noteLines: [String] {
    (data.notes ?? []).suffix(Self.pageNotes).map { "\(day($0.when)) “\($0.text)”" }
      + more(data.totals.notes, shown: min(Self.pageNotes, data.notes?.count ?? 0))
  }

  /// "and N more" when a list shows fewer than there are.
  func more(_ total: Int, shown: Int) -> [String] {
    total > shown && shown > 0 ? [t("summary.stopped.more", ["count": .number(total - shown)])] : []
  }

  var consentLines: [String] {
    guard !data.consents.isEmpty else { return [t("summary.consent.none")] }
    return data.consents.suffix(3).map { c in
      var line = t("summary.consent.with", ["who": .text(c.sharedWith)])
      if let at = c.at { line += " " + t("summary.consent.on", ["date": .text(day(at.day))]) }
      if let from = c.from, let to = c.to {
        line +=
          ", " + t("summary.consent.period", ["from": .text(day(from)), "to": .text(day(to))])
      }
      if let format = c.format { line += ", " + format }
      return line
    }
  }

  var scalesFooter: String { t("summary.footer.scales") }
  var coachFooter: String { t("summary.footer.coach", ["version": .text("")]) }
  /// "Made with Tend 0.1.0, rules v1, data 1a2b3c4d5e6f" (nil for a file that does not say).
  var versionLine: String? {
    data.version.map {
      t(
        "summary.madeWith",
        ["tend": .text($0.tend), "rules": .text(String($0.rules)), "data": .text($0.data)])
    }
  }
  var omittedLine: String? {
    var parts = data.omitted.map(\.rawValue)
    if data.deidentified { parts.append(t("summary.deidentified")) }
    return parts.isEmpty
      ? nil : t("summary.omitted", ["list": .text(parts.joined(separator: ", "))])
  }
}
