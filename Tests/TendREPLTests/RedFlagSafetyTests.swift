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
}
