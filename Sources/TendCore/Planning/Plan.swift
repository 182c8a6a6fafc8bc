/// A routine fitted to one receiver today.
///
/// Invariant (checked by property tests): a plan never keeps or adapts a step onto an avoided
/// region, above the ceiling that applies there, below what its technique needs, with a technique,
/// preparation or joint movement that is ruled out, or in a position that is ruled out; its text
/// names only the side it is done on; and an excluded plan has no step to do.
public struct Plan: Sendable, Hashable {
  public enum Verdict: String, Sendable, Codable, Comparable {
    case ok, adjust, excluded
    public static func < (lhs: Self, rhs: Self) -> Bool {
      let order: [Self] = [.ok, .adjust, .excluded]
      return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
  }

  public enum Action: String, Sendable, Codable { case keep, adapt, skip }

  /// One step as the caregiver will actually do it.
  public struct PlannedStep: Sendable, Hashable {
    public var step: Step
    public var action: Action
    /// What to actually do (after adapting): the site and side, the technique and pressure.
    public var site: BodySite?
    public var side: Side?
    public var technique: Step.Technique
    public var pressure: Pressure
    /// The gentler variant used instead of the step as written, if any.
    public var variant: String?
    /// The locale key of what the caregiver is told (shown and spoken): the variant's words,
    /// for the one side kept.
    public var textKey: String
    public var reasons: [Message]

    public var isDone: Bool { action != .skip }

    /// The words for this step when the steps done before it today put on `used`: a step that
    /// touches and `follows` a material none of them put on says its `.alone` words ("stroke
    /// their forehead", not "wipe the lotion off your hands first"); otherwise `textKey`. The
    /// planner uses it for the plan, the guide for a step skipped live (`s`): a step skipped
    /// is not done, so it puts nothing on.
    public func textKey(in routineID: String, after used: Set<Step.Material>) -> String {
      guard let material = step.follows, !used.contains(material), step.technique.touches else {
        return textKey
      }
      return step.textKey(
        in: routineID, variant: variant, side: side == step.side ? nil : side, alone: true)
    }
  }

  public var routine: Routine
  public var verdict: Verdict
  public var steps: [PlannedStep]
  /// Positions still allowed for this routine today.
  public var positions: [Position]
  /// Why the routine is adjusted or excluded, at routine level.
  public var reasons: [Message]

  /// Seconds of the steps that will be done.
  public var seconds: Int { steps.filter(\.isDone).reduce(0) { $0 + $1.step.seconds } }
}
