/// A journal record of the care team's answer or advice being added or removed for a person
/// (`type: careteam`): exactly one of `clearance` and `advice`, with who recorded it.
public struct CareTeamChange: Codable, Equatable, Sendable {
  public var change: ConditionChange.Change
  public var clearance: Clearance?
  public var advice: CareAdvice?
  public var by: String?

  public init(
    _ change: ConditionChange.Change, clearance: Clearance? = nil, advice: CareAdvice? = nil,
    by: String? = nil
  ) {
    self.change = change
    self.clearance = clearance
    self.advice = advice
    self.by = by
  }
}
