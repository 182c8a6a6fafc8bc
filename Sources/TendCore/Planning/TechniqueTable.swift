/// The lowest Walton level each technique needs, from the `techniques` table of
/// `Routines/precautions.json`: kneading and squeezing are not light lotioning, so under a
/// ceiling of 1 such a step is replaced by a variant or skipped, never done "at pressure 1".
public struct TechniqueTable: Sendable, Hashable {
  public let minimum: [Step.Technique: Pressure]

  public init(minimum: [Step.Technique: Pressure]) { self.minimum = minimum }

  /// The lowest level `technique` needs; 0 for one the table does not list (the catalog refuses
  /// a table that misses one).
  public func minimumPressure(_ technique: Step.Technique) -> Pressure {
    minimum[technique] ?? .stillHold
  }
}
