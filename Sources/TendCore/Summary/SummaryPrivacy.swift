extension SummaryData {
  /// Leaves out what the family chose not to share and, when asked, de-identifies the summary.
  ///
  /// De-identification follows the Safe Harbor identifiers that touch Tend (clinical-export.md
  /// 4.3): no names (the receiver, caregivers, the recipient of a consent), no free text (notes,
  /// feelings in words, stop reasons), no date part but the year (sessions become "session N",
  /// the day-by-day trend is dropped), no birth year for anyone 90 or older, no receiver id.
  /// Exports also get fresh random ids every time (the renderers' job).
  public mutating func applyPrivacy(omit: Set<SummaryPart>, deidentify: Bool) {
    if omit.contains(.notes) {
      notes = nil
      sessions = sessions.map {
        $0.map {
          var r = $0; r.note = nil; return r
        }
      }
    }
    let aliases = Self.caregiverAliases(caregivers)
    if omit.contains(.feelings) { feelings = nil }
    // A red flag said stays listed whatever is left out (its rules, when, where); only the
    // words go with the part they came from.
    redFlags.said = redFlags.said.map { list in
      list.map {
        var f = $0
        let part: SummaryPart = f.source == "feeling" ? .feelings : .notes
        if omit.contains(part) || deidentify { f.words = nil }
        if deidentify {
          f.by = nil
          f.when = String(f.when.prefix(4))
          f.cleared = f.cleared.map { String($0.prefix(4)) }
        }
        return f
      }
    }
    if omit.contains(.water) {
      water = nil
      safety?.fluidDays = []
      sessions = sessions.map {
        $0.map {
          var r = $0; r.water = nil; return r
        }
      }
    }
    if omit.contains(.name) {
      // The receiver id is a slug of the name: it goes too.
      receiver.name = nil
      receiver.id = nil
    }
    guard deidentify else { return }
    deidentified = true
    careTeam = careTeam?.map {
      var item = $0
      item.from = nil
      item.note = nil
      // Years only, as every other date (Safe Harbor (C)).
      item.start = String(item.start.prefix(4))
      item.until = String(item.until.prefix(4))
      return item
    }
    receiver = Receiver(id: nil, name: nil, birthYear: nil)
    caregivers = caregivers.map {
      .init(name: aliases[$0.name] ?? "caregiver", relationship: nil, sessions: $0.sessions)
    }
    // Raters by the same aliases as the givers; one who gave no session is "caregiver".
    var raters: [String: Int] = [:]
    for r in totals.raters { raters[aliases[r.id] ?? "caregiver", default: 0] += r.count }
    totals.raters = raters.map { Count(id: $0.key, count: $0.value) }.sorted {
      ($1.count, $0.id) < ($0.count, $1.id)
    }
    let year = { (day: String?) in day.map { String($0.prefix(4)) } }
    made = nil
    period.yearsOnly = true
    trend = trend.map {
      .init(
        scale: $0.scale, start: String($0.start.prefix(4)), days: [], after: [],
        firstWeekBefore: $0.firstWeekBefore, lastWeekBefore: $0.lastWeekBefore)
    }
    var number = 0
    stopped = stopped.map { s in
      number += 1
      // The words go (free text); what they read as (red-flag rule ids, codes) stays.
      return .init(
        when: "stopped \(number)", minutes: s.minutes, plannedMinutes: s.plannedMinutes,
        routine: s.routine, reason: nil, redFlags: s.redFlags,
        preparationSkipped: s.preparationSkipped)
    }
    redFlags.cleared = redFlags.cleared.map { list in
      list.map { .init(id: $0.id, until: String($0.until.prefix(4))) }
    }
    precautions = precautions.map {
      .init(
        id: $0.id, site: $0.site, side: $0.side, since: year($0.since), until: year($0.until),
        redFlag: $0.redFlag)
    }
    feelings = feelings.map { list in
      list.map {
        .init(
          when: String($0.when.prefix(4)), ratedBy: $0.ratedBy, scores: $0.scores, text: nil,
          by: nil, own: $0.own)
      }
    }
    notes = nil
    if var w = water {
      w.days = w.days.map { days in
        days.map { .init(day: String($0.day.prefix(4)), totalML: $0.totalML, limitML: $0.limitML) }
      }
      water = w
    }
    if var s = safety {
      s.against = s.against.map { Self.deidentified($0) }
      s.worse = s.worse.map { Self.deidentified($0) }
      s.fluidDays = s.fluidDays.map {
        .init(day: String($0.day.prefix(4)), totalML: $0.totalML, limitML: $0.limitML)
      }
      safety = s
    }
    consents = consents.map {
      SummaryConsent(
        at: nil,
        sharedWith: "care team", what: $0.what, from: year($0.from), to: year($0.to),
        format: $0.format, by: nil)
    }
    sessions = sessions.map { rows in rows.map { Self.deidentified($0, aliases: aliases) } }
  }

  /// "caregiver 1", "caregiver 2"… by the order of `caregivers` (most sessions first).
  static func caregiverAliases(_ caregivers: [Caregiver]) -> [String: String] {
    var aliases: [String: String] = [:]
    for (i, c) in caregivers.enumerated() { aliases[c.name] = "caregiver \(i + 1)" }
    return aliases
  }

  static func deidentified(_ r: Row, aliases: [String: String]) -> Row {
    var r = r
    r.at = nil
    r.by = r.by.map { aliases[$0] ?? "caregiver" }
    r.beforeRater = r.beforeRater.map { aliases[$0] ?? "caregiver" }
    r.afterRater = r.afterRater.map { aliases[$0] ?? "caregiver" }
    r.stopReason = nil
    r.note = nil
    return r
  }

  static func deidentified(_ a: AgainstPrecautions) -> AgainstPrecautions {
    var a = a
    a.when = "session \(a.session)"
    return a
  }

  static func deidentified(_ a: WorseSession) -> WorseSession {
    var a = a
    a.when = "session \(a.session)"
    return a
  }

  /// One streamed row with the family's privacy choices applied, as `applyPrivacy` does to the
  /// rows it holds (`aliases` from the caregivers before de-identification).
  static func privateRow(
    _ r: Row, omit: Set<SummaryPart>, deidentify: Bool, aliases: [String: String]
  ) -> Row {
    var r = r
    if omit.contains(.notes) { r.note = nil }
    if omit.contains(.water) { r.water = nil }
    return deidentify ? deidentified(r, aliases: aliases) : r
  }
}
