import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The care team's answer and advice in the conversation: heard, shown back, saved on yes only.
@Suite("Care team in the conversation")
struct CareTeamConversationTests {
  static func mum(_ ids: [String]) -> Profile {
    Profile(id: "mum", name: "Mum", conditions: ids.map { ProfileCondition(id: $0) })
  }

  @Test("\"the nurse said it's fine, gentle only\" is shown back and saved on yes")
  func heardAndSaved() throws {
    var h = Harness(profiles: [Self.mum(["anticoagulants"])])
    h.send("1")
    let shown = h.send("the nurse said it's fine, gentle only, not the left arm")
    #expect(shown.contains("I understood the care team's answer: the nurse said yes on"))
    #expect(shown.contains("Blood thinner"))
    #expect(shown.contains("Pressure at most: light"))
    #expect(shown.contains("Keep off the left arm"))
    #expect(h.store.profiles[0].clearances == nil, "saved before the yes")
    let saved = h.send("yes")
    #expect(saved.contains("Saved."))
    let c = try #require(h.store.profiles[0].clearances?.first)
    #expect(c.rules == ["anticoagulants"])
    #expect(c.limits.maxPressure == .light)
    #expect(c.limits.avoid == [BodyRegion(.arm, side: .left)])
    #expect(c.from == "the nurse")
  }

  @Test("no saves nothing; with nothing waiting for an answer nothing is recorded")
  func refusals() throws {
    var h = Harness(profiles: [Self.mum(["anticoagulants"])])
    h.send("1", "Dr Lee said yes")
    #expect(h.send("no").contains("nothing changed"))
    #expect(h.store.profiles[0].clearances == nil)
    var fever = Harness(profiles: [Self.mum(["fever"])])
    fever.send("1")
    let text = fever.send("the doctor said it's fine")
    #expect(text.contains("waiting for the care team's answer"))
    #expect(fever.store.profiles[0].clearances == nil)
  }

  @Test("the same words in every language are heard", arguments: ["es", "fr", "zh-Hans", "vi"])
  func otherLanguages(language: String) throws {
    let t = Fixtures.catalog.localizer(language)
    let phrase = try #require(t.list("chat.careteam.saidWords").first)
    let gentle = try #require(t.list("chat.careteam.gentleWords").first)
    let who = try #require(t.list("chat.careteam.speakerWords").first)
    let heard = try #require(
      CareTeamWords.hear("\(who) Kim \(phrase), \(gentle)", localizer: t))
    #expect(heard.from == "\(who) Kim")
    #expect(heard.limits.maxPressure == .light)
  }

  @Test("advice FILE is shown in plain words and followed on yes; a changed file is refused")
  func advice() throws {
    let folder = Fixtures.temporaryDirectory("advice")
    let file = folder.appendingPathComponent("a.json").path
    let today = CalendarDay.format(Date())
    let sealed = AdviceFile.json(
      CareAdvice(
        id: "", receiver: "Mum", from: "Nurse Kim", why: "low platelets", issued: today,
        start: today, until: today, limits: CareLimits(maxPressure: .stillHold), checksum: ""))
    try sealed.text.write(toFile: file, atomically: true, encoding: .utf8)
    var h = Harness(profiles: [Self.mum([])])
    h.send("1")
    let shown = h.send("advice \(file)")
    #expect(shown.contains("Nurse Kim") && shown.contains("Pressure at most: still hold"))
    h.send("yes")
    #expect(h.store.profiles[0].advice?.first?.checksum == sealed.advice.checksum)
    let bad = folder.appendingPathComponent("b.json").path
    try sealed.text.replacingOccurrences(of: "\"maxPressure\": 0", with: "\"maxPressure\": 3")
      .write(toFile: bad, atomically: true, encoding: .utf8)
    #expect(h.send("advice \(bad)").contains("refused"))
  }

  /// Sentences the outside review found saved as a yes: negations, conditions, future, hedges,
  /// sarcasm, "yes" inside "yesterday", and people who are not the care team.
  static let notAYes: [(String, String)] = [
    ("en", "the doctor said we can't massage her"),
    ("en", "the nurse never said it's fine"),
    ("en", "nobody said it's fine"),
    ("en", "I asked but the nurse hasn't said yes yet"),
    ("en", "the nurse said yesterday that massage must stop"),
    ("en", "the nurse said yes to the scan but no massage"),
    ("en", "the doctor cleared it for next month, not now"),
    ("en", "the nurse said we can wait and see"),
    ("en", "oh sure, the nurse said it's fine, as if"),
    ("en", "Mum said it's fine"),
    ("en", "the neighbour said it's fine"),
    ("en", "google said it's fine"),
    ("en", "the doctor said no massage"),
    ("es", "el médico no dijo que sí"),
    ("es", "la enfermera dijo que si no mejora, nada de masaje"),
    ("fr", "l'infirmière a dit que ça va pas du tout"),
    ("fr", "le médecin a dit qu'on peut pas masser"),
  ]

  @Test("a refusal, negation, condition, hedge or someone outside the care team is never a yes")
  func notAYesIsNeverHeardAsOne() {
    for (language, line) in Self.notAYes {
      let t = Fixtures.catalog.localizer(language)
      #expect(CareTeamWords.hear(line, localizer: t) == nil, "\(language): \(line)")
    }
  }

  @Test("a plain yes from the care team is still heard in every language")
  func plainYes() throws {
    let yes: [(String, String, Pressure?)] = [
      ("en", "the nurse said it's fine, gentle only, but not the left arm", .light),
      ("en", "Dr Lee said yes", nil),
      ("en", "her GP cleared it", nil),
      ("es", "la enfermera dijo que sí, solo suave", .light),
      ("es", "el médico dijo que está bien, pero no el brazo izquierdo", nil),
      ("fr", "l'infirmière a dit que c'est bon, doucement", .light),
      ("fr", "le médecin a dit oui, mais pas le bras gauche", nil),
      ("zh-Hans", "护士说可以，轻轻", .light),
      ("vi", "bác sĩ nói là được, nhẹ tay", .light),
      ("vi", "bac si noi la duoc", nil),
    ]
    for (language, line, pressure) in yes {
      let t = Fixtures.catalog.localizer(language)
      let heard = CareTeamWords.hear(line, localizer: t)
      #expect(heard != nil, "\(language): \(line)")
      #expect(heard?.limits.maxPressure == pressure, "\(language): \(line)")
    }
    let avoid = try #require(
      CareTeamWords.hear(
        "el médico dijo que está bien, pero no el brazo izquierdo",
        localizer: Fixtures.catalog.localizer("es")))
    #expect(avoid.limits.avoid == [BodyRegion(.arm, side: .left)])
  }

  @Test(
    "in the conversation: no is acknowledged, a hedge or a non-clinician is said plainly; nothing is saved"
  )
  func conversationFailsClosed() {
    var h = Harness(profiles: [Self.mum(["anticoagulants"])])
    h.send("1")
    // "No massage" is a condition the recognizer keeps (care-team-said-no): shown back, saved
    // only on yes, and then nothing is massaged today.
    let no = h.send("the doctor said no massage")
    #expect(no.contains("Their care team said not to massage"), "\(no)")
    h.send("yes")
    #expect(h.store.profiles[0].conditions.contains { $0.id == "care-team-said-no" })
    let hedge = h.send("the nurse said yes to the scan but we should wait")
    #expect(hedge.contains("That doesn't sound like a yes, so I'll keep asking first"))
    let mum = h.send("the neighbour said it's fine")
    #expect(mum.contains("neighbour: family and friends are not their care team"), "\(mum)")
    for (language, line) in Self.notAYes where language == "en" {
      let text = h.send(line)
      #expect(!text.contains("I understood the care team's answer"), "\(line)")
      if text.contains("(yes/no)") { h.send("no") }
    }
    #expect(h.store.profiles[0].clearances == nil)
  }

  @Test("with several rules waiting, the caregiver says which ones the answer is for")
  func severalRulesAreChosen() throws {
    var h = Harness(profiles: [Self.mum(["anticoagulants", "osteoporosis"])])
    h.send("1")
    let asked = h.send("the nurse said it's fine")
    #expect(asked.contains("Which ones did they say yes to?"))
    #expect(asked.contains("1. Blood thinner medicine"))
    #expect(!asked.contains("I understood the care team's answer"))
    let shown = h.send("1")
    #expect(shown.contains("I understood the care team's answer"))
    h.send("yes")
    let c = try #require(h.store.profiles[0].clearances?.first)
    #expect(c.rules == ["anticoagulants"])
    var other = Harness(profiles: [Self.mum(["anticoagulants", "osteoporosis"])])
    other.send("1", "the nurse said it's fine")
    #expect(other.send("maybe").contains("nothing changed"))
    #expect(other.store.profiles[0].clearances == nil)
  }
}
