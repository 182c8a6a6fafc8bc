/// The `tend routines --json` contract: a routine with its steps and text in one language.
public struct RoutineReport: Encodable, Sendable {
  public struct StepOut: Encodable, Sendable {
    var id: String
    var site: String?
    var side: String?
    var technique: String
    var pressure: Int
    var seconds: Int
    var jointMovement: Bool
    var text: String

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(site, forKey: .site)
      try c.encode(side, forKey: .side)
      try c.encode(technique, forKey: .technique)
      try c.encode(pressure, forKey: .pressure)
      try c.encode(seconds, forKey: .seconds)
      try c.encode(jointMovement, forKey: .jointMovement)
      try c.encode(text, forKey: .text)
    }
    enum CodingKeys: String, CodingKey {
      case id, site, side, technique, pressure, seconds, jointMovement, text
    }
  }

  var id: String
  var title: String
  var summary: String
  var minutes: Int
  var areas: [String]
  var maxPressure: Int
  var positions: [String]
  var steps: [StepOut]

  public init(_ routine: Routine, localizer t: Localizer) {
    id = routine.id
    title = t(routine.titleKey)
    summary = t(routine.summaryKey)
    minutes = routine.minutes
    areas = routine.areas.map(\.rawValue)
    maxPressure = routine.maxPressure.rawValue
    positions = routine.positions.map(\.rawValue)
    steps = routine.steps.map {
      StepOut(
        id: $0.id, site: $0.site?.rawValue, side: $0.side?.rawValue,
        technique: $0.technique.rawValue, pressure: $0.pressure.rawValue, seconds: $0.seconds,
        jointMovement: $0.jointMovement, text: t($0.textKey(in: routine.id)))
    }
  }
}
