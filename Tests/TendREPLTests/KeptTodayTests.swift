import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// "Keep it for today" survives a restart the same day (the outside nurse's finding, left open
/// last round), and lapses with the day.
@Suite("Kept for today, across a restart")
struct KeptTodayTests {
  static let picc = "she got a new PICC in her left arm yesterday"

  /// Ann, no conditions stored; the caregiver says the PICC and answers no to saving.
  static func keptByFirstConversation(_ store: MemoryStore, now: Date) {
    var h = Harness(now: now, store: store)
    h.send("1", Self.picc)
    let kept = h.send("no")
    #expect(kept.contains("I will keep it for today"))
    h.send("quit")
  }

  @Test("a new conversation the same day says what is kept and plans with it")
  func sameDay() throws {
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    let now = Date()
    Self.keptByFirstConversation(store, now: now)
    #expect(try store.keptToday(of: "ann", day: CalendarDay.format(now)).map(\.id) == ["iv-line"])
    var again = Harness(now: now.addingTimeInterval(60), store: store)
    let chosen = again.send("1")
    #expect(chosen.contains("Kept for today from earlier (not in Ann's profile): IV"))
    #expect(chosen.contains("left"))
    let plan = again.send("show hand-and-arm-warmth")
    #expect(plan.contains("left out") || plan.contains("right side only"), "\(plan)")
    // Nothing went into the profile.
    #expect(try store.profile("ann").conditions.isEmpty)
    // Saying it is gone takes it off what is kept.
    let gone = again.send("the PICC is out now", "yes")
    #expect(gone.contains("Removed"), "\(gone)")
    #expect(try store.keptToday(of: "ann", day: CalendarDay.format(now)).isEmpty)
  }

  @Test("the next day it is not applied, and the today check asks again")
  func nextDay() {
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    let now = Date()
    Self.keptByFirstConversation(store, now: now)
    var tomorrow = Harness(now: now.addingTimeInterval(86_400), store: store)
    let chosen = tomorrow.send("1")
    #expect(!chosen.contains("Kept for today"))
    #expect(tomorrow.conversation.keptForToday("ann").isEmpty)
  }
}

/// The outside nurse's two wording findings: "said by suggest", and notes that kept a fragment.
@Suite("Words kept as they were said")
struct WordsAsSaidTests {
  @Test("a command at 'who says so?' is never taken as a name, and nothing is lifted")
  func commandIsNotAName() throws {
    var h = Harness(profiles: [Profile(id: "joe", name: "Joe")])
    h.send("1", "tell he had chest pain an hour ago", "yes")
    #expect(h.store.profiles[0].conditions.contains { $0.id == "chest-pain" })
    let asked = h.send("tell he was seen by the nurse, it was not his heart", "yes")
    #expect(asked.contains("Who"), "\(asked)")
    let out = h.send("suggest")
    #expect(out.contains("OK, nothing changed."))
    #expect(h.store.profiles[0].conditions.contains { $0.id == "chest-pain" })
    let removals = h.entries("joe").filter {
      if case .conditionRemoved = $0 { true } else { false }
    }
    #expect(removals.isEmpty)
  }

  @Test("a condition saved from a sentence keeps the whole sentence as its note")
  func wholeSentence() throws {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    let words = "she got a new PICC in her left arm yesterday"
    h.send("1", words, "yes")
    let note = h.store.profiles[0].conditions.first { $0.id == "iv-line" }?.note
    #expect(note == words)
  }
}
