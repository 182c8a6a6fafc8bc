/// The outcome of a check, ordered from mildest to strictest; the strictest wins.
public enum Verdict: String, CaseIterable, Codable, Sendable, Comparable {
  /// Nothing needs changing.
  case ok
  /// Go ahead with changes: lighter, some sites or positions off, shorter.
  case adjust
  /// Not today: try again when it has passed.
  case postpone
  /// A red flag: no massage; contact the care team now (or emergency services).
  case stopCallProvider = "stop-call-provider"

  private var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }

  /// Whether any massage at all may happen today.
  public var allowsMassage: Bool { self <= .adjust }
}
