import Foundation

/// What a summary covers and what it leaves out.
public struct SummaryOptions: Sendable {
  public var period: SummaryPeriod
  /// Parts the family chose not to share.
  public var omit: Set<SummaryPart>
  /// Safe Harbor de-identification (clinical-export.md 4.3): no names, no free text, years only.
  public var deidentify: Bool
  /// When the summary is made.
  public var now: SummaryTime
  /// Keep one row per session (CSV, JSON, FHIR need them; the one-page formats do not, and then
  /// memory stays flat however long the journal).
  public var keepSessions: Bool
  /// Condition ids whose rule is a red flag (no massage; call the care team).
  public var redFlagConditions: Set<String>
  /// Condition ids whose rule means calling the emergency number, not only the care team.
  public var emergencyConditions: Set<String> = []
  /// The emergency number for where the family is (`EmergencyContact`), nil when unknown.
  public var emergencyNumber: String?
  /// How many notes and feelings the page shows (the most recent ones).
  public var noteLimit = 3
  /// Which Tend and which rules make the summary (carried into every format).
  public var version: TendVersion?
  /// The rules, to check each session against the precautions in force on its date (from the
  /// condition history). Without them no session is checked and the summary says so.
  public var catalog: Catalog?
  /// Reads the family's words for red flags (without it, red flags said in words are not
  /// listed: only the conditions of the profile are).
  public var redFlagWords: RedFlagWords?
  /// Whether each session is checked against the precautions in force (`SessionAudit`, with
  /// `catalog`): off only for an export that shows no such check (FHIR has no SAFETY list),
  /// which still works out what was in force each day. The summary then lists nothing as
  /// having gone against the precautions, so nothing else may be made from it.
  var auditSessions = true

  public init(
    period: SummaryPeriod, omit: Set<SummaryPart> = [], deidentify: Bool = false, now: SummaryTime,
    keepSessions: Bool = true, redFlagConditions: Set<String> = [], catalog: Catalog? = nil
  ) {
    self.catalog = catalog
    // The formats with one row per session (CSV, JSON, FHIR) carry every note and feeling;
    // the one-page formats keep the latest few and say how many more there are.
    if keepSessions { noteLimit = 1_000_000 }
    self.period = period
    self.omit = omit
    self.deidentify = deidentify
    self.now = now
    self.keepSessions = keepSessions
    self.redFlagConditions = redFlagConditions
  }
}

/// Parts of a summary a family may leave out with `--omit`.
public enum SummaryPart: String, Codable, Sendable, CaseIterable, Comparable {
  case notes, name, feelings, water
  public static func < (a: SummaryPart, b: SummaryPart) -> Bool { a.rawValue < b.rawValue }

  /// Parses `notes,name`. - Throws: `SummaryError.unknownPart` with the nearest names.
  public static func parseList(_ texts: [String]) throws(SummaryError) -> Set<SummaryPart> {
    var parts = Set<SummaryPart>()
    for word in texts.flatMap({ $0.split(separator: ",") }) {
      let name = word.trimmingCharacters(in: .whitespaces).lowercased()
      guard let part = SummaryPart(rawValue: name) else {
        throw .unknownPart(
          name, suggestions: Suggest.nearest(to: name, in: allCases.map(\.rawValue), limit: 2))
      }
      parts.insert(part)
    }
    return parts
  }
}

/// A range of whole local days, both ends included.
public struct SummaryPeriod: Sendable, Equatable, Codable {
  /// Days since 1970-01-01.
  public var from: Int
  public var to: Int
  /// Written as years only (a de-identified summary).
  public var yearsOnly = false

  public init(from: Int, to: Int, yearsOnly: Bool = false) {
    self.from = from
    self.to = to
    self.yearsOnly = yearsOnly
  }

  public var fromText: String {
    yearsOnly ? String(CivilDay.string(from).prefix(4)) : CivilDay.string(from)
  }
  public var toText: String {
    yearsOnly ? String(CivilDay.string(to).prefix(4)) : CivilDay.string(to)
  }

  public var days: Int { to - from + 1 }
  public func contains(day: Int) -> Bool { day >= from && day <= to }

  /// The default: the last 90 days up to today.
  public static let defaultDays = 90

  /// Resolves `--from` and `--to`: each a date `YYYY-MM-DD`; `--from` may also be `30d` (the
  /// last 30 days up to `--to`), and `--to` may be `today`.
  /// - Throws: `SummaryError.badDate` or `.emptyPeriod`.
  public static func resolve(from: String?, to: String?, today: Int) throws(SummaryError)
    -> SummaryPeriod
  {
    var end = today
    if let to, to != "today" {
      guard let day = CivilDay.parse(to) else { throw .badDate(to) }
      end = day
    }
    var start = end - defaultDays + 1
    if let from {
      if from.hasSuffix("d"), let n = Int(from.dropLast()), n > 0 {
        start = end - n + 1
      } else if let day = CivilDay.parse(from) {
        start = day
      } else {
        throw .badDate(from)
      }
    }
    guard start <= end else {
      throw .emptyPeriod(from: CivilDay.string(start), to: CivilDay.string(end))
    }
    return SummaryPeriod(from: start, to: end)
  }

  enum CodingKeys: String, CodingKey { case from, to }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let a = try c.decode(String.self, forKey: .from)
    let b = try c.decode(String.self, forKey: .to)
    guard let period = SummaryPeriod(fromText: a, toText: b) else {
      throw DecodingError.dataCorruptedError(
        forKey: .from, in: c, debugDescription: "bad period \(a)…\(b)")
    }
    self = period
  }

  /// The period an export writes as `from` and `to` (`YYYY-MM-DD`, or years when
  /// de-identified); nil when either is neither.
  init?(fromText a: String, toText b: String) {
    guard let f = CivilDay.parse(a) ?? Int(a).map({ CivilDay.days(year: $0, month: 1, day: 1) }),
      let t = CivilDay.parse(b) ?? Int(b).map({ CivilDay.days(year: $0, month: 12, day: 31) })
    else { return nil }
    self.init(from: f, to: t, yearsOnly: a.count == 4)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(fromText, forKey: .from)
    try c.encode(toText, forKey: .to)
  }
}

/// A summary's failures, with the evidence; the front door renders `message`.
public enum SummaryError: Error, Equatable, Sendable {
  case badDate(String)
  case emptyPeriod(from: String, to: String)
  case unknownPart(String, suggestions: [String])
  case unreadableJournal(path: String, reason: String)
  case outputExists(String)
  case cannotWrite(String, String)

  /// Usage errors exit 2; the rest are data or file errors.
  public var isUsage: Bool {
    switch self {
    case .badDate, .emptyPeriod, .unknownPart, .outputExists: true
    case .unreadableJournal, .cannotWrite: false
    }
  }

  public var message: Message {
    switch self {
    case .badDate(let text): Message("summary.error.badDate", ["text": .text(text)])
    case .emptyPeriod(let from, let to):
      Message("summary.error.emptyPeriod", ["from": .text(from), "to": .text(to)])
    case .unknownPart(let name, let suggestions):
      Message(
        "summary.error.unknownPart",
        [
          "name": .text(name),
          "known": .text(SummaryPart.allCases.map(\.rawValue).joined(separator: ", ")),
          "nearest": .text(suggestions.first ?? "notes"),
        ])
    case .unreadableJournal(let path, let reason):
      Message("summary.error.unreadable", ["path": .text(path), "reason": .reason(reason)])
    case .outputExists(let path): Message("summary.error.outputExists", ["path": .text(path)])
    case .cannotWrite(let path, let reason):
      Message("summary.error.cannotWrite", ["path": .text(path), "reason": .reason(reason)])
    }
  }
}
