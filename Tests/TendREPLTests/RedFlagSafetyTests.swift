import Foundation
import TendCore
import Testing

@testable import TendREPL

/// A nurse's review of the conversation: words typed during a step, red flags after a restart,
/// no routine questions after "call now".
@Suite("Red flags in the conversation")
struct RedFlagSafetyTests {
  @Test("a word begun during a step opens a line; a red flag there stops the session at once")
  func typingRedFlagStops() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.wait(.seconds(5))
    let asked = h.typing("h")
    #expect(asked.contains("Type what is happening"))
    #expect(!h.conversation.isGuiding)
    // The step's time stands still while the line is typed.
    h.wait(.seconds(3600))
    let text = h.send("her face looks droopy now")
    #expect(text.contains("Call 911 now"))
    #expect(text.contains("The session is stopped"))
    #expect(!text.contains("How are they now"))
    #expect(!text.contains("drink of water"))
    #expect(!h.conversation.isGuiding)
    let session = h.sessions.last
    #expect(session?.stoppedEarly == true)
    #expect(session?.stopReason == "her face looks droopy now")
    #expect(session?.stoppedAtStep == "hold-feet")
    #expect(session?.after == nil)
    #expect(h.send("suggest").contains("Do not massage"))
  }

  @Test("words during a step that are no red flag are kept and the same step goes on")
  func typingOtherWordsGoOn() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.wait(.seconds(5))
    h.typing("sh")
    let text = h.send("she is smiling")
    #expect(text.contains("Noted. Going on with the step"))
    #expect(h.conversation.isGuiding)
    #expect(!text.contains("Step 2"))
    h.wait(.seconds(3600))
    #expect(h.text.contains("How are they now"))
    h.send("", "", "", "", "", "declined")
    #expect(h.sessions.last?.note == "she is smiling")
    #expect(h.sessions.last?.stoppedEarly == false)
  }

  @Test("Enter alone after a word begun goes on; a guide word there steers the step")
  func typingEmptyOrKey() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.typing("k")
    #expect(h.send("").contains("Going on"))
    #expect(h.conversation.isGuiding)
    h.typing("st")
    #expect(h.send("stop").contains("What made you stop"))
  }

  @Test("a whole line typed with Enter during a step is read the same way")
  func lineDuringStepRedFlag() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    let text = h.send("she has chest pain right now")
    #expect(text.contains("Call 911 now"))
    #expect(!h.conversation.isGuiding)
    #expect(h.sessions.last?.stoppedEarly == true)
  }

  @Test("in Spanish: a word begun during a step, then a red flag, stops with the call")
  func typingSpanish() {
    var h = Harness(lang: "es")
    h.send("Ana", "no", "no", "no", "no", "no", "no", "no", "no", "cuidador Luis")
    h.send("empezar manos-en-calma", "no", "yo", "omitir")
    #expect(h.send("").contains("Paso 1 de"))
    #expect(h.typing("s").contains("Escribe qué está pasando"))
    let text = h.send("se le cae un lado de la cara")
    #expect(text.contains("Llama al 911 ahora"))
    #expect(text.contains("La sesión está parada"))
    #expect(!h.conversation.isGuiding)
    #expect(h.sessions.last?.stoppedEarly == true)
  }

  /// Ann's session stopped for a red flag said during a step.
  static func stoppedForRedFlag() -> Harness {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.typing("h")
    h.send("her face looks droopy now")
    return h
  }

  @Test("a red flag said today stands after a restart, with when and why, until seen")
  func redFlagSurvivesRestart() {
    let first = Self.stoppedForRedFlag()
    var h = Harness(now: first.now.addingTimeInterval(600), store: first.store)
    let chosen = h.send("Ann")
    #expect(chosen.contains("Red flag said today at"))
    #expect(chosen.contains("her face looks droopy now"))
    #expect(chosen.contains("Call 911 now"))
    let suggest = h.send("suggest")
    #expect(suggest.contains("Do not massage"))
    #expect(suggest.contains("her face looks droopy now"))
    #expect(!suggest.contains("Routines for today"))
    #expect(!h.send("start feet-quick").contains("Step 1"))
    // Seen by the care team: taken off, and the journal says so, so a restart agrees.
    h.send("she was seen by the doctor, it was not a stroke", "yes", "Dr Lee")
    #expect(!h.send("suggest").contains("Do not massage"))
    var later = Harness(now: h.now.addingTimeInterval(600), store: h.store)
    #expect(!later.send("Ann").contains("Red flag said"))
    #expect(!later.send("suggest").contains("Do not massage"))
  }

  @Test("a red flag recorded more than 24 hours ago no longer stands by itself")
  func redFlagAfterADay() {
    let first = Self.stoppedForRedFlag()
    var h = Harness(now: first.now.addingTimeInterval(25 * 3600), store: first.store)
    #expect(!h.send("Ann").contains("Red flag said"))
  }

  @Test("a red flag told and not saved in the profile is in the journal and stands after a restart")
  func declinedRedFlagSurvives() {
    var first = Harness.annOnBloodThinnerWithIV()
    first.send("she has chest pain right now", "no")
    #expect(first.store.profiles[0].conditions.map(\.id).contains("chest-pain") == false)
    var h = Harness(now: first.now.addingTimeInterval(60), store: first.store)
    #expect(h.send("Ann").contains("Red flag said today at"))
    #expect(h.send("suggest").contains("Do not massage"))
  }

  @Test("after a red flag in the note there is no water offer; in a feeling, no ratings")
  func noRoutineQuestionsAfterRedFlag() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.wait(.seconds(3600))
    let note = h.send("", "", "", "", "her face looks droopy now")
    #expect(note.contains("Call 911 now"))
    #expect(!note.contains("drink of water"))
    #expect(h.sessions.last?.note == "her face looks droopy now")
    var f = Harness.annOnBloodThinnerWithIV()
    let feel = f.send("feel", "she has chest pain right now")
    #expect(feel.contains("Call 911 now"))
    #expect(!feel.contains("0-10"))
    #expect(
      f.entries("ann").last
        == .feeling(ratings: nil, text: "she has chest pain right now", lang: "en"))
  }

  @Test("a stop reason that is a red flag: no ratings, no water, the session saved")
  func stopReasonRedFlag() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.key(.stop)
    let text = h.send("her face looks droopy now")
    #expect(text.contains("Call 911 now"))
    #expect(!text.contains("0-10") && !text.contains("How are they now"))
    #expect(!text.contains("drink of water"))
    #expect(h.sessions.last?.stopReason == "her face looks droopy now")
  }

  @Test("under stop-and-call, suggest gives the call and no massage advice")
  func suggestUnderStopHasNoAdvice() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("she has chest pain right now", "no")
    let text = h.send("suggest")
    #expect(text.contains("Call 911 now"))
    #expect(!text.contains("light"))
    #expect(!text.lowercased().contains("pressure"))
  }

  @Test("fever during chemotherapy (an escalation, no red-flag rule): suggest gives only the call")
  func suggestUnderEscalation() {
    let ann = Profile(
      id: "ann", name: "Ann", conditions: [ProfileCondition(id: "chemotherapy")])
    var h = Harness(profiles: [ann])
    h.send("1")
    h.send("start feet-quick", "she has a fever", "yes")
    let text = h.send("suggest")
    #expect(text.contains("Call their care team now"), "\(text)")
    #expect(!text.contains("Wait until the fever has gone"), "\(text)")
    #expect(!text.contains("Routines for today"))
  }

  @Test("check alone at the prompt is about the person cared for")
  func checkIsAboutTheReceiver() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("check")
    #expect(h.ran.last == ["check", "--receiver", "ann"])
    h.send("check --condition fever")
    #expect(h.ran.last == ["check", "--condition", "fever"])
  }
}
