import Foundation

/// One line of a receiver's journal: what happened, when, in which schema version.
///
/// Stored as one JSON object per line with `type`, `at` (ISO 8601 with offset) and `v`, plus the
/// fields of its kind, flat: `{"at":"2026-11-29T10:15:00+01:00","type":"water","answer":"given",
/// "amountML":150,"v":1}`. Keys are sorted so equal entries are equal bytes
/// (see `JournalEntry+Line.swift` for the writer).
public struct JournalEntry: Codable, Equatable, Sendable {
  /// The schema version this code writes and the newest it reads.
  public static let schemaVersion = 1

  public var at: Timestamp
  public var v: Int
  public var body: Body

  /// What kind of entry, and its fields.
  public enum Body: Equatable, Sendable {
    case session(Session)
    case feeling(Feeling)
    case water(Water)
    case consent(Consent)
    case condition(ConditionChange)
    case careTeam(CareTeamChange)
  }

  /// The `type` field.
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case session, feeling, water, consent, condition
    case careTeam = "careteam"
  }

  public init(at: Timestamp, _ body: Body) {
    self.at = at
    self.v = Self.schemaVersion
    self.body = body
  }

  public var kind: Kind {
    switch body {
    case .session: .session
    case .feeling: .feeling
    case .water: .water
    case .consent: .consent
    case .condition: .condition
    case .careTeam: .careTeam
    }
  }

  /// Checks ratings and numbers; `Journal.append` calls this before writing.
  /// - Throws: `EntryError`.
  public func validate() throws(EntryError) {
    func check(_ field: String, _ value: Int?, _ range: ClosedRange<Int>) throws(EntryError) {
      if let value, !range.contains(value) {
        throw .outOfRange(field: field, value: value, range: range)
      }
    }
    switch body {
    case .session(let s):
      try s.before?.validate()
      try s.after?.validate()
      try check("minutes", s.minutes, 0...600)
      try check("pressure", s.pressure, 0...3)
    case .feeling(let f):
      try f.ratings?.validate()
    case .water(let w):
      try check("amountML", w.amountML, 0...5000)
    case .consent, .condition:
      break
    case .careTeam(let c):
      guard (c.clearance == nil) != (c.advice == nil) else {
        throw .outOfRange(field: "clearance", value: 2, range: 1...1)
      }
    }
  }

  enum Key: String, CodingKey { case v, type, at }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    v = try c.decode(Int.self, forKey: .v)
    guard v <= Self.schemaVersion else {
      throw DecodingError.dataCorruptedError(
        forKey: .v, in: c,
        debugDescription:
          "schema version \(v) is newer than this Tend reads (\(Self.schemaVersion))")
    }
    at = try c.decode(Timestamp.self, forKey: .at)
    switch try c.decode(Kind.self, forKey: .type) {
    case .session: body = .session(try Session(from: decoder))
    case .feeling: body = .feeling(try Feeling(from: decoder))
    case .water: body = .water(try Water(from: decoder))
    case .consent: body = .consent(try Consent(from: decoder))
    case .condition: body = .condition(try ConditionChange(from: decoder))
    case .careTeam: body = .careTeam(try CareTeamChange(from: decoder))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(v, forKey: .v)
    try c.encode(kind, forKey: .type)
    try c.encode(at, forKey: .at)
    switch body {
    case .session(let s): try s.encode(to: encoder)
    case .feeling(let f): try f.encode(to: encoder)
    case .water(let w): try w.encode(to: encoder)
    case .consent(let x): try x.encode(to: encoder)
    case .condition(let x): try x.encode(to: encoder)
    case .careTeam(let x): try x.encode(to: encoder)
    }
  }

  /// Decodes one line (without its newline).
  public static func decode(_ line: some Collection<UInt8>) throws -> JournalEntry {
    try JSONDecoder().decode(JournalEntry.self, from: Data(line))
  }
}
