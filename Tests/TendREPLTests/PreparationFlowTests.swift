import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The preparation in the conversation: after the ratings before, just before step 1;
/// Enter records it gone through, `skip` records it skipped; it is remembered for the day.
@Suite("Preparation in the conversation")
struct PreparationFlowTests {
  static func mum() -> Harness {
    let mum = Profile(
      id: "mum", name: "Mum",
      conditions: [
        ProfileCondition(id: "lotion-allergy-nut"),
        ProfileCondition(id: "port", site: .chest, side: .right),
        ProfileCondition(id: "joint-replacement-knee", site: .knee, side: .left, daysSince: 10),
      ])
    var h = Harness(profiles: [mum])
    h.send("Mum")
    return h
  }

  /// Runs a started session to its end: steps, ratings after skipped, no note, water given.
  static func finish(_ h: inout Harness) {
    h.wait(.seconds(3600))
    h.send("skip", "", "given")
  }

  @Test("shown after the ratings and before step 1, fitted to Mum; Enter records it prepared")
  func prepared() throws {
    var h = Self.mum()
    let before = h.send("start lower-legs-light", "no", "skip")
    #expect(before.contains("Before you start (under a minute):"))
    #expect(before.contains("Nut allergy: no nut oils at all."))
    #expect(before.contains("Their port (right chest): do not let them lie on it"))
    #expect(before.contains("The new knee (left knee): leave it out, put nothing under it"))
    #expect(!before.contains("a pillow under the knees"))
    #expect(!before.contains("Use a plain lotion they already use"))
    #expect(!before.contains("Step 1 of"))
    let ratings = try #require(before.range(of: "a quick check, from 0 to 10"))
    #expect(ratings.upperBound < before.range(of: "Before you start")!.lowerBound)
    #expect(before.contains("Press Enter to begin"))
    #expect(h.send("").contains("Step 1 of"))
    Self.finish(&h)
    let session = try #require(h.sessions.last)
    #expect(session.preparation == .prepared)
    #expect(session.preparedItems.contains("keep-off-port@port@right-chest"))
    #expect(session.preparedItems.contains("lotion-nut:lotion-allergy-nut"))
  }

  @Test("remembered for the day: the next session says so; a new condition shows only what is new")
  func rememberedForTheDay() throws {
    var h = Self.mum()
    h.send("start lower-legs-light", "no", "skip", "")
    Self.finish(&h)
    let again = h.send("start lower-legs-light", "no", "skip")
    #expect(again.contains("You went through the preparation earlier today."))
    #expect(!again.contains("Before you start"))
    h.send("")
    Self.finish(&h)
    #expect(h.sessions.last?.preparation == .earlier)
    // A wound on the right foot, added today: only its lines are new.
    try h.store.addCondition(
      ProfileCondition(id: "open-wound", site: .foot, side: .right), to: "mum", at: h.now)
    let third = h.send("start lower-legs-light", "no", "skip")
    #expect(third.contains("New since then:"))
    #expect(third.contains("No lotion, oil or cream on the right foot"))
    #expect(third.contains("The wound or sore (right foot): do not let them lie on it."))
    #expect(!third.contains("Nut allergy"))
    h.send("")
    Self.finish(&h)
    #expect(h.sessions.last?.preparation == .prepared)
  }

  @Test("remembered across conversations through the journal's sessions of today")
  func rememberedAcrossConversations() throws {
    var h = Self.mum()
    h.send("start lower-legs-light", "no", "skip", "")
    Self.finish(&h)
    var again = Harness(store: h.store)
    again.send("Mum")
    let text = again.send("start lower-legs-light", "no", "skip")
    #expect(text.contains("You went through the preparation earlier today."))
    #expect(!text.contains("Before you start"))
  }

  @Test("skip begins without it, records it skipped, and it is offered again next time")
  func skipped() throws {
    var h = Self.mum()
    h.send("start lower-legs-light", "no", "skip")
    let begun = h.send("skip")
    #expect(begun.contains("Skipped for now."))
    #expect(begun.contains("Step 1 of"))
    h.key(.stop)
    h.send("tired", "skip", "", "given")
    let session = try #require(h.sessions.last)
    #expect(session.preparation == .skipped)
    #expect(session.stoppedEarly)
    #expect(session.preparedItems.isEmpty)
    let next = h.send("start lower-legs-light", "no", "skip")
    #expect(next.contains("Before you start (under a minute):"))
  }

  @Test("cancel at the last prompt still drops the session, and nothing is logged")
  func cancel() {
    var h = Self.mum()
    h.send("start lower-legs-light", "no", "skip")
    #expect(h.send("cancel").contains("OK, not now."))
    #expect(h.sessions.isEmpty)
    #expect(!h.conversation.isGuiding)
  }

  @Test("in Spanish, the same lines in Spanish")
  func spanish() throws {
    let mum = Profile(
      id: "mum", name: "Mum",
      conditions: [ProfileCondition(id: "lotion-allergy-nut")], language: "es")
    let store = MemoryStore(profiles: [mum])
    let t = Fixtures.catalog.localizer("es")
    var c = Conversation(
      Conversation.Context(catalog: Fixtures.catalog, localizer: t, store: store))
    _ = c.start()
    var said: [String] = []
    for line in ["Mum", "start calm-hands", "no", "skip"] {
      for case .say(let text) in c.handle(.line(line)) { said.append(text) }
    }
    let text = said.joined(separator: "\n")
    #expect(text.contains("Antes de empezar (menos de un minuto):"))
    #expect(text.contains("Alergia a los frutos secos: nada de aceites de frutos secos."))
  }
}
