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
    let heard = try #require(CareTeamWords.hear("Kim \(phrase), \(gentle)", localizer: t))
    #expect(heard.from == "Kim")
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
}
