/// A massage session as it was actually given.
///
/// `precautions` lists the condition ids in force that day (active by their rule's time limit),
/// so a summary can show what shaped the session without re-reading the profile's history.
public struct Session: Codable, Equatable, Sendable {
  public var routine: String?
  /// The plan actually followed: step ids kept, adapted and skipped.
  public var plan: FollowedPlan?
  /// Region tokens worked on (`left-hand`, `neck`).
  public var sites: [String]?
  /// The highest pressure used (Walton 0-3).
  public var pressure: Int?
  public var minutes: Int?
  /// The caregiver who gave it.
  public var by: String?
  public var before: Ratings?
  public var after: Ratings?
  public var stoppedEarly: Bool?
  public var stopReason: String?
  /// The id of the step under way when the session was stopped.
  public var stoppedAtStep: String?
  public var note: String?
  public var precautions: [String]?
  /// Whether the preparation before the first step was gone through (`prepared`), left out
  /// (`skipped`) or already done earlier that day (`earlier`); nil in older lines.
  public var preparation: PreparationStatus?
  /// The preparation lines gone through by this session or earlier that day
  /// (`Preparation.Line.token`), so a later session that day says only what is new.
  public var preparedItems: [String]?
  /// How what was logged went against those precautions (`SessionBreach.code`, e.g.
  /// `pressure:left-arm>2`); nil when it did not or was not checked.
  public var againstPrecautions: [String]?
  /// The rules ("ask the care team first") for which the caregiver said, before the first step,
  /// that the care team had said yes; nil when nothing needed asking.
  public var careTeamSaidYes: [String]?
  /// The language the words (stop reason, note) were read in (`fr`, `zh-Hans`), so a red flag
  /// in them is read back in that language whatever language Tend runs in later; nil in older
  /// lines and when there are no words (then every language Tend has reads them).
  public var lang: String?

  public init(
    routine: String? = nil, plan: FollowedPlan? = nil, sites: [String]? = nil, pressure: Int? = nil,
    minutes: Int? = nil, by: String? = nil, before: Ratings? = nil, after: Ratings? = nil,
    stoppedEarly: Bool? = nil, stopReason: String? = nil, note: String? = nil,
    precautions: [String]? = nil
  ) {
    self.routine = routine
    self.plan = plan
    self.sites = sites
    self.pressure = pressure
    self.minutes = minutes
    self.by = by
    self.before = before
    self.after = after
    self.stoppedEarly = stoppedEarly
    self.stopReason = stopReason
    self.note = note
    self.precautions = precautions
  }
}

/// What happened to the preparation before a session's first step.
public enum PreparationStatus: String, Codable, Sendable, CaseIterable {
  case prepared, skipped, earlier
}

/// Which steps of the routine were kept, adapted and skipped.
public struct FollowedPlan: Codable, Equatable, Sendable {
  public var kept: [String]
  public var adapted: [String]
  public var skipped: [String]

  public init(kept: [String] = [], adapted: [String] = [], skipped: [String] = []) {
    self.kept = kept
    self.adapted = adapted
    self.skipped = skipped
  }
}

/// The receiver's own "how I feel", any time: ratings, free text, or both.
public struct Feeling: Codable, Equatable, Sendable {
  public var ratings: Ratings?
  public var text: String?
  /// Who wrote it down: the caregiver's first name, or the receiver's own when they did.
  public var by: String?
  /// The language `text` was read in (as `Session.lang`); nil in older lines.
  public var lang: String?

  public init(
    ratings: Ratings? = nil, text: String? = nil, by: String? = nil, lang: String? = nil
  ) {
    self.ratings = ratings
    self.text = text
    self.by = by
    self.lang = lang
  }
}

/// A water offer, answer or reminder. Water is offered as comfort, never to "flush toxins".
public struct Water: Codable, Equatable, Sendable {
  public enum Answer: String, Codable, Sendable, CaseIterable {
    case offered, given, declined, later
    /// A scheduled reminder was shown (so it is not shown again).
    case reminderShown = "reminder-shown"
  }

  public var answer: Answer
  public var amountML: Int?
  /// For `later`: when to remind (nil when no reminder is scheduled).
  public var remindAt: Timestamp?
  public var by: String?
  public var note: String?

  public init(
    _ answer: Answer, amountML: Int? = nil, remindAt: Timestamp? = nil, by: String? = nil,
    note: String? = nil
  ) {
    self.answer = answer
    self.amountML = amountML
    self.remindAt = remindAt
    self.by = by
    self.note = note
  }
}

/// A record that the family agreed to share the journal: with whom, what, for which period, in
/// which format. The entry's `at` is when consent was given.
public struct Consent: Codable, Equatable, Sendable {
  public var sharedWith: String
  public var what: [String]
  public var from: String?
  public var to: String?
  public var format: String?
  public var by: String?

  public init(
    sharedWith: String, what: [String], from: String? = nil, to: String? = nil,
    format: String? = nil,
    by: String? = nil
  ) {
    self.sharedWith = sharedWith
    self.what = what
    self.from = from
    self.to = to
    self.format = format
    self.by = by
  }
}

/// A condition added to, removed from or updated in a receiver's profile.
public struct ConditionChange: Codable, Equatable, Sendable {
  public enum Change: String, Codable, Sendable { case added, removed, updated }

  public var change: Change
  public var condition: ProfileCondition
  public var by: String?
  /// Why, in the words of whoever made the change ("she was seen, it was not a stroke").
  public var note: String?

  public init(
    _ change: Change, _ condition: ProfileCondition, by: String? = nil, note: String? = nil
  ) {
    self.change = change
    self.condition = condition
    self.by = by
    self.note = note
  }
}
