extension SummaryBuilder {
  /// Adds a builder that read the entries right after this one's (the next part of the file).
  public mutating func merge(_ later: SummaryBuilder) {
    grid.merge(later.grid)
    sessions += later.sessions
    minutes += later.minutes
    for i in minuteCounts.indices { minuteCounts[i] += later.minuteCounts[i] }
    stoppedCount += later.stoppedCount
    rated += later.rated
    for i in 0..<2 { ratedBy[i] += later.ratedBy[i] }
    routines.merge(later.routines, uniquingKeysWith: +)
    sites.merge(later.sites, uniquingKeysWith: +)
    caregivers.merge(later.caregivers, uniquingKeysWith: +)
    raters.merge(later.raters, uniquingKeysWith: +)
    for i in 0..<4 { pressure[i] += later.pressure[i] }
    for i in change.indices {
      change[i].n += later.change[i].n
      change[i].before += later.change[i].before
      change[i].after += later.change[i].after
      change[i].improved2 += later.change[i].improved2
      change[i].worsened2 += later.change[i].worsened2
    }
    worseAfter += later.worseAfter
    stopped += later.stopped
    for (key, span) in later.precautions {
      guard var mine = precautions[key] else {
        precautions[key] = span
        continue
      }
      mine.first = [mine.first, span.first].compactMap { $0 }.min()
      mine.last = [mine.last, span.last].compactMap { $0 }.max()
      if span.removed != nil || span.condition.since != nil { mine.removed = span.removed }
      if mine.condition.since == nil { mine.condition.since = span.condition.since }
      precautions[key] = mine
    }
    water.offered += later.water.offered
    water.given += later.water.given
    water.declined += later.water.declined
    water.later += later.water.later
    water.amountML += later.water.amountML
    waterByDay.merge(later.waterByDay, uniquingKeysWith: +)
    let shift = sessions - later.sessions
    against += later.against.prefix(max(0, safetyKeep - against.count)).map {
      var a = $0
      a.session += shift
      return a
    }
    worseList += later.worseList.prefix(max(0, safetyKeep - worseList.count)).map {
      var a = $0
      a.session += shift
      return a
    }
    againstCount += later.againstCount
    worseCount += later.worseCount
    for (key, state) in later.history { history[key] = state }
    feelings += later.feelings
    feelingCount += later.feelingCount
    notes += later.notes
    noteCount += later.noteCount
    consents += later.consents
    for var row in later.rows {
      row.number = rows.count + 1
      rows.append(row)
    }
    lastSessionAt = later.lastSessionAt ?? lastSessionAt
    mergeSaid(later, shift: shift)
  }

  /// The red flags: conditions in force, those taken off in the period (cleared, never shown
  /// as in force), red flags said in the family's words, and the emergency number when one in
  /// force (or said and standing) means calling it.
  func redFlagsFound(_ list: [SummaryData.Precaution]) -> SummaryData.RedFlags {
    var seen = Set<String>()
    let flagged = list.filter(\.redFlag)
    let inForce = flagged.filter { $0.until == nil }.map(\.id).filter { seen.insert($0).inserted }
    var clearedSeen = Set<String>(inForce)
    let cleared = flagged.filter { $0.until != nil }.filter { clearedSeen.insert($0.id).inserted }
      .map { SummaryData.ClearedFlag(id: $0.id, until: $0.until ?? "") }
    let said = saidFlags()
    let standing = Set(inForce).union(said.filter { $0.cleared == nil }.flatMap(\.rules))
    var out = SummaryData.RedFlags(
      worseAfter: worseAfter, conditions: inForce,
      emergencyNumber: standing.contains { options.emergencyConditions.contains($0) }
        ? options.emergencyNumber : nil)
    out.cleared = cleared.isEmpty ? nil : cleared
    out.said = said.isEmpty ? nil : said
    out.wordsUnread = wordsUnread > 0 ? wordsUnread : nil
    return out
  }

  /// The summary, with the family's privacy choices applied.
  public func finish() -> SummaryData {
    let limit = options.noteLimit
    var totals = SummaryData.Totals(
      sessions: sessions, minutes: minutes, stopped: stoppedCount, rated: rated,
      ratedByReceiver: ratedBy[0], ratedByCaregiver: ratedBy[1], activeDays: grid.activeDays,
      feelings: feelingCount, notes: noteCount)
    totals.raters = raters.map { SummaryData.Count(id: $0.key, count: $0.value) }.sorted {
      ($1.count, $0.id) < ($0.count, $1.id)
    }
    let timed = minuteCounts.reduce(0, +)
    if timed > 0 {
      totals.minMinutes = minuteCounts.firstIndex { $0 > 0 }
      totals.maxMinutes = minuteCounts.lastIndex { $0 > 0 }
      var seen = 0
      for (m, n) in minuteCounts.enumerated() {
        seen += n
        if seen * 2 >= timed {
          totals.medianMinutes = m
          break
        }
      }
    }
    let ratings = SummaryScale.allCases.compactMap { scale -> SummaryData.RatingChange? in
      let c = change[scale.rank]
      guard c.n > 0 else { return nil }
      let b = Double(c.before) / Double(c.n)
      let a = Double(c.after) / Double(c.n)
      return .init(
        scale: scale, tenMeans: scale.higherIsBetter ? "best" : "worst", sessions: c.n,
        meanBefore: b, meanAfter: a, meanChange: a - b,
        improved2: c.improved2,
        worsened2: c.worsened2)
    }
    let inForce = precautions.values.filter { span in
      if let removed = span.removed, removed < options.period.from { return false }
      if let since = span.condition.since.flatMap(CivilDay.parse), since > options.period.to {
        return false
      }
      return true
    }
    let sited = Set(inForce.filter { $0.condition.site != nil }.map(\.condition.id))
    let list = inForce.filter { $0.condition.site != nil || !sited.contains($0.condition.id) }
      .map { span in
        SummaryData.Precaution(
          id: span.condition.id, site: span.condition.site, side: span.condition.side,
          since: span.condition.since ?? span.first.map(CivilDay.string),
          until: span.removed.map(CivilDay.string),
          redFlag: options.redFlagConditions.contains(span.condition.id))
      }
      .sorted {
        ($0.redFlag ? 0 : 1, $0.id, $0.site ?? "") < ($1.redFlag ? 0 : 1, $1.id, $1.site ?? "")
      }
    var waterTally = water
    waterTally.fluidLimitML = receiver.fluidLimitML
    waterTally.days = waterByDay.keys.sorted().map {
      .init(day: CivilDay.string($0), totalML: waterByDay[$0] ?? 0, limitML: receiver.fluidLimitML)
    }
    let safety = SummaryData.Safety(
      checked: auditor != nil, against: against, worse: worseList, againstCount: againstCount,
      worseCount: worseCount,
      fluidDays: (waterTally.days ?? []).filter(\.over))
    var data = SummaryData(
      made: options.now, period: options.period,
      receiver: .init(
        id: receiver.id, name: receiver.name, birthYear: receiver.birthYear,
        birthDate: receiver.birthDate,
        identifiers: receiver.identifiers.isEmpty ? nil : receiver.identifiers,
        allergies: receiver.allergies.isEmpty ? nil : receiver.allergies),
      deidentified: false, omitted: options.omit.sorted(),
      caregivers: caregiverOrder(),
      totals: totals,
      routines: Self.counts(routines), sites: Self.counts(sites), pressure: pressure,
      ratings: ratings,
      trend: SummaryScale.allCases.compactMap { grid.series($0) },
      stopped: stopped.sorted { $0.0 < $1.0 }.suffix(Self.stoppedLimit).map(\.1),
      precautions: list, water: waterTally,
      feelings: feelings.sorted { $0.0 < $1.0 }.suffix(limit).map(\.1),
      notes: notes.sorted { $0.0 < $1.0 }.suffix(limit).map { .init(when: $0.0.day, text: $0.1) },
      consents: consents.sorted { ($0.at?.seconds ?? 0) < ($1.at?.seconds ?? 0) },
      redFlags: redFlagsFound(list),
      safety: safety, sessions: options.keepSessions ? (streaming ? [] : rows) : nil)
    data.version = options.version
    let team = SummaryCareTeam.overlapping(
      receiver.careTeam, from: options.period.fromText, to: options.period.toText)
    data.careTeam = team.isEmpty ? nil : team
    data.applyPrivacy(omit: options.omit, deidentify: options.deidentify)
    return data
  }

  /// The caregivers, most sessions first (de-identification numbers them in this order).
  func caregiverOrder() -> [SummaryData.Caregiver] {
    caregivers.map {
      .init(name: $0.key, relationship: receiver.relationships[$0.key], sessions: $0.value)
    }
    .sorted { ($1.sessions, $0.name) < ($0.sessions, $1.name) }
  }

  static func counts(_ d: [String: Int]) -> [SummaryData.Count] {
    d.map { .init(id: $0.key, count: $0.value) }.sorted { ($1.count, $0.id) < ($0.count, $1.id) }
  }
}
