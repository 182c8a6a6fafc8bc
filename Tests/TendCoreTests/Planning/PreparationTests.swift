import Foundation
import TendCore
import TendTestSupport
import Testing

/// The preparation before a session says what the profile implies and nothing it contradicts.
@Suite("Preparation")
struct PreparationTests {
  static let catalog = Fixtures.catalog

  static func preparation(
    _ specs: [String], routine: String, allergies: [String] = []
  ) throws -> Preparation? {
    try SafetyChecker(catalog: catalog).check(
      Fixtures.conditions(specs), routineID: routine, allergies: allergies
    ).preparation
  }

  static let nutPortKnee = [
    "lotion-allergy-nut", "port@right-chest", "joint-replacement-knee@left-knee+10d",
  ]

  @Test(
    "nut allergy, port on the right chest, new left knee: exactly these lotion and position lines")
  func nutPortKnee() throws {
    let prep = try #require(try Self.preparation(Self.nutPortKnee, routine: "lower-legs-light"))
    let lotion = prep.lines.filter { $0.section == .lotion }.map(\.id)
    let position = prep.lines.filter { $0.section == .position }.map(\.id)
    #expect(lotion == ["lotion-nut"])
    #expect(
      position == [
        "seated", "semi-reclined-no-knee-pillow", "flat-on-back-no-knee-pillow", "keep-off-port",
        "new-knee", "joints",
      ])
    let words = { (lang: String) -> [String] in
      let t = Self.catalog.localizer(lang)
      return prep.lines.filter { $0.section == .lotion || $0.section == .position }.map {
        t.render($0.message)
      }
    }
    #expect(
      words("en") == [
        "Nut allergy: no nut oils at all. Check the label for almond (Prunus amygdalus), peanut"
          + " (Arachis), walnut, hazelnut, macadamia and shea butter. If you are not sure, use a"
          + " plain, fragrance-free lotion they already use, and try a small patch first.",
        "Sitting up: a chair with a back, or the edge of the bed with their back supported. Feet"
          + " flat on the floor or a stool, and a pillow in the lap for the arms if they like.",
        "Half lying back: head and shoulders raised on pillows. Put nothing under the knees today"
          + " (New knee (replaced ≤ 90 days ago)); let the legs rest flat.",
        "Flat on the back: a pillow under the head. Put nothing under the knees today (New knee"
          + " (replaced ≤ 90 days ago)); let the legs rest flat.",
        "Their port (right chest): do not let them lie on it, and let nothing press on it. Place"
          + " the pillows so it stays free.",
        "The new knee (left knee): leave it out, put nothing under it, and do not bend or"
          + " straighten it. The physiotherapist does that.",
        "Movement limits (New knee (replaced ≤ 90 days ago)): do not bend, straighten, turn or"
          + " stretch any joint for them today. Keep to the limits their surgeon or therapist"
          + " gave; if you do not know them, ask first.",
      ])
    let es = words("es")
    #expect(es.count == 7)
    #expect(es[0].hasPrefix("Alergia a los frutos secos: nada de aceites de frutos secos."))
    #expect(es[2].contains("Hoy no pongas nada bajo las rodillas"))
    #expect(es[4].hasPrefix("Su reservorio (pecho (lado derecho)):"))
    #expect(es[5].hasPrefix("La rodilla nueva (rodilla (lado izquierdo)):"))
    // No pillow under the knees anywhere, in any language, and no plain lotion line.
    #expect(
      !prep.lines.contains { ["semi-reclined", "flat-on-back", "lotion-plain"].contains($0.id) })
    for lang in ["en", "es"] {
      let t = Self.catalog.localizer(lang)
      let all = prep.lines.map { t.render($0.message) }.joined(separator: "\n")
      #expect(!all.contains("%{"), "\(lang): a placeholder was left unfilled")
    }
  }

  @Test("without those conditions: the plain lotion line and a pillow under the knees")
  func plainProfile() throws {
    let prep = try #require(try Self.preparation([], routine: "lower-legs-light"))
    let ids = prep.lines.map(\.id)
    #expect(ids.contains("lotion-plain") && ids.contains("semi-reclined"))
    #expect(
      !ids.contains("lotion-nut") && !ids.contains("keep-off-port") && !ids.contains("joints"))
    #expect(prep.lines.map(\.section) == prep.lines.map(\.section).sorted())
    #expect(ids.prefix(5) == ["room", "hands", "ask", "cover", "lotion-plain"])
  }

  @Test("recorded allergies replace the plain lotion line and are named")
  func recordedAllergies() throws {
    let prep = try #require(
      try Self.preparation([], routine: "calm-hands", allergies: ["almonds", "latex\u{202E}"]))
    let ids = prep.lines.map(\.id)
    #expect(ids.contains("lotion-allergies") && !ids.contains("lotion-plain"))
    let line = try #require(prep.lines.first { $0.id == "lotion-allergies" })
    let text = Self.catalog.localizer("en").render(line.message)
    #expect(text.contains("almonds, latex‹U+202E›"))
    #expect(text.contains("no nut oils at all"))
  }

  @Test("no preparation on a day with no massage, or for an excluded routine")
  func failsClosed() throws {
    #expect(try Self.preparation(["fever"], routine: "calm-hands") == nil)
    #expect(try Self.preparation(["chest-pain"], routine: "calm-hands") == nil)
    // A new hip rules out turning over, and the side-lying back rub needs no turning, but a
    // routine needing a ruled-out set-up is excluded: upper-back-pillow needs lean-forward.
    #expect(try Self.preparation(["movement-restriction"], routine: "upper-back-pillow") == nil)
    #expect(try SafetyChecker(catalog: Self.catalog).check([]).preparation == nil)
  }

  @Test("a line per condition names the place the plan avoids; no site given: both sides")
  func places() throws {
    let prep = try #require(
      try Self.preparation(["port", "radiation-skin@left-chest"], routine: "comfort-hold"))
    let t = Self.catalog.localizer("en")
    let text = prep.lines.map { t.render($0.message) }
    #expect(
      text.contains(
        "Their port (chest (both sides)): do not let them lie on it, and let nothing press on it. Place the pillows so it stays free."
      ))
    #expect(
      text.contains(
        "No lotion, oil or cream on the left chest (Skin in a radiation treatment area)."))
    let tokens = Set(prep.lines.map(\.token))
    let other = try #require(
      try Self.preparation(
        ["port@left-chest", "radiation-skin@left-chest"], routine: "comfort-hold"))
    #expect(!Set(other.lines.map(\.token)).isSubset(of: tokens), "a new place must be said again")
  }

  @Test(
    "every rule × every routine: no line the restrictions contradict; every implied line said",
    arguments: Fixtures.catalog.rules.map(\.id))
  func neverContradicts(rule: String) throws {
    let checker = SafetyChecker(catalog: Self.catalog)
    for routine in Self.catalog.routines {
      let result = try checker.check(Fixtures.conditions([rule]), routineID: routine.id)
      let r = result.restrictions
      guard let prep = result.preparation else {
        #expect(
          !r.verdict.allowsMassage || result.plans[0].verdict == .excluded,
          "\(rule) \(routine.id): a plan to do has no preparation")
        continue
      }
      let plan = result.plans[0]
      let ids = Set(prep.lines.map(\.id))
      // Only the positions the plan keeps, each once, with its pillows as the rules allow.
      for position in Position.allCases {
        let named =
          ids.contains(position.rawValue) || ids.contains("\(position.rawValue)-no-knee-pillow")
        #expect(named == plan.positions.contains(position), "\(rule) \(routine.id) \(position)")
      }
      if r.avoidPreparations[.pillowUnderKnees] != nil {
        #expect(
          !ids.contains("semi-reclined") && !ids.contains("flat-on-back"), "\(rule) \(routine.id)")
      }
      #expect(ids.contains("joints") == !r.noJointMovement.isEmpty, "\(rule) \(routine.id)")
      // The always-said parts.
      #expect(["room", "hands", "ask"].allSatisfy(ids.contains), "\(rule) \(routine.id)")
      #expect(ids.contains("cover") != (rule == "dementia"))
      #expect(ids.contains("lotion-plain") == !rule.hasPrefix("lotion-allergy"))
      // Each rule a per-condition item is for gets its line.
      for item in Self.catalog.preparation.items where item.when.anyRule.contains(rule) {
        if item.when.position == nil, item.when.preparationRuledOut == nil {
          #expect(ids.contains(item.id), "\(rule) \(routine.id): \(item.id) not said")
        }
      }
    }
  }
}
