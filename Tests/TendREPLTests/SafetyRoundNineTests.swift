import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Safety round 9: a session in one window follows what another window saves while its steps
/// run (F1), a red flag said elsewhere is the next thing said, at a key as at a step (F2).
@Suite("Another window changes the profile during a session (safety round 9)")
struct SafetyRoundNineTests {
  static func person(_ id: String = "mia") -> Profile {
    var p = Profile(id: id, name: id.capitalized)
    p.caregivers = ["Ana"]
    return p
  }

  /// Window A guiding seated-shoulders, at step 1 (30 s), with its store shared.
  static func guiding(_ store: MemoryStore, routine: String = "seated-shoulders") -> Harness {
    var a = Harness(store: store)
    a.send("1")
    a.send("start \(routine)", "no", "", "", "", "", "", "")
    return a
  }

  @Test("F1: a blood thinner saved in another window lowers the pressure of the steps left")
  func bloodThinnerLowersPressure() throws {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    #expect(a.conversation.isGuiding, "\(a.text)")
    #expect(a.text.contains("Step 1 of 12"))
    try store.addCondition(ProfileCondition(id: "anticoagulants"), to: "mia", at: a.now)
    let next = a.wait(.seconds(30))
    #expect(next.contains("changed in another window: Blood thinner medicine"), "\(next)")
    #expect(next.contains("From now on, pressure at most 2"), "\(next)")
    #expect(next.contains("Step 3 ("), "\(next)")
    #expect(next.contains("care team should say yes"), "\(next)")
    #expect(next.contains("Step 2 of 12"), "\(next)")
    // The change is said before the step it applies to.
    let said = try #require(next.range(of: "changed in another window"))
    let step = try #require(next.range(of: "Step 2 of 12"))
    #expect(said.lowerBound < step.lowerBound)
    let third = a.wait(.seconds(60))
    #expect(third.contains("Step 3 of 12"), "\(third)")
    #expect(!third.contains("pressure 3"), "\(third)")
    #expect(!third.contains("kneading,"), "\(third)")
    // Said once: the next steps do not repeat it.
    #expect(!third.contains("another window"), "\(third)")
    a.wait(.seconds(3600))
    a.send("skip", "")
    let log = try #require(a.sessions.last, "\(a.text)")
    #expect(log.pressure <= 2, "\(log)")
    #expect(log.precautions.contains("anticoagulants"))
  }

  @Test("F1: a port saved in another window leaves the neck steps out, saying why")
  func portLeavesStepsOut() throws {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    try store.addCondition(
      ProfileCondition(id: "port", site: .chest, side: .right), to: "mia", at: a.now)
    let next = a.wait(.seconds(30))
    #expect(next.contains("another window"), "\(next)")
    #expect(next.contains("Step 6 (neck"), "\(next)")
    #expect(next.contains("is left out"), "\(next)")
    let rest = a.wait(.seconds(3600))
    #expect(!rest.contains("Step 6 of 12"), "\(rest)")
    #expect(!rest.contains("Step 7 of 12"), "\(rest)")
    #expect(rest.contains("Step 8 of 12") || a.text.contains("Step 8 of 12"), "\(rest)")
    a.send("skip", "")
    let log = try #require(a.sessions.last, "\(a.text)")
    #expect(log.skipped.contains("neck-strokes"), "\(log)")
    #expect(!log.kept.contains("neck-strokes"))
  }

  @Test("F1: a fever saved in another window ends the session with the stop words")
  func feverStops() throws {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    try store.addCondition(ProfileCondition(id: "fever"), to: "mia", at: a.now)
    let next = a.wait(.seconds(30))
    #expect(next.contains("in another window"), "\(next)")
    #expect(next.contains("Stop. Do not massage today."), "\(next)")
    #expect(!next.contains("Step 2 of 12"), "\(next)")
    #expect(!a.conversation.isGuiding)
    #expect(a.sessions.last?.stoppedEarly == true)
  }

  @Test("F1: a profile that cannot be read mid-session stops it, saying why")
  func unreadableProfileStops() {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    store.breakProfile("mia", problem: Message("chat.nothingChanged"))
    let next = a.key(.pause)
    #expect(next.contains("could not read what is saved for"), "\(next)")
    #expect(next.contains("The massage stops here"), "\(next)")
    #expect(!next.contains("Paused"), "\(next)")
    #expect(!a.conversation.isGuiding)
  }

  @Test("F2: a red flag told in another window is the next thing said when a key is pressed")
  func redFlagAtKey() {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    var b = Harness(store: store)
    b.send("1")
    let told = b.send("she has crushing chest pain right now", "no")
    #expect(told.contains("Not saved"), "\(told)")
    let next = a.key(.pause)
    #expect(next.contains("in another window"), "\(next)")
    #expect(next.contains("Call 911 now"), "\(next)")
    #expect(!next.contains("Paused"), "\(next)")
    #expect(!a.conversation.isGuiding)
    #expect(a.sessions.last?.stoppedEarly == true)
  }

  @Test("F2: a red flag logged elsewhere after the ratings stops before step 1 is spoken")
  func redFlagBeforeFirstStep() {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Harness(store: store)
    a.send("1")
    a.send("start seated-shoulders", "no", "", "", "", "", "")
    try? store.append(
      .feeling(ratings: nil, text: "her face is drooping on one side"), at: a.now, to: "mia")
    let begun = a.send("")
    #expect(!begun.contains("Step 1 of"), "\(begun)")
    #expect(begun.contains("Call 911 now"), "\(begun)")
    #expect(!a.conversation.isGuiding)
  }

  @Test("F2: words begun during a step see the red flag first")
  func redFlagAtTyping() {
    let store = MemoryStore(profiles: [Self.person()])
    var a = Self.guiding(store)
    try? store.append(
      .feeling(ratings: nil, text: "she has crushing chest pain"), at: a.now, to: "mia")
    let next = a.typing("s")
    #expect(next.contains("Call 911 now"), "\(next)")
    #expect(!a.conversation.isGuiding)
  }

  @Test("F1 in five languages: the change is said in the chat's language")
  func fiveLanguages() throws {
    let expected = [
      "en": "another window", "es": "otra ventana", "fr": "autre fenêtre", "zh-Hans": "另一个窗口",
      "vi": "cửa sổ khác",
    ]
    for (lang, words) in expected {
      let store = MemoryStore(profiles: [Self.person()])
      var a = Harness(store: store, lang: lang)
      a.send("1")
      let start = a.conversation.words.display("start")
      let yes = lang == "en" ? "no" : (a.conversation.t.list("chat.noWords").first ?? "no")
      a.send("\(start) seated-shoulders", yes, "", "", "", "", "", "")
      #expect(a.conversation.isGuiding, "\(lang): \(a.text)")
      try store.addCondition(ProfileCondition(id: "anticoagulants"), to: "mia", at: a.now)
      let next = a.wait(.seconds(30))
      #expect(next.contains(words), "\(lang): \(next)")
      #expect(!next.contains("%{"), "\(lang): \(next)")
    }
  }

  @Test("Guide: a step ruled out is passed over forwards and back, and never given")
  func guideRulesOut() throws {
    let plan = try #require(
      try SafetyChecker(catalog: Fixtures.catalog).check([], routineID: "seated-shoulders").plans
        .first)
    var guide = Guide(plan: plan)
    _ = guide.ruleOut(1)
    let events = guide.tick(.seconds(30))
    #expect(events.contains(.started(2)), "\(events)")
    #expect(guide.press(.back) == [.started(0)])
    #expect(guide.ruleOut(0) == [.started(2)])
    #expect(guide.stepsSkipped.contains(1))
    #expect(guide.stepsDone.contains(0))
    _ = guide.tick(.seconds(3600))
    #expect(guide.isFinished)
    #expect(!guide.stepsDone.contains(1))
  }
}

/// Safety round 9, F14: the care team's own no is lifted by their yes recorded for it, never by
/// the family's words in the chat.
@Suite("The care team's no and their recorded yes (safety round 9, F14)")
struct CareTeamSaidNoTests {
  static let today = Date()

  static func person(clearance: Bool, givenDaysAgo: Int = 0, saidDaysAgo: Int? = nil) -> Profile {
    var p = Profile(id: "mia", name: "Mia")
    p.caregivers = ["Ana"]
    var no = ProfileCondition(id: "care-team-said-no")
    if let saidDaysAgo {
      no.since = CalendarDay.format(today.addingTimeInterval(-Double(saidDaysAgo) * 86_400))
    }
    p.conditions = [no]
    if clearance {
      let given = today.addingTimeInterval(-Double(givenDaysAgo) * 86_400)
      p.clearances = [
        Clearance(
          id: "c1", from: "Nurse Kim", rules: ["care-team-said-no"], limits: CareLimits(),
          given: CalendarDay.format(given),
          until: CalendarDay.format(given.addingTimeInterval(30 * 86_400)))
      ]
    }
    return p
  }

  @Test("the family's 'the nurse said it's fine' does not lift it, and says how it is lifted")
  func familyWordsDoNotLift() {
    var h = Harness(profiles: [Self.person(clearance: false)])
    h.send("1")
    let said = h.send("the nurse said it's fine")
    #expect(said.contains("words typed here do not lift that"), "\(said)")
    #expect(said.contains("--for care-team-said-no"), "\(said)")
    #expect(h.store.profiles[0].clearances?.isEmpty ?? true)
    let suggest = h.send("suggest")
    #expect(!suggest.contains("Routines for today"), "\(suggest)")
  }

  @Test("their yes recorded for it lifts it: routines are offered and a session starts")
  func recordedYesLifts() {
    var h = Harness(profiles: [Self.person(clearance: true)])
    h.send("1")
    let suggest = h.send("suggest")
    #expect(suggest.contains("Routines for today"), "\(suggest)")
    h.send("start calm-hands", "no", "", "", "", "", "", "")
    #expect(h.conversation.isGuiding, "\(h.text)")
  }

  @Test("a yes given before the no began does not lift it; a no alone stays a postpone")
  func orderMatters() throws {
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let early = Self.person(clearance: true, givenDaysAgo: 5, saidDaysAgo: 1)
    let r1 = try checker.restrictions(
      for: early.conditions(asOf: Self.today), careTeam: early.careTeam, on: Self.today)
    #expect(r1.verdict == .postpone)
    let later = Self.person(clearance: true, givenDaysAgo: 0, saidDaysAgo: 3)
    let r2 = try checker.restrictions(
      for: later.conditions(asOf: Self.today), careTeam: later.careTeam, on: Self.today)
    #expect(r2.verdict.allowsMassage)
    let none = Self.person(clearance: false)
    let r3 = try checker.restrictions(
      for: none.conditions(asOf: Self.today), careTeam: none.careTeam, on: Self.today)
    #expect(r3.verdict == .postpone)
  }

  @Test("a red flag or a fever is still never lifted by an answer")
  func othersStillNever() throws {
    let fever = try #require(Fixtures.catalog.rule("fever"))
    let chest = try #require(Fixtures.catalog.rule("chest-pain"))
    #expect(!CareTeam.canAnswer(fever))
    #expect(!CareTeam.canAnswer(chest))
    let no = try #require(Fixtures.catalog.rule("care-team-said-no"))
    #expect(CareTeam.canAnswer(no))
  }
}
