/// Something about the receiver that changes what is safe, as the caregiver described it.
public struct Condition: Hashable, Sendable, Codable {
  /// A precaution rule id (`iv-line`, `anticoagulants`).
  public var id: String
  /// Where it is, when it has a place.
  public var site: BodySite?
  /// Which side; nil means both sides or the midline.
  public var side: Side?
  /// Days since it began or was done; nil when not known (counts as active).
  public var daysSince: Int?
  /// The caregiver's own words that named it, when it came from free text.
  public var matched: String?

  public init(
    id: String, site: BodySite? = nil, side: Side? = nil, daysSince: Int? = nil,
    matched: String? = nil
  ) {
    self.id = id
    self.site = site
    self.side = site?.isPaired == false ? nil : side
    self.daysSince = daysSince
    self.matched = matched
  }

  /// The region the condition sits on, if it has a site.
  public var region: BodyRegion? { site.map { BodyRegion($0, side: side) } }
}
