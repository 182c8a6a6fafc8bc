/// A site on one side, or on both sides when `side` is nil.
///
/// Regions compare by overlap: a region on the left arm overlaps a step on the left hand and a
/// step on both hands, but not a step on the right hand.
public struct BodyRegion: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public var site: BodySite
  /// nil: both sides, or the midline for a site that is not paired.
  public var side: Side?

  public init(_ site: BodySite, side: Side? = nil) {
    self.site = site
    self.side = site.isPaired ? side : nil
  }

  /// Parses `SITE` or `SIDE-SITE` (`left-forearm`, `abdomen`).
  public init?(token: String) {
    for side in Side.allCases where token.hasPrefix(side.rawValue + "-") {
      guard let site = BodySite(rawValue: String(token.dropFirst(side.rawValue.count + 1)))
      else { return nil }
      self.init(site, side: side)
      return
    }
    guard let site = BodySite(rawValue: token) else { return nil }
    self.init(site)
  }

  /// `left-forearm`, or `forearm` for both sides.
  public var token: String { side.map { "\($0.rawValue)-\(site.rawValue)" } ?? site.rawValue }
  public var description: String { token }

  /// Whether the two regions touch any common part of the body.
  public func overlaps(_ other: BodyRegion) -> Bool {
    guard site.overlaps(other.site) else { return false }
    guard let mine = side, let theirs = other.side else { return true }
    return mine == theirs
  }

  /// Whether `self` lies entirely inside `other`.
  public func isWithin(_ other: BodyRegion) -> Bool {
    guard site.isWithin(other.site) else { return false }
    guard let outer = other.side else { return true }
    return side == outer
  }

  public static func < (lhs: BodyRegion, rhs: BodyRegion) -> Bool {
    if lhs.site != rhs.site { return lhs.site < rhs.site }
    switch (lhs.side, rhs.side) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case (let l?, let r?): return l < r
    }
  }
}
