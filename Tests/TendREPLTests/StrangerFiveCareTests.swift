import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Stranger 5's findings on what Tend says and what it then does: a severe pain rating makes
/// the plan follow "keep to the gentlest touch" (F25); family is not the care team and a red
/// flag is not closed by hearsay or with nobody named (F20); `start N` means the routine the
/// caregiver saw at N (F7).
@Suite("Stranger 5: care-team words and the plan following Tend's advice")
struct StrangerFiveCareTests {
  static func mia(_ conditions: [String] = []) -> Profile {
    Profile(id: "mia", name: "Mia", conditions: conditions.map { ProfileCondition(id: $0) })
  }

  /// Mia with nothing recorded, `calm-hands` started and pain rated `pain` before.
  static func ratedBefore(_ pain: String) -> Harness {
    var h = Harness(profiles: [mia()])
    h.send("1", "start calm-hands", "no", "1", pain, "skip")
    return h
  }

  @Test("F25: pain 10 before lowers every touching step to pressure 1 (the ceiling effect)")
  func ceiling() throws {
    var h = Self.ratedBefore("10")
    let said = h.text
    #expect(said.contains("Pain of 10 out of 10 is severe"))
    #expect(said.contains("the lightest touch (pressure 1)"))
    let plan = try #require(h.conversation.session?.plan)
    let done = plan.steps.filter(\.isDone)
    #expect(!done.isEmpty)
    #expect(done.allSatisfy { $0.pressure <= .light }, "\(done.map(\.pressure))")
    #expect(done.contains { $0.step.id == "left-forearm-glide" && $0.action == .adapt })
    // The guide shows and speaks the same plan, and Enter begins it (not "changed since").
    #expect(h.conversation.session?.guide == Guide(plan: plan))
    let begun = h.send("")
    #expect(!begun.contains("changed since you began"), "\(begun)")
    #expect(begun.contains("Step 1 of"))
    #expect(!begun.contains("pressure 2"), "\(begun)")
  }

  @Test("F25: pain 10 before: no squeezing is kept (gliding instead: the technique effect)")
  func noSqueezing() throws {
    let h = Self.ratedBefore("10")
    let plan = try #require(h.conversation.session?.plan)
    #expect(!plan.steps.contains { $0.isDone && $0.technique == .squeezeRelease })
    let fingers = try #require(plan.steps.first { $0.step.id == "left-fingers" })
    #expect(fingers.isDone && fingers.technique == .gliding && fingers.variant != nil)
  }

  @Test("F25: pain 10 before: no joint circles (the joint-movement effect)")
  func noJointMovement() throws {
    let h = Self.ratedBefore("9")
    let plan = try #require(h.conversation.session?.plan)
    #expect(!plan.steps.contains { $0.isDone && $0.step.jointMovement })
    let wrist = try #require(plan.steps.first { $0.step.id == "left-wrist-circles" })
    #expect(wrist.action == .skip)
    #expect(
      wrist.reasons.contains { $0.key == "plan.skip.jointMovement" }, "\(wrist.reasons)")
  }

  @Test("F25: pain 7 before changes nothing; severe pain after is only told")
  func belowThreshold() throws {
    let h = Self.ratedBefore("7")
    let plan = try #require(h.conversation.session?.plan)
    #expect(!h.text.contains("is severe"))
    #expect(plan.steps.contains { $0.isDone && $0.technique == .squeezeRelease })
    #expect(plan.steps.contains { $0.isDone && $0.pressure == .firm })
  }

  @Test("F25: a routine with nothing gentle enough is not started after severe pain")
  func nothingLeft() throws {
    let catalog = Fixtures.catalog
    // Every routine planned under the severe-pain rule alone: excluded ones are not started.
    for routine in catalog.routines {
      let plan = Planner.plan(routine, under: SeverePain.restrictions)
      #expect(
        plan.steps.filter(\.isDone).allSatisfy {
          $0.pressure <= .light && !$0.step.jointMovement && $0.technique != .squeezeRelease
            && $0.technique != .tapping
        }, "\(routine.id)")
    }
  }

  @Test("F20a: a relative who is a nurse is not the care team")
  func familyIsNotCareTeam() {
    var h = Harness(profiles: [Self.mia(["anticoagulants", "fracture"])])
    h.send("1")
    let out = h.send("my sister is a nurse and said it is fine")
    #expect(out.contains("family and friends are not their care team"), "\(out)")
    #expect(!out.contains("Which ones did they say yes to"))
    #expect(h.store.profiles[0].clearances == nil)
    // A ward sister or a nurse still answers.
    #expect(CareTeamWords.hear("the nurse said it's fine", localizer: Fixtures.english) != nil)
    if case .family = CareTeamWords.answer(
      "her son the doctor said it's fine", localizer: Fixtures.english)
    {
    } else {
      Issue.record("her son the doctor is family")
    }
  }

  @Test("F20a: family words in every language")
  func familyWordsEveryLanguage() throws {
    let lines = [
      "es": "mi hermana es enfermera y dijo que está bien",
      "fr": "ma sœur est infirmière et a dit que c'est bon",
    ]
    for (lang, line) in lines {
      let t = Fixtures.catalog.localizer(lang)
      #expect(!t.list("chat.careteam.familyWords").isEmpty, "\(lang)")
      if case .yes = CareTeamWords.answer(line, localizer: t) {
        Issue.record("\(lang): \(line) heard as the care team")
      }
    }
  }

  @Test("F20b: 'the doctor said it's fine' asks whether she was seen; Enter closes nothing")
  func hearsayDoesNotClose() throws {
    var h = Harness(profiles: [Self.mia(["chest-pain"])])
    h.send("1")
    let asked = h.send("the doctor said it's fine to massage her, she's ok now")
    #expect(asked.contains("Has a doctor or nurse seen or examined Mia"), "\(asked)")
    #expect(!asked.contains("You say Mia has been seen"))
    h.send("yes")
    let empty = h.send("")
    #expect(empty.contains("This stays in force for Mia"), "\(empty)")
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chest-pain"])
  }

  @Test("F20b: seen by Dr Lee closes only with who says so, and says it in good grammar")
  func seenWithName() throws {
    var h = Harness(profiles: [Self.mia(["chest-pain"])])
    h.send("1")
    let asked = h.send("she was seen by Dr Lee at the clinic")
    #expect(asked.contains("You say Mia has been seen"))
    h.send("yes")
    #expect(h.send("").contains("This stays in force"))
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chest-pain"])
    // The caregiver's own name is no clinician (stranger 8, F8): it stays, saying why.
    h.send("she was seen by Dr Lee at the clinic", "yes")
    #expect(h.send("Ana").contains("Ana is not the care team, so this stays in force"))
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chest-pain"])
    h.send("she was seen by Dr Lee at the clinic", "yes")
    let closed = h.send("Dr Lee")
    #expect(closed.contains("with who says so: Dr Lee."), "\(closed)")
    #expect(h.store.profiles[0].conditions.isEmpty)
  }

  @Test(
    "F8 (stranger 8): dr google, google, me, yo never lift a red flag; a clinician does",
    arguments: [
      ("en", "she was seen by dr google, it was nothing", "google"),
      ("en", "she was seen, dr google says it was heartburn", "Dr Google"),
      ("en", "she was seen by doctor youtube", "the doctor"),
      ("en", "she was seen by Dr Lee", "me"),
      ("es", "ya la vio el doctor google, no era nada", "yo"),
      ("es", "ya la vio el doctor google, no era nada", "el doctor google"),
    ])
  func noClinicianNeverLifts(_ lang: String, _ said: String, _ who: String) throws {
    var h = Harness(profiles: [Self.mia(["chest-pain"])], lang: lang)
    h.send("1")
    h.send(said)
    h.send(lang == "es" ? "sí" : "yes")
    let out = h.send(who)
    #expect(!out.contains(lang == "es" ? "Quitado" : "Removed"), "\(out)")
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chest-pain"], "\(out)")
  }

  @Test("F7: start N after the facts changed starts the routine seen at N, named")
  func startNumberMeansTheListSeen() throws {
    let store = MemoryStore(profiles: [Self.mia()])
    var b = Harness(store: store)
    b.send("1")
    let list = b.send("suggest")
    let seen = try #require(
      b.conversation.offered.indices.contains(2) ? b.conversation.offered[2] : nil)
    #expect(list.contains(" 3."))
    // Another window saves a PICC line in the right arm and a blood thinner.
    try store.addCondition(
      ProfileCondition(id: "iv-line", site: .upperArm, side: .right), to: "mia", at: Date())
    try store.addCondition(ProfileCondition(id: "anticoagulants"), to: "mia", at: Date())
    let out = b.send("start 3")
    let title = Fixtures.english(seen.routine.titleKey)
    #expect(out.contains("3 is still \(title)"), "\(out)")
    #expect(b.conversation.phase == .todayCheck(seen.routine.id) || out.contains("not today"))
  }

  @Test("F7: after 'changed since you began', start N still means the routine seen at N")
  func startNumberAfterChangedBeforeStart() throws {
    let store = MemoryStore(profiles: [Self.mia()])
    var b = Harness(store: store)
    b.send("1", "suggest")
    let seen = b.conversation.offered[2]
    b.send("start 3", "no", "1", "skip")
    #expect(b.text.contains("Enter to begin") || b.text.contains("Press Enter to begin"))
    try store.addCondition(
      ProfileCondition(id: "iv-line", site: .upperArm, side: .right), to: "mia", at: Date())
    try store.addCondition(
      ProfileCondition(id: "fracture", site: .forearm, side: .left), to: "mia", at: Date())
    #expect(b.send("").contains("changed since you began"))
    let out = b.send("start 3")
    let title = Fixtures.english(seen.routine.titleKey)
    #expect(out.contains("3 is still \(title)"), "\(out)")
    #expect(b.conversation.offered[2].routine.id == seen.routine.id)
  }

  @Test("a list shown for one person is not another's: choosing someone else forgets it")
  func listForgottenOnAnotherPerson() throws {
    let bo = Profile(
      id: "bo", name: "Bo", conditions: [ProfileCondition(id: "fracture", site: .hand, side: .left)]
    )
    let store = MemoryStore(profiles: [Self.mia(), bo])
    var b = Harness(store: store)
    b.send("1", "suggest")
    #expect(!b.conversation.offered.isEmpty)
    b.send("who", "2")
    #expect(b.conversation.offered.isEmpty)
  }
}
