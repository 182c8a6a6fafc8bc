import Foundation
import TendCore
import TendTestSupport
import Testing

/// The words issue 11 saw go wrong, each with what the rules require, and the mechanisms behind
/// them: warning signs composed from everyday concepts, words read with the profile, and words
/// Tend cannot place raising the verdict.
@Suite("Words fail closed")
struct FailClosedTests {
  static let today = Date(timeIntervalSince1970: 1_780_000_000)
  static let english = try! Recognizer(localizer: Fixtures.english, catalog: Fixtures.catalog)

  static func verdict(_ text: String, profile: [String] = [], lang: String = "en") throws
    -> (Verdict, Recognition, Restrictions)
  {
    let recognizer =
      lang == "en"
      ? english
      : try Recognizer(localizer: Fixtures.catalog.localizer(lang), catalog: Fixtures.catalog)
    let stored = Fixtures.conditions(profile)
    let found = recognizer.recognize(text, today: today, profile: stored)
    let (r, _, _) = try SafetyChecker(catalog: Fixtures.catalog).restrictions(
      for: stored + found.conditions)
    return (r.verdict, found, r)
  }

  @Test(
    "red flags in everyday words stop everything",
    arguments: [
      "since about an hour ago my wife's words sound slurred and her left arm feels weak",
      "feels like someone's sitting on his chest, now going down his left arm",
      "tight band round his chest and an ache down his left arm, he's gone grey and clammy",
      "her smile went lopsided at lunch",
      "a grey curtain came down over his left eye",
      "his poo has gone black and sticky like tar",
      "she coughed up bright red blood this afternoon",
      "her right calf looks bigger and shinier than the left",
      "new back pain today and her legs feel wobbly and weak",
      "4th round of FOLFOX last week, temp 38.3",
    ])
  func redFlags(_ text: String) throws {
    let (verdict, found, _) = try Self.verdict(text)
    #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
  }

  @Test("medical facts Tend cannot place are never 'good to go'")
  func unplaced() throws {
    for text in ["she has myasthenia gravis", "he has a baclofen pump", "a spinal cord stimulator"]
    {
      let (verdict, found, r) = try Self.verdict(text)
      #expect(verdict == .adjust, "\(text)")
      #expect(r.clearanceAdvised, "\(text)")
      #expect(found.notUnderstood.count == 1 && found.notUnderstood[0].urgent == false, "\(text)")
    }
    // Next to a red-flag system, the same kind of word is urgent.
    let (verdict, found, _) = try Self.verdict(
      "she has sarcoidosis and gets a tight feeling when breathing")
    #expect(verdict == .stopCallProvider)
    #expect(found.notUnderstood.contains { $0.urgent })
  }

  @Test("conditions composed from parts: bone metastases, lymph nodes, pregnancy, fragile skin")
  func composed() throws {
    let bone = try Self.verdict("prostate cancer that has spread to his spine and ribs")
    #expect(bone.1.conditions.map(\.id).contains("bone-metastases"))
    let nodes = try Self.verdict("they took out lymph nodes under her left arm")
    #expect(nodes.2.avoidedRegions.contains { BodyRegion(.arm, side: .left).isWithin($0.region) })
    #expect(try Self.verdict("she is 31 wks").1.conditions.map(\.id) == ["pregnancy"])
    #expect(
      try Self.verdict("her skin's gone paper thin").1.conditions.map(\.id) == ["fragile-skin"])
  }

  @Test("a concept word inside a condition's own name is not a sign: blood thinners and a cough")
  func ownName() throws {
    #expect(try Self.verdict("he's on blood thinners and has a cough").0 == .adjust)
    #expect(
      try Self.verdict("on blood thinners, coughed up blood this morning").0 == .stopCallProvider)
    #expect(
      try Self.verdict("she takes Coumadin and has big new bruises, no idea where from").0
        == .stopCallProvider)
  }

  @Test("past and removed are not present")
  func past() throws {
    for text in [
      "took his port out", "off Coumadin for years", "the ankle fracture healed 3 years ago",
      "the lump was taken out",
    ] {
      let (verdict, found, _) = try Self.verdict(text)
      #expect(verdict == .ok, "\(text): \(found.conditions.map(\.id))")
      #expect(!found.negated.isEmpty, "\(text) is shown as not counted")
    }
  }

  @Test("words read with the profile")
  func withProfile() throws {
    #expect(
      try Self.verdict("new back pain and her legs feel weak", profile: ["bone-metastases"]).0
        == .stopCallProvider)
    #expect(
      try Self.verdict("his stools are black", profile: ["anticoagulants"]).0 == .stopCallProvider)
    #expect(
      try Self.verdict("new bruises all over her arms", profile: ["anticoagulants"]).0
        == .stopCallProvider)
    #expect(try Self.verdict("new bruises all over her arms").0 != .stopCallProvider)
  }

  @Test("a lasting deficit after an old stroke is not an emergency, and not 'ok' either")
  func lasting() throws {
    let old = try Self.verdict("my dad had a stroke years ago and has a weak left hand")
    #expect(old.0 == .adjust)
    #expect(old.1.notUnderstood.count == 1)
    let new = try Self.verdict(
      "he had a stroke years ago and since this morning his left hand is weak")
    #expect(new.0 == .stopCallProvider)
  }

  @Test("an amount before a 'last week' phrase is that many weeks ago, in every language")
  func amounts() throws {
    let vi = try Self.verdict("bà mổ vai trái 3 tuần trước", lang: "vi").1.conditions
    #expect(vi.first?.daysSince == 21)
    let plain = try Self.verdict("ba mo vai trai 3 tuan truoc", lang: "vi").1.conditions
    #expect(plain.first?.daysSince == 21)
    #expect(
      try Self.verdict("bà mổ vai trái tuần trước", lang: "vi").1.conditions.first?.daysSince == 7)
    let es = try Self.verdict("le operaron la rodilla izquierda hace 10 días", lang: "es").1
      .conditions
    #expect(
      es.first?.id == "recent-surgery" && es.first?.daysSince == 10 && es.first?.side == .left)
  }

  @Test("every language: a red flag in its own everyday words")
  func languages() throws {
    let cases = [
      ("es", "siente como un elefante sentado en el pecho y está sudando frío"),
      ("es", "toma Sintrom y la caca le salió negra como alquitrán"),
      ("fr", "elle a une douleur qui serre dans la poitrine et elle transpire"),
      ("fr", "il a le visage qui tombe d'un côté et la parole pâteuse"),
      ("zh-Hans", "他说胸口像压了块大石头，出冷汗"),
      ("zh-Hans", "左腿比右腿粗一圈，摸着发烫"),
      ("vi", "bố em tự nhiên méo miệng, nói ngọng"),
      ("vi", "me toi dau nguc nhu co da de, va mo hoi lanh"),
    ]
    for (lang, text) in cases {
      let (verdict, found, _) = try Self.verdict(text, lang: lang)
      #expect(verdict == .stopCallProvider, "\(lang): \(text): \(found.conditions.map(\.id))")
    }
  }
}
