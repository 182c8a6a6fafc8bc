import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The profile in the store is the only truth: the conversation reads it before every check
/// and changes it one change at a time, so another window's changes are never lost or undone.
@Suite("One source of truth")
struct ProfileTruthTests {
  static let sayings: [(id: String, add: String, remove: String)] = [
    ("anticoagulants", "she is on warfarin", "she is not on warfarin anymore"),
    ("osteoporosis", "she has osteoporosis", "she no longer has osteoporosis"),
    ("dementia", "she has dementia", "she no longer has dementia"),
    ("pacemaker", "she has a pacemaker", "she no longer has a pacemaker"),
    ("heart-failure", "she has heart failure", "she no longer has heart failure"),
  ]

  /// What a plain command typed at the prompt does (`receivers condition add|remove Ann X`):
  /// the same store operation another window would run.
  static func runPlain(_ words: [String], _ store: MemoryStore, at: Date) {
    guard words.count == 5, words[0] == "receivers", words[1] == "condition" else { return }
    if words[2] == "add" {
      _ = try? store.addCondition(ProfileCondition(id: words[4]), to: "ann", at: at)
    } else {
      _ = try? store.removeCondition(words[4], from: "ann", by: nil, note: nil, at: at)
    }
  }

  @Test(
    "random interleavings of prompt words, prompt commands and another window's changes never lose or resurrect a condition",
    arguments: 0..<24)
  func interleavings(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    var h = Harness(store: store)
    h.send("1")
    var model = Set<String>()
    for _ in 0..<30 {
      let saying = Self.sayings.randomElement(using: &rng)!
      let add = Bool.random(using: &rng)
      var applies = true
      switch Int.random(in: 0..<4, using: &rng) {
      case 0:
        // The caregiver's own words at the prompt, confirmed.
        h.send("tell " + (add ? saying.add : saying.remove))
        if case .confirmingConditions = h.conversation.phase { h.send("yes") }
      case 1:
        // A plain command typed at the prompt.
        let mark = h.ran.count
        h.send("receivers condition \(add ? "add" : "remove") Ann \(saying.id)")
        for words in h.ran[mark...] { Self.runPlain(words, store, at: h.now) }
      case 2:
        // Another window, between two lines typed here.
        Self.runPlain(
          ["receivers", "condition", add ? "add" : "remove", "Ann", saying.id], store, at: h.now)
      default:
        // Words understood, then another window changes the profile before "yes".
        h.send("tell " + (add ? saying.add : saying.remove))
        let other = Self.sayings.randomElement(using: &rng)!
        let otherAdd = Bool.random(using: &rng)
        let understood = h.conversation.phase != .idle
        Self.runPlain(
          ["receivers", "condition", otherAdd ? "add" : "remove", "Ann", other.id], store,
          at: h.now)
        if otherAdd { model.insert(other.id) } else { model.remove(other.id) }
        if case .confirmingConditions = h.conversation.phase { h.send("yes") }
        // Words that named nothing to change (removing what was not there) change nothing.
        applies = understood
      }
      if applies { if add { model.insert(saying.id) } else { model.remove(saying.id) } }
      let stored = Set(store.profiles[0].conditions.map(\.id))
      #expect(stored == model, "seed \(seed): \(h.said.suffix(6))")
      // What is offered matches what is stored now.
      h.send("suggest")
      let expected = try? SafetyChecker(catalog: Fixtures.catalog).check(
        store.profiles[0].conditions(asOf: h.now))
      let offered = h.conversation.offered.map(\.routine.id).sorted()
      let allowed = expected.map { r in
        r.restrictions.verdict.allowsMassage
          ? r.plans.filter { $0.verdict != .excluded }.map(\.routine.id).sorted() : []
      }
      #expect(offered == allowed, "seed \(seed)")
    }
  }

  @Test("a change made in another window counts at once: suggest and start read the file now")
  func otherWindow() throws {
    let store = MemoryStore(profiles: [Profile(id: "dad", name: "Dad")])
    var h = Harness(store: store)
    h.send("1")
    #expect(h.send("suggest").contains("Good to go"))
    try store.addCondition(ProfileCondition(id: "anticoagulants"), to: "dad", at: h.now)
    try store.addCondition(
      ProfileCondition(id: "iv-line", site: .forearm, side: .left), to: "dad", at: h.now)
    let text = h.send("suggest")
    #expect(!text.contains("Good to go"))
    for plan in h.conversation.offered {
      for step in plan.steps where step.isDone {
        #expect(step.pressure.rawValue <= 2)
        if let site = step.site {
          #expect(!BodyRegion(site, side: step.side).overlaps(BodyRegion(.forearm, side: .left)))
        }
      }
    }
    // Another window adds a fever while "tell" waits for yes: the fever stays.
    h.send("tell she has a rash on her back")
    try store.addCondition(ProfileCondition(id: "fever"), to: "dad", at: h.now)
    h.send("yes")
    #expect(
      Set(store.profiles[0].conditions.map(\.id)) == ["anticoagulants", "iv-line", "fever", "rash"])
    #expect(h.send("start 1").contains("Not today"))
  }

  @Test("a fever saved in another window after the ratings: the steps do not begin")
  func otherWindowBeforeFirstStep() throws {
    let store = MemoryStore(profiles: [Profile(id: "dad", name: "Dad")])
    var h = Harness(store: store)
    h.send("1", "start calm-hands", "no", "skip")
    try store.addCondition(ProfileCondition(id: "fever"), to: "dad", at: h.now)
    let ready = h.send("")
    #expect(ready.contains("changed since you began"), "\(ready)")
    #expect(!ready.contains("Step 1"))
    #expect(h.sessions.isEmpty)
    #expect(h.send("start calm-hands").contains("Not today"))
  }

  @Test("a broken profile is named, nothing is offered for them, nothing is written over it")
  func unreadable() {
    let store = MemoryStore(profiles: [
      Profile(id: "ann", name: "Ann"),
      Profile(id: "mum", name: "Mum", conditions: [ProfileCondition(id: "anticoagulants")]),
    ])
    store.breakProfile(
      "mum",
      problem: Message(
        "receivers.error.unreadable",
        ["file": .text("mum/profile.json:3"), "reason": .text("[conditions[0].id] bad")]))
    var h = Harness(store: store)
    #expect(h.text.contains("mum (their profile cannot be read)"))
    #expect(h.text.contains("mum/profile.json:3 could not be read: [conditions[0].id] bad"))
    #expect(h.text.contains("I will not write over it"))
    let mum = h.send("Mum")
    #expect(mum.contains("I offer no routine for them"))
    #expect(h.conversation.currentID == nil)
    #expect(h.send("2").contains("I offer no routine for them"))
    #expect(h.conversation.currentID == nil)
    store.breakProfile(
      "dad-smith",
      problem: Message("receivers.error.unreadable", ["file": .text("d"), "reason": .text("r")]))
    #expect(h.send("Dad Smith").contains("I will not add a new one over it"))
    #expect(h.conversation.currentID == nil)
    #expect(store.profiles.count == 2)
    // The others still work.
    h.send("Ann")
    #expect(h.send("suggest").contains("Routines for today"))
  }

  @Test("the profile broken while chosen: suggest, show and start offer nothing and say why")
  func brokenWhileChosen() {
    let store = MemoryStore(profiles: [Profile(id: "ann", name: "Ann")])
    var h = Harness(store: store)
    h.send("1")
    store.breakProfile(
      "ann",
      problem: Message("receivers.error.unreadable", ["file": .text("f:2"), "reason": .text("r")]))
    for line in ["suggest", "show quick-hands", "start quick-hands"] {
      let text = h.send(line)
      #expect(text.contains("f:2 could not be read"), "\(line)")
      #expect(!text.contains("Step 1"), "\(line)")
    }
    #expect(h.conversation.offered.isEmpty)
  }
}

@Suite("Red flags and the today check")
struct RedFlagFirstTests {
  @Test("the instruction comes before any question about saving; no keeps it standing")
  func instructionFirst() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")], emergency: "999")
    h.send("1")
    let text = h.send("her face is drooping and her speech is slurred")
    let call = try? #require(text.range(of: "Call 999 now"))
    let ask = try? #require(text.range(of: "Shall I also save it"))
    if let call, let ask { #expect(call.lowerBound < ask.lowerBound) }
    let no = h.send("no")
    #expect(no.contains("Not saved. What I said above still stands"))
    #expect(h.store.profiles[0].conditions.isEmpty)
    // Not saved, but it still stands for this conversation: nothing is offered.
    let suggest = h.send("suggest")
    #expect(suggest.contains("Do not massage"), "\(suggest)")
    #expect(!suggest.contains("start 1"))
    #expect(h.send("start calm-hands").contains("Not today") || h.sessions.isEmpty)
    // Closed honestly, it stops standing.
    // Seen by nobody named yet: asked who from the care team saw her.
    let seen = h.send("tell she was seen, it was not a stroke")
    #expect(seen.contains("Who from the care team saw them?"), "\(seen)")
    let who = h.send("Dr Lee")
    let after = h.send("suggest")
    #expect(after.contains("start 1"), "\(seen)\n--\n\(who)\n--\n\(after)")
  }

  @Test("a red flag in a stop reason, a note or a feeling gets its instruction at once")
  func redFlagInNotes() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start feet-quick", "no", "skip", "")
    h.key(.stop)
    let reason = h.send("her left calf is warm and swollen")
    #expect(reason.contains("Stop. Do not massage today."))
    #expect(reason.contains("type: tell her left calf"))
    // Nothing routine after the call: no ratings, no water; the session is logged as stopped.
    #expect(!reason.contains("How are they now"), "\(reason)")
    #expect(!reason.contains("drink of water"))
    #expect(h.sessions.count == 1)
    #expect(h.sessions.first?.stopReason == "her left calf is warm and swollen")
    // Not saved, it still stands for the conversation: no routine is offered on top of it.
    let suggest = h.send("suggest")
    #expect(suggest.contains("Do not massage"), "\(suggest)")
    #expect(!suggest.contains("start 1"))
    let feel = h.send("feel", "she has chest pain now")
    #expect(feel.contains("Call 911 now"))
    #expect(h.store.profiles[0].conditions.isEmpty)
  }

  @Test("a red flag picked by number at the intake gets its instruction before where or when")
  func intakePick() {
    var h = Harness()
    h.send("Ann")
    let text = h.send("1")
    #expect(text.contains("Stop. Do not massage today."))
  }

  @Test("before every start: one word when nothing is new; 'no ..., no ..., all fine' is no")
  func todayCheck() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1")
    let asked = h.send("start quick-hands")
    #expect(asked.contains("is anything new with Ann today?"))
    #expect(asked.contains("fever"))
    #expect(h.send("no chest pain, no swelling, all fine").contains("Who is answering?"))
    h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start quick-hands")
    #expect(h.send("no").contains("Who is answering?"))
  }

  @Test("what the today check finds is confirmed and saved; a fever means not today")
  func todayFinds() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start quick-hands")
    let found = h.send("she has a fever of 38.5")
    #expect(found.contains("What I understood"))
    let saved = h.send("yes")
    #expect(saved.contains("Saved: Fever"))
    #expect(saved.contains("Not today"))
    #expect(!saved.contains("Who is answering?"))
    #expect(h.store.profiles[0].conditions.map(\.id) == ["fever"])
  }

  @Test("a red flag names the region's number in every line, or says how to set the region")
  func redFlagNumber() {
    var gb = Harness(profiles: [Profile(id: "ann", name: "Ann")], emergency: "999")
    gb.send("1")
    let text = gb.send("she has chest pain")
    #expect(text.contains("Call 999 now"))
    // The call is said once: not again in the rule's own advice (stranger 5, F27).
    #expect(!text.contains("Call the emergency number (999) now"))
    #expect(!text.contains("911"))
    var unknown = Harness(profiles: [Profile(id: "ann", name: "Ann")], emergency: nil)
    unknown.send("1")
    let plain = unknown.send("she has chest pain")
    #expect(plain.contains("Call the emergency number now"))
    #expect(plain.contains("tend settings region"))
    #expect(!plain.contains("911") && !plain.contains("112"))
  }

  @Test("a red flag in the today answer: the instruction first, and no session")
  func todayRedFlag() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start quick-hands")
    let text = h.send("she has chest pain")
    #expect(text.contains("Call 911 now"))
    #expect(!h.send("no").contains("Who is answering?"))
    #expect(h.conversation.session == nil)
  }

  @Test("seen and not a stroke: confirmed, taken off, the journal says who and when")
  func seenCloses() {
    let flagged = Profile(
      id: "dad", name: "Dad", conditions: [ProfileCondition(id: "sudden-weakness-or-numbness")])
    var h = Harness(profiles: [flagged])
    h.send("1")
    let asked = h.send("tell he was seen, it was not a stroke")
    #expect(asked.contains("Who from the care team saw them?"))
    #expect(h.store.profiles[0].conditions.count == 1)
    let closed = h.send("Dr Lee at the ER")
    #expect(closed.contains("with who says so: Dr Lee at the ER"))
    #expect(h.store.profiles[0].conditions.isEmpty)
    let removal = h.entries("dad").compactMap { entry -> (String?, String?)? in
      if case .conditionRemoved(_, let by, let note) = entry { return (by, note) }
      return nil
    }
    #expect(removal.first?.0 == "Dr Lee at the ER")
    #expect(removal.first?.1 == "he was seen, it was not a stroke")
    // "has not been seen" never closes one.
    var h2 = Harness(profiles: [flagged])
    h2.send("1")
    #expect(!h2.send("tell he has not been seen yet").contains("Who from the care team"))
    // Seen by someone who is not the care team: it stays, with its instruction.
    var h3 = Harness(profiles: [flagged])
    h3.send("1", "tell he was seen by his daughter")
    let daughter = h3.send("his daughter")
    #expect(daughter.contains("is not the care team"), "\(daughter)")
    #expect(daughter.contains("Call 911 now"), "\(daughter)")
    #expect(h3.store.profiles[0].conditions.count == 1)
    // Named on the care team in the words: the usual confirm.
    var h4 = Harness(profiles: [flagged])
    h4.send("1")
    #expect(
      h4.send("tell he was seen by the doctor, not a stroke").contains("You say Dad has been seen"))
  }
}

extension RedFlagFirstTests {
  @Test("intake again, 'no' to the urgent ones while a red flag is stored: asked if it is over")
  func intakeAgain() {
    let flagged = Profile(id: "dad", name: "Dad", conditions: [ProfileCondition(id: "chest-pain")])
    var h = Harness(profiles: [flagged])
    h.send("1", "intake")
    #expect(h.send("no").contains("Earlier you told me about: Chest pain or pressure"))
    #expect(h.send("yes").contains("Who from the care team saw them?"))
    // Only the care team lifts a red flag: the caregiver's own name does not.
    let refused = h.send("Ann")
    #expect(refused.contains("Ann is not the care team"), "\(refused)")
    #expect(refused.contains("I stopped the questions"))
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chest-pain"])
    var h3 = Harness(profiles: [flagged])
    h3.send("1", "intake", "no", "yes")
    let closed = h3.send("the nurse, Ann")
    #expect(closed.contains("with who says so: the nurse, Ann"))
    #expect(closed.contains("Medicines"))
    #expect(h3.store.profiles[0].conditions.isEmpty)
    var h2 = Harness(profiles: [flagged])
    h2.send("1", "intake", "no")
    #expect(h2.send("no").contains("I stopped the questions"))
    #expect(h2.store.profiles[0].conditions.map(\.id) == ["chest-pain"])
  }
}

@Suite("Answers mean what they say")
struct AnswerMeaningTests {
  /// Adds Ann and answers the intake up to the surgery group's "when" question.
  static func atKneeWhen() -> Harness {
    var h = Harness()
    h.send("Ann", "no", "no", "no")
    let surgery = h.conversation.rules(inGroup: 3).map(\.id)
    let n = (surgery.firstIndex(of: "joint-replacement-knee") ?? 0) + 1
    h.send("\(n)", "left knee")
    return h
  }

  @Test(
    "days: '3 weeks ago', 'a fortnight', 'since Tuesday', '10'",
    arguments: [
      ("3 weeks ago", 21), ("a fortnight", 14), ("10", 10), ("two months ago", 60),
    ])
  func days(answer: String, days: Int) {
    var h = Self.atKneeWhen()
    h.send(answer)
    let knee = h.store.profiles[0].conditions.first { $0.id == "joint-replacement-knee" }
    #expect(knee?.condition(asOf: h.now).daysSince == days, "\(answer)")
  }

  @Test("days: 'since Tuesday' counts back to the last Tuesday")
  func sinceTuesday() {
    var h = Self.atKneeWhen()
    h.send("since Tuesday")
    let knee = h.store.profiles[0].conditions.first { $0.id == "joint-replacement-knee" }
    let days = knee?.condition(asOf: h.now).daysSince ?? -1
    #expect((1...7).contains(days))
  }

  @Test("'no ..., no ..., all fine' at an intake question is no")
  func intakeNo() {
    var h = Harness()
    h.send("Ann")
    let text = h.send("no chest pain, no swelling, all fine")
    #expect(text.contains("Medicines"))
    #expect(h.store.profiles[0].conditions.isEmpty)
  }

  @Test(
    "'not sure' and 'no idea' are never a no; 'she's fine' is",
    arguments: [
      ("not sure", false), ("no idea", false), ("she’s fine", true), ("nothing new", true),
      ("no fever, no new swelling", true),
      ("no chest pain but her calf is warm and swollen", false),
    ])
  func none(answer: String, isNone: Bool) {
    let h = Harness()
    #expect(h.conversation.meansNone(answer) == isNone, "\(answer)")
  }

  @Test("at the who prompt a word is a name, 'no' is never a name, a sentence is read")
  func whoPrompt() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    let dad = h.send("Dad")
    #expect(!dad.contains("Did you mean"))
    #expect(dad.contains("I do not know Dad yet"))
    h.send("no")
    #expect(h.send("no").contains("Please type their name"))
    #expect(h.store.profiles.map(\.name) == ["Ann"])
    for name in ["Lou", "Shaw"] {
      #expect(!h.send(name).contains("Did you mean"))
      h.send("no")
    }
    let words = h.send("she has chest pain and cannot breathe")
    #expect(words.contains("Call 911 now"))
    #expect(words.contains("Who is this about?"))
    #expect(h.store.profiles.map(\.name) == ["Ann"])
    let chosen = h.send("Ann")
    #expect(chosen.contains("What I understood"))
  }
}

@Suite("Keys during steps")
struct GuideWordTests {
  @Test("a typed word is never keys: help shows the keys; 'it hurts' waits for a confirmation")
  func words() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start feet-quick", "no", "skip", "")
    #expect(h.conversation.isGuiding)
    #expect(h.send("help").contains("While a step runs"))
    #expect(h.conversation.isGuiding)
    let asked = h.send("it hurts")
    #expect(asked.contains("Did it hurt?"))
    #expect(h.conversation.isGuiding)
    #expect(h.send("no").contains("going on"))
    #expect(h.conversation.isGuiding)
    h.wait(.seconds(25))
    h.send("it hurts")
    #expect(h.send("yes").contains("Where did it hurt"))
    h.send("", "skip", "", "declined")
    let session = h.sessions.last
    #expect(session?.stoppedEarly == true)
    #expect(session?.stopReason == "it hurt")
    #expect(session?.stoppedAtStep == "left-sole")
  }

  @Test("keys: h alone asks; a key other than h or Enter goes on")
  func keys() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")])
    h.send("1", "start feet-quick", "no", "skip", "")
    h.key(.hurts)
    h.key(.back)
    #expect(h.conversation.isGuiding)
    h.key(.hurts)
    #expect(h.key(.confirm).contains("Where did it hurt"))
  }
}
