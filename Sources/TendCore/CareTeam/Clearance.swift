import Foundation

/// The care team's answer to "ask the care team first", for some rules: who said yes, when,
/// until when, and any limits they added ("Dr Lee said yes on 2026-11-20, light pressure only").
///
/// Guarantees (enforced by `CareTeam.apply`, whatever a hand-edited file says):
/// - It answers "ask first" only for the rules it names, and only for rules that may be answered
///   (`CareTeam.canAnswer`): never a red flag (`stop-call-provider`), a `postpone`, or words Tend
///   did not understand (`not-understood`, `not-understood-urgent`). The one `postpone` it may
///   answer is the care team's own no (`care-team-said-no`), which it then lifts (round 9, F14).
/// - Its limits only add restrictions; the strictest still wins.
/// - It is in force from `given` to `until` (both days included), and then no longer answers.
public struct Clearance: Codable, Sendable, Hashable {
  /// Short and stable within one profile (`c1`, `c2`...), for `clearance remove`.
  public var id: String
  /// Who gave the answer ("Dr Lee", "the nurse").
  public var from: String
  /// The rule ids it answers.
  public var rules: [String]
  public var limits: CareLimits
  /// `YYYY-MM-DD`: when the care team said yes.
  public var given: String
  /// `YYYY-MM-DD`: the last day it holds.
  public var until: String
  public var note: String?
  public var addedBy: String?

  /// Days a clearance lasts when no end is given: treatment changes, so ask again monthly.
  public static let defaultDays = 30
  /// The longest a clearance may last: at least every six months, ask again.
  public static let maxDays = 183

  public init(
    id: String, from: String, rules: [String], limits: CareLimits = CareLimits(),
    given: String, until: String, note: String? = nil, addedBy: String? = nil
  ) {
    self.id = id
    self.from = from
    self.rules = rules
    self.limits = limits
    self.given = given
    self.until = until
    self.note = note
    self.addedBy = addedBy
  }

  enum CodingKeys: String, CodingKey {
    case id, from, rules, maxPressure, avoid, avoidPositions, noJointMovement, maxMinutes
    case given, until, note, addedBy
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    from = try c.decode(String.self, forKey: .from)
    rules = try c.decode([String].self, forKey: .rules)
    limits = try CareLimits(from: decoder)
    given = try c.decode(String.self, forKey: .given)
    until = try c.decode(String.self, forKey: .until)
    note = try c.decodeIfPresent(String.self, forKey: .note)
    addedBy = try c.decodeIfPresent(String.self, forKey: .addedBy)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(from, forKey: .from)
    try c.encode(rules, forKey: .rules)
    try limits.encode(to: encoder)
    try c.encode(given, forKey: .given)
    try c.encode(until, forKey: .until)
    try c.encodeIfPresent(note, forKey: .note)
    try c.encodeIfPresent(addedBy, forKey: .addedBy)
  }

  /// Whether it holds on `date` (from `given` to `until`, both included).
  public func inForce(on date: Date) -> Bool {
    CareTeam.within(given, until, date)
  }
}

/// Limits a clinician sent back for one person (`tend advise`), as imported by the family.
///
/// Guarantees: the file it came from was intact (its SHA-256 matched) and in date when imported;
/// its limits only add restrictions; it stops applying after `until`.
public struct CareAdvice: Codable, Sendable, Hashable {
  /// The first 12 hex digits of the file's checksum: the same file imported twice is one advice.
  public var id: String
  /// Whom it was written for, as the clinician named them.
  public var receiver: String
  /// The clinician ("Nurse Kim") and, optionally, their role ("oncology nurse").
  public var from: String
  public var role: String?
  /// Why, in the clinician's words.
  public var why: String
  /// `YYYY-MM-DD`: written on; in force from `start` to `until`, both included.
  public var issued: String
  public var start: String
  public var until: String
  public var limits: CareLimits
  /// The SHA-256 of the file as imported.
  public var checksum: String
  public var importedBy: String?

  /// Days advice lasts when `tend advise` is given no end, and the longest it may last.
  public static let defaultDays = 30
  public static let maxDays = 183

  public init(
    id: String, receiver: String, from: String, role: String? = nil, why: String,
    issued: String, start: String, until: String, limits: CareLimits, checksum: String,
    importedBy: String? = nil
  ) {
    self.id = id
    self.receiver = receiver
    self.from = from
    self.role = role
    self.why = why
    self.issued = issued
    self.start = start
    self.until = until
    self.limits = limits
    self.checksum = checksum
    self.importedBy = importedBy
  }

  enum CodingKeys: String, CodingKey {
    case id, receiver, from, role, why, issued, start, until, limits, checksum, importedBy
  }

  public func inForce(on date: Date) -> Bool { CareTeam.within(start, until, date) }
}
