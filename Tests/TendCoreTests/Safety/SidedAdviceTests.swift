import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// Stranger 5's F27: "leave out the arm or leg on that side" names the side and place from the
/// profile ("Leave out the left arm"), with two entries names both, and with no side says so
/// (`SidedAdvice`).
@Suite("Sided advice names the side")
struct SidedAdviceTests {
  static func lines(_ specs: [String], _ lang: String = "en") throws -> [String] {
    let result = try SafetyChecker(catalog: Fixtures.catalog).check(Fixtures.conditions(specs))
    let t = Fixtures.catalog.localizer(lang)
    return result.messages.map(t.render)
  }

  @Test("lymph nodes on the left: the left arm, and the left chest, shoulder and upper back")
  func oneSide() throws {
    let lines = try Self.lines(["lymph-nodes-removed@left-arm"])
    #expect(
      lines.contains(
        "Leave out the left arm. Keep touch very light on the left shoulder, left chest, and left upper back."
      ), "\(lines)")
    #expect(!lines.joined().contains("that side"))
  }

  @Test("two lymph-node entries name both places")
  func twoEntries() throws {
    let lines = try Self.lines(["lymph-nodes-removed@left-arm", "lymph-nodes-removed@right-leg"])
    let advice = try #require(lines.first { $0.hasPrefix("Leave out the") })
    #expect(advice.hasPrefix("Leave out the left arm and right leg."), "\(advice)")
    #expect(advice.contains("right hip") && advice.contains("left chest"), "\(advice)")
    // Both arms: said once, as both sides.
    let both = try Self.lines(["lymph-nodes-removed@left-arm", "lymph-nodes-removed@right-arm"])
    #expect(both.contains { $0.hasPrefix("Leave out the arm (both sides).") }, "\(both)")
  }

  @Test("no side known: said plainly, both sides left out")
  func noSide() throws {
    let lines = try Self.lines(["lymph-nodes-removed@arm"])
    #expect(
      lines.contains {
        $0.hasPrefix("The side is not known, so both sides are left out: arm (both sides).")
      },
      "\(lines)")
  }

  @Test(
    "every limb rule names its side in every language, never “that side” of nothing",
    arguments: ["en", "es", "fr", "zh-Hans", "vi"])
  func everyLanguage(lang: String) throws {
    let t = Fixtures.catalog.localizer(lang)
    let limbRules = Fixtures.catalog.rules.filter(\.namesItsSide)
    #expect(Set(limbRules.map(\.id)).isSuperset(of: ["lymph-nodes-removed", "iv-line"]))
    for rule in limbRules {
      let site = rule.defaultSite ?? .arm
      let sided = try Self.lines(["\(rule.id)@left-\(site.rawValue)"], lang)
      let limb = t.regionName(BodyRegion(site.limb ?? site, side: .left))
      let whereKey = "rule.\(rule.id).advice.where"
      #expect(
        sided.contains { $0.contains(limb) && $0 != t(whereKey) }, "\(lang) \(rule.id): \(sided)")
      #expect(!sided.contains(t("rule.\(rule.id).advice")), "\(lang) \(rule.id)")
      let unsided = try Self.lines(["\(rule.id)@\(site.rawValue)"], lang)
      let both = t.regionName(BodyRegion(site.limb ?? site))
      #expect(unsided.contains { $0.contains(both) }, "\(lang) \(rule.id): \(unsided)")
    }
  }
}
