import Foundation
import TendCore
import TendTestSupport
import Testing

/// The recognizer's parts, one behaviour at a time, on the shipped English vocabulary.
@Suite("Recognizer")
struct RecognizerTests {
  static let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()
  /// Wednesday 11 June 2025, noon UTC.
  static let today = utc.date(from: DateComponents(year: 2025, month: 6, day: 11, hour: 12))!
  static let english = try! Recognizer(
    localizer: Fixtures.english, catalog: Fixtures.catalog, calendar: utc)

  func read(_ text: String) -> Recognition { Self.english.recognize(text, today: Self.today) }
  func ids(_ text: String) -> [String] { read(text).conditions.map(\.id) }
  func only(_ text: String) throws -> Condition {
    let found = read(text).conditions
    try #require(found.count == 1, "\(text): found \(found.map(\.id))")
    return found[0]
  }

  @Test("tokens: case, accents, apostrophes, plurals and decimal numbers")
  func tokens() {
    let words = TextTokens.tokenize("Mum's ÉLIQUIS, thinners; temp 38,4 at 10.30").map(\.text)
    #expect(words == ["mum", "eliquis", "thinner", "temp", "38,4", "at", "10.30"])
    #expect(TextTokens.tokenize("38.4").first?.number == 38.4)
    #expect(TextTokens.tokenize("38,4").first?.number == 38.4)
    #expect(TextTokens.words("stitches") == TextTokens.words("stitch"))
  }

  @Test(
    "brand and generic names and misspellings map to one rule",
    arguments: [
      "warfarin", "Warfrin", "coumadine", "Eliquis", "eloquis", "apixaban", "Xarelto", "zarelto",
      "rivaroxaban",
      "Lovenox", "enoxaparin", "Plavix", "clopidogrel", "blood thinners",
    ])
  func drugNames(_ word: String) throws {
    #expect(try only("she takes \(word) every day").id == "anticoagulants")
  }

  @Test(
    "devices",
    arguments: [
      ("a PICC in her arm", "iv-line"), ("port-a-cath", "port"), ("a Foley", "urinary-catheter"),
      ("a fistula for dialysis", "iv-line"), ("a JP drain", "drain-or-stoma"),
      ("a PEG tube", "drain-or-stoma"),
    ])
  func devices(_ text: String, _ id: String) throws {
    #expect(try only("he has \(text)").id == id)
  }

  @Test("misspellings within an edit distance scaled to the word's length")
  func fuzzy() {
    #expect(ids("she has alzhiemers") == ["dementia"])
    #expect(ids("osteoperosis") == ["osteoporosis"])
    #expect(ids("nueropathy in his feet") == ["diabetic-neuropathy"])
    // Short words are never guessed: "shunt" is not read into "shut", nor "fewer" into "fever".
    #expect(ids("the door was shut and she felt fewer aches") == [])
  }

  @Test("negation: denied mentions are not counted but are shown back")
  func negation() {
    let r = read("no fever, isn't on blood thinners, and no chest pain")
    #expect(r.conditions.isEmpty)
    #expect(Set(r.negated.map(\.id)) == ["fever", "anticoagulants", "chest-pain"])
    #expect(r.negated.first { $0.id == "fever" }?.matched == "no fever")
    // A negation does not reach past "but" or into another clause.
    #expect(ids("no fever but she has a port") == ["port"])
    #expect(ids("not sure if it matters, she is on warfarin") == ["anticoagulants"])
  }

  @Test("the past: used to, stopped, finished, came out")
  func past() {
    let r = read("she used to take warfarin but stopped")
    #expect(r.conditions.isEmpty)
    #expect(r.negated.map(\.reason) == [.past])
    #expect(ids("he was on Xarelto but they stopped it in May") == [])
    #expect(ids("finished chemo in January") == [])
    #expect(ids("the PICC came out on Monday") == [])
    // "stopped aspirin" belongs to aspirin, not to the warfarin before it.
    #expect(ids("still on warfarin, stopped aspirin") == ["anticoagulants"])
  }

  @Test(
    "dates",
    arguments: [
      ("had her knee replaced 10 days ago", 10), ("knee replaced ten days ago", 10),
      ("knee replaced a couple of weeks ago", 14), ("knee replacement last week", 7),
      ("knee replacement yesterday", 1), ("knee replacement since Monday", 2),
      ("knee replacement 3 years ago", 1095), ("knee replacement in 2019", 1989),
    ])
  func dates(_ text: String, _ days: Int) throws {
    #expect(try only(text).daysSince == days)
  }

  @Test("a duration right before a mention belongs to it: 28 weeks pregnant")
  func duration() throws {
    #expect(try only("she's 28 weeks pregnant").daysSince == 196)
    #expect(try only("10 days post op").daysSince == 10)
  }

  @Test("sides and sites near the mention")
  func sidesAndSites() throws {
    let port = try only("a port on the right side of her chest")
    #expect(port.site == .chest && port.side == .right)
    let line = try only("PICC line in his left arm")
    #expect(line.site == .arm && line.side == .left)
    let ulcer = try only("a leg ulcer on her right calf")
    #expect(ulcer.site == .lowerLeg && ulcer.side == .right)
    // "right" alone is an adverb unless it stands by a site.
    let drip = try only("she needs her drip right now")
    #expect(drip.side == nil)
    // A side without a site: the rule's usual site on that side.
    let pacer = try only("pacemaker on the left")
    #expect(pacer.site == .chest && pacer.side == .left)
    // "it" takes the place of the mention before.
    let r = read("her left knee was replaced, still a dressing on it")
    #expect(r.conditions.last?.id == "surgical-incision" && r.conditions.last?.site == .knee)
  }

  @Test("temperatures: 38.4 and 100.8 are fevers, 37.1 is not")
  func temperatures() {
    #expect(ids("temp of 38.4 tonight") == ["fever"])
    #expect(ids("she's 100.8") == ["fever"])
    #expect(ids("temperature 38") == ["fever"])
    let r = read("running a temp, 37.1 on the thermometer")
    #expect(r.conditions.isEmpty)
    #expect(r.negated.map(\.reason) == [.normalReading])
    // Not temperatures: weeks, doses.
    #expect(ids("38 weeks ago") == [])
    #expect(ids("100 mg of something") == [])
  }

  @Test("red flags from symptoms, even when explained away")
  func redFlags() throws {
    let r = read("his calf is warm and swollen but it's probably from standing")
    #expect(r.conditions.map(\.id) == ["dvt-suspected"])
    #expect(r.conditions.first?.site == .lowerLeg)
    #expect(r.redFlags == ["dvt-suspected"])
    #expect(r.dismissals == ["probably from standing"])
    #expect(ids("her left arm near the PICC is swollen and sore").contains("dvt-suspected"))
    #expect(ids("redness spreading and pus at the incision").contains("infection-signs"))
    #expect(
      ids("bone mets, new back pain and his legs feel weak").contains("sudden-weakness-or-numbness")
    )
    #expect(ids("on eliquis, and lots of new bruises today").contains("bleeding-signs"))
    #expect(ids("tightness in her chest") == ["chest-pain"])
    #expect(ids("slurred speech") == ["sudden-weakness-or-numbness"])
    // Denied symptoms are not red flags.
    #expect(ids("her calf isn't swollen or warm") == [])
    // A hot swollen knee is a joint flare, not a clot.
    #expect(ids("her knee is red, hot and puffy") == ["inflamed-joint"])
  }

  @Test("medical-looking words it does not know are reported, never dropped")
  func unknownTerms() {
    #expect(read("she has sarcoidosis").unknownTerms == ["sarcoidosis"])
    #expect(read("He has Crohn's disease").unknownTerms == ["Crohn's disease"])
    #expect(read("she takes metformin for diabetes").unknownTerms == [])
    #expect(read("she had a nice walk today").unknownTerms == [])
  }

  @Test("every condition found names a rule in the catalog, and one mention is one condition")
  func ruleIDs() {
    let r = read("on warfarin, warfarin daily, PICC in her left arm and an IV in her left arm")
    #expect(r.conditions.map(\.id) == ["anticoagulants", "iv-line"])
    for condition in r.conditions { #expect(Fixtures.catalog.rule(condition.id) != nil) }
  }

  @Test("the messages show what was not counted, unknown words and ask to confirm")
  func messages() {
    let r = read("no fever, she has sarcoidosis")
    let keys = r.messages.map(\.key)
    #expect(keys == ["recognize.negated", "recognize.notUnderstood", "recognize.confirm"])
    #expect(r.conditions.map(\.id) == ["not-understood"])
    #expect(r.notUnderstood == [.init(words: "sarcoidosis", urgent: false)])
  }

  @Test("Spanish uses its own vocabulary plus English")
  func spanish() throws {
    let es = try Recognizer(
      localizer: Fixtures.catalog.localizer("es"), catalog: Fixtures.catalog, calendar: Self.utc)
    let r = es.recognize(
      "toma sintrom y tiene una vía en el brazo izquierdo, también Eliquis", today: Self.today)
    #expect(r.conditions.map(\.id) == ["anticoagulants", "iv-line"])
    #expect(r.conditions.last?.side == .left)
    #expect(es.recognize("sin fiebre", today: Self.today).negated.map(\.id) == ["fever"])
    #expect(
      es.recognize("hace dos semanas le cambiaron la rodilla", today: Self.today).conditions.first?
        .daysSince == 14)
  }

  @Test("an unknown rule id in the vocabulary is a data error naming the key")
  func failsClosed() {
    let table = LocaleTable(
      lang: "en", values: ["vocab.condition.no-such-rule": .list(["thing"])],
      lines: ["vocab.condition.no-such-rule": 7])
    #expect(throws: CatalogError.self) {
      try Recognizer(localizer: Localizer(table: table), catalog: Fixtures.catalog)
    }
  }
}

/// Site ownership, dates that are not "over", and chemotherapy lasting after a cycle.
@Suite("Recognizer: places and past")
struct RecognizerPlacesTests {
  let english = RecognizerTests.english
  func read(_ text: String) -> [Condition] {
    english.recognize(text, today: RecognizerTests.today).conditions
  }
  func spec(_ c: Condition) -> String {
    c.id + (c.site.map { "@" + (c.side.map { $0.rawValue + "-" } ?? "") + $0.rawValue } ?? "")
  }

  @Test("each site belongs to one mention; a second mention keeps its rule's own site")
  func ownership() {
    let found = read("a PEG tube and a PICC in his right arm").map(spec)
    #expect(found.contains("iv-line@right-arm"))
    // A PEG tube is in the belly: the words name its place.
    #expect(found.contains("drain-or-stoma@abdomen"))
    #expect(!found.contains("drain-or-stoma@right-arm"))
    let two = read("his right arm has an IV and his left leg a cast").map(spec)
    #expect(Set(two) == ["iv-line@right-arm", "fracture@left-leg"])
    let patch = read("a fentanyl patch on her right upper arm and varicose veins on both calves")
    #expect(
      Set(patch.map(spec)) == ["medication-patch@right-upper-arm", "varicose-veins@lower-leg"])
  }

  @Test("a rule about a whole limb shares the limb another mention names")
  func wholeLimb() {
    let found = read("lymphoedema in his left leg after the groin nodes were removed").map(spec)
    #expect(found.contains("lymph-nodes-removed@left-leg"), "\(found)")
  }

  @Test("two sites joined by one word; a midline site does not take the first one's side")
  func joined() {
    #expect(
      Set(read("cancer has spread to her right hip and thigh bone").map(spec))
        == ["bone-metastases@right-hip", "bone-metastases@right-thigh"])
    #expect(
      Set(read("mets in her left hip and lower spine").map(spec))
        == ["bone-metastases@left-hip", "bone-metastases@lower-back"])
    #expect(
      Set(read("mets in her left hip and right thigh").map(spec))
        == ["bone-metastases@left-hip", "bone-metastases@right-thigh"])
  }

  @Test("a cycle finished days ago still counts; treatment finished months ago does not")
  func chemotherapyLasts() throws {
    let rule = try #require(Fixtures.catalog.rules.first { $0.id == "chemotherapy" })
    #expect(rule.lastsAfterDays == 28)
    #expect(read("cycle 2 of FOLFOX finished on Friday").map(\.id).contains("chemotherapy"))
    #expect(!read("she finished chemo 3 months ago").map(\.id).contains("chemotherapy"))
  }

  @Test("'about 4 wks ago' is a date, not a pregnancy")
  func gestationNotAgo() {
    #expect(!read("rotator cuff repair about 4 wks ago").map(\.id).contains("pregnancy"))
    #expect(read("she is 31 wks").map(\.id).contains("pregnancy"))
  }

  @Test("a warning sign that has passed still stands; only a denial before it takes it away")
  func passingRedFlags() {
    #expect(
      read("his speech was slurred for ten minutes, it's better now").map(\.id)
        == ["sudden-weakness-or-numbness"])
    #expect(read("he had chest pain last night but it went away").map(\.id).contains("chest-pain"))
    #expect(read("no chest pain today").isEmpty)
    #expect(read("had the flu last week, better now").isEmpty)
  }

  @Test("'better now' in a later clause ends an episode, never a medicine or a device")
  func laterClause() {
    #expect(read("she's on warfarin, doing much better now").map(\.id) == ["anticoagulants"])
    #expect(read("he has a port, he is all better now").map(\.id) == ["port"])
    #expect(read("he had a port, it was taken out last year").isEmpty)
    #expect(read("her left arm has gone red and hot").map(\.id) != [])
  }

  @Test("an everyday word is not read as a typo of a sign word ('peeling' is not 'peeing')")
  func everydayNotTypo() {
    #expect(!read("the skin is pink and peeling").map(\.id).contains("bleeding-signs"))
  }
}
