import TendCore
import TendREPL
import Testing

/// Words that are no red flag alone but are one with what is stored: a fever or the chills
/// during chemotherapy is a call to the cancer team now, said at once, before anything is saved,
/// and standing for the conversation even when it is not saved (an outside nurse found both
/// missing).
@Suite("Escalation in the conversation")
struct EscalationTests {
  static func ann() -> Profile {
    Profile(id: "ann", name: "Ann", conditions: [ProfileCondition(id: "chemotherapy")])
  }

  @Test("a fever told during chemotherapy: call now, at once, and it stands when not saved")
  func feverDuringChemo() {
    var h = Harness(profiles: [Self.ann()])
    h.send("1")
    let told = h.send("she has got a temperature tonight and the chills")
    #expect(told.contains("Stop. Do not massage today."), "\(told)")
    #expect(told.contains("call their cancer team now"), "\(told)")
    let declined = h.send("no")
    #expect(declined.contains("What I said above still stands"), "\(declined)")
    let suggested = h.send("suggest")
    #expect(suggested.contains("call their cancer team now"), "\(suggested)")
    #expect(!suggested.contains("Keep sessions gentle"), "\(suggested)")
    #expect(h.store.profiles[0].conditions.map(\.id) == ["chemotherapy"])
  }

  @Test("the same words without chemotherapy are no emergency")
  func feverAlone() {
    var h = Harness(profiles: [Profile(id: "bo", name: "Bo")])
    h.send("1")
    let told = h.send("she has got a temperature tonight")
    #expect(!told.contains("Stop. Do not massage today."), "\(told)")
  }
}
