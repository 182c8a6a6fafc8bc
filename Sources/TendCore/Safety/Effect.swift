/// The closed set of things a precaution can do to a session. `Restrictions.apply` switches
/// over it exhaustively, so a new kind of effect must be handled there.
public enum Effect: Hashable, Sendable {
  case verdictFloor(Verdict)
  case pressureCeiling(Pressure)
  case avoid(BodyRegion)
  case pressureNote(BodyRegion, Pressure)
  case avoidPosition(Position)
  /// A technique that is never in a kept step ("no kneading").
  case avoidTechnique(Step.Technique)
  /// A set-up that is never in a kept step (a pillow under the knees, turning over).
  case avoidPreparation(Step.Preparation)
  case noJointMovement
  case timeCap(minutes: Int)
  case clearance
  case emergency
}

extension PrecautionRule {
  /// The effects of this rule for one condition the receiver has, or none when it has aged out.
  ///
  /// A required site that the caregiver did not give falls back to `defaultSite` on both sides:
  /// unknown places are treated as the widest plausible place, never as nowhere.
  public func effects(for condition: Condition) -> [Effect] {
    guard isActive(daysSince: condition.daysSince) else { return [] }
    let region = condition.region ?? defaultSite.map { BodyRegion($0) }
    var effects: [Effect] = [.verdictFloor(verdict)]
    if let maxPressure { effects.append(.pressureCeiling(maxPressure)) }
    for rule in avoid {
      effects += Self.regions(rule, around: region).map(Effect.avoid)
    }
    for note in siteNotes {
      effects += Self.regions(note.region, around: region).map {
        .pressureNote($0, note.maxPressure)
      }
    }
    for rule in avoidPositions {
      effects += Self.positions(rule, around: region).map(Effect.avoidPosition)
    }
    for technique in avoidedTechniques { effects.append(.avoidTechnique(technique)) }
    for preparation in avoidPreparations { effects.append(.avoidPreparation(preparation)) }
    var joint = noJointMovement
    var ask = askCareTeam
    if let early = earlyPhase, (condition.daysSince ?? 0) <= early.days {
      joint = joint || early.noJointMovement
      ask = ask || early.askCareTeam
    }
    if joint { effects.append(.noJointMovement) }
    if let maxMinutes { effects.append(.timeCap(minutes: maxMinutes)) }
    if ask || verdict == .stopCallProvider { effects.append(.clearance) }
    if emergency { effects.append(.emergency) }
    return effects
  }

  /// The concrete regions a region rule names for a condition at `region` (nil: no site known).
  static func regions(_ rule: RegionRule, around region: BodyRegion?) -> [BodyRegion] {
    switch rule {
    case .fixed(let site, let sideRule):
      return [BodyRegion(site, side: sideRule == .same ? region?.side : nil)]
    case .margin(let margin):
      switch margin {
      case .everything:
        return [.head, .neck, .shoulder, .arm, .chest, .abdomen, .back, .hip, .leg].map {
          BodyRegion($0)
        }
      case .bothLegs:
        return [BodyRegion(.leg)]
      case .site:
        return region.map { [$0] } ?? []
      case .limb:
        guard let region else { return [] }
        // A limb rule placed on the trunk ("nodes taken from the right side of her chest")
        // leaves out the limb that place drains as well as the place itself: fail closed.
        guard region.site.limb == nil else {
          return [BodyRegion(region.site.limb!, side: region.side)]
        }
        let limb = adjoiningLimb(of: region.site)
        return ([region.site] + (limb.map { [$0] } ?? [])).map {
          BodyRegion($0, side: region.side)
        }
      case .otherLeg:
        // Only for a leg with a known side; with no side both legs are already affected.
        guard let region, region.site.limb == .leg, let side = region.side else { return [] }
        return [BodyRegion(.leg, side: side.opposite)]
      case .quadrant:
        guard let region else { return [] }
        let limb = region.site.limb ?? adjoiningLimb(of: region.site) ?? region.site
        // Armpit nodes drain the arm, chest, shoulder and upper back; groin nodes drain the
        // leg, hip, lower belly and lower back on that side.
        let rest: [BodySite] =
          limb == .leg ? [.hip, .abdomen, .lowerBack] : [.chest, .shoulder, .upperBack]
        return ([limb] + rest).map { BodyRegion($0, side: region.side) }
      }
    }
  }

  /// The limb next to a place on the trunk: the arm for the chest, shoulder, upper back and
  /// neck (the armpit's nodes), the leg for the belly, hip and lower back (the groin's); nil for
  /// the head and the whole back.
  static func adjoiningLimb(of site: BodySite) -> BodySite? {
    switch site {
    case .chest, .shoulder, .upperBack, .neck: .arm
    case .abdomen, .hip, .lowerBack: .leg
    default: site.limb
    }
  }

  /// The positions a position rule rules out for a condition at `region`.
  static func positions(_ rule: PositionRule, around region: BodyRegion?) -> [Position] {
    switch rule {
    case .fixed(let position):
      return [position]
    case .onAffectedSide:
      guard let side = region?.side else { return [.sideLyingLeft, .sideLyingRight] }
      return [.sideLying(side)]
    case .lyingOnSite:
      guard let region else { return [] }
      var result: [Position] = []
      switch region.site.selfAndAncestors.last ?? region.site {
      case .chest, .abdomen: result.append(.faceDown)
      case .back, .head, .neck: result.append(.flatOnBack)
      case .hip: result += [.flatOnBack]
      default: break
      }
      if region.site.isPaired {
        if let side = region.side {
          result.append(.sideLying(side))
        } else if region.site.limb != nil || region.site == .hip || region.site == .shoulder {
          result += [.sideLyingLeft, .sideLyingRight]
        }
      }
      if region.site == .knee || region.site == .thigh || region.site == .lowerLeg {
        result.append(.faceDown)
      }
      return result
    }
  }
}
