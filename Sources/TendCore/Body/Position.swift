/// How the receiver sits or lies during a routine.
public enum Position: String, CaseIterable, Codable, Sendable, Comparable {
  case seated
  case semiReclined = "semi-reclined"
  case flatOnBack = "flat-on-back"
  case sideLyingLeft = "side-lying-left"
  case sideLyingRight = "side-lying-right"
  case faceDown = "face-down"

  /// Side-lying on the given side.
  public static func sideLying(_ side: Side) -> Position {
    side == .left ? .sideLyingLeft : .sideLyingRight
  }

  public static func < (lhs: Position, rhs: Position) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
