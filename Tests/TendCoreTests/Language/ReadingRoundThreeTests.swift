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
  static func read(_ text: String, lang: String = "en", profile: [String] = []) throws -> (
    Verdict, Recognition, Restrictions
  ) {
    try FailClosedTests.verdict(text, profile: profile, lang: lang)
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
    let (verdict, found, _) = try Self.read(text, lang: lang)
    #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
  }

  @Test("a harmless phrase keeps its cue words: 'từng mảng' is patch by patch, not 'used to'")
  func harmlessCue() throws {
    let (_, found, _) = try Self.read("trên đùi ông bị bầm tím từng mảng", lang: "vi")
    #expect(!found.negated.contains { $0.id == "rash" })
    // The same word before a condition still says it is in the past.
    let (_, past, _) = try Self.read("ông từng bị đột quỵ", lang: "vi")
    #expect(past.conditions.isEmpty)
  }

  @Test("a denial-after that is itself denied leaves the thing there")
  func deniedDenial() throws {
    let (_, fr, _) = try Self.read(
      "un ulcère qui cicatrise pas sur le tibia droit", lang: "fr")
    #expect(fr.conditions.contains { $0.id == "open-wound" && $0.side == .right })
    let (_, en, _) = try Self.read("the wound on her left shin has not healed")
    #expect(en.conditions.contains { $0.id == "open-wound" })
    let (_, healed, _) = try Self.read("the wound on her left shin has healed")
    #expect(!healed.conditions.contains { $0.id == "open-wound" })
  }

  @Test("'plus de' before a number is 'more than', not 'no more'")
  func moreThan() throws {
    let (_, more, _) = try Self.read("il est sous chimio depuis plus de 3 semaines", lang: "fr")
    #expect(more.conditions.contains { $0.id == "chemotherapy" })
    let (_, over, _) = try Self.read("plus de chimio depuis 2018", lang: "fr")
    #expect(!over.conditions.contains { $0.id == "chemotherapy" })
  }

  @Test("French elision: the word after l' or d' is read on its own")
  func elision() throws {
    let (verdict, found, _) = try Self.read("il a de l'hypertension", lang: "fr")
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
      let (_, found, r) = try Self.read(text)
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
    let (verdict, found, _) = try Self.read(text, lang: lang)
    #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
  }

  @Test("a dot noun alone or an injection is not a warning sign")
  func notSigns() throws {
    let (v1, f1, _) = try Self.read(
      "Hanche gauche opérée il y a 3 semaines et il est sous Lovenox en piqûres.", lang: "fr")
    #expect(v1 == .adjust, "\(f1.conditions.map(\.id))")
    let (v2, _, _) = try Self.read("she leans on my arm when she walks")
    #expect(v2 == .ok)
  }

  @Test("high blood pressure and its medicines: ask the care team first, in every language")
  func bloodPressure() throws {
    for (lang, text) in [
      ("en", "she has high blood pressure"), ("en", "takes amlodipine 5mg daily"),
      ("es", "tiene la presión alta"), ("zh-Hans", "我妈有高血压"), ("vi", "bà bị cao huyết áp"),
    ] {
      let (verdict, found, r) = try Self.read(text, lang: lang)
      #expect(verdict == .adjust, "\(lang) \(text): \(found.conditions.map(\.id))")
      #expect(r.clearanceAdvised)
    }
    let (normal, _, _) = try Self.read("her blood pressure was fine today")
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
    let (verdict, found, _) = try Self.read(text, lang: lang)
    #expect(verdict == .stopCallProvider, "\(text): \(found.conditions.map(\.id))")
    #expect(found.conditions.contains { $0.id == "dvt-suspected" })
  }

  @Test("radiotherapy finished 10 days ago still counts; two months ago it does not")
  func radiationAfter() throws {
    let (_, recent, _) = try Self.read("finished radiotherapy to her right breast 10 days ago")
    #expect(recent.conditions.contains { $0.id == "radiation-skin" && $0.site == .chest })
    let (_, old, _) = try Self.read("finished radiotherapy to her right breast 2 months ago")
    #expect(!old.conditions.contains { $0.id == "radiation-skin" })
  }

  @Test(
    "a long-standing finding with an unplaced disease asks first; the same finding said to be new stops"
  )
  func longStanding() throws {
    let (old, _, r) = try Self.read(
      "Mum has MND, her arms have been getting weaker over the past year")
    #expect(old == .adjust)
    #expect(r.clearanceAdvised)
    let (usual, _, _) = try Self.read(
      "She has myasthenia gravis and gets droopy and tired by evening as usual.")
    #expect(usual == .adjust)
    let (new, _, _) = try Self.read("he has MND and since this morning his speech is slurred")
    #expect(new == .stopCallProvider)
  }

  @Test("a hot, red, swollen joint with gout named is the joint rule; at a wound it is infection")
  func goutNotInfection() throws {
    let (gout, found, _) = try Self.read("his gout flared, right big toe red hot and swollen")
    #expect(gout == .adjust, "\(found.conditions.map(\.id))")
    #expect(found.conditions.contains { $0.id == "inflamed-joint" })
    let (wound, _, _) = try Self.read("the skin around his wound is red hot and swollen")
    #expect(wound == .stopCallProvider)
  }

  @Test("weeping: infection at a wound or a place on the body, not for shingles blisters or tears")
  func weeping() throws {
    let (shingles, _, _) = try Self.read(
      "Shingles on the right side of his chest, the blisters are still weeping")
    #expect(shingles == .postpone)
    let (incision, _, _) = try Self.read("her incision is weeping")
    #expect(incision == .stopCallProvider)
    let (tears, _, _) = try Self.read("she's been weeping all day, missing her sister")
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
    let (verdict, found, r) = try Self.read(text, lang: lang)
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
      let (verdict, found, _) = try Self.read(text)
      #expect(verdict == .ok, "\(text): \(found.conditions.map(\.id))")
    }
  }
}
