/// One way a session went against the precautions in force on its date.
///
/// `kind` is stable (it is in the JSON export and in a session's journal entry): `avoided-site`
/// (a region a rule says to avoid was worked on), `pressure` (above the ceiling there),
/// `position` (every position the routine or step works in is excluded), `joint-movement` (a
/// step that moves joints when that is excluded), `stop` (a rule in force said no massage) and
/// `time-cap` (longer than the time cap in force, such as the care team's `maxMinutes`).
public struct SessionBreach: Codable, Sendable, Hashable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case avoidedSite = "avoided-site"
    case pressure
    case position
    case jointMovement = "joint-movement"
    case stop
    case timeCap = "time-cap"
  }

  public var kind: Kind
  /// The region token, position, or step id concerned (nil for `stop` and a session-wide ceiling).
  public var what: String?
  /// The pressure used (for `pressure`).
  public var value: Int?
  /// The ceiling in force (for `pressure`).
  public var limit: Int?
  /// The rule ids behind it, sorted.
  public var because: [String]

  public init(
    kind: Kind, what: String? = nil, value: Int? = nil, limit: Int? = nil, because: [String]
  ) {
    self.kind = kind
    self.what = what
    self.value = value
    self.limit = limit
    self.because = because
  }
}

/// What a session did, as far as the precautions can judge it.
public struct SessionDone: Sendable, Equatable {
  public var routine: String?
  /// Step ids done as written and done with changes.
  public var kept: [String] = []
  public var adapted: [String] = []
  /// Region tokens worked on.
  public var sites: [String] = []
  public var pressure: Int?
  /// How long it lasted, when known (checked against the time cap).
  public var minutes: Int?

  public init(
    routine: String? = nil, kept: [String] = [], adapted: [String] = [], sites: [String] = [],
    pressure: Int? = nil, minutes: Int? = nil
  ) {
    self.routine = routine
    self.kept = kept
    self.adapted = adapted
    self.sites = sites
    self.pressure = pressure
    self.minutes = minutes
  }
}

/// Checks a session as given against the restrictions in force on its date.
///
/// Guarantees: every region worked on (named in `sites`, or the site of a step done) is checked
/// against the avoided regions; the pressure used is checked against the lowest ceiling over the
/// regions worked on (the session-wide ceiling when none is named); a step done as written is
/// checked for its own pressure, joint movement and positions; a rule that allows no massage
/// gives a `stop`. An adapted step is checked for its site only (its changes are unknown).
public enum SessionAudit {
  /// - Parameter planned: the routine's plan under `r`, when the caller keeps it (a summary
  ///   makes it once a day); made here when needed otherwise.
  public static func breaches(
    _ done: SessionDone, under r: Restrictions, catalog: Catalog, planned: Plan? = nil
  ) -> [SessionBreach] {
    var out: [SessionBreach] = []
    func sorted(_ s: Set<String>) -> [String] { s.sorted() }
    if !r.verdict.allowsMassage {
      out.append(.init(kind: .stop, because: sorted(r.verdictBecause)))
    }
    if let used = done.minutes, let cap = r.maxMinutes, used > cap {
      out.append(.init(kind: .timeCap, value: used, limit: cap, because: []))
    }
    let routine = done.routine.flatMap(catalog.routine)
    // A routine has a dozen steps: a linear look-up is cheaper than building a dictionary.
    func step(_ id: String) -> Step? { routine?.steps.first { $0.id == id } }
    let kept = done.kept.compactMap(step)
    let adapted = done.adapted.compactMap(step)
    var regions: [BodyRegion] = done.sites.compactMap { BodyRegion(token: $0) }
    // An adapted step was done as the plan of that day adapted it ("do the right side only"),
    // so its region is the plan's; a step the plan did not adapt keeps its own.
    let planned =
      adapted.isEmpty
      ? nil : planned ?? routine.flatMap { Planner.plans([$0], under: r).first }
    func region(ofAdapted step: Step) -> BodyRegion? {
      guard let p = planned?.steps.first(where: { $0.step.id == step.id }), p.action == .adapt,
        let site = p.site
      else { return step.region }
      return BodyRegion(site, side: p.side)
    }
    for region in kept.map(\.region) + adapted.map(region(ofAdapted:)) {
      if let region, !regions.contains(region) { regions.append(region) }
    }
    var seen = Set<String>()
    for region in regions {
      let avoiders = r.avoiders(of: region)
      if !avoiders.isEmpty, seen.insert(region.token).inserted {
        out.append(.init(kind: .avoidedSite, what: region.token, because: sorted(avoiders)))
      }
    }
    if let used = done.pressure {
      var lowest: (Pressure, Set<String>, String?) = (r.maxPressure, r.pressureBecause, nil)
      for region in regions {
        let (p, because) = r.ceiling(at: region)
        if p < lowest.0 { lowest = (p, because, region.token) }
      }
      if used > lowest.0.rawValue {
        out.append(
          .init(
            kind: .pressure, what: lowest.2, value: used, limit: lowest.0.rawValue,
            because: sorted(lowest.1)))
      }
    }
    for step in kept {
      let (ceiling, because) = step.region.map(r.ceiling(at:)) ?? (r.maxPressure, r.pressureBecause)
      if step.technique.touches, step.pressure > ceiling,
        done.pressure.map({ $0 <= ceiling.rawValue }) ?? true
      {
        out.append(
          .init(
            kind: .pressure, what: step.id, value: step.pressure.rawValue,
            limit: ceiling.rawValue, because: sorted(because)))
      }
      if step.jointMovement, !r.noJointMovement.isEmpty {
        out.append(.init(kind: .jointMovement, what: step.id, because: sorted(r.noJointMovement)))
      }
      let positions = step.positions.isEmpty ? (routine?.positions ?? []) : step.positions
      if !positions.isEmpty, positions.allSatisfy({ r.avoidPositions[$0] != nil }) {
        let because = positions.reduce(into: Set<String>()) {
          $0.formUnion(r.avoidPositions[$1] ?? [])
        }
        out.append(.init(kind: .position, what: positions[0].rawValue, because: sorted(because)))
      }
    }
    if kept.isEmpty, let routine, !routine.positions.isEmpty,
      routine.positions.allSatisfy({ r.avoidPositions[$0] != nil })
    {
      let because = routine.positions.reduce(into: Set<String>()) {
        $0.formUnion(r.avoidPositions[$1] ?? [])
      }
      out.append(
        .init(kind: .position, what: routine.positions[0].rawValue, because: sorted(because)))
    }
    var unique = Set<SessionBreach>()
    return out.filter { unique.insert($0).inserted }
  }
}

extension SessionBreach {
  /// Stable short form for a journal entry: `kind` or `kind:what`, with `>limit` for pressure
  /// (`pressure:left-arm>2`).
  public var code: String {
    var text = kind.rawValue
    if let what { text += ":" + what }
    if let limit { text += ">\(limit)" }
    return text
  }

  /// The breaches in the user's language, joined ("worked on the left arm, …; pressure 3, …").
  public static func describe(_ breaches: [SessionBreach], _ t: Localizer) -> String {
    breaches.map { SummaryWords.breachText($0, t) }.joined(separator: "; ")
  }
}

/// Works out what was in force on a day from the condition history and checks sessions against
/// it, computing each day's restrictions once.
public struct SessionAuditor: Sendable {
  public let catalog: Catalog
  var cache: [String: Restrictions] = [:]

  public init(catalog: Catalog) { self.catalog = catalog }

  /// The restrictions of `conditions` as of `day` (each condition's age from its `since`).
  /// A condition id the rules do not know makes the whole day a `stop` (fail closed).
  public mutating func restrictions(_ conditions: [SummaryCondition], day: Int) -> Restrictions {
    let list = conditions.map { c -> Condition in
      let since = c.since.flatMap(CivilDay.parse)
      return Condition(
        id: c.id, site: c.site.flatMap(BodySite.init(rawValue:)),
        side: c.side.flatMap(Side.init(rawValue:)), daysSince: since.map { max(0, day - $0) })
    }
    let key = list.map { c in
      [c.id, c.site?.rawValue ?? "", c.side?.rawValue ?? "", String(c.daysSince ?? -1)]
        .joined(separator: "|")
    }.sorted().joined(separator: ";")
    if let hit = cache[key] { return hit }
    let r: Restrictions
    do {
      r = try SafetyChecker(catalog: catalog).restrictions(for: list).0
    } catch {
      var closed = Restrictions()
      closed.apply(.verdictFloor(.stopCallProvider), because: "unknown-condition")
      r = closed
    }
    cache[key] = r
    return r
  }
}
