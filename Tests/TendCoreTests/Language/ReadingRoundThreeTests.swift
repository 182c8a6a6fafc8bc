import Foundation
import TendCore
import TendTestSupport
import Testing

/// The third round of reading (1 December, evening), each test a mechanism found on development
/// items of the independent corpus, kept general: denial words that belong to a longer phrase,
/// a denied denial, "more than" a number, French elision, a place word that names two sites, and
/// three new warning signs (balance, pinprick dots, bruises from nothing).
@Suite("Recognizer: third round")
struct ReadingRoundThreeTests {
  static func expectStop(_ text: String, lang: String) throws {
    let (verdict, found, _) = try Reading.read(text, lang: lang)
    #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
  }

  @Test(
    "a denial word inside a longer phrase denies nothing around it",
    arguments: [
      (
        "es", "hoy dice q no siente bien las piernas, como de trapo, y el dolor de espalda es nuevo"
      ),
      ("vi", "ông tự nhiên bầm tím từng mảng lớn, không té cũng không va chạm gì"),
      ("en", "he can't feel when he needs the toilet and his back is a new kind of sore"),
    ])
  func ownDenial(_ lang: String, _ text: String) throws {
    try Self.expectStop(text, lang: lang)
  }

  @Test("a harmless phrase keeps its cue words: 'từng mảng' is patch by patch, not 'used to'")
  func harmlessCue() throws {
    let (_, found, _) = try Reading.read("trên đùi ông bị bầm tím từng mảng", lang: "vi")
    #expect(!found.negated.contains { $0.id == "rash" })
    // The same word before a condition still says it is in the past.
    // (An old stroke with no date asks the care team first; it is not an emergency.)
    let (verdict, past, _) = try Reading.read("ông từng bị đột quỵ", lang: "vi")
    #expect(verdict == .adjust)
    #expect(!past.conditions.contains { $0.id == "sudden-weakness-or-numbness" })
  }

  @Test("a denial-after that is itself denied leaves the thing there")
  func deniedDenial() throws {
    let (_, fr, _) = try Reading.read(
      "un ulcère qui cicatrise pas sur le tibia droit", lang: "fr")
    #expect(fr.conditions.contains { $0.id == "open-wound" && $0.side == .right })
    let (_, en, _) = try Reading.read("the wound on her left shin has not healed")
    #expect(en.conditions.contains { $0.id == "open-wound" })
    let (_, healed, _) = try Reading.read("the wound on her left shin has healed")
    #expect(!healed.conditions.contains { $0.id == "open-wound" })
  }

  @Test("'plus de' before a number is 'more than', not 'no more'")
  func moreThan() throws {
    let (_, more, _) = try Reading.read("il est sous chimio depuis plus de 3 semaines", lang: "fr")
    #expect(more.conditions.contains { $0.id == "chemotherapy" })
    let (_, over, _) = try Reading.read("plus de chimio depuis 2018", lang: "fr")
    #expect(!over.conditions.contains { $0.id == "chemotherapy" })
  }

  @Test("French elision: the word after l' or d' is read on its own")
  func elision() throws {
    let (verdict, found, _) = try Reading.read("il a de l'hypertension", lang: "fr")
    #expect(verdict == .adjust)
    #expect(found.notUnderstood.map { $0.words.lowercased() } == ["hypertension"])
    let tokens = TextTokens.tokenize("l'arthrose, qu'elle, isn't")
    #expect(tokens.map(\.text) == ["l", "arthrose", "qu", "elle", "isnt"])
  }

  @Test("a place word listed under two sites leaves both out (the elbow: upper arm and forearm)")
  func twoSites() throws {
    for text in [
      "eczema flaring in the crook of her right elbow", "a small cut on her right elbow",
    ] {
      let (_, found, r) = try Reading.read(text)
      for site in [BodySite.upperArm, .forearm] {
        #expect(
          r.avoid.keys.contains { ($0.site == site || $0.site == .arm) && $0.side == .right },
          "\(text): \(found.conditions)")
      }
    }
  }

  @Test(
    "new warning signs: leaning to one side, pinprick dots, bruises from nothing",
    arguments: [
      ("en", "since 4pm he keeps tipping to the left when he walks"),
      ("es", "desde la tarde se va hacia la izquierda al caminar"),
      ("en", "tiny red pinprick dots all over her shins this morning"),
      ("fr", "des petits points rouges minuscules sur les jambes"),
      ("en", "big bruises on her thighs and she hasn't bumped anything"),
      ("zh-Hans", "腿上青紫了好几块，没碰也没摔"),
    ])
  func newSigns(_ lang: String, _ text: String) throws {
    try Self.expectStop(text, lang: lang)
  }

  @Test("a dot noun alone or an injection is not a warning sign")
  func notSigns() throws {
    let (v1, f1, _) = try Reading.read(
      "Hanche gauche opérée il y a 3 semaines et il est sous Lovenox en piqûres.", lang: "fr")
    #expect(v1 == .adjust, "\(f1.conditions.map(\.id))")
    let (v2, _, _) = try Reading.read("she leans on my arm when she walks")
    #expect(v2 == .ok)
  }

  @Test("high blood pressure and its medicines: ask the care team first, in every language")
  func bloodPressure() throws {
    for (lang, text) in [
      ("en", "she has high blood pressure"), ("en", "takes amlodipine 5mg daily"),
      ("es", "tiene la presión alta"), ("zh-Hans", "我妈有高血压"), ("vi", "bà bị cao huyết áp"),
    ] {
      let (verdict, found, r) = try Reading.read(text, lang: lang)
      #expect(verdict == .adjust, "\(lang) \(text): \(found.conditions.map(\.id))")
      #expect(r.clearanceAdvised)
    }
    let (normal, _, _) = try Reading.read("her blood pressure was fine today")
    #expect(normal == .ok)
  }

  @Test(
    "a line or port and that arm or the neck swollen is a possible clot, in every language",
    arguments: [
      ("en", "her PICC is in the left arm and since yesterday that whole arm is swollen"),
      ("en", "he has a port on the right and his right arm and neck look puffy"),
      ("zh-Hans", "我爸右胳膊上有PICC管，这两天整条右胳膊肿得发亮"),
      ("vi", "đang truyền hóa chất qua buồng tiêm ở ngực phải, cánh tay phải sưng phù"),
    ])
  func lineSwelling(_ lang: String, _ text: String) throws {
    try Self.expectStop(text, lang: lang)
    let (_, found, _) = try Reading.read(text, lang: lang)
    #expect(found.conditions.contains { $0.id == "dvt-suspected" })
  }

  @Test("radiotherapy finished 10 days ago still counts; two months ago it does not")
  func radiationAfter() throws {
    let (_, recent, _) = try Reading.read("finished radiotherapy to her right breast 10 days ago")
    #expect(recent.conditions.contains { $0.id == "radiation-skin" && $0.site == .chest })
    let (_, old, _) = try Reading.read("finished radiotherapy to her right breast 2 months ago")
    #expect(!old.conditions.contains { $0.id == "radiation-skin" })
  }

  @Test(
    "a long-standing finding with an unplaced disease asks first; the same finding said to be new stops"
  )
  func longStanding() throws {
    let (old, _, r) = try Reading.read(
      "Mum has MND, her arms have been getting weaker over the past year")
    #expect(old == .adjust)
    #expect(r.clearanceAdvised)
    let (usual, _, _) = try Reading.read(
      "She has myasthenia gravis and gets droopy and tired by evening as usual.")
    #expect(usual == .adjust)
    let (new, _, _) = try Reading.read("he has MND and since this morning his speech is slurred")
    #expect(new == .stopCallProvider)
  }

  @Test("a hot, red, swollen joint with gout named is the joint rule; at a wound it is infection")
  func goutNotInfection() throws {
    let (gout, found, _) = try Reading.read("his gout flared, right big toe red hot and swollen")
    #expect(gout == .adjust, "\(found.conditions.map(\.id))")
    #expect(found.conditions.contains { $0.id == "inflamed-joint" })
    let (wound, _, _) = try Reading.read("the skin around his wound is red hot and swollen")
    #expect(wound == .stopCallProvider)
  }

  @Test("weeping: infection at a wound or a place on the body, not for shingles blisters or tears")
  func weeping() throws {
    let (shingles, _, _) = try Reading.read(
      "Shingles on the right side of his chest, the blisters are still weeping")
    #expect(shingles == .postpone)
    let (incision, _, _) = try Reading.read("her incision is weeping")
    #expect(incision == .stopCallProvider)
    let (tears, _, _) = try Reading.read("she's been weeping all day, missing her sister")
    #expect(tears == .ok)
  }

  @Test(
    "the care team said not to massage: not today, in every language",
    arguments: [
      ("en", "the doctor said no massage for now"),
      ("en", "her surgeon said not to massage her legs"),
      ("es", "el médico dijo que nada de masajes"),
      ("fr", "le médecin a dit pas de massage pour l'instant"),
      ("zh-Hans", "医生说暂时不要按摩"),
      ("vi", "bác sĩ dặn không được xoa bóp"),
    ])
  func careTeamSaidNo(_ lang: String, _ text: String) throws {
    let (verdict, found, r) = try Reading.read(text, lang: lang)
    #expect(verdict == .postpone, "\(text): \(found.conditions.map(\.id))")
    #expect(found.conditions.map(\.id) == ["care-team-said-no"])
    #expect(r.clearanceAdvised)
  }

  @Test("the care team saying massage is fine, or not to worry, is not a 'no'")
  func careTeamSaidYes() throws {
    for text in [
      "the nurse said it's fine to massage her hands", "the doctor said massage is a good idea",
      "the nurse said not to worry, massage is fine",
    ] {
      let (verdict, found, _) = try Reading.read(text)
      #expect(verdict == .ok, "\(text): \(found.conditions.map(\.id))")
    }
  }

  /// An outside nurse's review of the words path (1 December): each message gave advice less
  /// safe than the rules require; each now stops.
  @Test(
    "the nurse review's red flags stop",
    arguments: [
      ("en", "she's on warfarin and bleeding heavily"), ("en", "blood is pouring from his nose"),
      ("es", "toma sintrom y está sangrando mucho"),
      ("en", "she doesn't want a massage because her chest hurts"),
      ("fr", "elle ne veut pas de massage parce qu'elle a mal à la poitrine"),
      ("vi", "bà không muốn xoa bóp vì đau ngực"),
      ("en", "she had a stroke last night"), ("en", "he had a heart attack on tuesday"),
      ("es", "tuvo un infarto el martes"), ("zh-Hans", "我爸昨晚中风了"),
      ("en", "mum has dementia and she's much more confused than usual today"),
      ("en", "she's on chemo and she's got a temperature"),
      ("en", "he's on chemo and has the chills"),
      ("zh-Hans", "她在化疗，发冷发抖"), ("en", "he has bone mets and can't pee"),
      ("en", "she had hip surgery last week and her calf hurts"),
      ("en", "she says there's an elephant sitting on her"),
      ("en", "he's got indigestion that won't go and he's in a cold sweat"),
      ("en", "she collapsed in the kitchen"), ("fr", "elle s'est effondrée dans la cuisine"),
      ("en", "he's panting and his lips look dusky"),
      ("en", "she has a fentanyl patch and her breathing is very slow"),
      ("en", "he has a pain patch and is very sleepy and hard to wake"),
      ("en", "she's pregnant and bleeding"), ("en", "she's 36 weeks pregnant and leaking fluid"),
      ("en", "the buzz in her fistula has gone"),
      ("en", "the redness around his wound has got bigger since yesterday"),
      ("en", "his speach is slured"), ("en", "there is blod in her urin"),
    ])
  func nurseReviewStops(_ lang: String, _ text: String) throws {
    try Self.expectStop(text, lang: lang)
  }

  @Test("the nurse review's other findings: numbers, liking and a past stroke")
  func nurseReviewOthers() throws {
    let (low, f1, r1) = try Reading.read("her platelets are 20,000")
    #expect(f1.conditions.contains { $0.id == "low-platelets" })
    #expect(r1.maxPressure <= .light)
    let (normal, _, _) = try Reading.read("her platelets are 150,000")
    #expect(low == .adjust && normal == .ok)
    let (_, liked, _) = try Reading.read(
      "she doesn't like her port being touched and she's not keen on her blood thinners")
    #expect(Set(liked.conditions.map(\.id)).isSuperset(of: ["port", "anticoagulants"]))
    let (_, both, _) = try Reading.read(
      "not only is she on warfarin but she also has a port on the left")
    #expect(both.conditions.contains { $0.id == "anticoagulants" })
    let (old, _, oldR) = try Reading.read("she had a stroke 5 years ago")
    #expect(old == .adjust && oldR.clearanceAdvised)
    let (copd, _, _) = try Reading.read(
      "He has COPD and is always a bit breathless, nothing new today")
    #expect(copd == .adjust)
    let (dvt, f2, _) = try Reading.read(
      "she finished her blood thinners for a clot in her right leg 3 months ago")
    #expect(dvt == .adjust && f2.conditions.contains { $0.id == "dvt-history" })
    for text in ["she had lots of blood tests today", "her blood pressure is a lot better"] {
      let (v, f, _) = try Reading.read(text)
      #expect(v == .ok, "\(text): \(f.conditions.map(\.id))")
    }
  }

  /// The four sealed red flags still missed at the end of the round, moved to development
  /// (`dev/s23-missed.jsonl`) and read: each is a mechanism now.
  @Test("the sealed misses: Chinese numerals, past-tense Spanish signs, spinal over neuropathy")
  func sealedMisses() throws {
    try Self.expectStop("化疗第三个疗程，刚才量体温三十八度五", lang: "zh-Hans")
    let (normal, _, _) = try Reading.read("体温三十六度八", lang: "zh-Hans")
    #expect(normal == .ok)
    try Self.expectStop(
      "de repente dijo que veía doble y que no sentía la mano derecha", lang: "es")
    let (stool, _, _) = try Reading.read(
      "desde anoche hace caca negrita", lang: "es", profile: ["anticoagulants"])
    #expect(stool == .stopCallProvider)
    let (spine, _, _) = try Reading.read(
      "woke up with a new sore spot low in her back and says her feet feel numb",
      profile: ["bone-metastases"])
    #expect(spine == .stopCallProvider)
    let (diabetic, _, _) = try Reading.read("his feet feel numb from the diabetes")
    #expect(diabetic == .adjust)
  }

  @Test(
    "the nurse review's last findings: meningitis signs, lymphoedema in plain words, an open hole, no weight on a leg"
  )
  func nurseReviewLast() throws {
    try Self.expectStop(
      "she has a stiff neck, a high temperature and she's very confused", lang: "en")
    try Self.expectStop("a rash that doesn't fade when I press a glass on it", lang: "en")
    try Self.expectStop("tiene fiebre y el cuello rígido", lang: "es")
    let (stiff, _, _) = try Reading.read("she has a stiff neck from sleeping funny")
    #expect(stiff == .ok)
    let (_, arm, r) = try Reading.read(
      "her left arm has been swollen for years since her breast surgery")
    #expect(arm.conditions.contains { $0.id == "lymphedema" && $0.side == .left })
    #expect(r.avoid.keys.contains { $0.site == .arm && $0.side == .left })
    let (_, hole, _) = try Reading.read("the drain came out yesterday but the hole is still open")
    #expect(hole.conditions.contains { $0.id == "open-wound" })
    let (_, fall, _) = try Reading.read("he had a fall and now can't put weight on his leg")
    #expect(fall.conditions.contains { $0.id == "fracture" })
  }
}
