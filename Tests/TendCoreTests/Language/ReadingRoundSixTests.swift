import Foundation
import TendCore
import TendTestSupport
import Testing

/// The sixth round of reading (1-2 December, night): the mechanisms behind the development
/// part's benign items that were over-triaged and its feet that could not feel. Texts here are
/// written for the test, not taken from the corpus.
@Suite("Recognizer: sixth round")
struct ReadingRoundSixTests {
  @Test(
    "feet or toes that cannot feel, are numb or tingle are neuropathy, in every language",
    arguments: [
      ("en", "he is diabetic and can't feel much in either foot"),
      ("en", "numb toes since the chemo started"),
      ("es", "es diabético y casi no siente los pies"),
      ("fr", "il est diabétique et ses pieds ne sentent plus rien"),
      ("zh-Hans", "他有糖尿病，两只脚没什么感觉"),
      ("vi", "ông bị tiểu đường, hai bàn chân tê bì"),
    ])
  func feetThatCannotFeel(_ lang: String, _ text: String) throws {
    let (verdict, found, restrictions) = try Reading.read(text, lang: lang)
    #expect(found.conditions.contains { $0.id == "diabetic-neuropathy" }, "\(lang) \(text)")
    #expect(verdict != .ok)
    #expect(restrictions.maxPressure.rawValue <= 2)
  }

  @Test("a foot that suddenly goes numb is still the stroke sign, neuropathy or not")
  func suddenNumbFoot() throws {
    let (verdict, found, _) = try Reading.read("her left foot suddenly went numb an hour ago")
    #expect(verdict == .stopCallProvider)
    #expect(found.conditions.contains { $0.id == "sudden-weakness-or-numbness" })
  }

  @Test(
    "harmless phrases that hold a warning word explain it",
    arguments: [
      ("en", "bloods, BP, the lot came back fine at the check-up"),
      ("en", "eye test this morning, a bit blurry from the drops"),
      ("en", "hot flushes from the menopause, she goes red for a minute"),
      ("en", "she rubs in her Nivea every night"),
      ("es", "mi tía anda estresadísima con la mudanza"),
      ("es", "quiero calentárselas con un masajito"),
      ("es", "tiene arañitas en los tobillos, nada de varices"),
      ("vi", "do huyet ap o hieu thuoc 120/75, duoc si bao tot"),
      ("vi", "chong em dao nay stress, mat ngu"),
      ("zh-Hans", "我爸体检啥毛病没有"),
    ])
  func harmless(_ lang: String, _ text: String) throws {
    let (verdict, found, _) = try Reading.read(text, lang: lang)
    #expect(verdict == .ok, "\(lang) \(text): \(found.conditions.map(\.id))")
  }

  @Test("an everyday word of the language is not read as an English term: tía is an aunt")
  func notEnglish() throws {
    let (verdict, found, _) = try Reading.read("cuido a mi tía", lang: "es")
    #expect(verdict == .ok, "\(found.conditions.map(\.id))")
    // The Spanish words for a TIA still count.
    let (recent, _, _) = try Reading.read("le dio un AIT ayer", lang: "es")
    #expect(recent == .stopCallProvider)
    let (past, _, _) = try Reading.read("tuvo un AIT hace dos años", lang: "es")
    #expect(past == .adjust)
  }

  @Test("a Vietnamese word that is ambiguous without its marks reads only in a longer phrase")
  func unmarkedBroken() throws {
    let (nape, found, _) = try Reading.read("vai gay cung ngac", lang: "vi")
    #expect(!found.conditions.contains { $0.id == "fracture" }, "\(nape)")
    let (_, broken, _) = try Reading.read("ong bi gay tay trai tuan truoc", lang: "vi")
    #expect(broken.conditions.contains { $0.id == "fracture" && $0.side == .left })
  }

  @Test("a medical head word inside a known phrase or before a number names nothing")
  func headsInKnownPhrases() throws {
    let (verdict, _, _) = try Reading.read("bà xịt thuốc đều, ổn định", lang: "vi")
    #expect(verdict == .ok)
    // A head before a name still counts.
    let (drug, found, _) = try Reading.read("bà uống thuốc Keppra mỗi ngày", lang: "vi")
    #expect(drug == .adjust)
    #expect(!found.notUnderstood.isEmpty)
    let (disease, _, _) = try Reading.read("tiene la enfermedad de Kahler", lang: "es")
    #expect(disease == .adjust)
  }

  @Test("COPD is not a rule, so it is asked about, even when unchanged")
  func copd() throws {
    let (verdict, found, _) = try Reading.read("grandad has COPD, breathing same as always")
    #expect(verdict == .adjust)
    #expect(!found.notUnderstood.isEmpty)
  }

  @Test(
    "a \"since\" after a denial opens what came after: the thing named there is still there",
    arguments: [
      ("en", "no fever since the chemo on monday", "chemotherapy"),
      ("en", "no problems since her op 3 weeks ago", "recent-surgery"),
      ("en", "no pain since her op 3 weeks ago", "recent-surgery"),
      ("fr", "pas de toux depuis la chimio", "chemotherapy"),
      ("fr", "pas de soucis depuis son opération il y a 3 semaines", "recent-surgery"),
      ("es", "sin problemas desde la operación hace 3 semanas", "recent-surgery"),
    ])
  func sinceOpensAfter(_ lang: String, _ text: String, _ rule: String) throws {
    let (_, found, _) = try Reading.read(text, lang: lang)
    #expect(found.conditions.contains { $0.id == rule }, "\(lang) \(text)")
  }

  @Test("a removal told later with a word that points back takes the thing away")
  func pointedRemoval() throws {
    for (text, rule) in [
      (
        "she had a catheter in hospital but they took it out before she came home",
        "urinary-catheter"
      ),
      (
        "he had a PICC in his right arm for IV antibiotics but it came out two weeks ago", "iv-line"
      ),
      ("he's been off all the thinners since 2017", "anticoagulants"),
    ] {
      let (_, found, _) = try Reading.read(text)
      #expect(!found.conditions.contains { $0.id == rule }, "\(text)")
    }
    // Something else named in between keeps its own.
    let (_, kept, _) = try Reading.read("the catheter is in, they took the drip out")
    #expect(kept.conditions.contains { $0.id == "urinary-catheter" })
  }

  @Test("\"no new bruises\" denies the bruises")
  func noNew() throws {
    let (verdict, found, _) = try Reading.read("all fine today, no new bruises, legs look the same")
    #expect(verdict == .ok, "\(found.conditions.map(\.id))")
  }

  @Test(
    "devices and words a rule does not know are asked about",
    arguments: [
      ("en", "husband has an LVAD, the driveline comes out of his belly"),
      ("en", "the 111 operator said it's fine, and she has an LVAD"),
    ])
  func devicesAskFirst(_ lang: String, _ text: String) throws {
    let (verdict, found, _) = try Reading.read(text, lang: lang)
    #expect(verdict == .adjust)
    #expect(!found.notUnderstood.isEmpty)
    #expect(!found.conditions.contains { $0.id == "recent-surgery" })
  }

  @Test(
    "a place said before \"for\" and a reason belongs to what came before; the groin is the leg's")
  func placeBeforeReason() throws {
    let (_, found, restrictions) = try Reading.read(
      "they took lymph nodes from his right groin for melanoma 3 years back")
    let nodes = found.conditions.first { $0.id == "lymph-nodes-removed" }
    #expect(nodes?.side == .right)
    #expect(nodes?.site?.limb == .leg)
    #expect(restrictions.avoid.keys.contains { $0.side == .right && $0.site == .leg })
  }

  @Test(
    "more words for a port, removed nodes, a daily aspirin, a lump and feet that feel little",
    arguments: [
      ("zh-Hans", "右边锁骨下面有人工血管", "port"),
      ("zh-Hans", "乳房切除的时候顺便清了腋下淋巴结", "lymph-nodes-removed"),
      ("es", "se toma su aspirinita de 100 todos los días", "anticoagulants"),
      ("es", "tiene una bolita en el seno izquierdo", "tumour"),
      ("fr", "il sent plus grand-chose aux pieds", "diabetic-neuropathy"),
    ])
  func moreWords(_ lang: String, _ text: String, _ rule: String) throws {
    let (_, found, _) = try Reading.read(text, lang: lang)
    #expect(found.conditions.contains { $0.id == rule }, "\(lang) \(text)")
  }

  @Test(
    "the next sentence that opens with \"it\" can say the thing is over; one that does not cannot")
  func nextSentencePointsBack() throws {
    for (text, rule) in [
      ("He had shingles across his back last autumn. It cleared up completely.", "shingles"),
      ("Gout in his big toe flared last month; it settled with the tablets.", "inflamed-joint"),
      ("He had a nasty cold last week but that's gone.", "acute-illness"),
    ] {
      let (_, found, _) = try Reading.read(text)
      #expect(!found.conditions.contains { $0.id == rule }, "\(text)")
    }
    for (text, rule) in [
      ("She has shingles on her back. It is still weeping.", "shingles"),
      ("She has had shingles on her back since Monday. Her temperature has settled.", "shingles"),
      ("She has a port in her chest. It was put in last week.", "port"),
    ] {
      let (_, found, _) = try Reading.read(text)
      #expect(found.conditions.contains { $0.id == rule }, "\(text)")
    }
  }

  @Test("nodes taken from under the left arm after breast cancer are one condition, the left arm's")
  func nodesAfterBreastCancer() throws {
    let (_, found, _) = try Reading.read(
      "lymph nodes were taken out under her left arm after breast cancer")
    let nodes = found.conditions.filter { $0.id == "lymph-nodes-removed" }
    #expect(nodes.count == 1)
    #expect(nodes.first?.side == .left && nodes.first?.site == .arm)
  }

  @Test(
    "stopped, removed and dated in Chinese and Vietnamese with a word in between",
    arguments: [
      ("zh-Hans", "抗凝药也停一年多了"),
      ("vi", "bó bột tay phải cũng tháo từ tháng 3"),
      ("vi", "mẹ mổ ruột thừa hồi 2015"),
    ])
  func overWithWordBetween(_ lang: String, _ text: String) throws {
    let (verdict, found, _) = try Reading.read(text, lang: lang)
    #expect(verdict == .ok, "\(lang) \(text): \(found.conditions.map(\.id))")
  }

  @Test("breath that suddenly went, told in the past tense, is the emergency")
  func breathWentPast() throws {
    let (verdict, found, _) = try Reading.read(
      "de golpe le faltó el aire, respira rapidísimo", lang: "es")
    #expect(verdict == .stopCallProvider)
    #expect(found.conditions.contains { $0.id == "breathing-trouble-sudden" })
  }

  @Test("French 'au foot' is football, not the foot; a PEG tube is in the belly")
  func footballAndPeg() throws {
    let (_, ankle, _) = try Reading.read("il s'est cassé la cheville droite au foot", lang: "fr")
    let fracture = ankle.conditions.first { $0.id == "fracture" }
    #expect(fracture?.side == .right && fracture?.site?.limb == .leg, "\(ankle.conditions)")
    let (_, peg, _) = try Reading.read("he has a PEG tube since the throat cancer")
    #expect(peg.conditions.contains { $0.id == "drain-or-stoma" && $0.site == .abdomen })
  }
}
