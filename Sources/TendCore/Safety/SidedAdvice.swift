/// A rule's advice that names the side and place it leaves out, from the profile's own
/// conditions: "Leave out the left arm" rather than "the arm or leg on that side", which means
/// nothing with two lymph-node entries (stranger 5, F27).
///
/// Which rules: every rule that leaves out a whole limb (`avoid` has `margin: limb`). Each has
/// `rule.<id>.advice.where` (with `%{avoid}`, and `%{near}` for the places kept very light) and
/// `rule.<id>.advice.noSide` (no side known: both sides are left out, said plainly), checked at
/// load for English and, like every key, in the other languages.
extension PrecautionRule {
  /// Whether the rule's advice is said with the sides and places it leaves out.
  public var namesItsSide: Bool { avoid.contains(.margin(.limb)) }

  /// The locale keys `namesItsSide` needs.
  public var sidedAdviceKeys: [String] {
    namesItsSide ? ["rule.\(id).advice.where", "rule.\(id).advice.noSide"] : []
  }
}

enum SidedAdvice {
  /// The advice of `rule` under `r`: with the regions it leaves out and the ones it keeps very
  /// light when it names its side, else (or when it leaves nothing out) `rule.<id>.advice`.
  static func message(_ rule: PrecautionRule, _ r: Restrictions) -> Message {
    let plain = Message("rule.\(rule.id).advice")
    guard rule.namesItsSide else { return plain }
    let own = r.avoid.filter { $0.value.contains(rule.id) }.map(\.key)
    // Known when some place has a side (both arms, each named, are known sides too).
    let sideKnown = own.contains { $0.side != nil || !$0.site.isPaired }
    let avoided = merged(own)
    guard !avoided.isEmpty else { return plain }
    let near = merged(
      r.pressureNotes.filter { $0.value.because.contains(rule.id) }.map(\.key).filter { note in
        !avoided.contains { note.isWithin($0) }
      })
    return Message(
      "rule.\(rule.id).advice.\(sideKnown ? "where" : "noSide")",
      ["avoid": .regions(avoided), "near": .regions(near)])
  }

  /// Regions sorted, one per site and side; a site on both sides is said once, as both sides.
  static func merged(_ regions: [BodyRegion]) -> [BodyRegion] {
    var sides: [BodySite: Set<Side?>] = [:]
    for region in regions { sides[region.site, default: []].insert(region.side) }
    var out: [BodyRegion] = []
    for (site, set) in sides {
      if set.contains(nil) || (set.contains(.left) && set.contains(.right)) {
        out.append(BodyRegion(site))
      } else {
        out += set.compactMap { $0 }.map { BodyRegion(site, side: $0) }
      }
    }
    return out.sorted()
  }
}
