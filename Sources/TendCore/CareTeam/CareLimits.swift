/// Limits the care team set: a pressure ceiling, sites, positions, joint movement, a time cap.
///
/// Limits only ever add restrictions: `effects` are merged into a check like any rule's, so the
/// strictest value still wins (a clinician's ceiling of 2 never raises a rule's ceiling of 1).
public struct CareLimits: Codable, Sendable, Hashable {
  public var maxPressure: Pressure?
  public var avoid: [BodyRegion]
  public var avoidPositions: [Position]
  public var noJointMovement: Bool
  public var maxMinutes: Int?

  /// A time cap the care team may set, in minutes.
  public static let minutesRange = 1...120

  public init(
    maxPressure: Pressure? = nil, avoid: [BodyRegion] = [], avoidPositions: [Position] = [],
    noJointMovement: Bool = false, maxMinutes: Int? = nil
  ) {
    self.maxPressure = maxPressure
    self.avoid = avoid
    self.avoidPositions = avoidPositions
    self.noJointMovement = noJointMovement
    self.maxMinutes = maxMinutes
  }

  public var isEmpty: Bool {
    maxPressure == nil && avoid.isEmpty && avoidPositions.isEmpty && !noJointMovement
      && maxMinutes == nil
  }

  /// The effects these limits add to a check (never a verdict below the rules', never a lift).
  public var effects: [Effect] {
    var out: [Effect] = []
    if let maxPressure { out.append(.pressureCeiling(maxPressure)) }
    out += avoid.map(Effect.avoid)
    out += avoidPositions.map(Effect.avoidPosition)
    if noJointMovement { out.append(.noJointMovement) }
    if let maxMinutes { out.append(.timeCap(minutes: maxMinutes)) }
    if !out.isEmpty { out.append(.verdictFloor(.adjust)) }
    return out
  }

  /// One plain line per limit, in the order a caregiver reads them.
  public var messages: [Message] {
    var out: [Message] = []
    if let maxPressure {
      out.append(
        Message("careteam.limit.pressure", ["pressure": .key("pressure.\(maxPressure.rawValue)")]))
    }
    for region in avoid {
      out.append(Message("careteam.limit.avoid", ["site": .region(region.site, region.side)]))
    }
    if !avoidPositions.isEmpty {
      out.append(
        Message(
          "careteam.limit.positions",
          ["positions": .keys(avoidPositions.map { "position.\($0.rawValue)" })]))
    }
    if noJointMovement { out.append(Message("careteam.limit.joints")) }
    if let maxMinutes {
      out.append(Message("careteam.limit.minutes", ["count": .number(maxMinutes)]))
    }
    return out
  }

  enum CodingKeys: String, CodingKey {
    case maxPressure, avoid, avoidPositions, noJointMovement, maxMinutes
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    maxPressure = try c.decodeIfPresent(Pressure.self, forKey: .maxPressure)
    let tokens = try c.decodeIfPresent([String].self, forKey: .avoid) ?? []
    avoid = try tokens.map { token in
      guard let region = BodyRegion(token: token) else {
        throw DecodingError.dataCorruptedError(
          forKey: .avoid, in: c, debugDescription: "\"\(token)\" is not a body site")
      }
      return region
    }
    avoidPositions = try c.decodeIfPresent([Position].self, forKey: .avoidPositions) ?? []
    noJointMovement = try c.decodeIfPresent(Bool.self, forKey: .noJointMovement) ?? false
    maxMinutes = try c.decodeIfPresent(Int.self, forKey: .maxMinutes)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(maxPressure, forKey: .maxPressure)
    if !avoid.isEmpty { try c.encode(avoid.map(\.token), forKey: .avoid) }
    if !avoidPositions.isEmpty { try c.encode(avoidPositions, forKey: .avoidPositions) }
    if noJointMovement { try c.encode(true, forKey: .noJointMovement) }
    try c.encodeIfPresent(maxMinutes, forKey: .maxMinutes)
  }
}
