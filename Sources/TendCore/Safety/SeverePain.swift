/// What Tend's own words after a severe pain rating before a session promise ("today keep to
/// the gentlest touch"), as effects the planner enforces: the words and the steps agree.
///
/// Guarantee: a plan made under `restrictions` keeps no step above the lightest moving touch
/// (pressure 1), no squeezing or tapping, and no joint movement; the caregiver is told so in
/// the same line that says the pain is severe. The rule is Tend's own (no condition, nothing
/// saved in the profile): it holds for the one session the ratings were given for.
/// Sources (docs/session.md): Macmillan, "Massage or other touch therapies" (gentle massage
/// only; avoid areas that are sensitive); Michigan State University's cancer-pain guide,
/// "Cautions for massage" (check with the health care team; pressure, even gentle touch, can
/// make some pain worse).
public enum SeverePain {
  /// The id the planner's reasons name (`rule.severe-pain.name`).
  public static let ruleID = "severe-pain"
  /// A pain rating (0 to 10) at or above this is severe.
  public static let threshold = 8

  /// The effects of a severe pain rating before the session.
  public static let effects: [Effect] = [
    .pressureCeiling(.light), .noJointMovement, .avoidTechnique(.squeezeRelease),
    .avoidTechnique(.tapping),
  ]

  /// The restrictions `effects` make, to merge with the day's (the strictest still wins).
  public static let restrictions = Restrictions(effects: effects, because: ruleID)

  /// Whether `pain` (a 0 to 10 rating; nil when not rated) is severe.
  public static func isSevere(_ pain: Int?) -> Bool { (pain ?? 0) >= threshold }
}
