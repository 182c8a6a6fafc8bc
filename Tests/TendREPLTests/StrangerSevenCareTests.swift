import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The outside tester's round-7 findings F4 and F6-F11, in process (the real binary on a
/// terminal is in `StrangerSevenCareSessionTests`).
@Suite("Stranger 7 (care): the conversation's words")
struct StrangerSevenCareTests {
  // MARK: F4: a lotion step skipped live

  @Test("F4: the lotion step skipped with s: the step that follows lotion says its .alone words")
  func lotionSkippedLive() throws {
    var guide = Guide(plan: GuideTests.plan("evening-wind-down"))
    let lotion = try #require(guide.steps.firstIndex { $0.step.uses.contains(.lotion) })
    let forehead = try #require(guide.steps.firstIndex { $0.step.id == "forehead-strokes" })
    let withLotion = "routine.evening-wind-down.step.forehead-strokes"
    #expect(guide.steps[forehead].textKey == withLotion)
    // Done to its end: the words take the lotion for granted.
    var done = guide
    for _ in 0..<forehead { _ = done.tick(.seconds(done.current!.step.seconds)) }
    #expect(done.index == forehead)
    #expect(done.textKey(at: forehead) == withLotion)
    // Skipped with s (even after part of its time): not done, so nothing was put on.
    for i in 0..<forehead {
      if i == lotion { _ = guide.tick(.seconds(5)) }
      _ = guide.press(.skip)
    }
    #expect(guide.index == forehead)
    #expect(guide.textKey(at: forehead) == withLotion + ".alone")
    // A step before it that ran to its end but puts nothing on changes nothing.
    #expect(!guide.stepsSkipped.contains(forehead))
  }

  @Test("F4: going back and doing the lotion step to its end brings the lotion words back")
  func lotionDoneAfterBack() throws {
    var guide = Guide(plan: GuideTests.plan("calm-hands"))
    let follower = try #require(guide.steps.firstIndex { $0.step.follows == .lotion })
    let lotion = try #require(guide.steps.firstIndex { $0.step.uses.contains(.lotion) })
    for _ in 0..<follower { _ = guide.press(.skip) }
    #expect(guide.textKey(at: follower).hasSuffix(".alone"))
    while guide.index > lotion { _ = guide.press(.back) }
    _ = guide.tick(.seconds(guide.current!.step.seconds))
    while guide.index < follower { _ = guide.press(.skip) }
    #expect(!guide.textKey(at: follower).hasSuffix(".alone"))
  }

  // MARK: F6: tell that finds nothing to change

  static func bob() -> Harness {
    var h = Harness(profiles: [Profile(id: "bob", name: "Bob")])
    h.send("1")
    return h
  }

  @Test("F6: tell with nothing to change says what check --text says, not 'did not understand'")
  func tellNothing() {
    var h = Self.bob()
    let t = Fixtures.english
    let tea = h.send("tell she likes tea")
    #expect(tea.contains(t("recognize.nothing")), "\(tea)")
    #expect(!tea.contains(t("chat.notUnderstood")), "\(tea)")
    // What was read and left out follows, as at check.
    let fever = h.send("tell she has no fever")
    #expect(fever.hasPrefix(t("recognize.nothing")), "\(fever)")
    #expect(fever.contains("Not counted, because you said it is not there: Fever"), "\(fever)")
    // Words Tend cannot place fail closed, shown as check shows them, and asked to be saved.
    let unplaced = h.send("tell she has a frobnitz on her arm")
    #expect(unplaced.contains("Something Tend could not place"), "\(unplaced)")
    #expect(unplaced.contains("I could not place “frobnitz”"), "\(unplaced)")
    #expect(h.conversation.phase.isConfirming, "\(unplaced)")
  }

  @Test("F6: in Spanish too")
  func tellNothingSpanish() {
    var h = Harness(profiles: [Profile(id: "bob", name: "Bob")], lang: "es")
    h.send("1")
    let t = Fixtures.catalog.localizer("es")
    let reply = h.send("decir le gusta el té")
    #expect(reply.contains(t("recognize.nothing")), "\(reply)")
    #expect(!reply.contains(t("chat.notUnderstood")), "\(reply)")
  }

  // MARK: F7: a command typed at a yes/no prompt

  @Test("F7: a command at yes or no is neither kept nor run; the question is asked again")
  func commandAtYesNo() throws {
    var h = Self.bob()
    let t = Fixtures.english
    h.send("tell she suddenly can't lift her left arm")
    #expect(h.conversation.phase.isConfirming)
    let logged = h.store.journal["bob"]?.count ?? 0
    for line in ["start calm-hands", "suggest", "summary", "check --condition fever", "start 2"] {
      let reply = h.send(line)
      #expect(reply.contains("is a command, so I did not keep it or run it"), "\(line): \(reply)")
      #expect(reply.contains(t("chat.yesOrNo")), "\(line): \(reply)")
      #expect(!reply.contains(t("chat.offScript.keptJournal")), "\(line): \(reply)")
      #expect(h.conversation.phase.isConfirming, "\(line)")
    }
    #expect((h.store.journal["bob"]?.count ?? 0) == logged)
    #expect(h.ran.isEmpty)
    // Words that only begin with a command word are still words about the person.
    let words = h.send("start of the day she was fine")
    #expect(words.contains(t("chat.offScript.keptJournal")), "\(words)")
    // The answer still works.
    #expect(h.send("no").contains("Not saved"))
  }

  @Test("F7: a red flag in words typed at yes or no still stops, command word or not")
  func redFlagAtYesNoStillStops() {
    var h = Self.bob()
    h.send("tell she has a new PICC line in her left arm")
    #expect(h.conversation.phase.isConfirming)
    let reply = h.send("tell his calf is red hot and swollen")
    #expect(reply.contains("Stop. Do not massage today."), "\(reply)")
    #expect(reply.contains("Call their care team now."), "\(reply)")
    #expect(!reply.contains("is a command"), "\(reply)")
    #expect(h.conversation.phase == .idle)
  }

  @Test("F7: in Spanish: sentir and empezar at sí o no are commands")
  func commandAtYesNoSpanish() {
    var h = Harness(profiles: [Profile(id: "bob", name: "Bob")], lang: "es")
    h.send("1")
    h.send("decir tiene fiebre")
    #expect(h.conversation.phase.isConfirming)
    let t = Fixtures.catalog.localizer("es")
    for line in ["sentir", "empezar manos-en-calma"] {
      let reply = h.send(line)
      #expect(reply.contains("es una orden"), "\(line): \(reply)")
      #expect(reply.contains(t("chat.yesOrNo")), "\(line): \(reply)")
    }
  }

  // MARK: F8: start N while a red flag stands

  @Test("F8: start 3 with a red flag standing gives the red flag, as start <id> does")
  func startNumberUnderRedFlag() {
    var h = Self.bob()
    h.send("tell she has chest pain", "no")
    let byNumber = h.send("start 3")
    #expect(!byNumber.contains("There is no routine with that number"), "\(byNumber)")
    #expect(byNumber.contains("No massage today."), "\(byNumber)")
    #expect(byNumber.contains("Call 911 now."), "\(byNumber)")
    let byID = h.send("start calm-hands")
    #expect(byID.contains("No massage today.") && byID.contains("Call 911 now."), "\(byID)")
    // With no red flag, a number past the list is still a slip.
    var ok = Self.bob()
    #expect(ok.send("start 99").contains("There is no routine with that number"))
  }

  // MARK: F11

  @Test("F11: a place said back has no brackets inside brackets, in every language")
  func noNestedBrackets() {
    for lang in ["en", "es", "fr", "zh-Hans", "vi"] {
      let t = Fixtures.catalog.localizer(lang)
      for side in [Side.left, .right, nil] {
        let text = t.aside(BodyRegion(.hand, side: side))
        let opens = text.filter { "(（".contains($0) }.count
        #expect(opens == 1, "\(lang): \(text)")
        #expect(text.contains(t("site.hand")), "\(lang): \(text)")
      }
    }
    let es = Fixtures.catalog.localizer("es")
    #expect(es.aside(BodyRegion(.hand, side: .left)) == " (mano, lado izquierdo)")
    #expect(Fixtures.english.aside(BodyRegion(.hand, side: .left)) == " (left hand)")
    #expect(Fixtures.english.aside(BodyRegion(.hand, side: nil)) == " (hand, both sides)")
    #expect(Fixtures.catalog.localizer("zh-Hans").aside(BodyRegion(.hand, side: nil)) == "（手、两侧）")
  }

  @Test("F11: after words at the intake, the same list comes with how to go on")
  func intakeAgainSaysHow() {
    var h = Harness()
    h.send("Ann")
    let reply = h.send("she is on warfarin")
    #expect(reply.contains("yes or no") || h.conversation.phase.isConfirming, "\(reply)")
    let again = h.send("yes")
    #expect(again.contains(Fixtures.english("intake.groupAgain")), "\(again)")
    let no = h.send("no")
    #expect(!no.contains(Fixtures.english("intake.groupAgain")), "\(no)")
  }

  @Test("F11: --home typed alone at the prompt is refused as after a command")
  func homeAlone() {
    var h = Self.bob()
    for line in ["--home /tmp/x", "--home=/tmp/x", "--data /tmp/y"] {
      let reply = h.send(line)
      #expect(reply.contains("is not taken inside a conversation"), "\(line): \(reply)")
      #expect(h.ran.isEmpty)
    }
  }
}

extension Conversation.Phase {
  /// At "Shall I save it? yes or no".
  fileprivate var isConfirming: Bool {
    if case .confirmingConditions = self { true } else { false }
  }
}
