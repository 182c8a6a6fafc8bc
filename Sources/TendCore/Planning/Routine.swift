/// A short, gentle massage from the library: one file in `Routines/`.
public struct Routine: Sendable, Hashable, Identifiable {
  public let id: String
  /// Rounded sum of the steps' seconds.
  public let minutes: Int
  /// Body sites it works on (for filtering).
  public let areas: [BodySite]
  /// Where it can be done.
  public let positions: [Position]
  public let steps: [Step]

  public init(
    id: String, minutes: Int, areas: [BodySite], positions: [Position], steps: [Step]
  ) {
    self.id = id
    self.minutes = minutes
    self.areas = areas
    self.positions = positions
    self.steps = steps
  }

  /// The highest pressure any step asks for.
  public var maxPressure: Pressure { steps.map(\.pressure).max() ?? .stillHold }

  /// Locale keys for the routine's text.
  public var titleKey: String { "routine.\(id).title" }
  public var summaryKey: String { "routine.\(id).summary" }
}

/// One timed instruction of a routine.
public struct Step: Sendable, Hashable, Identifiable {
  public enum Technique: String, Codable, Sendable, CaseIterable {
    case stillHold = "still-hold"
    case gliding
    case palmKneading = "palm-kneading"
    case thumbCircles = "thumb-circles"
    case fingertipCircles = "fingertip-circles"
    case featherStrokes = "feather-strokes"
    case squeezeRelease = "squeeze-release"
    case jointCircles = "joint-circles"
    case checkIn = "check-in"
    case closing

    /// Whether the caregiver's hands touch the receiver in this step.
    public var touches: Bool { self != .checkIn }
  }

  public let id: String
  /// nil only for check-ins, which touch nothing.
  public let site: BodySite?
  /// nil: both sides (or the midline).
  public let side: Side?
  public let technique: Technique
  public let pressure: Pressure
  public let seconds: Int
  public let jointMovement: Bool
  /// Positions the step works in; a subset of the routine's.
  public let positions: [Position]

  public init(
    id: String, site: BodySite?, side: Side?, technique: Technique, pressure: Pressure,
    seconds: Int, jointMovement: Bool, positions: [Position]
  ) {
    self.id = id
    self.site = site
    self.side = site?.isPaired == false ? nil : side
    self.technique = technique
    self.pressure = pressure
    self.seconds = seconds
    self.jointMovement = jointMovement
    self.positions = positions
  }

  /// Where the hands are, if anywhere.
  public var region: BodyRegion? { site.map { BodyRegion($0, side: side) } }

  /// The locale key of the step's instruction in routine `routineID`.
  public func textKey(in routineID: String) -> String { "routine.\(routineID).step.\(id)" }
}
