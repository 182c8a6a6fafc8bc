import Foundation

/// The `tend check --json` contract (see DESIGN.md), built from a check result with every
/// message rendered in the chosen language. Absent values are written as `null`, not omitted.
public struct CheckReport: Encodable, Sendable {
  public struct Avoided: Encodable, Sendable {
    var site: String
    var side: String?
    var because: [String]

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(site, forKey: .site)
      try c.encode(side, forKey: .side)
      try c.encode(because, forKey: .because)
    }
    enum CodingKeys: String, CodingKey { case site, side, because }
  }

  public struct ConditionOut: Encodable, Sendable {
    var id: String
    var site: String?
    var side: String?
    var daysSince: Int?
    var matched: String?
    var active: Bool

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(site, forKey: .site)
      try c.encode(side, forKey: .side)
      try c.encode(daysSince, forKey: .daysSince)
      try c.encode(matched, forKey: .matched)
      try c.encode(active, forKey: .active)
    }
    enum CodingKeys: String, CodingKey { case id, site, side, daysSince, matched, active }
  }

  /// A mention read from free text that does not count ("no fever").
  public struct NotCountedOut: Encodable, Sendable {
    var id: String
    var matched: String
    var reason: String
  }

  /// Words Tend could not place: the caregiver's words, the verdict they raised to and the rule
  /// that carries it.
  public struct NotUnderstoodOut: Encodable, Sendable {
    var words: String
    var effect: String
    var rule: String
  }

  public struct StepOut: Encodable, Sendable {
    var id: String
    var action: String
    var site: String?
    var side: String?
    var pressure: Int
    /// What the caregiver will do and hear, after adapting.
    var technique: String
    var text: String
    var reason: String?

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(action, forKey: .action)
      try c.encode(site, forKey: .site)
      try c.encode(side, forKey: .side)
      try c.encode(pressure, forKey: .pressure)
      try c.encode(technique, forKey: .technique)
      try c.encode(text, forKey: .text)
      try c.encode(reason, forKey: .reason)
    }
    enum CodingKeys: String, CodingKey {
      case id, action, site, side, pressure, technique, text, reason
    }
  }

  public struct RoutineOut: Encodable, Sendable {
    var id: String
    var title: String
    var verdict: String
    var reasons: [String]
    var steps: [StepOut]
  }

  /// What to set up before the first step of the one routine checked (issue 20).
  public struct PreparationOut: Encodable, Sendable {
    public struct ItemOut: Encodable, Sendable {
      var id: String
      var section: String
      var text: String
      var sources: [String]

      public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(section, forKey: .section)
        try c.encode(text, forKey: .text)
        try c.encode(sources, forKey: .sources)
      }
      enum CodingKeys: String, CodingKey { case id, section, text, sources }
    }
    var routine: String
    var items: [ItemOut]

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(routine, forKey: .routine)
      try c.encode(items, forKey: .items)
    }
    enum CodingKeys: String, CodingKey { case routine, items }

    public init(_ p: Preparation, localizer t: Localizer) {
      routine = p.routine
      items = p.lines.map {
        ItemOut(
          id: $0.id, section: $0.section.rawValue, text: t.render($0.message), sources: $0.sources)
      }
    }
  }

  var verdict: String
  var maxPressure: Int
  var avoid: [Avoided]
  var noJointMovement: Bool
  var avoidPositions: [String]
  var maxMinutes: Int?
  var clearanceAdvised: Bool
  var emergency: Bool
  /// Where the user is (ISO 3166-1, from their setting or their locale), null when unknown.
  var region: String?
  /// The number to call in an emergency there, null when unknown (the messages then say "the
  /// emergency number" and how to set the region).
  var emergencyNumber: String?
  var conditions: [ConditionOut]
  /// From `--text`: mentions that were denied or in the past, and unknown medical words.
  var notCounted: [NotCountedOut]
  var unknownTerms: [String]
  /// From `--text`: every mention Tend could not place, with what it did to the verdict.
  var notUnderstood: [NotUnderstoodOut]
  var messages: [String]
  var routines: [RoutineOut]
  /// With `--routine` (or `routines show`): the preparation; null otherwise or when there is
  /// nothing to prepare for.
  var preparation: PreparationOut?

  /// - Parameter recognition: what was read from free text; unknown medical words in it make
  ///   `clearanceAdvised` true, since Tend cannot judge what it does not know.
  public init(
    _ result: SafetyChecker.Result, localizer t: Localizer, recognition: Recognition? = nil,
    emergency contact: EmergencyContact = .unknown
  ) {
    let r = result.restrictions
    verdict = r.verdict.rawValue
    maxPressure = r.effectiveMaxPressure.rawValue
    avoid = r.avoidedRegions.map {
      Avoided(
        site: $0.region.site.rawValue, side: $0.region.side?.rawValue, because: $0.because.sorted())
    }
    noJointMovement = !r.noJointMovement.isEmpty
    avoidPositions = r.avoidPositions.keys.sorted().map(\.rawValue)
    maxMinutes = r.maxMinutes
    clearanceAdvised = r.clearanceAdvised || !(recognition?.unknownTerms.isEmpty ?? true)
    emergency = r.emergency
    region = contact.region
    emergencyNumber = contact.number
    conditions = result.conditions.map {
      ConditionOut(
        id: $0.condition.id, site: $0.condition.site?.rawValue, side: $0.condition.side?.rawValue,
        daysSince: $0.condition.daysSince, matched: $0.condition.matched, active: $0.active)
    }
    notCounted = (recognition?.negated ?? []).map {
      NotCountedOut(id: $0.id, matched: $0.matched, reason: $0.reason.rawValue)
    }
    unknownTerms = recognition?.unknownTerms ?? []
    notUnderstood = (recognition?.notUnderstood ?? []).map {
      NotUnderstoodOut(
        words: $0.words,
        effect: $0.urgent ? Verdict.stopCallProvider.rawValue : Verdict.adjust.rawValue,
        rule: $0.urgent ? "not-understood-urgent" : "not-understood")
    }
    var lines = result.messages.map { t.render(contact.line($0, t)) }
    if r.emergency, let hint = contact.hint, !lines.isEmpty { lines.insert(t.render(hint), at: 1) }
    messages = lines
    routines = result.plans.map { plan in
      RoutineOut(
        id: plan.routine.id, title: t(plan.routine.titleKey), verdict: plan.verdict.rawValue,
        reasons: plan.reasons.map(t.render),
        steps: plan.steps.map {
          StepOut(
            id: $0.step.id, action: $0.action.rawValue, site: $0.site?.rawValue,
            side: $0.side?.rawValue, pressure: $0.pressure.rawValue,
            technique: $0.technique.rawValue, text: t($0.textKey),
            reason: $0.reasons.isEmpty ? nil : $0.reasons.map(t.render).joined(separator: " "))
        })
    }
    preparation = result.preparation.map { PreparationOut($0, localizer: t) }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(verdict, forKey: .verdict)
    try c.encode(maxPressure, forKey: .maxPressure)
    try c.encode(avoid, forKey: .avoid)
    try c.encode(noJointMovement, forKey: .noJointMovement)
    try c.encode(avoidPositions, forKey: .avoidPositions)
    try c.encode(maxMinutes, forKey: .maxMinutes)
    try c.encode(clearanceAdvised, forKey: .clearanceAdvised)
    try c.encode(emergency, forKey: .emergency)
    try c.encode(region, forKey: .region)
    try c.encode(emergencyNumber, forKey: .emergencyNumber)
    try c.encode(conditions, forKey: .conditions)
    try c.encode(notCounted, forKey: .notCounted)
    try c.encode(unknownTerms, forKey: .unknownTerms)
    try c.encode(notUnderstood, forKey: .notUnderstood)
    try c.encode(messages, forKey: .messages)
    try c.encode(routines, forKey: .routines)
    try c.encode(preparation, forKey: .preparation)
  }
  enum CodingKeys: String, CodingKey {
    case verdict, maxPressure, avoid, noJointMovement, avoidPositions, maxMinutes
    case clearanceAdvised, emergency, region, emergencyNumber, conditions, notCounted, unknownTerms,
      notUnderstood
    case messages, routines, preparation
  }

  /// Pretty, stable JSON text with a trailing newline: `JSON.text(self)`, written by hand
  /// (`ReportJSON.swift`).
  public func jsonText() throws -> String {
    handWritten()
  }
}

/// One JSON encoding policy for every machine-readable output: keys sorted, so the same input
/// gives the same bytes on every run (Foundation's encoder keeps an object's members in a hash
/// table, whose order changes from one process to the next).
public enum JSON {
  public static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
