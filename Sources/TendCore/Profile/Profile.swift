import Foundation

/// A person cared for: who they are and what changes what is safe for them.
///
/// Stored as `$TEND_HOME/receivers/<id>/profile.json`. A condition's age is computed from its
/// `since` date each time, never stored as a flag, so conditions age out by their rule's limit.
public struct Profile: Codable, Sendable, Equatable {
  public var v: Int = 1
  public var id: String
  public var name: String
  public var conditions: [ProfileCondition]
  public var allergies: [String]
  /// The care team's daily fluid limit in millilitres, if any.
  public var fluidLimitML: Int?
  /// Preferred language code.
  public var language: String?
  public var caregivers: [String]
  /// Minutes until a "later" water reminder; nil means `WaterReminder.defaultMinutes`.
  public var reminderMinutes: Int?
  /// Optional, for the care team to match an export to their record: a birth date
  /// (`YYYY-MM-DD`, or just `YYYY`) and identifiers such as a clinic's record number.
  public var birthDate: String?
  public var identifiers: [ProfileIdentifier]?
  /// The care team's answers to "ask first" and the advice they sent back (`CareTeam`); nil
  /// when there are none, so older profiles read and write the same.
  public var clearances: [Clearance]?
  public var advice: [CareAdvice]?
  /// `true` while the first questions asked when the person was added in the chat are not all
  /// answered (Ctrl-D, a red flag that stopped them): the chat goes on with them when the
  /// person is chosen, and every plan says so until then. Absent once they are done, and in
  /// profiles made before this field (or with `tend receivers add`).
  public var intakeUnfinished: Bool?

  public init(
    id: String, name: String, conditions: [ProfileCondition] = [], allergies: [String] = [],
    fluidLimitML: Int? = nil, language: String? = nil, caregivers: [String] = [],
    reminderMinutes: Int? = nil
  ) {
    self.id = id
    self.name = name
    self.conditions = conditions
    self.allergies = allergies
    self.fluidLimitML = fluidLimitML
    self.language = language
    self.caregivers = caregivers
    self.reminderMinutes = reminderMinutes
  }

  enum CodingKeys: String, CodingKey {
    case v, id, name, conditions, allergies, fluidLimitML, language, caregivers, reminderMinutes
    case birthDate, identifiers
    case clearances, advice
    case intakeUnfinished
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    v = try c.decodeIfPresent(Int.self, forKey: .v) ?? 1
    guard v <= 1 else {
      throw DecodingError.dataCorruptedError(
        forKey: .v, in: c, debugDescription: "schema version \(v) is newer than this Tend reads (1)"
      )
    }
    id = try c.decodeIfPresent(String.self, forKey: .id) ?? "profile"
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    conditions = try c.decodeIfPresent([ProfileCondition].self, forKey: .conditions) ?? []
    allergies = try c.decodeIfPresent([String].self, forKey: .allergies) ?? []
    fluidLimitML = try c.decodeIfPresent(Int.self, forKey: .fluidLimitML)
    language = try c.decodeIfPresent(String.self, forKey: .language)
    caregivers = try c.decodeIfPresent([String].self, forKey: .caregivers) ?? []
    reminderMinutes = try c.decodeIfPresent(Int.self, forKey: .reminderMinutes)
    birthDate = try c.decodeIfPresent(String.self, forKey: .birthDate)
    if let b = birthDate, !(b.count == 4 && Int(b) != nil), CalendarDay.parse(b) == nil {
      throw DecodingError.dataCorruptedError(
        forKey: .birthDate, in: c,
        debugDescription: "\"\(b)\" is not a date like 1948-03-02 or 1948")
    }
    identifiers = try c.decodeIfPresent([ProfileIdentifier].self, forKey: .identifiers)
    clearances = try c.decodeIfPresent([Clearance].self, forKey: .clearances)
    advice = try c.decodeIfPresent([CareAdvice].self, forKey: .advice)
    intakeUnfinished = try c.decodeIfPresent(Bool.self, forKey: .intakeUnfinished)
  }

  /// Reads a free-standing profile file strictly (`ProfileReader`), with a located error.
  /// - Throws: `ReceiverError.badProfile`.
  public static func decode(_ data: Data, file: String = "profile.json") throws -> Profile {
    try ProfileReader.read([UInt8](data), file: file, folderID: nil)
  }

  /// The conditions with their age as of `date` (from each `since`).
  public func conditions(asOf date: Date) -> [Condition] {
    conditions.map { $0.condition(asOf: date) }
  }
}

/// One condition in a profile.
/// An identifier the care team gave ("MRN 4471" at a clinic): the issuing system's URI, if
/// known, and the value.
public struct ProfileIdentifier: Codable, Sendable, Equatable {
  public var system: String?
  public var value: String

  public init(system: String? = nil, value: String) {
    self.system = system
    self.value = value
  }
}

public struct ProfileCondition: Codable, Sendable, Equatable {
  public var id: String
  public var site: BodySite?
  public var side: Side?
  /// The day it began or was done, `YYYY-MM-DD`.
  public var since: String?
  /// For hand-written files: days since it began, when `since` is absent.
  public var daysSince: Int?
  public var note: String?
  public var addedBy: String?

  public init(
    id: String, site: BodySite? = nil, side: Side? = nil, since: String? = nil,
    daysSince: Int? = nil, note: String? = nil, addedBy: String? = nil
  ) {
    self.id = id
    self.site = site
    self.side = side
    self.since = since
    self.daysSince = daysSince
    self.note = note
    self.addedBy = addedBy
  }

  /// A spec string (`iv-line@left-forearm+3d`) also decodes, for hand-written files.
  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let spec = try? single.decode(String.self)
    {
      let condition: Condition
      do {
        condition = try ConditionSpec.parse(spec)
      } catch {
        throw DecodingError.dataCorruptedError(
          in: single, debugDescription: "cannot read the condition \"\(spec)\"")
      }
      self.init(
        id: condition.id, site: condition.site, side: condition.side, daysSince: condition.daysSince
      )
      return
    }
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let since = try c.decodeIfPresent(String.self, forKey: .since)
    if let since, CalendarDay.parse(since) == nil {
      throw DecodingError.dataCorruptedError(
        forKey: .since, in: c, debugDescription: "\"\(since)\" is not a date like 2026-11-29")
    }
    self.init(
      id: try c.decode(String.self, forKey: .id),
      site: try c.decodeIfPresent(BodySite.self, forKey: .site),
      side: try c.decodeIfPresent(Side.self, forKey: .side), since: since,
      daysSince: try c.decodeIfPresent(Int.self, forKey: .daysSince),
      note: try c.decodeIfPresent(String.self, forKey: .note),
      addedBy: try c.decodeIfPresent(String.self, forKey: .addedBy))
  }

  enum CodingKeys: String, CodingKey { case id, site, side, since, daysSince, note, addedBy }

  public func condition(asOf date: Date) -> Condition {
    var days = daysSince
    if let since, let start = CalendarDay.parse(since) {
      days = max(0, CalendarDay.days(from: start, to: date))
    }
    return Condition(id: id, site: site, side: side, daysSince: days)
  }
}

/// Whole calendar days in UTC-free local terms (`YYYY-MM-DD`).
public enum CalendarDay {
  private static let calendar: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone.current
    return c
  }()

  public static func parse(_ text: String) -> Date? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, text.count == 10, (1...12).contains(parts[1]),
      (1...31).contains(parts[2])
    else { return nil }
    let comps = DateComponents(year: parts[0], month: parts[1], day: parts[2])
    guard let date = calendar.date(from: comps),
      calendar.component(.day, from: date) == parts[2]
    else { return nil }
    return date
  }

  /// The calendar year of a day.
  public static func year(of date: Date) -> Int { calendar.component(.year, from: date) }

  public static func format(_ date: Date) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }

  public static func days(from start: Date, to end: Date) -> Int {
    let a = calendar.startOfDay(for: start)
    let b = calendar.startOfDay(for: end)
    return calendar.dateComponents([.day], from: a, to: b).day ?? 0
  }
}
