/// One precaution rule from `Routines/precautions.json`: for one condition, how it changes what
/// is safe, for how long, and where that comes from.
///
/// Rules are data; `effects(for:)` turns one into the closed set of `Effect` values that
/// `Restrictions` merges.
public struct PrecautionRule: Sendable, Hashable, Identifiable {
  public enum SiteRequirement: String, Codable, Sendable, CaseIterable {
    case required, optional, none
  }

  /// Where a condition's effects land, relative to the condition's own site.
  public enum Margin: String, Codable, Sendable, CaseIterable {
    case site, limb, otherLeg = "other-leg", bothLegs = "both-legs", quadrant, everything
  }

  /// Which side a fixed site takes.
  public enum SideRule: String, Codable, Sendable, CaseIterable { case same, both }

  /// A region described relative to a condition.
  public enum RegionRule: Hashable, Sendable {
    case margin(Margin)
    case fixed(BodySite, SideRule)
  }

  /// A lower pressure ceiling on some regions only.
  public struct SiteNote: Hashable, Sendable {
    public var region: RegionRule
    public var maxPressure: Pressure
  }

  /// A position to avoid, possibly relative to the condition's site.
  public enum PositionRule: Hashable, Sendable {
    case fixed(Position)
    /// Side-lying on the condition's side (both when the side is unknown).
    case onAffectedSide
    /// Whatever position puts weight on the site.
    case lyingOnSite
  }

  /// Extra effects only while the condition is recent.
  public struct EarlyPhase: Hashable, Sendable {
    public var days: Int
    public var noJointMovement: Bool
    public var askCareTeam: Bool
  }

  public struct Source: Hashable, Sendable, Codable {
    public var url: String
    public var note: String
  }

  public let id: String
  public let category: String
  public let site: SiteRequirement
  public let defaultSite: BodySite?
  public let verdict: Verdict
  public let maxPressure: Pressure?
  public let avoid: [RegionRule]
  public let siteNotes: [SiteNote]
  public let avoidPositions: [PositionRule]
  public let noJointMovement: Bool
  /// Techniques ruled out, with where that comes from; `onlyTechniques` (when given) rules out
  /// every technique not in it ("only rest your hands or stroke very lightly").
  public let avoidTechniques: [Step.Technique]
  public let onlyTechniques: [Step.Technique]?
  public let techniqueSource: String?
  /// Set-ups ruled out (nothing under the knee after a knee replacement), with their source.
  public let avoidPreparations: [Step.Preparation]
  public let preparationSource: String?
  public let maxMinutes: Int?
  public let askCareTeam: Bool
  public let emergency: Bool
  public let activeDays: Int?
  public let earlyPhase: EarlyPhase?
  /// For how many days the rule still holds after the words say the thing is over
  /// (chemotherapy "until counts recover": a cycle finished on Friday still counts).
  public var lastsAfterDays: Int? = nil
  /// The rule a warning sign of more than a week ago becomes (a clot found weeks ago is a known
  /// clot now: `dvt-suspected` → `dvt-history`); nil: Tend cannot tell what it left behind and
  /// asks the care team.
  public var knownAfterwards: String? = nil
  /// A rule that also holds while this condition is recent by that rule's own time limit (a
  /// colostomy made three weeks ago is an operation three weeks ago: `recent-surgery`).
  public var alsoWhenRecent: String? = nil
  /// A rule that keeps this one in force when the words date this one past its time limit
  /// ("a clot in March, still on Xarelto": the treatment of the clot is still going on).
  public var heldWhile: String? = nil
  /// Words that say the thing was taken out, or was done in the past, name the condition
  /// itself ("on lui a retiré les ganglions", "had nodes removed years ago" are
  /// `lymph-nodes-removed`), never that it is over; only a denial takes it away.
  public var removalIsTheCondition: Bool = false
  /// A rule that holds when words date this one's removal inside that rule's time limit:
  /// taking it out was an operation ("a lump taken out of her right breast 12 days ago" is
  /// recent surgery there, though the lump itself is gone).
  public var removalWhenRecent: String? = nil
  public let sources: [Source]
  public let examples: [RuleExample]
  /// 1-based line of the rule in its file, for test failures.
  public let line: Int

  /// Every technique the rule rules out: the `avoid` list plus, with an `only` list, everything
  /// else that touches (a check-in touches nothing and is never ruled out).
  public var avoidedTechniques: [Step.Technique] {
    var out = avoidTechniques
    if let only = onlyTechniques {
      out += Step.Technique.allCases.filter { $0.touches && !only.contains($0) }
    }
    return Step.Technique.allCases.filter(out.contains)
  }

  /// Whether the rule is a red flag (no massage at all; call).
  public var isRedFlag: Bool { verdict == .stopCallProvider }

  /// Whether the condition still counts: unknown age counts as active.
  public func isActive(daysSince: Int?) -> Bool {
    guard let limit = activeDays, let days = daysSince else { return true }
    return days <= limit
  }
}

/// An example profile with the outcome a rule must produce; a data test runs every one.
public struct RuleExample: Hashable, Sendable {
  public var conditions: [String]
  public var routine: String?
  public var expect: [String: ExampleValue]
  public var line: Int
}

/// A loosely typed value in an example's `expect` object.
public enum ExampleValue: Hashable, Sendable {
  case bool(Bool)
  case int(Int)
  case string(String)
  case strings([String])
  case null
}
