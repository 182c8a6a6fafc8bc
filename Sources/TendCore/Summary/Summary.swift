/// Receives a streamed export's rows and SAFETY items in journal order (`SummaryBuilder.sink`).
public protocol SummaryRowSink: AnyObject, Sendable {
  func row(_ row: SummaryData.Row)
  func against(_ item: SummaryData.AgainstPrecautions)
  func worse(_ item: SummaryData.WorseSession)
  /// With `SummaryBuilder.streamTexts`: each feeling and note in the period, in journal order,
  /// with its time (the export lists them by time).
  func feeling(_ item: SummaryData.Feeling, at: SummaryTime)
  func note(_ item: SummaryData.Note, at: SummaryTime)
}

extension SummaryRowSink {
  public func feeling(_ item: SummaryData.Feeling, at: SummaryTime) {}
  public func note(_ item: SummaryData.Note, at: SummaryTime) {}
}

/// Turns a stream of journal entries into a summary's numbers. Pure: values in, values out.
///
/// Guarantees: only entries whose local day falls in the period count (consents and condition
/// changes are read whatever their date, since they say what is in force and who may see it);
/// before/after statistics use only sessions rated on that scale both before and after; memory
/// is bounded by the period and a few short lists unless `keepSessions` asks for every row.
/// Builders over consecutive parts of a journal `merge` into the builder of the whole.
public struct SummaryBuilder: Sendable {
  public let receiver: SummaryReceiver
  public let options: SummaryOptions
  var grid: DayGrid
  var sessions = 0
  var minutes = 0
  var minuteCounts = [Int](repeating: 0, count: 601)
  var stoppedCount = 0
  var rated = 0
  var ratedBy = [0, 0]
  var routines: [String: Int] = [:]
  var sites: [String: Int] = [:]
  var caregivers: [String: Int] = [:]
  /// Rating sets a caregiver gave for the receiver, by the caregiver's name (`rater`).
  var raters: [String: Int] = [:]
  var pressure = [0, 0, 0, 0]
  var change = [ScaleStats](repeating: ScaleStats(), count: SummaryScale.allCases.count)
  var worseAfter = 0
  var stopped: [(SummaryTime, SummaryData.Stopped)] = []
  var precautions: [String: PrecautionSpan] = [:]
  var water = SummaryData.Water()
  var feelings: [(SummaryTime, SummaryData.Feeling)] = []
  var feelingCount = 0
  var notes: [(SummaryTime, String)] = []
  var noteCount = 0
  var consents: [SummaryConsent] = []
  var rows: [SummaryData.Row] = []
  var lastSessionAt: SummaryTime?
  /// Conditions by key as the journal's history left them so far (nil = removed).
  var history: [String: SummaryCondition?] = [:]
  var auditor: SessionAuditor?
  /// Bumped by every condition entry, so the day cache below knows when the history moved.
  var historyVersion = 0
  /// What was in force on the last session's day (most days have several sessions).
  var dayCache: (day: Int, version: Int, ids: [String], restrictions: Restrictions)?
  /// The day's plan of each routine audited, made once per day (`SessionAudit`'s adapted steps).
  var dayPlans: [String: Plan] = [:]
  var against: [SummaryData.AgainstPrecautions] = []
  var worseList: [SummaryData.WorseSession] = []
  var againstCount = 0
  var worseCount = 0
  /// The one-page formats keep the first few of each SAFETY list (and count the rest).
  var safetyKeep: Int { options.keepSessions ? Int.max : 20 }
  /// mL noted per local day in the period.
  var waterByDay: [Int: Int] = [:]
  /// Where rows and the full SAFETY lists go as they are made, in a streamed export
  /// (`SummaryStream`): only the last row is held (a water answer after it may still amend it).
  public var sink: (any SummaryRowSink)?

  /// Whether a journal's `by` names the receiver (case and outer spaces aside).
  static func sameName(_ by: String, _ name: String) -> Bool {
    let a = by.lowercased().split(separator: " ")
    return !a.isEmpty && a == name.lowercased().split(separator: " ")
  }
  /// The first pass of a streamed export: rows and the full SAFETY lists are neither kept nor
  /// sent (the second pass sends them), so memory stays flat.
  public var discardRows = false
  /// The second pass of a streamed export: only what goes to the sink is made (rows, the SAFETY
  /// items, streamed feelings and notes, and what they depend on: what was in force, red flags
  /// said, water answers); the counts, lists and trend that only `finish` reads are not
  /// gathered again (the first pass has them, and this builder's `finish` is never used).
  public var rowsOnly = false
  var streaming: Bool { sink != nil || discardRows }
  /// A streamed JSON export: feelings and notes go to the sink as they are read (or, without
  /// one, are only counted) instead of being kept. Their order in the export is by time, so
  /// this holds only while the journal gives them in time order: `textsInOrder` says so.
  public var streamTexts = false
  public private(set) var textsInOrder = true
  var lastFeelingAt: SummaryTime?
  var lastNoteAt: SummaryTime?
  /// Red flags said so far (oldest first) and every rule taken off since (to clear them).
  var said: [SaidWork] = []
  var removals: [(id: String, at: SummaryTime?)] = []
  /// Texts that could not be read for red flags (the summary says so); what was in force on
  /// the day of the last text read.
  var wordsUnread = 0
  var storedCache: (day: Int, version: Int, stored: [SummaryCondition])?

  struct ScaleStats: Sendable {
    var n = 0
    var before = 0
    var after = 0
    var improved2 = 0
    var worsened2 = 0
  }

  struct PrecautionSpan: Sendable {
    var condition: SummaryCondition
    var first: Int?
    var last: Int?
    var removed: Int?
  }

  static let stoppedLimit = 20

  public init(receiver: SummaryReceiver, options: SummaryOptions) {
    self.receiver = receiver
    self.options = options
    grid = DayGrid(period: options.period)
    for c in receiver.conditions { precautions[Self.key(c)] = PrecautionSpan(condition: c) }
    auditor = options.catalog.map(SessionAuditor.init)
  }

  /// The conditions in force on `day`: as the history read so far left them, else (for a
  /// condition the history has not mentioned yet) the profile's, from its `since` day on.
  func conditionsInForce(day: Int) -> [SummaryCondition] {
    var out: [SummaryCondition] = []
    var done = Set<String>()
    for (key, state) in history {
      done.insert(key)
      guard let c = state else { continue }
      if let since = c.since.flatMap(CivilDay.parse), since > day { continue }
      out.append(c)
    }
    for c in receiver.conditions where !done.contains(Self.key(c)) {
      if let since = c.since.flatMap(CivilDay.parse), since > day { continue }
      out.append(c)
    }
    return out.sorted { Self.key($0) < Self.key($1) }
  }

  /// Summarises entries in one pass.
  public static func summarize(
    _ receiver: SummaryReceiver, _ entries: some Sequence<SummaryEntry>, options: SummaryOptions
  ) -> SummaryData {
    var builder = SummaryBuilder(receiver: receiver, options: options)
    for entry in entries { builder.add(entry) }
    return builder.finish()
  }

  /// A condition without a site shares its key with the bare id a session lists.
  static func key(_ c: SummaryCondition) -> String {
    c.site == nil && c.side == nil ? c.id : "\(c.id)|\(c.site ?? "")|\(c.side ?? "")"
  }

  public mutating func add(_ entry: SummaryEntry) {
    switch entry {
    case .session(let s): addSession(s)
    case .feeling(let f):
      guard options.period.contains(day: f.at.localDay) else { return }
      feelingCount += 1
      var scores: [String: Int] = [:]
      if let r = f.ratings {
        for scale in r.scores.scales { scores[scale.rawValue] = r.scores[scale] }
      }
      // Whose words: the receiver's own only when they wrote them down themselves.
      let own = f.by.map { Self.sameName($0, receiver.name) } ?? false
      var item = SummaryData.Feeling(
        when: f.at.day, ratedBy: f.ratings?.ratedBy, scores: scores, text: f.text)
      item.by = own ? nil : f.by
      item.own = own ? true : nil
      if let text = f.text {
        readWords(
          text, source: "feeling", at: f.at, session: nil, lang: f.lang, by: item.by,
          own: item.own)
      }
      if streamTexts {
        if let last = lastFeelingAt, f.at < last { textsInOrder = false }
        lastFeelingAt = f.at
        sink?.feeling(item, at: f.at)
      } else if !rowsOnly {
        Self.keepLatest(&feelings, limit: options.noteLimit, (f.at, item))
      }
    case .water(let w):
      guard options.period.contains(day: w.at.localDay) else { return }
      switch w.answer {
      case "offered": water.offered += 1
      case "given": water.given += 1
      case "declined": water.declined += 1
      case "later": water.later += 1
      default: break
      }
      water.amountML += w.amountML ?? 0
      if let ml = w.amountML, ml > 0, !rowsOnly { waterByDay[w.at.localDay, default: 0] += ml }
      if options.keepSessions, let last = lastSessionAt, !rows.isEmpty,
        w.at.seconds - last.seconds < 4 * 3600,
        rows[rows.count - 1].water == nil || w.answer == "given"
      {
        rows[rows.count - 1].water = w.answer
      }
    case .consent(let c): consents.append(c)
    case .careTeam: break
    case .condition(let c):
      let day = c.at?.localDay
      var span = precautions[Self.key(c)] ?? PrecautionSpan(condition: c)
      if c.change == .removed {
        span.removed = day
      } else {
        span.removed = nil
        if span.condition.since == nil { span.condition.since = c.since ?? c.at?.day }
      }
      precautions[Self.key(c)] = span
      historyVersion += 1
      if c.change == .removed {
        removals.append((c.id, c.at))
        clearSaid(c.id, at: c.at)
      }
      if c.change == .removed {
        history[Self.key(c)] = .some(nil)
      } else {
        var kept = c
        kept.at = nil
        if kept.since == nil { kept.since = c.at?.day }
        history[Self.key(c)] = .some(kept)
      }
    }
  }

  /// What a session adds to the counts and the trend (not to its row).
  mutating func count(_ s: SummarySession, day: Int) {
    let m = max(0, min(600, s.minutes ?? 0))
    minutes += m
    if s.minutes != nil { minuteCounts[m] += 1 }
    if let r = s.routine { routines[r, default: 0] += 1 }
    for site in s.sites { sites[site, default: 0] += 1 }
    if let by = s.by { caregivers[by, default: 0] += 1 }
    if let p = s.pressure, (0...3).contains(p) { pressure[p] += 1 }
    for r in [s.before, s.after].compactMap({ $0 }) {
      ratedBy[r.ratedBy == .receiver ? 0 : 1] += 1
      if r.ratedBy == .caregiver, let name = r.rater, !name.isEmpty {
        raters[name, default: 0] += 1
      }
    }
    grid.add(day: day, before: s.before?.scores, after: s.after?.scores)
  }

  mutating func addSession(_ s: SummarySession) {
    let day = s.at.localDay
    guard options.period.contains(day: day) else { return }
    sessions += 1
    lastSessionAt = s.at
    if !rowsOnly { count(s, day: day) }
    var anyPair = false
    var worse = false
    if let b = s.before?.scores, let a = s.after?.scores {
      for scale in SummaryScale.allCases {
        guard let x = b[scale], let y = a[scale] else { continue }
        anyPair = true
        let better = scale.improvement(before: x, after: y)
        change[scale.rank].n += 1
        change[scale.rank].before += x
        change[scale.rank].after += y
        if better >= 2 { change[scale.rank].improved2 += 1 }
        if better <= -2 {
          change[scale.rank].worsened2 += 1
          worse = true
        }
      }
    }
    if anyPair { rated += 1 }
    if worse {
      worseAfter += 1
      var changes: [SummaryData.ScaleChange] = []
      if let b = s.before?.scores, let a = s.after?.scores {
        for scale in SummaryScale.allCases {
          guard let x = b[scale], let y = a[scale], scale.improvement(before: x, after: y) <= -2
          else { continue }
          changes.append(.init(scale: scale, before: x, after: y))
        }
      }
      worseCount += 1
      let item = SummaryData.WorseSession(
        session: sessions, when: s.at.day, routine: s.routine, changes: changes)
      if let sink {
        sink.worse(item)
      } else if !discardRows, worseList.count < safetyKeep {
        worseList.append(item)
      }
    }
    var inForceIDs = s.precautions
    var breaches: [SessionBreach] = []
    if auditor != nil {
      var r: Restrictions
      if let hit = dayCache, hit.day == day, hit.version == historyVersion {
        inForceIDs = hit.ids
        r = hit.restrictions
      } else {
        let inForce = conditionsInForce(day: day)
        var seenIDs = Set<String>()
        // A condition aged out by its rule's time limit is not listed (an unknown one is: fail
        // closed), the same as `Profile.precautionIDs` when a session is logged.
        inForceIDs = inForce.filter { c in
          guard let rule = auditor!.catalog.rule(c.id) else { return true }
          return rule.isActive(daysSince: c.since.flatMap(CivilDay.parse).map { max(0, day - $0) })
        }.map(\.id).filter { seenIDs.insert($0).inserted }
        r = auditor!.restrictions(inForce, day: day)
        // The care team's limits on that day count too (they only add), as `log session` checks.
        if !receiver.careTeam.isEmpty, let date = CalendarDay.parse(CivilDay.string(day)) {
          r =
            receiver.careTeam.apply(
              to: r, rulesInForce: Set(inForceIDs), on: date, catalog: auditor!.catalog
            ).0
        }
        dayCache = (day, historyVersion, inForceIDs, r)
        dayPlans = [:]
      }
      if options.auditSessions {
        let done = SessionDone(
          routine: s.routine, kept: s.kept, adapted: s.adapted, sites: s.sites,
          pressure: s.pressure, minutes: s.minutes)
        var planned: Plan?
        if !s.adapted.isEmpty, let id = s.routine {
          planned = dayPlans[id]
          if planned == nil, let routine = auditor!.catalog.routine(id) {
            planned = Planner.plans([routine], under: r).first
            dayPlans[id] = planned
          }
        }
        breaches = SessionAudit.breaches(
          done, under: r, catalog: auditor!.catalog, planned: planned)
        breaches = Self.withSaidStop(breaches, standing: standingSaid(at: s.at))
      }
      if !breaches.isEmpty { againstCount += 1 }
      if !breaches.isEmpty {
        let item = SummaryData.AgainstPrecautions(
          session: sessions, when: s.at.day, routine: s.routine, breaches: breaches)
        if let sink {
          sink.against(item)
        } else if !discardRows, against.count < safetyKeep {
          against.append(item)
        }
      }
    }
    let stopFlags = s.stopReason.map {
      readWords($0, source: "stopped", at: s.at, session: sessions, lang: s.lang)
    }
    if let note = s.note {
      readWords(note, source: "note", at: s.at, session: sessions, lang: s.lang)
    }
    if s.stoppedEarly, !rowsOnly {
      stoppedCount += 1
      var entry = SummaryData.Stopped(
        when: s.at.day, minutes: s.minutes, plannedMinutes: nil, routine: s.routine,
        reason: s.stopReason, preparationSkipped: s.preparationSkipped ? true : nil)
      if let stopFlags, !stopFlags.isEmpty { entry.redFlags = stopFlags }
      stopped.append((s.at, entry))
      if stopped.count > Self.stoppedLimit * 2 {
        stopped.removeFirst(stopped.count - Self.stoppedLimit)
      }
    }
    for id in inForceIDs where !rowsOnly {
      var span = precautions[id] ?? PrecautionSpan(condition: SummaryCondition(id: id))
      span.first = min(span.first ?? day, day)
      span.last = max(span.last ?? day, day)
      precautions[id] = span
    }
    if let note = s.note, !note.isEmpty {
      noteCount += 1
      if streamTexts {
        if let last = lastNoteAt, s.at < last { textsInOrder = false }
        lastNoteAt = s.at
        sink?.note(SummaryData.Note(when: s.at.day, text: note), at: s.at)
      } else if !rowsOnly {
        Self.keepLatest(&notes, limit: options.noteLimit, (s.at, note))
      }
    }
    // The first pass of a streamed export (`discardRows`, no sink) sends no row: none is made.
    if options.keepSessions, sink != nil || !discardRows {
      var r = row(s)
      r.precautions = inForceIDs
      r.breaches = auditor == nil ? nil : breaches
      let flagged = Set(
        said.filter { $0.at == s.at && $0.flag.session == sessions }
          .flatMap(\.flag.rules))
      let inForceFlags = inForceIDs.filter { options.redFlagConditions.contains($0) }
      r.redFlags = flagged.union(inForceFlags).sorted()
      if streaming { flushRows() }
      rows.append(r)
    }
  }

  /// Sends the row held back (a streamed export calls this once the journal is read).
  public mutating func flushRows() {
    guard streaming, let last = rows.popLast() else { return }
    sink?.row(last)
  }

  func row(_ s: SummarySession) -> SummaryData.Row {
    func dict(_ r: SummaryRatings?) -> [String: Int] {
      var d: [String: Int] = [:]
      if let r { for scale in r.scores.scales { d[scale.rawValue] = r.scores[scale] } }
      return d
    }
    func rater(_ r: SummaryRatings?) -> String? {
      r?.ratedBy == .caregiver ? r?.rater.flatMap { $0.isEmpty ? nil : $0 } : nil
    }
    var row = SummaryData.Row(
      number: sessions, at: s.at, minutes: s.minutes, routine: s.routine, sites: s.sites,
      pressure: s.pressure, by: s.by, status: s.stoppedEarly ? "stopped" : "completed",
      stopReason: s.stopReason, before: dict(s.before), after: dict(s.after),
      beforeBy: s.before?.ratedBy,
      afterBy: s.after?.ratedBy, water: nil, note: s.note, precautions: s.precautions)
    row.beforeRater = rater(s.before)
    row.afterRater = rater(s.after)
    return row
  }

  static func keepLatest<T>(_ list: inout [(SummaryTime, T)], limit: Int, _ item: (SummaryTime, T))
  {
    list.append(item)
    if list.count > limit * 4 {
      list.sort { $0.0 < $1.0 }
      list.removeFirst(list.count - limit)
    }
  }
}
