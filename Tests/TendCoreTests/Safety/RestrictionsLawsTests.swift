import TendCore
import TendTestSupport
import Testing

/// "Strictest wins" is a merge with algebraic laws, so rule order can never matter.
@Suite("Restrictions merge laws")
struct RestrictionsLawsTests {
  static func random(_ rng: inout SeededRandom) -> Restrictions {
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let profile = Fixtures.randomProfile(&rng, maxCount: 3)
    return (try? checker.restrictions(for: profile).0) ?? .none
  }

  @Test("associative, commutative, idempotent, with .none as identity")
  func laws() {
    var rng = SeededRandom(seed: 42)
    for _ in 0..<300 {
      let a = Self.random(&rng)
      let b = Self.random(&rng)
      let c = Self.random(&rng)
      #expect(a.merged(with: b) == b.merged(with: a))
      #expect(a.merged(with: b).merged(with: c) == a.merged(with: b.merged(with: c)))
      #expect(a.merged(with: a) == a)
      #expect(a.merged(with: .none) == a)
      #expect(Restrictions.none.merged(with: a) == a)
    }
  }

  @Test("the strictest value of each kind wins")
  func strictestWins() throws {
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let (r, _, _) = try checker.restrictions(
      for: Fixtures.conditions(["anticoagulants", "low-platelets", "heart-failure", "chemotherapy"])
    )
    #expect(r.verdict == .adjust)
    #expect(r.maxPressure == .light)  // low platelets: 1 beats 2
    #expect(r.maxMinutes == 15)  // heart failure 15 beats chemotherapy 20
    #expect(r.pressureBecause == ["low-platelets"])
    #expect(r.clearanceAdvised)
  }

  @Test("rule order does not change the result")
  func orderDoesNotMatter() throws {
    var rng = SeededRandom(seed: 7)
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    for _ in 0..<100 {
      let profile = Fixtures.randomProfile(&rng, maxCount: 6)
      let forward = try checker.restrictions(for: profile).0
      let backward = try checker.restrictions(for: profile.reversed()).0
      #expect(forward == backward)
    }
  }
}
