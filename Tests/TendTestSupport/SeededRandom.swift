import TendCore

/// A small deterministic generator (SplitMix64) so property tests are repeatable from a seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Fixtures {
  /// A random profile of 0-`maxCount` conditions over every rule, with random sites, sides and
  /// ages (including none), as a caregiver might enter them.
  public static func randomProfile(_ rng: inout SeededRandom, maxCount: Int = 8) -> [Condition] {
    let rules = catalog.rules
    let count = Int.random(in: 0...maxCount, using: &rng)
    return (0..<count).map { _ in
      let rule = rules.randomElement(using: &rng)!
      var site: BodySite?
      var side: Side?
      if rule.site != .none,
        Bool.random(using: &rng) || rule.site == .required && Bool.random(using: &rng)
      {
        site = BodySite.allCases.randomElement(using: &rng)
        side = [Side.left, .right, nil].randomElement(using: &rng)!
      }
      let days: Int? = Bool.random(using: &rng) ? Int.random(in: 0...2000, using: &rng) : nil
      return Condition(id: rule.id, site: site, side: side, daysSince: days)
    }
  }
}
