/// A place on the body, in a small fixed hierarchy with sides.
///
/// `head > scalp, face`; `neck`; `shoulder`; `arm > upper-arm, forearm, hand`; `chest`;
/// `abdomen`; `back > upper-back, lower-back`; `hip`; `leg > thigh, knee, lower-leg, foot`.
/// Avoiding a parent avoids every child.
public enum BodySite: String, CaseIterable, Codable, Sendable, Comparable {
  case head, scalp, face, neck, shoulder
  case arm, upperArm = "upper-arm", forearm, hand
  case chest, abdomen
  case back, upperBack = "upper-back", lowerBack = "lower-back"
  case hip
  case leg, thigh, knee, lowerLeg = "lower-leg", foot

  /// The site this one is part of, if any.
  public var parent: BodySite? {
    switch self {
    case .scalp, .face: .head
    case .upperArm, .forearm, .hand: .arm
    case .upperBack, .lowerBack: .back
    case .thigh, .knee, .lowerLeg, .foot: .leg
    default: nil
    }
  }

  /// Whether the site exists on a left and a right side (the halves of chest and back count).
  public var isPaired: Bool {
    switch self {
    case .head, .scalp, .face, .neck, .abdomen: false
    default: true
    }
  }

  /// This site and every site it is part of, nearest first.
  public var selfAndAncestors: [BodySite] {
    var result = [self]
    var current = self
    while let up = current.parent {
      result.append(up)
      current = up
    }
    return result
  }

  /// Whether `self` is `other` or lies inside it.
  public func isWithin(_ other: BodySite) -> Bool { selfAndAncestors.contains(other) }

  /// Whether two sites share any part of the body (one contains the other).
  public func overlaps(_ other: BodySite) -> Bool { isWithin(other) || other.isWithin(self) }

  /// The whole limb (`arm` or `leg`) that holds this site, or nil outside the limbs.
  public var limb: BodySite? {
    if self == .arm || self == .leg { return self }
    return selfAndAncestors.first { $0 == .arm || $0 == .leg }
  }

  public static func < (lhs: BodySite, rhs: BodySite) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
