/// Walton's pressure scale, as far as Tend coaches it (levels 4 and 5 are never coached).
public enum Pressure: Int, CaseIterable, Codable, Sendable, Comparable {
  /// Hands rest without moving and without weight.
  case stillHold = 0
  /// Soft full-hand contact, as if spreading lotion on sunburn.
  case light = 1
  /// Enough to work lotion into the skin.
  case firm = 2
  /// Ordinary relaxation pressure that engages the muscle.
  case relaxation = 3

  public static func < (lhs: Pressure, rhs: Pressure) -> Bool { lhs.rawValue < rhs.rawValue }
}
