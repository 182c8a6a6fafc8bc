/// What a summary is computed from: the receiver's profile facts plus journal entries, as plain
/// values. The journal reader (or a test, or a FHIR file under review) produces these; the
/// `SummaryBuilder` turns a stream of them into `SummaryData`.
public struct SummaryReceiver: Sendable, Equatable {
  public var id: String
  public var name: String
  public var birthYear: Int?
  /// Caregivers named in the profile, with an optional relationship ("daughter").
  public var caregivers: [String]
  public var relationships: [String: String]
  /// Conditions in the profile now, with the day each began (`YYYY-MM-DD`) when known.
  public var conditions: [SummaryCondition]
  public var fluidLimitML: Int?
  /// `YYYY-MM-DD` or `YYYY`, when the profile has one.
  public var birthDate: String?
  public var identifiers: [SummaryIdentifier] = []
  /// Allergies in the family's words ("latex", "almond oil").
  public var allergies: [String] = []
  /// What the care team said for this person (`Profile.careTeam`).
  public var careTeam = CareTeam()

  public init(
    id: String, name: String, birthYear: Int? = nil, caregivers: [String] = [],
    relationships: [String: String] = [:], conditions: [SummaryCondition] = [],
    fluidLimitML: Int? = nil
  ) {
    self.id = id
    self.name = name
    self.birthYear = birthYear
    self.caregivers = caregivers
    self.relationships = relationships
    self.conditions = conditions
    self.fluidLimitML = fluidLimitML
  }
}

/// One journal entry, reduced to what a summary reads.
public enum SummaryEntry: Sendable, Equatable {
  case session(SummarySession)
  case feeling(SummaryFeeling)
  case water(SummaryWater)
  case consent(SummaryConsent)
  case condition(SummaryCondition)
  /// The care team's answer or advice changed (the summary reads the ones in force from the
  /// profile; the line is counted as read).
  case careTeam
}

/// Who gave a set of ratings: the receiver, or a caregiver as proxy.
public enum RatedBy: String, Codable, Sendable, CaseIterable { case receiver, caregiver }

/// 0-10 scores for up to seven scales, packed in one word so reading a million lines allocates
/// nothing for them. A missing score is `nil`; values outside 0...10 are never stored.
public struct Scores: Hashable, Sendable {
  private var packed: UInt64 = ~0

  public init() {}
  public init(_ values: [SummaryScale: Int]) {
    for (scale, value) in values { self[scale] = value }
  }

  public subscript(scale: SummaryScale) -> Int? {
    get {
      let byte = Int((packed >> UInt64(scale.rank * 8)) & 0xFF)
      return byte == 0xFF ? nil : byte
    }
    set {
      let shift = UInt64(scale.rank * 8)
      packed &= ~(0xFF << shift)
      let byte: UInt64 = newValue.flatMap { (0...10).contains($0) ? UInt64($0) : nil } ?? 0xFF
      packed |= byte << shift
    }
  }

  public var isEmpty: Bool { packed == ~0 }
  /// The scales that have a score, in table order.
  public var scales: [SummaryScale] { SummaryScale.allCases.filter { self[$0] != nil } }
}

/// Ratings taken at one moment, with who rated.
public struct SummaryRatings: Sendable, Equatable {
  public var ratedBy: RatedBy
  public var rater: String?
  public var scores: Scores

  public init(ratedBy: RatedBy = .receiver, rater: String? = nil, scores: Scores) {
    self.ratedBy = ratedBy
    self.rater = rater
    self.scores = scores
  }
}

/// A massage session as given. `at` is when it began; it lasted `minutes`.
public struct SummarySession: Sendable, Equatable {
  public var at: SummaryTime
  public var routine: String?
  public var sites: [String] = []
  public var pressure: Int?
  public var minutes: Int?
  public var by: String?
  public var before: SummaryRatings?
  public var after: SummaryRatings?
  public var stoppedEarly = false
  public var stopReason: String?
  public var note: String?
  public var precautions: [String] = []
  /// The preparation before the first step was left out (the journal's `preparation`).
  public var preparationSkipped = false
  /// Steps kept, adapted and skipped from the routine's plan.
  public var stepsKept = 0
  public var stepsAdapted = 0
  public var stepsSkipped = 0
  /// The ids of the steps done as written and done with changes, when the journal names them.
  public var kept: [String] = []
  public var adapted: [String] = []
  /// The language the stop reason and note were read in, when the line says (`Session.lang`).
  public var lang: String?

  public init(at: SummaryTime) { self.at = at }
}

/// The receiver's own "how I feel", any time.
public struct SummaryFeeling: Sendable, Equatable {
  public var at: SummaryTime
  public var ratings: SummaryRatings?
  public var text: String?
  /// The language `text` was read in, when the line says (`Feeling.lang`).
  public var lang: String?
  /// Who wrote it down (`Feeling.by`): a caregiver's first name, or the receiver's own.
  public var by: String?

  public init(at: SummaryTime, ratings: SummaryRatings? = nil, text: String? = nil) {
    self.at = at
    self.ratings = ratings
    self.text = text
  }
}

/// A water answer after a session: offered, given, declined, later or reminder-shown.
public struct SummaryWater: Sendable, Equatable {
  public var at: SummaryTime
  public var answer: String
  public var amountML: Int?

  public init(at: SummaryTime, answer: String, amountML: Int? = nil) {
    self.at = at
    self.answer = answer
    self.amountML = amountML
  }
}

/// A record that the family agreed to share: with whom, what, which period, which format, when.
public struct SummaryConsent: Sendable, Equatable, Codable {
  /// When consent was given (nil in a de-identified summary).
  public var at: SummaryTime?
  public var sharedWith: String
  public var what: [String]
  public var from: String?
  public var to: String?
  public var format: String?
  public var by: String?

  public init(
    at: SummaryTime?, sharedWith: String, what: [String] = [], from: String? = nil,
    to: String? = nil,
    format: String? = nil, by: String? = nil
  ) {
    self.at = at
    self.sharedWith = sharedWith
    self.what = what
    self.from = from
    self.to = to
    self.format = format
    self.by = by
  }
}

/// A condition added to or removed from the profile (or in the profile now, with no `at`).
public struct SummaryCondition: Sendable, Equatable {
  public enum Change: String, Sendable { case added, removed, updated }
  public var at: SummaryTime?
  public var change: Change
  public var id: String
  public var site: String?
  public var side: String?
  /// The day it began, `YYYY-MM-DD`, when known.
  public var since: String?

  public init(
    at: SummaryTime? = nil, change: Change = .added, id: String, site: String? = nil,
    side: String? = nil, since: String? = nil
  ) {
    self.at = at
    self.change = change
    self.id = id
    self.site = site
    self.side = side
    self.since = since
  }
}
