/// The left or right side of a paired site. A missing side means both sides (or the midline).
public enum Side: String, CaseIterable, Codable, Sendable, Comparable {
  case left, right

  /// The other side.
  public var opposite: Side { self == .left ? .right : .left }

  public static func < (lhs: Side, rhs: Side) -> Bool { lhs == .left && rhs == .right }
}
