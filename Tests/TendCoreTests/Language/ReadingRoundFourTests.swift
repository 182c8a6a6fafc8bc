import Foundation
import TendCore
import TendTestSupport
import Testing

/// The fourth round of reading (1 December, late evening): an outside nurse's findings on the
/// installed binary (emergencies outside the rule list, the rules' own "watch" signs, falls) and
/// the mechanisms found on the seventh and eighth development batches (places, sides, ranges,
/// things that are over). Texts here are written for the test, not taken from the corpus.
@Suite("Recognizer: fourth round")
struct ReadingRoundFourTests {
  static func avoided(_ r: Restrictions, _ token: String) -> Bool {
    guard let region = BodyRegion(token: token) else { return false }
    return r.avoidedRegions.contains { region.isWithin($0.region) }
  }

  @Test(
    "emergencies outside the rule list stop: low sugar, a crisis blood pressure, a seizure, a knock to the head",
    arguments: [
      ("en", "dad's diabetic and he's gone all shaky and sweaty"),
      ("en", "his blood sugar dropped and he is muddled"),
      ("en", "he's having a hypo I think"),
      ("en", "bp 200/110 and a pounding head"),
      ("en", "he is seizing on the sofa"),
      ("en", "she had a fit this morning"),
      ("en", "grandad fell in the garden and banged his head"),
      ("es", "es diabético y está temblando y sudando"),
      ("es", "se cayó y se golpeó la cabeza"),
      ("fr", "il est diabétique et il est en sueur, il tremble"),
      ("fr", "sa tension est à 22 et il a mal à la tête"),
      ("zh-Hans", "他有糖尿病，现在浑身是汗，一直发抖"),
      ("zh-Hans", "奶奶摔倒了，撞到头"),
      ("vi", "ông bị tiểu đường, giờ run rẩy và vã mồ hôi"),
      ("vi", "ông đang co giật"),
    ])
  func outsideEmergencies(_ lang: String, _ text: String) throws {
    try ReadingRoundThreeTests.expectStop(text, lang: lang)
  }

  @Test(
    "the rules' own watch signs stop: cast circulation, a fall and no weight, a shorter leg, a device shock, no urine, a sleepy patch wearer",
    arguments: [
      ("en", "his foot is in a cast and his toes gone blue"),
      ("en", "she fell over and she can't stand on it"),
      ("en", "after the fall her right leg is shorter than the other"),
      ("en", "he has a pacemaker and it gave him a shock this afternoon"),
      ("en", "he has a catheter and there's nothing in the bag since lunch"),
      ("en", "she has a fentanyl patch and she's really hard to wake"),
      ("en", "she has heart failure and can't lie flat tonight"),
      ("fr", "elle est tombée, elle ne tient pas debout"),
      ("zh-Hans", "他摔倒了，站不起来了"),
    ])
  func watchSigns(_ lang: String, _ text: String) throws {
    try ReadingRoundThreeTests.expectStop(text, lang: lang)
  }

  @Test("the same words without the danger do not stop")
  func notEmergencies() throws {
    for (lang, text) in [
      ("en", "his blood pressure is 130 over 85 and he has a mild headache"),
      ("en", "she's fit as a fiddle and loves a foot rub on a Sunday"),
      ("en", "she has type 2 diabetes and mild arthritis in her hands"),
      ("en", "he has a pacemaker, fitted 2 years ago"),
      ("fr", "mon mari fait une crise de goutte a la cheville droite"),
    ] {
      let (verdict, found, _) = try Reading.read(text, lang: lang)
      #expect(verdict != .stopCallProvider, "\(lang) \(text): \(found.conditions.map(\.id))")
    }
  }

  @Test(
    "a seizure told without a day, or epilepsy, asks the care team first (never explained away)")
  func seizureHistory() throws {
    for text in ["she had a seizure in June", "he has epilepsy, on Keppra"] {
      let (verdict, found, r) = try Reading.read(text)
      #expect(verdict == .adjust, "\(text): \(found.conditions.map(\.id))")
      #expect(r.clearanceAdvised)
    }
  }

  @Test("bleeding gums or a nose that keeps bleeding are shown and stop, with or without a thinner")
  func bleeding() throws {
    for (lang, text) in [
      ("en", "a bit of bleeding from her gums"), ("en", "his nose has been bleeding for an hour"),
      ("fr", "ses gencives saignent"),
    ] {
      try ReadingRoundThreeTests.expectStop(text, lang: lang)
    }
  }

  @Test("spinal cord compression said outright is the spinal-cord emergency, in every language")
  func cordCompression() throws {
    for (lang, text) in [
      ("en", "she has spinal cord compression"), ("es", "tiene compresión medular"),
      ("fr", "il a une compression médullaire"), ("zh-Hans", "他有脊髓压迫"),
      ("vi", "bà bị chèn ép tủy sống"),
    ] {
      let (verdict, found, r) = try Reading.read(text, lang: lang)
      #expect(verdict == .stopCallProvider, "\(lang) \(text): \(found.conditions.map(\.id))")
      #expect(r.emergency)
    }
  }

  @Test("a range names both places: 'from behind the knee down to the calf', 'hasta', '一直到'")
  func ranges() throws {
    for (lang, text) in [
      ("en", "he has varicose veins behind his right knee and going down the calf"),
      ("es", "tiene varices detrás de la rodilla derecha hasta la pantorrilla"),
      ("zh-Hans", "他右腿膝盖后面一直到小腿肚都是静脉曲张"),
    ] {
      let (_, found, r) = try Reading.read(text, lang: lang)
      #expect(Self.avoided(r, "right-knee"), "\(lang) \(text): \(found.conditions)")
      #expect(Self.avoided(r, "right-lower-leg"), "\(lang) \(text): \(found.conditions)")
    }
  }

  @Test("a side right after one place is that place's, not the next one's")
  func sideBelongsToItsPlace() throws {
    let (_, found, r) = try Reading.read(
      "tiene una vía en el brazo izquierdo y los pies dormidos por la diabetes", lang: "es")
    let feet = found.conditions.filter { $0.id == "diabetic-neuropathy" }
    #expect(feet.allSatisfy { $0.side == nil }, "\(feet)")
    #expect(Self.avoided(r, "left-arm"))
  }

  @Test("'since' opens its own clause: lymphoedema since the nodes came out is still there")
  func sinceClause() throws {
    let (_, found, r) = try Reading.read(
      "lymphoedema in her right leg since the groin nodes came out")
    #expect(found.conditions.contains { $0.id == "lymphedema" })
    #expect(Self.avoided(r, "right-leg"))
    // "since yesterday" is a date: what comes after it still ends the fever.
    let (verdict, _, _) = try Reading.read(
      "Chồng em hôm kia sốt, nhưng từ hôm qua hết hẳn rồi", lang: "vi")
    #expect(verdict == .ok)
  }

  @Test("a device placed from another clause keeps its usual place left out too")
  func deviceElsewhere() throws {
    let (_, found, r) = try Reading.read("she has a port, her left arm is fine")
    #expect(Self.avoided(r, "chest"), "\(found.conditions)")
    // A line in the neck leaves out that side's chest as well.
    let (_, neck, r2) = try Reading.read("they put a line in her neck on the right side")
    #expect(Self.avoided(r2, "right-chest"), "\(neck.conditions)")
  }

  @Test(
    "verbs and organs: cracked ribs, a thyroid out, a gallbladder out, a knee replaced in any order"
  )
  func verbsAndOrgans() throws {
    let (_, ribs, r1) = try Reading.read("she cracked two ribs on the left last week")
    #expect(ribs.conditions.contains { $0.id == "fracture" })
    #expect(Self.avoided(r1, "left-chest"))
    let (_, neck, r2) = try Reading.read("he had his thyroid out 10 days ago")
    #expect(neck.conditions.contains { $0.id == "recent-surgery" })
    #expect(Self.avoided(r2, "neck"))
    let (_, knee, _) = try Reading.read(
      "le operaron la rodilla derecha (prótesis) hace 3 semanas", lang: "es")
    #expect(knee.conditions.contains { $0.id == "joint-replacement-knee" && $0.side == .right })
    let (verdict, _, _) = try Reading.read("her left knee was replaced in 2019, works great")
    #expect(verdict == .ok)
  }

  @Test("a denial that ends inside a name still denies it: 'not on treatment'")
  func overlappingDenial() throws {
    let (verdict, found, _) = try Reading.read("she is not on treatment for anything")
    #expect(verdict == .ok, "\(found.conditions.map(\.id))")
  }

  @Test("things that are over, in everyday words")
  func overNow() throws {
    for text in [
      "had the flu last week but totally over it", "gout last month but it's settled now",
      "the PICC got pulled on Friday", "his sling's been off since Friday",
    ] {
      let (verdict, found, _) = try Reading.read(text)
      #expect(verdict == .ok, "\(text): \(found.conditions.map(\.id))")
    }
  }

  @Test("a Vietnamese message typed mostly without marks is read unmarked")
  func mostlyUnmarked() throws {
    let (_, found, _) = try Reading.read(
      "me em bi tieu duong, hai ban chan te rần rần, co vet xuoc ho o ngon chan phai", lang: "vi")
    #expect(found.conditions.contains { $0.id == "diabetic-neuropathy" }, "\(found.conditions)")
  }

  @Test("diseases the rules do not name, in everyday words or letters, ask the care team first")
  func outsideFacts() throws {
    for (lang, text) in [
      ("en", "grandad has COPD"), ("en", "PTSD from the war"), ("en", "on end of life care now"),
      ("en", "his kidneys are failing slowly"), ("fr", "il a une insuffisance rénale chronique"),
      ("zh-Hans", "我妈有甲亢"), ("vi", "ông bị phình động mạch chủ bụng"),
    ] {
      let (verdict, found, r) = try Reading.read(text, lang: lang)
      #expect(verdict == .adjust, "\(lang) \(text): \(found.conditions.map(\.id))")
      #expect(r.clearanceAdvised)
    }
  }

  @Test("a flu jab, vitamins and hiccups are not illnesses; the flu itself still postpones")
  func everydayHealth() throws {
    for (lang, text) in [
      ("en", "she had her flu jab this morning"), ("es", "ayer le pusieron la vacuna de la gripe"),
      ("fr", "elle prend de la vitamine D en ampoule"), ("zh-Hans", "我爸今天打了流感疫苗"),
      ("vi", "ông mới tiêm vắc xin cúm tuần trước"),
    ] {
      let (verdict, found, _) = try Reading.read(text, lang: lang)
      #expect(verdict == .ok, "\(lang) \(text): \(found.conditions.map(\.id))")
    }
    let (flu, _, _) = try Reading.read("she has the flu")
    #expect(flu == .postpone)
  }

  @Test("'back in 2021' is a date, not the back; 'on her back in a band' is the back")
  func backAsDate() throws {
    let (_, device, r) = try Reading.read("pacemaker put in back in 2021 on the left side")
    #expect(Self.avoided(r, "left-chest"), "\(device.conditions)")
    #expect(!device.conditions.contains { $0.site == .back })
    let (_, band, _) = try Reading.read("shingles on her back in a band")
    #expect(band.conditions.contains { $0.id == "shingles" && $0.site == .back })
  }

  @Test(
    "more of the rules' watch signs: bone pain at night with bone mets, shivers on chemo, a cut that opens, a lymphoedema limb that balloons"
  )
  func moreWatchSigns() throws {
    for (text, profile) in [
      ("new back pain that wakes her at night", ["bone-metastases"]),
      ("she feels shivery", ["low-white-count"]), ("the edges of the incision have opened", []),
      ("her lymphoedema arm suddenly got much bigger today", []),
    ] {
      let (verdict, found, _) = try Reading.read(text, profile: profile)
      #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
    }
  }

  @Test("places the nurse found missing: the head, a line in each arm, a dialysis line in the neck")
  func nursePlaces() throws {
    let (_, head, r1) = try Reading.read("stitches on her head from the fall")
    #expect(head.conditions.contains { $0.site == .head }, "\(head.conditions)")
    #expect(Self.avoided(r1, "scalp"))
    let (_, arms, r2) = try Reading.read("her left arm has the fistula and the right has a PICC")
    #expect(Self.avoided(r2, "left-arm") && Self.avoided(r2, "right-arm"), "\(arms.conditions)")
    let (_, neck, r3) = try Reading.read("dialysis catheter in her neck on the right")
    #expect(neck.conditions.contains { $0.id == "port" }, "\(neck.conditions)")
    #expect(Self.avoided(r3, "right-chest"))
  }

  @Test("a heart bypass with a vein taken from a leg leaves out the chest and that leg's cut")
  func bypassVein() throws {
    for (lang, text) in [
      ("en", "he had a bypass 3 weeks ago and they took a vein out of his right leg"),
      ("zh-Hans", "他三周前做了心脏搭桥，从右小腿取了一段血管"),
    ] {
      let (_, found, r) = try Reading.read(text, lang: lang)
      #expect(Self.avoided(r, "chest"), "\(lang): \(found.conditions)")
      #expect(Self.avoided(r, "right-lower-leg"), "\(lang): \(found.conditions)")
    }
  }

  @Test(
    "a month dates a mention, counted from the end of its last occurrence; 'three months' is not March"
  )
  func months() throws {
    // The clock of these tests is 28 May 2026: January ended 117 days before, and "en mai"
    // is this month (today, the fewest days it can be).
    let (_, jan, _) = try Reading.read("knee replaced in January")
    #expect(jan.conditions.first { $0.id == "joint-replacement-knee" }?.daysSince == 117)
    let (_, fr, _) = try Reading.read("opérée de la hanche en mai", lang: "fr")
    #expect(fr.conditions.contains { $0.daysSince == 0 }, "\(fr.conditions)")
    let (_, zh, _) = try Reading.read("她两个月前做的膝关节置换", lang: "zh-Hans")
    #expect(zh.conditions.first { $0.id == "joint-replacement-knee" }?.daysSince == 60)
    let (verdict, modal, _) = try Reading.read("she may have a rash on her arm")
    #expect(verdict == .adjust && modal.conditions.allSatisfy { $0.daysSince == nil })
  }

  @Test(
    "a ninth batch of warning signs: a nosebleed going on, limp limbs, muddled speech, chills on chemo, a cold with low counts"
  )
  func ninthBatch() throws {
    for (lang, text) in [
      ("en", "his nosebleed has been going 40 min now, he's on warfarin"),
      ("zh-Hans", "爷爷说话颠三倒四的，刚才还好好的"),
      ("zh-Hans", "她在做化疗，今天忽冷忽热"),
      ("zh-Hans", "他粒细胞缺乏，今天有点小感冒"),
    ] {
      try ReadingRoundThreeTests.expectStop(text, lang: lang)
    }
  }
}
