import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The outside tester's fifth round (docs/CONVERSATION-SAFETY.md, "Outside tester, round 5"):
/// free text taken as typed, long lines read whole, the record keeping a red flag's words, an
/// unfinished intake resumed, mistyped commands asked about, and a stop recorded at once.
@Suite("Outside tester, round 5")
struct OutsideTesterRoundFiveTests {
  static func words(_ lang: String) -> CommandWords {
    CommandWords(Fixtures.catalog.localizer(lang), plain: CommandWords.plain)
  }

  static func mia() -> Harness {
    Harness(profiles: [Profile(id: "mia", name: "Mia", caregivers: ["Ana"])])
  }

  // MARK: F5

  @Test("F5: the rest of a free-text line is kept as typed, apostrophes and all")
  func verbatimRest() throws {
    let fr = Self.words("fr")
    let told = try #require(fr.parseVerbatim("dire il n'arrive plus à respirer"))
    #expect(told.id == "tell" && told.rest == "il n'arrive plus à respirer")
    let en = try #require(Self.words("en").parseVerbatim("  tell   he can't  catch \"it\" "))
    #expect(en.id == "tell" && en.rest == "he can't  catch \"it\"")
    let glued = try #require(Self.words("zh-Hans").parseVerbatim("开始3"))
    #expect(glued.id == "start" && glued.rest == "3")
    #expect(Self.words("en").parseVerbatim("she is tired") == nil)
    #expect(CommandWords.unquotedName("\"Mary Ann\"") == "Mary Ann")
    #expect(CommandWords.unquotedName("O'Brien") == "O'Brien")
    #expect(CommandWords.unquotedName(" Mary   Ann ") == "Mary Ann")
  }

  @Test("F5: dire with French elision finds the breathing red flag and the blood thinner")
  func frenchElision() {
    var h = Harness(profiles: [Profile(id: "jeanne", name: "Jeanne")], lang: "fr")
    h.send("1", "")
    let choked = h.send("dire il a l'impression d'étouffer")
    #expect(choked.contains("Arrêtez"), "\(choked)")
    h.send("non")
    let breath = h.send("dire il n'arrive plus à respirer")
    #expect(breath.contains("Arrêtez") && breath.contains("n'arrive plus à respirer"), "\(breath)")
    h.send("non")
    let drug = h.send("dire elle prend de l'Eliquis")
    #expect(drug.contains("l'Eliquis") && drug.contains("anticoagulant"), "\(drug)")
    #expect(!drug.contains("lEliquis"))
  }

  @Test("F5: feel with words after it takes them as the feeling (a red flag acts at once)")
  func feelWithWords() {
    var h = Self.mia()
    h.send("1")
    let out = h.send("feel she can't breathe properly")
    #expect(out.contains("Stop. Do not massage today."), "\(out)")
    let texts = h.entries("mia").compactMap { e -> String? in
      if case .feeling(_, let text, _, _) = e { return text }
      return nil
    }
    #expect(texts == ["she can't breathe properly"])
  }

  // MARK: F11 and F12

  @Test("F11: a long line is read whole; one past the limit keeps its beginning and its end")
  func longLines() {
    let calm = String(repeating: "a quiet morning with tea. ", count: 200)
    #expect(Conversation.clean(calm + "end") == calm + "end")
    let huge = String(repeating: "x", count: Conversation.lineLimit) + " she cannot breathe"
    #expect(Conversation.isCut(huge))
    let cleaned = Conversation.clean(huge)
    #expect(cleaned.hasPrefix("xxx") && cleaned.hasSuffix("she cannot breathe"))
    #expect(cleaned.unicodeScalars.count <= Conversation.lineLimit + 3)
  }

  @Test("F11: a 5,000-character paste with chest pain at its end stops and calls")
  func longPasteRedFlag() {
    var h = Self.mia()
    h.send("1")
    let calm = String(
      repeating: "She had a quiet morning, ate some toast and watched the birds with her tea. ",
      count: 64)
    let out = h.send(
      calm + "Then just now she said her chest feels tight and the pain goes down her left arm.")
    #expect(out.contains("Call 911 now"), "\(out.suffix(400))")
    #expect(!out.contains("I did not understand"))
  }

  @Test("F12: the journal's shortened words keep the red flag's sentence, beginning and end")
  func recordKeepsRedFlag() throws {
    var h = Self.mia()
    h.send("1")
    let calm = String(
      repeating: "She had a quiet morning, ate some toast and watched the birds with her tea. ",
      count: 40)
    let flag = "Then just now she said her chest feels tight and heavy."
    h.send(calm + flag + " " + calm + "She is asleep now.", "no")
    let text = try #require(
      h.entries("mia").compactMap { e -> String? in
        if case .feeling(_, let text, _, _) = e { return text }
        return nil
      }.last)
    #expect(text.count <= 2000)
    #expect(text.contains(flag), "\(text)")
    #expect(text.hasPrefix("She had a quiet morning") && text.hasSuffix("She is asleep now."))
    #expect(text.contains(" […] "))
    // Short words are kept as they are.
    #expect(h.conversation.recorded("she is tired") == "she is tired")
    // Read back after a restart, the red flag stands again.
    var again = Harness(store: h.store)
    #expect(again.send("1").contains("Red flag said today"))
  }

  @Test("F11/F12: a piped line past the limit keeps its end and says it was cut")
  func pipeLines() {
    var pipe = PipeLines()
    let big = String(repeating: "lovely calm day ", count: 40_000) + "now she cannot breathe\n"
    pipe.feed(Array(big.utf8))
    pipe.feed(Array("quit\n".utf8))
    let line = pipe.next() ?? ""
    #expect(pipe.lastWasCut)
    #expect(line.hasSuffix("now she cannot breathe") && line.hasPrefix("lovely calm day"))
    #expect(line.utf8.count <= pipe.limit + pipe.limit / 2 + 8)
    #expect(pipe.next() == "quit" && !pipe.lastWasCut)
  }

  // MARK: F13

  @Test("F13: Ctrl-D at the first question leaves the intake unfinished; it resumes")
  func unfinishedIntake() throws {
    var h = Harness()
    h.send("Kim")
    #expect(h.store.profiles.first?.intakeUnfinished == true)
    h.apply(h.conversation.handle(.endOfInput))
    var again = Harness(store: h.store)
    let chosen = again.send("1")
    #expect(chosen.contains("We did not finish the first questions about Kim"), "\(chosen)")
    #expect(chosen.contains("First, the urgent ones"))
    // Quit again before answering: any plan says the questions were never finished.
    var third = Harness(store: h.store)
    third.send("1", "quit")
    var fourth = Harness(store: h.store)
    fourth.send("1")
    fourth.conversation.phase = .idle
    let plan = fourth.send("suggest")
    #expect(plan.contains("The first questions about Kim were never finished"), "\(plan)")
    // Answered to the end: the mark is gone and nothing more is said.
    var done = Harness(store: h.store)
    done.send("1", "no", "no", "no", "no", "no", "no", "no", "no")
    #expect(done.store.profiles.first?.intakeUnfinished == nil)
    var after = Harness(store: h.store)
    let list = after.send("1", "", "suggest")
    #expect(!list.contains("never finished") && !list.contains("We did not finish"))
  }

  @Test("F13: intakeUnfinished is read strictly and written only when true")
  func profileField() throws {
    let json = #"{"v":1,"id":"kim","name":"Kim","conditions":[],"intakeUnfinished":true}"#
    let p = try ProfileReader.read(Array(json.utf8), file: "profile.json", folderID: "kim")
    #expect(p.intakeUnfinished == true)
    let bad = #"{"v":1,"id":"kim","name":"Kim","conditions":[],"intakeUnfinished":"yes"}"#
    #expect(throws: ReceiverError.self) {
      try ProfileReader.read(Array(bad.utf8), file: "profile.json", folderID: "kim")
    }
    let plain = String(
      decoding: try JSONEncoder().encode(Profile(id: "a", name: "A")), as: UTF8.self)
    #expect(!plain.contains("intakeUnfinished"))
  }

  // MARK: F3

  @Test("F3: a mistyped command is asked about and changes nothing")
  func commandSlip() {
    var h = Self.mia()
    h.send("1")
    let slip = h.send("clearshow 5")
    #expect(
      slip.contains("\"clearshow\" is not a command I know. Did you mean \"show\"?"), "\(slip)")
    #expect(!slip.contains("Something Tend could not place"))
    #expect(h.send("strat calm-hands").contains("Did you mean \"start\"?"))
    #expect(h.entries("mia").isEmpty)
    #expect(!h.send("suggest").contains("Something Tend could not place"))
    // Real medical words are never taken for a slip.
    let drug = h.send("warfarin 5")
    #expect(drug.contains("Blood thinner medicine") && !drug.contains("Did you mean"))
  }

  // MARK: F14

  @Test("F14: x then Ctrl-D at 'what happened' is logged as stopped early, at that step")
  func stopThenEndOfInput() throws {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.wait(.seconds(5))
    let stopped = h.key(.stop)
    #expect(stopped.contains("Stopped") || !h.conversation.isGuiding, "\(stopped)")
    h.apply(h.conversation.handle(.endOfInput))
    let session = try #require(h.sessions.last)
    #expect(session.stoppedEarly)
    #expect(session.stoppedAtStep == "hold-feet")
  }
}
