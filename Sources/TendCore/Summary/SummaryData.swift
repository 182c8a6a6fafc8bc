/// An identifier from the care team (a record number), with its issuing system when known.
public struct SummaryIdentifier: Codable, Sendable, Equatable {
  public var system: String?
  public var value: String

  public init(system: String? = nil, value: String) {
    self.system = system
    self.value = value
  }
}

/// The numbers of one summary: what every format renders, and what `tend review` reads back.
///
/// This is the JSON export's schema (version `v`); it is a stable machine interface. Dates are
/// local `YYYY-MM-DD` days, times ISO 8601 with offset; in a de-identified summary every date is
/// reduced to its year and sessions are numbered instead.
public struct SummaryData: Codable, Sendable, Equatable {
  public static let schemaVersion = 1
  public var v = SummaryData.schemaVersion
  /// Always `tend-summary`, so a reader can tell the file from other JSON.
  public var kind = "tend-summary"
  /// When it was made (nil in a de-identified summary: the period's years say enough).
  public var made: SummaryTime?
  /// Which Tend and which rules made it (absent in files from before it was recorded).
  public var version: TendVersion?
  public var period: SummaryPeriod
  public var receiver: Receiver
  public var deidentified: Bool
  public var omitted: [SummaryPart]
  public var caregivers: [Caregiver]
  public var totals: Totals
  public var routines: [Count]
  public var sites: [Count]
  /// Sessions by Walton pressure level 0...3.
  public var pressure: [Int]
  public var ratings: [RatingChange]
  public var trend: [TrendSeries]
  public var stopped: [Stopped]
  public var precautions: [Precaution]
  public var water: Water?
  public var feelings: [Feeling]?
  public var notes: [Note]?
  public var consents: [SummaryConsent]
  public var redFlags: RedFlags
  /// Every session that went against the precautions in force on its date, every session rated
  /// 2 or more points worse after, every day over the fluid limit (all of them; a page shows
  /// the first few and says how many more).
  public var safety: Safety?
  /// One row per session, oldest first (absent from the one-page formats' gathering).
  public var sessions: [Row]?
  /// SHA-256 of the file this was read from or written to (see `Checksum`), when it has one.
  public var checksum: String?
  /// The care team's answers and advice whose days overlap the period (absent when none).
  public var careTeam: [SummaryCareTeam]?

  public struct Receiver: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var birthYear: Int?
    /// `YYYY-MM-DD` or `YYYY` (absent when de-identified).
    public var birthDate: String?
    public var identifiers: [SummaryIdentifier]?
    /// Allergies in the family's words (absent when de-identified: free text).
    public var allergies: [String]?
  }

  public struct Caregiver: Codable, Sendable, Equatable {
    public var name: String
    public var relationship: String?
    public var sessions: Int
  }

  public struct Totals: Codable, Sendable, Equatable {
    public var sessions = 0
    public var minutes = 0
    public var medianMinutes: Int?
    public var minMinutes: Int?
    public var maxMinutes: Int?
    public var stopped = 0
    /// Sessions with at least one rating both before and after.
    public var rated = 0
    /// Rating sets given by the receiver and by a caregiver as proxy.
    public var ratedByReceiver = 0
    public var ratedByCaregiver = 0
    /// Days in the period with at least one session.
    public var activeDays = 0
    /// Feeling entries and session notes in the period (the page shows the latest few).
    public var feelings = 0
    public var notes = 0
    /// The caregivers who rated for the receiver, by name (`rater`), most first; rating sets
    /// without a name are in `ratedByCaregiver` only. For the pages people read ("Rated by:
    /// Rosa (their own, 3 times), Ana (for them, 2 times)"). In the JSON export as the optional
    /// `totals.raters` (left out when empty; an older export without it reads as no names), so
    /// `tend review` of a JSON export names them as the text summary does (outside tester,
    /// round 7, F9). Not compared, so a summary read back from FHIR, which cannot carry it,
    /// still equals the one exported.
    public var raters: [Count] = []

    enum CodingKeys: String, CodingKey {
      case sessions, minutes, medianMinutes, minMinutes, maxMinutes, stopped, rated
      case ratedByReceiver, ratedByCaregiver, activeDays, feelings, notes, raters
    }

    /// Every field equal but `raters`.
    public static func == (a: Totals, b: Totals) -> Bool { a.sameRecord(b) }

    private func sameRecord(_ b: Totals) -> Bool {
      (sessions, minutes, medianMinutes, minMinutes, maxMinutes, stopped)
        == (b.sessions, b.minutes, b.medianMinutes, b.minMinutes, b.maxMinutes, b.stopped)
        && (rated, ratedByReceiver, ratedByCaregiver, activeDays, feelings, notes)
          == (b.rated, b.ratedByReceiver, b.ratedByCaregiver, b.activeDays, b.feelings, b.notes)
    }
  }

  public struct Count: Codable, Sendable, Equatable {
    public var id: String
    public var count: Int
  }

  /// Per-session change for one scale, over sessions rated on it both before and after.
  public struct RatingChange: Codable, Sendable, Equatable {
    public var scale: SummaryScale
    /// What 10 means on this scale: `best` (comfort) or `worst` (every other).
    public var tenMeans: String?
    public var sessions: Int
    public var meanBefore: Double
    public var meanAfter: Double
    /// after − before (so negative is better except for comfort).
    public var meanChange: Double
    /// Sessions 2 points or more better / worse (direction-aware).
    public var improved2: Int
    public var worsened2: Int
  }

  /// The longer trend: the mean "before" score of each day, `nil` for a day without one.
  public struct TrendSeries: Codable, Sendable, Equatable {
    public var scale: SummaryScale
    /// First day of `days` (local, `YYYY-MM-DD`; the year in a de-identified summary).
    public var start: String
    public var days: [Double?]
    /// Daily after-session means, aligned with `days` (for the before→after chart).
    public var after: [Double?]
    public var firstWeekBefore: Double?
    public var lastWeekBefore: Double?
  }

  public struct Stopped: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`, or `session N` when de-identified.
    public var when: String
    public var minutes: Int?
    public var plannedMinutes: Int?
    public var routine: String?
    public var reason: String?
    /// The red-flag rule ids its reason reads as (kept when de-identified: codes, not words).
    public var redFlags: [String]? = nil
    /// true when the preparation was skipped before this session; nil (left out) otherwise.
    public var preparationSkipped: Bool? = nil
  }

  public struct Precaution: Codable, Sendable, Equatable {
    public var id: String
    public var site: String?
    public var side: String?
    public var since: String?
    public var until: String?
    public var redFlag: Bool
  }

  public struct Water: Codable, Sendable, Equatable {
    public var offered = 0
    public var given = 0
    public var declined = 0
    public var later = 0
    public var amountML = 0
    public var fluidLimitML: Int?
    /// Each day with an amount noted, oldest first (`YYYY-MM-DD`, the year when de-identified).
    public var days: [WaterDay]?
  }

  public struct WaterDay: Codable, Sendable, Equatable {
    public var day: String
    public var totalML: Int
    /// The fluid limit in force, when there is one.
    public var limitML: Int?
    public var over: Bool { limitML.map { totalML > $0 } ?? false }
  }

  public struct Safety: Codable, Sendable, Equatable {
    /// Whether sessions were checked against the precautions (the rules were at hand).
    public var checked = false
    public var against: [AgainstPrecautions] = []
    public var worse: [WorseSession] = []
    /// How many there were in all (the one-page formats keep only the first few in the lists
    /// above, so memory stays flat; JSON, CSV and FHIR keep every one).
    public var againstCount: Int?
    public var worseCount: Int?
    public var fluidDays: [WaterDay] = []
  }

  /// A session that went against the precautions in force on its date.
  public struct AgainstPrecautions: Codable, Sendable, Equatable {
    /// The session's number in the period (1 = first).
    public var session: Int
    /// `YYYY-MM-DD`, or `session N` when de-identified.
    public var when: String
    public var routine: String?
    public var breaches: [SessionBreach]
  }

  /// A session where some scale got 2 or more points worse after.
  public struct WorseSession: Codable, Sendable, Equatable {
    public var session: Int
    public var when: String
    public var routine: String?
    public var changes: [ScaleChange]
  }

  public struct ScaleChange: Codable, Sendable, Equatable {
    public var scale: SummaryScale
    public var before: Int
    public var after: Int
  }

  public struct Feeling: Codable, Sendable, Equatable {
    public var when: String
    public var ratedBy: RatedBy?
    public var scores: [String: Int]
    public var text: String?
    /// The caregiver who wrote the words down, when known and not the receiver (absent when
    /// de-identified).
    public var by: String? = nil
    /// True when the receiver wrote the words themselves (absent otherwise): only then are they
    /// "their own words".
    public var own: Bool? = nil
  }

  public struct Note: Codable, Sendable, Equatable {
    public var when: String
    public var text: String
  }

  public struct RedFlags: Codable, Sendable, Equatable {
    /// Sessions where some scale got 2 or more points worse.
    public var worseAfter = 0
    /// Red-flag conditions in force (no massage; call the care team).
    public var conditions: [String] = []
    /// The emergency number for where the family is, when an emergency red flag (chest pain,
    /// sudden breathlessness, stroke signs) is in force and the region is known.
    public var emergencyNumber: String?
    /// Red-flag conditions of the profile taken off in the period (the person was seen), so
    /// no longer in force: shown as cleared, never as in force (absent when none).
    public var cleared: [ClearedFlag]? = nil
    /// Red flags said in the family's words in the period (a stop reason, a session note, a
    /// feeling's words), oldest first (absent when none, or when the words were not read).
    public var said: [SaidFlag]? = nil
    /// How many texts could not be read for red flags (absent when all were).
    public var wordsUnread: Int? = nil
    /// In force: worse sessions, red-flag conditions in force, red flags said and not cleared.
    public var count: Int {
      worseAfter + conditions.count + (said ?? []).filter { $0.cleared == nil }.count
    }
  }

  /// A red-flag condition of the profile that was taken off in the period.
  public struct ClearedFlag: Codable, Sendable, Equatable {
    public var id: String
    /// The day it was taken off (`YYYY-MM-DD`; the year when de-identified).
    public var until: String
  }

  /// A red flag read in the family's words: when, where the words were, what they read as.
  public struct SaidFlag: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD` (the year when de-identified).
    public var when: String
    /// `stopped` (the reason a session was stopped), `note` (a session note) or `feeling`.
    public var source: String
    /// The red-flag rule ids the words read as, sorted.
    public var rules: [String]
    /// The family's whole words (absent when de-identified or when notes are left out).
    public var words: String?
    /// The session's number in the period, for `stopped` and `note`.
    public var session: Int?
    /// The day the red flag was cleared (the rule taken off after it was said), when it was.
    public var cleared: String?
    /// For a `feeling`: the caregiver who wrote it down (absent when unknown, when the receiver
    /// wrote it, or when de-identified).
    public var by: String? = nil
    /// For a `feeling`: true when the receiver wrote it themselves.
    public var own: Bool? = nil
  }

  /// One session, for CSV, JSON and FHIR.
  public struct Row: Codable, Sendable, Equatable {
    public var number: Int
    public var at: SummaryTime?
    public var minutes: Int?
    public var routine: String?
    public var sites: [String]
    public var pressure: Int?
    public var by: String?
    public var status: String
    public var stopReason: String?
    public var before: [String: Int]
    public var after: [String: Int]
    public var beforeBy: RatedBy?
    public var afterBy: RatedBy?
    public var water: String?
    public var note: String?
    /// Red-flag rule ids in force that day or said in its words (for CSV's `red_flags`). Not
    /// encoded (the JSON has them in `redFlags`) and not compared, as the raters.
    public var redFlags: [String] = []
    /// Condition ids in force on the session's date (from the condition history).
    public var precautions: [String]
    /// How it went against those precautions (empty when it did not, or was not checked).
    public var breaches: [SessionBreach]?
    /// The caregiver who gave the "before" and "after" ratings for the receiver, by name
    /// (`rater`), for FHIR's Observation performer. Not encoded (the JSON and CSV rows keep
    /// their shape) and not compared, as `Totals.raters`.
    public var beforeRater: String?
    public var afterRater: String?

    enum CodingKeys: String, CodingKey {
      case number, at, minutes, routine, sites, pressure, by, status, stopReason, before, after
      case beforeBy, afterBy, water, note, precautions, breaches
    }

    /// Every field equal but the raters.
    public static func == (a: Row, b: Row) -> Bool {
      (a.number, a.at, a.minutes, a.routine, a.sites, a.pressure)
        == (b.number, b.at, b.minutes, b.routine, b.sites, b.pressure)
        && (a.by, a.status, a.stopReason, a.before, a.after, a.beforeBy)
          == (b.by, b.status, b.stopReason, b.before, b.after, b.beforeBy)
        && (a.afterBy, a.water, a.note, a.precautions, a.breaches)
          == (b.afterBy, b.water, b.note, b.precautions, b.breaches)
    }
  }
}

extension SummaryData.Totals {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sessions = try c.decode(Int.self, forKey: .sessions)
    minutes = try c.decode(Int.self, forKey: .minutes)
    medianMinutes = try c.decodeIfPresent(Int.self, forKey: .medianMinutes)
    minMinutes = try c.decodeIfPresent(Int.self, forKey: .minMinutes)
    maxMinutes = try c.decodeIfPresent(Int.self, forKey: .maxMinutes)
    stopped = try c.decode(Int.self, forKey: .stopped)
    rated = try c.decode(Int.self, forKey: .rated)
    ratedByReceiver = try c.decode(Int.self, forKey: .ratedByReceiver)
    ratedByCaregiver = try c.decode(Int.self, forKey: .ratedByCaregiver)
    activeDays = try c.decode(Int.self, forKey: .activeDays)
    feelings = try c.decode(Int.self, forKey: .feelings)
    notes = try c.decode(Int.self, forKey: .notes)
    raters = try c.decodeIfPresent([SummaryData.Count].self, forKey: .raters) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(sessions, forKey: .sessions)
    try c.encode(minutes, forKey: .minutes)
    try c.encodeIfPresent(medianMinutes, forKey: .medianMinutes)
    try c.encodeIfPresent(minMinutes, forKey: .minMinutes)
    try c.encodeIfPresent(maxMinutes, forKey: .maxMinutes)
    try c.encode(stopped, forKey: .stopped)
    try c.encode(rated, forKey: .rated)
    try c.encode(ratedByReceiver, forKey: .ratedByReceiver)
    try c.encode(ratedByCaregiver, forKey: .ratedByCaregiver)
    try c.encode(activeDays, forKey: .activeDays)
    try c.encode(feelings, forKey: .feelings)
    try c.encode(notes, forKey: .notes)
    if !raters.isEmpty { try c.encode(raters, forKey: .raters) }
  }
}
