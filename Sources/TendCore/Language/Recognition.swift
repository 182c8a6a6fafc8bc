/// What the recognizer understood from a caregiver's words, to be shown back and confirmed
/// before it changes anything (DESIGN.md safety rule 4).
public struct Recognition: Sendable, Equatable {
  /// A mention that was found but does not count.
  public struct NotCounted: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
      /// "no fever", "isn't on blood thinners".
      case negated
      /// "used to take warfarin but stopped".
      case past
      /// A temperature reading below a fever ("her temp was 37.1").
      case normalReading = "normal-reading"
    }

    /// The rule id the words would have named.
    public var id: String
    /// The caregiver's words, cue included ("no fever").
    public var matched: String
    public var reason: Reason
  }

  /// Words Tend could not place (a disease, medicine, device or procedure it does not know, or
  /// a rare word): each raised the verdict.
  public struct NotUnderstood: Sendable, Hashable {
    /// The caregiver's words.
    public var words: String
    /// Next to a red-flag system (chest, breathing, speech, a weak or swollen limb, bleeding) or
    /// with a fever: stop and call; otherwise adjust and ask the care team first.
    public var urgent: Bool

    public init(words: String, urgent: Bool) {
      self.words = words
      self.urgent = urgent
    }
  }

  /// Conditions that count, each with `matched` set to the caregiver's words and, where said,
  /// site, side and days since it began. Red flags found from symptom patterns are included.
  public var conditions: [Condition]
  /// Mentions that were denied, in the past, or contradicted by a reading.
  public var negated: [NotCounted]
  /// Words that look medical but that Tend does not know ("sarcoidosis"); never dropped.
  public var unknownTerms: [String]
  /// The ids among `conditions` that are red flags.
  public var redFlags: [String]
  /// Explanations given for a red flag ("probably from standing"), which Tend does not accept.
  public var dismissals: [String]
  /// What could not be placed, each with what it did to the verdict.
  public var notUnderstood: [NotUnderstood]

  public init(
    conditions: [Condition] = [], negated: [NotCounted] = [], unknownTerms: [String] = [],
    redFlags: [String] = [], dismissals: [String] = [], notUnderstood: [NotUnderstood] = []
  ) {
    self.conditions = conditions
    self.negated = negated
    self.unknownTerms = unknownTerms
    self.redFlags = redFlags
    self.dismissals = dismissals
    self.notUnderstood = notUnderstood
  }

  /// The lines to show after "What I understood": what was not counted, explanations that do
  /// not cancel a red flag, unknown words, and the request to confirm.
  public var messages: [Message] {
    var lines: [Message] = []
    if conditions.isEmpty { lines.append(Message("recognize.nothing")) }
    for item in negated {
      let key: String
      switch item.reason {
      case .negated: key = "recognize.negated"
      case .past: key = "recognize.past"
      case .normalReading: key = "recognize.normalReading"
      }
      lines.append(
        Message(key, ["rule": .key("rule.\(item.id).name"), "words": .text(item.matched)]))
    }
    if !redFlags.isEmpty {
      for words in dismissals {
        lines.append(Message("recognize.dismissed", ["words": .text(words)]))
      }
    }
    let placedLater = Set(notUnderstood.map(\.words))
    for term in unknownTerms where !placedLater.contains(term) {
      lines.append(Message("recognize.unknownTerm", ["term": .text(term)]))
    }
    for item in notUnderstood {
      lines.append(
        Message(
          item.urgent ? "recognize.notUnderstoodUrgent" : "recognize.notUnderstood",
          ["words": .text(item.words)]))
    }
    lines.append(Message("recognize.confirm"))
    return lines
  }
}
