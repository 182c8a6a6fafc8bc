import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Outside tester, round 5: removals name their place, a journal that cannot be read, two
/// windows on one person, and Tend closed during a session.
@Suite("Removals, journal and two windows (outside tester, round 5)")
struct RoundFiveTests {
  static func person(_ conditions: [ProfileCondition], id: String = "ka") -> Profile {
    var p = Profile(id: id, name: id.capitalized)
    p.caregivers = ["Ana"]
    p.conditions = conditions
    return p
  }

  static let ivs = [
    ProfileCondition(id: "iv-line", site: .arm, side: .left),
    ProfileCondition(id: "iv-line", site: .arm, side: .right),
  ]

  /// A conversation with `profile` chosen, at the main prompt.
  static func chosen(_ profile: Profile, store: MemoryStore? = nil, lang: String = "en")
    -> Harness
  {
    var h = Harness(profiles: [profile], store: store, lang: lang)
    h.send("1")
    return h
  }

  @Test("F32: the IV in the LEFT arm taken out removes only the left one; the right one stays")
  func removesOnlyTheSideNamed() {
    var h = Self.chosen(Self.person(Self.ivs))
    let asked = h.send("the iv in her left arm was taken out")
    #expect(asked.contains("(left arm) (no longer there)"), "\(asked)")
    #expect(asked.contains("(right arm) stays"), "\(asked)")
    h.send("yes")
    #expect(h.store.profiles[0].conditions == [Self.ivs[1]])
    let removed = h.entries("ka").filter {
      if case .conditionRemoved = $0 { true } else { false }
    }
    #expect(removed == [.conditionRemoved(Self.ivs[0], by: nil, note: nil)])
  }

  @Test("F32: no side named among two: nothing is taken off, the caregiver is asked which")
  func asksWhichWhenNoSide() {
    var h = Self.chosen(Self.person(Self.ivs))
    let text = h.send("the iv was taken out")
    #expect(text.contains("Which one is gone?"), "\(text)")
    h.send("yes")
    #expect(h.store.profiles[0].conditions == Self.ivs)
  }

  @Test(
    "F32 in Spanish and French: the left arm's drip taken out leaves the right one",
    arguments: [
      ("es", "ya le quitaron el suero del brazo izquierdo", "sí"),
      ("fr", "on lui a retiré la perfusion du bras gauche", "oui"),
    ])
  func removesOnlyTheSideNamedInOtherLanguages(lang: String, words: String, yes: String) {
    var h = Harness(profiles: [Self.person(Self.ivs)], lang: lang)
    h.send("1")
    h.send(words, yes)
    #expect(h.store.profiles[0].conditions == [Self.ivs[1]], "\(h.text)")
  }

  @Test("F34: the stitches from her surgery came out: the operation stays on the profile")
  func stitchesOutIsNotTheSurgeryOver() {
    let surgery = ProfileCondition(id: "recent-surgery", site: .chest, side: .left)
    var h = Self.chosen(Self.person([surgery]))
    let text = h.send("the stitches from her surgery came out")
    #expect(text.contains("stays: the words say a part of it ended"), "\(text)")
    h.send("yes")
    #expect(h.store.profiles[0].conditions.contains(surgery))
    #expect(
      !h.entries("ka").contains {
        if case .conditionRemoved = $0 { true } else { false }
      })
  }

  @Test("F33: seen for the chest pain closes the chest pain only; the suspected clot stays")
  func seenClosesOnlyTheFlagNamed() {
    let flags = [ProfileCondition(id: "chest-pain"), ProfileCondition(id: "dvt-suspected")]
    var h = Self.chosen(Self.person(flags, id: "rf"))
    let asked = h.send("she was seen by Dr Lee for the chest pain, it was indigestion")
    #expect(!asked.contains("Possible new blood clot?"), "\(asked)")
    h.send("yes", "Dr Lee")
    #expect(h.store.profiles[0].conditions.map(\.id) == ["dvt-suspected"], "\(h.text)")
    #expect(h.send("suggest").contains("Do not massage"))
  }

  @Test("F33: seen, naming no red flag, with two in force: ask which; nothing is closed")
  func seenNamingNoneAsks() {
    let flags = [ProfileCondition(id: "chest-pain"), ProfileCondition(id: "dvt-suspected")]
    var h = Self.chosen(Self.person(flags, id: "rf"))
    let text = h.send("she was seen by Dr Lee, all fine")
    #expect(text.contains("Which one were they seen for?"), "\(text)")
    #expect(h.store.profiles[0].conditions.count == 2)
  }

  @Test("F19: a journal that cannot be read: said so by name, no routine offered, none started")
  func unreadableJournalFailsClosed() {
    let store = MemoryStore(profiles: [Self.person([], id: "pat")])
    store.breakJournal(
      "pat",
      problem: Message(
        "journal.storage.denied",
        ["path": .text("/home/receivers/pat/journal.jsonl"), "reason": .text("errno 13")]))
    var h = Self.chosen(Self.person([], id: "pat"), store: store)
    #expect(h.text.contains("/home/receivers/pat/journal.jsonl"))
    let suggest = h.send("suggest")
    #expect(suggest.contains("Tend offers no routine"), "\(suggest)")
    #expect(!suggest.contains("Routines for today"))
    let start = h.send("start 1")
    #expect(!start.contains("Before we start"), "\(start)")
    #expect(!h.conversation.isGuiding)
  }

  @Test("F16: a red flag saved in another window stops the session at the next step")
  func otherWindowRedFlagStopsSession() {
    let store = MemoryStore(profiles: [Self.person([], id: "mia")])
    var b = Self.chosen(Self.person([], id: "mia"), store: store)
    b.send("start back-of-neck-seated", "no", "", "", "", "", "", "")
    #expect(b.conversation.isGuiding, "\(b.text)")
    var a = Self.chosen(Self.person([], id: "mia"), store: store)
    a.send("she has crushing chest pain right now", "yes")
    #expect(store.profiles[0].conditions.map(\.id).contains("chest-pain"))
    let text = b.wait(.seconds(3600))
    #expect(text.contains("in another window"), "\(text)")
    #expect(text.contains("Call 911 now"))
    #expect(!text.contains("How are they now"))
    #expect(!b.conversation.isGuiding)
    #expect(b.sessions.last?.stoppedEarly == true)
  }

  @Test("round 7: a red flag said, not saved, in another window holds at this window's start")
  func otherWindowUnsavedRedFlagHoldsAtStart() {
    let store = MemoryStore(profiles: [Self.person([], id: "rosa")])
    var b = Self.chosen(Self.person([], id: "rosa"), store: store)
    #expect(b.send("suggest").contains("Routines for today"))
    var a = Self.chosen(Self.person([], id: "rosa"), store: store)
    let said = a.send("tell his calf is red hot and swollen", "no")
    #expect(said.contains("Not saved"), "\(said)")
    let start = b.send("start lower-legs-light")
    #expect(!start.contains("Before we start"), "\(start)")
    #expect(start.contains("Do not massage"), "\(start)")
    #expect(!b.conversation.isGuiding)
  }

  @Test("F26: what one window keeps for today, the other window's suggest follows")
  func keptForTodaySharedBetweenWindows() {
    let store = MemoryStore(profiles: [Self.person([], id: "oli")])
    var a = Self.chosen(Self.person([], id: "oli"), store: store)
    var b = Self.chosen(Self.person([], id: "oli"), store: store)
    #expect(b.send("suggest").contains("Routines for today"))
    let kept = a.send("she has a temperature of 38.9 and shingles blisters on her back", "no")
    #expect(kept.contains("keep it for today"), "\(kept)")
    let text = b.send("suggest")
    #expect(!text.contains("Routines for today"), "\(text)")
  }

  @Test("F24: Tend closed during a step: the session is logged stopped early, ratings kept")
  func closingLogsTheSession() {
    var h = Self.chosen(Self.person([], id: "hu"))
    h.send("start back-of-neck-seated", "no", "", "4", "5", "", "", "")
    #expect(h.conversation.isGuiding, "\(h.text)")
    h.apply(h.conversation.closing())
    let session = h.sessions.last
    #expect(session?.stoppedEarly == true)
    #expect(session?.stopReason?.contains("Tend was closed") == true)
    #expect(session?.before?.scores.isEmpty == false)
    #expect(session?.stoppedAtStep != nil)
    #expect(h.quit)
  }
}
