/// What is allowed today, merged from every active rule: the strictest wins.
///
/// `merge` takes the highest verdict, the lowest ceiling, the union of avoided regions, notes,
/// positions, techniques and preparations, the OR of flags and the smallest time cap. It is associative, commutative and
/// idempotent, and `.none` is its identity, so the order in which rules apply can never matter.
/// Each restriction remembers which rules caused it.
public struct Restrictions: Hashable, Sendable {
  public var verdict: Verdict = .ok
  /// Session-wide ceiling; `.relaxation` (3) when nothing lowers it.
  public var maxPressure: Pressure = .relaxation
  /// Avoided region → the rule ids that avoid it.
  public var avoid: [BodyRegion: Set<String>] = [:]
  /// Region → lowest ceiling there, and the rules behind it.
  public var pressureNotes: [BodyRegion: Note] = [:]
  public var avoidPositions: [Position: Set<String>] = [:]
  /// Technique → the rules that rule it out.
  public var avoidTechniques: [Step.Technique: Set<String>] = [:]
  /// Preparation → the rules that rule it out.
  public var avoidPreparations: [Step.Preparation: Set<String>] = [:]
  public var noJointMovement: Set<String> = []
  public var maxMinutes: Int?
  public var clearance: Set<String> = []
  public var emergency: Bool = false
  /// Rule ids behind the verdict and ceiling.
  public var verdictBecause: Set<String> = []
  public var pressureBecause: Set<String> = []

  /// A lower ceiling on one region.
  public struct Note: Hashable, Sendable {
    public var maxPressure: Pressure
    public var because: Set<String>
  }

  /// No restriction at all: the identity of `merge`.
  public static let none = Restrictions()

  public init() {}

  /// Restrictions from one rule's effects.
  public init(effects: [Effect], because rule: String) {
    for effect in effects { apply(effect, because: rule) }
  }

  /// Adds one effect, keeping the strictest value of each kind.
  public mutating func apply(_ effect: Effect, because rule: String) {
    switch effect {
    case .verdictFloor(let v):
      if v > verdict {
        verdict = v
        verdictBecause = [rule]
      } else if v == verdict, v > .ok {
        verdictBecause.insert(rule)
      }
    case .pressureCeiling(let p):
      if p < maxPressure {
        maxPressure = p
        pressureBecause = [rule]
      } else if p == maxPressure {
        pressureBecause.insert(rule)
      }
    case .avoid(let region):
      avoid[region, default: []].insert(rule)
    case .pressureNote(let region, let p):
      if let existing = pressureNotes[region] {
        if p < existing.maxPressure {
          pressureNotes[region] = Note(maxPressure: p, because: [rule])
        } else if p == existing.maxPressure {
          pressureNotes[region]!.because.insert(rule)
        }
      } else {
        pressureNotes[region] = Note(maxPressure: p, because: [rule])
      }
    case .avoidPosition(let position):
      avoidPositions[position, default: []].insert(rule)
    case .avoidTechnique(let technique):
      avoidTechniques[technique, default: []].insert(rule)
    case .avoidPreparation(let preparation):
      avoidPreparations[preparation, default: []].insert(rule)
    case .noJointMovement:
      noJointMovement.insert(rule)
    case .timeCap(let minutes):
      maxMinutes = min(maxMinutes ?? minutes, minutes)
    case .clearance:
      clearance.insert(rule)
    case .emergency:
      emergency = true
    }
  }

  /// The strictest combination of two sets of restrictions.
  public func merged(with other: Restrictions) -> Restrictions {
    var r = self
    if other.verdict > r.verdict {
      r.verdict = other.verdict
      r.verdictBecause = other.verdictBecause
    } else if other.verdict == r.verdict {
      r.verdictBecause.formUnion(other.verdictBecause)
    }
    if other.maxPressure < r.maxPressure {
      r.maxPressure = other.maxPressure
      r.pressureBecause = other.pressureBecause
    } else if other.maxPressure == r.maxPressure {
      r.pressureBecause.formUnion(other.pressureBecause)
    }
    r.avoid.merge(other.avoid) { $0.union($1) }
    r.pressureNotes.merge(other.pressureNotes) { a, b in
      if a.maxPressure != b.maxPressure { return a.maxPressure < b.maxPressure ? a : b }
      return Note(maxPressure: a.maxPressure, because: a.because.union(b.because))
    }
    r.avoidPositions.merge(other.avoidPositions) { $0.union($1) }
    r.avoidTechniques.merge(other.avoidTechniques) { $0.union($1) }
    r.avoidPreparations.merge(other.avoidPreparations) { $0.union($1) }
    r.noJointMovement.formUnion(other.noJointMovement)
    switch (r.maxMinutes, other.maxMinutes) {
    case (let a?, let b?): r.maxMinutes = min(a, b)
    case (nil, let b): r.maxMinutes = b
    default: break
    }
    r.clearance.formUnion(other.clearance)
    r.emergency = r.emergency || other.emergency
    return r
  }

  /// The ceiling to report: 0 when no massage may happen today.
  public var effectiveMaxPressure: Pressure { verdict.allowsMassage ? maxPressure : .stillHold }

  /// Whether the care team should be asked first.
  public var clearanceAdvised: Bool { !clearance.isEmpty || verdict == .stopCallProvider }

  /// The rules that avoid any part of `region`; empty when it is free.
  public func avoiders(of region: BodyRegion) -> Set<String> {
    avoid.reduce(into: Set<String>()) { acc, entry in
      if entry.key.overlaps(region) { acc.formUnion(entry.value) }
    }
  }

  /// The lowest ceiling that applies anywhere in `region`, with the rules behind it.
  public func ceiling(at region: BodyRegion) -> (Pressure, Set<String>) {
    var lowest = maxPressure
    var because = pressureBecause
    for (noteRegion, note) in pressureNotes where noteRegion.overlaps(region) {
      if note.maxPressure < lowest {
        lowest = note.maxPressure
        because = note.because
      } else if note.maxPressure == lowest {
        because.formUnion(note.because)
      }
    }
    return (lowest, because)
  }

  /// Avoided regions, simplified: a region inside another avoided region is folded into it.
  public var avoidedRegions: [(region: BodyRegion, because: Set<String>)] {
    let regions = avoid.keys.sorted()
    var result: [(BodyRegion, Set<String>)] = []
    for region in regions {
      if regions.contains(where: { $0 != region && region.isWithin($0) }) { continue }
      let because = avoid.filter { $0.key.isWithin(region) }.reduce(into: Set<String>()) {
        $0.formUnion($1.value)
      }
      result.append((region, because))
    }
    return result
  }
}
