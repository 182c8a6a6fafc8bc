/// A short, gentle massage from the library: one file in `Routines/`.
public struct Routine: Sendable, Hashable, Identifiable {
  public let id: String
  /// Rounded sum of the steps' seconds.
  public let minutes: Int
  /// Body sites it works on (for filtering).
  public let areas: [BodySite]
  /// Where it can be done.
  public let positions: [Position]
  /// Set-ups the whole routine depends on (leaning forward onto a table): when a rule rules one
  /// out, the routine is excluded.
  public let needs: [Step.Preparation]
  public let steps: [Step]

  public init(
    id: String, minutes: Int, areas: [BodySite], positions: [Position],
    needs: [Step.Preparation] = [], steps: [Step]
  ) {
    self.id = id
    self.minutes = minutes
    self.areas = areas
    self.positions = positions
    self.needs = needs
    self.steps = steps
  }

  /// The highest pressure any step asks for.
  public var maxPressure: Pressure { steps.map(\.pressure).max() ?? .stillHold }

  /// Locale keys for the routine's text.
  public var titleKey: String { "routine.\(id).title" }
  public var summaryKey: String { "routine.\(id).summary" }
}

/// One timed instruction of a routine.
///
/// Its words are data next to its site, side, technique and preparation: the text key, a
/// `.left`/`.right` text for a step on both sides of a paired site (so a plan that keeps one side
/// says only that side), and gentler variants with their own text.
public struct Step: Sendable, Hashable, Identifiable {
  public enum Technique: String, Codable, Sendable, CaseIterable {
    case stillHold = "still-hold"
    case gliding
    case palmKneading = "palm-kneading"
    case thumbCircles = "thumb-circles"
    case fingertipCircles = "fingertip-circles"
    case featherStrokes = "feather-strokes"
    case squeezeRelease = "squeeze-release"
    case tapping
    case jointCircles = "joint-circles"
    case checkIn = "check-in"
    /// Setting up (a pillow, turning over): no massage, so no pressure.
    case setUp = "set-up"
    case closing

    /// Whether the caregiver's hands massage the receiver in this step.
    public var touches: Bool { self != .checkIn && self != .setUp }
  }

  /// Something a step moves or sets up besides the massage itself, so a rule can rule it out.
  public enum Preparation: String, Codable, Sendable, CaseIterable, Comparable {
    /// A pillow under both knees (bends the knees a little).
    case pillowUnderKnees = "pillow-under-knees"
    /// Helping them turn from one side to the other.
    case turnOver = "turn-over"
    /// Sitting bent forward, arms and head resting on a pillow on a table.
    case leanForward = "lean-forward"

    public static func < (lhs: Self, rhs: Self) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  /// Something a step puts on the skin, so that a later step's words can depend on it.
  public enum Material: String, Codable, Sendable, CaseIterable {
    case lotion
  }

  /// A gentler way to do the step, used when the rules rule out its technique or its pressure
  /// is below what the technique needs. Same site, side and seconds; its own text.
  public struct Variant: Sendable, Hashable {
    /// Part of the text key: `routine.<routine>.step.<step>.<id>`.
    public let id: String
    public let technique: Technique
    public let pressure: Pressure
    /// The lowest level its technique needs (from the technique table).
    public let minimumPressure: Pressure

    public init(id: String, technique: Technique, pressure: Pressure, minimumPressure: Pressure) {
      self.id = id
      self.technique = technique
      self.pressure = pressure
      self.minimumPressure = minimumPressure
    }
  }

  public let id: String
  /// nil only for check-ins, which touch nothing.
  public let site: BodySite?
  /// nil: both sides (or the midline).
  public let side: Side?
  public let technique: Technique
  public let pressure: Pressure
  /// The lowest Walton level the technique needs (kneading is not light lotioning): under a
  /// lower ceiling the step is replaced by a variant or skipped, never done with a smaller number.
  public let minimumPressure: Pressure
  public let seconds: Int
  public let jointMovement: Bool
  /// Positions the step works in; a subset of the routine's.
  public let positions: [Position]
  /// What the step sets up (a pillow under the knees, turning over).
  public let prepares: [Preparation]
  /// Gentler ways to do it, in order of preference.
  public let variants: [Variant]
  /// What the step puts on (lotion).
  public let uses: [Material]
  /// What the step's words take for granted was put on by an earlier step ("wipe the lotion
  /// off", "a little more lotion"). When no earlier step done today uses it, the plan says the
  /// step's `.alone` words instead, or skips it when it does not touch (it only cleans up).
  public let follows: Material?

  public init(
    id: String, site: BodySite?, side: Side?, technique: Technique, pressure: Pressure,
    minimumPressure: Pressure = .stillHold, seconds: Int, jointMovement: Bool,
    positions: [Position], prepares: [Preparation] = [], variants: [Variant] = [],
    uses: [Material] = [], follows: Material? = nil
  ) {
    self.id = id
    self.site = site
    self.side = site?.isPaired == false ? nil : side
    self.technique = technique
    self.pressure = pressure
    self.minimumPressure = minimumPressure
    self.seconds = seconds
    self.jointMovement = jointMovement
    self.positions = positions
    self.prepares = prepares
    self.variants = variants
    self.uses = uses
    self.follows = follows
  }

  /// Where the hands are, if anywhere.
  public var region: BodyRegion? { site.map { BodyRegion($0, side: side) } }

  /// Whether a plan may narrow the step to one side, so it needs `.left` and `.right` texts.
  public var hasSideTexts: Bool { side == nil && site?.isPaired == true }

  /// The locale key of the step's instruction in routine `routineID`.
  public func textKey(in routineID: String) -> String { "routine.\(routineID).step.\(id)" }

  /// The key of the words for one way of doing the step: `variant` (nil: as written) on `side`
  /// only (nil: as written, both sides).
  public func textKey(
    in routineID: String, variant: String?, side: Side?, alone: Bool = false
  ) -> String {
    var key = textKey(in: routineID)
    if let variant { key += ".\(variant)" }
    if let side, hasSideTexts { key += ".\(side.rawValue)" }
    if alone, follows != nil { key += ".alone" }
    return key
  }

  /// Every text key the step needs, for the catalog's completeness check: with a step that
  /// `follows` another's material and touches, each also in its `.alone` words.
  public func allTextKeys(in routineID: String) -> [String] {
    let variants: [String?] = [nil] + self.variants.map(\.id)
    let sides: [Side?] = hasSideTexts ? [nil, .left, .right] : [nil]
    let alone = follows != nil && technique.touches ? [false, true] : [false]
    return variants.flatMap { v in
      sides.flatMap { side in
        alone.map { textKey(in: routineID, variant: v, side: side, alone: $0) }
      }
    }
  }
}
