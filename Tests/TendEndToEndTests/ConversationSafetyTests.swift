import Foundation
import TendCore
import TendTestSupport
import Testing

/// The outside nurse's conversation findings (docs/CONVERSATION-SAFETY.md), driven through the
/// real `tend` on a pseudo-terminal the way she did.
@Suite("Conversation safety, end to end")
struct ConversationSafetyTests {
  /// A new person and "no" to each of the eight intake questions, up to the main prompt.
  static func intake(_ name: String) -> [PseudoTerminal.Step] {
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line(name)]
    for _ in 0..<8 { steps += [.expect("no> "), .line("no")] }
    return steps + [.expect("tend> ")]
  }

  static func run(_ steps: [PseudoTerminal.Step], _ home: URL) throws -> TendRun {
    let all = steps + [.expect("tend> "), .line("quit"), .expect("Goodbye")]
    let env = REPLSessionTests.environment(home: home, scale: 1)
    let run = try PseudoTerminal.run(all, environment: env)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    return run
  }

  static func journal(_ home: URL, _ id: String) throws -> String {
    try String(
      contentsOf: home.appendingPathComponent("receivers/\(id)/journal.jsonl"), encoding: .utf8)
  }

  @Test("'no' to saving keeps today's facts: a new PICC still leaves that arm out today")
  func notSavedKeptForToday() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let words =
      "she got a new PICC in her left arm yesterday and has a rash on her lower back, "
      + "and she's on Eliquis now"
    let steps =
      Self.intake("Ann") + [
        .line("start hand-and-arm-warmth"), .expect("today> "), .line(words),
        .expect("yes or no> "), .line("no"),
        .expect("Not saved in Ann's profile, but I will keep it for today"),
        .expect("today> "), .line("no"),
        // Eliquis, kept for today: the care team's yes is asked for first.
        .expect("Blood thinner medicine"), .expect("yes or no> "), .line("yes"),
        .expect("1 or 2> "), .line("skip"),
        .expect("begin> "), .line(""), .expect("Step 1 of 10: right hand"),
        .expect("Do the right side only"), .pause(0.3), .send("x"),
        .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
        .expect("note> "), .line(""), .expect("later> "), .line("declined"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("OK, nothing changed."))
    let journal = try Self.journal(home, "ann")
    #expect(journal.contains("new PICC in her left arm"))
    // Not in the profile: it was kept for today only.
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/ann/profile.json"), encoding: .utf8)
    #expect(!profile.contains("iv-line"))
  }

  @Test("'no' to saving a fever still postpones today, at start and at check")
  func feverNotSavedStillPostpones() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      Self.intake("Vic") + [
        .line("start back-of-neck-seated"), .expect("today> "),
        .line("he has a temperature of 38.6 and chills"), .expect("yes or no> "), .line("no"),
        .expect("I will keep it for today: Fever"), .expect("today> "), .line("no"),
        .expect("Not today: Back of the neck"), .expect("tend> "), .line("check"),
        .expect("Wait until this has passed: Fever"),
        .expect("tend> "), .line("start back-of-neck-seated"), .expect("Not today"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("Step 1 of"))
  }

  @Test("a red flag typed at a rating stops the start, and the words are in the journal")
  func redFlagAtRating() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      Self.intake("Ann") + [
        .line("start calm-hands"), .expect("today> "), .line("no"),
        .expect("1 or 2> "), .line("1"), .expect("pain 0-10> "),
        .line("6 - she says her chest feels tight"), .expect("Call 911 now"),
        .expect("The session has not started"), .expect("I kept your words in the journal"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("Please type a number"))
    #expect(!run.stdout.contains("Step 1 of"))
    #expect(try Self.journal(home, "ann").contains("she says her chest feels tight"))
  }

  @Test("a red flag at '1 or 2' and at 'Enter to begin' stops; the massage never starts")
  func redFlagAtWhoAndBegin() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      Self.intake("Ann") + [
        .line("start calm-hands"), .expect("today> "), .line("no"),
        .expect("1 or 2> "), .line("wait, her lips look blue"), .expect("Call 911 now"),
        .expect("tend> "), .line("start calm-hands"), .expect("Call 911 now"),
      ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("Type 1 if they answer"))
    #expect(try Self.journal(home, "ann").contains("her lips look blue"))

    let other = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: other) }
    let begin =
      Self.intake("Bo") + [
        .line("start calm-hands"), .expect("today> "), .line("no"),
        .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line("her lips look blue"),
        .expect("Call 911 now"), .expect("The session has not started"),
      ]
    let second = try Self.run(begin, other)
    #expect(!second.stdout.contains("Step 1 of"))
    #expect(try Self.journal(other, "bo").contains("her lips look blue"))
  }

  @Test("other words at a fixed prompt are kept and said where; a red flag at water stops")
  func wordsKeptAndWater() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Ann", routine: "quick-scalp")
    steps += [
      .pause(0.3), .send("x"), .expect("what happened> "), .line(""),
      .expect("1 or 2> "), .line("1"), .expect("pain 0-10> "), .line("she liked that one"),
      .expect("I kept your words with today's session notes"),
      .expect("Please type a number from 0 to 10"), .expect("pain 0-10> "),
      .line("his left calf is swollen and sore now"), .expect("Call their care team now"),
      .expect("Saved in the journal"),
    ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("later> "))
    let journal = try Self.journal(home, "ann")
    #expect(journal.contains("she liked that one"))
    #expect(journal.contains("his left calf is swollen and sore now"))

    let other = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: other) }
    var water = PseudoTerminal.toFirstStep(name: "Bo", routine: "quick-scalp")
    water += [
      .pause(0.3), .send("x"), .expect("what happened> "), .line(""),
      .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
      .expect("later> "), .line("she's coughing up blood"), .expect("Call 911 now"),
      .expect("I kept your words in the journal"),
    ]
    let second = try Self.run(water, other)
    #expect(!second.stdout.contains("Type given, declined or later."))
    #expect(try Self.journal(other, "bo").contains("she's coughing up blood"))
  }

  @Test("a new PICC typed during a step stops the routine and names the left-arm steps left out")
  func newDeviceDuringStep() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Ann", routine: "hand-and-arm-warmth")
    steps += [
      .pause(0.5), .send("w"), .expect("what is happening> w"),
      .line("ait, she has a PICC line in her left arm since yesterday"),
      .expect("The routine is stopped"), .expect("Step 2 (left forearm, long strokes): left out"),
      .expect("Saved in the journal"), .expect("yes or no> "), .line("no"),
      .expect("I will keep it for today"), .expect("today> "), .line("no"),
      .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line(""),
      .expect("Step 1 of 10: right hand"), .pause(0.3), .send("x"),
      .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
      .expect("note> "), .line(""), .expect("later> "), .line("declined"),
    ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("Noted. Going on with the step"))
    #expect(!run.stdout.contains("left forearm ·"))
    let entries = try JournalCheck.lines(home, "ann")
    let first = try #require(entries.first { $0["type"] as? String == "session" })
    #expect(
      first["stopReason"] as? String == "wait, she has a PICC line in her left arm since yesterday")
  }

  @Test("refusal during a step stops at once; bleeding during a step stops with the call")
  func refusalAndBleedingDuringStep() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Ann", routine: "hand-and-arm-warmth")
    steps += [
      .pause(0.5), .send("a"), .expect("what is happening> a"),
      .line("nd he says he doesn't want this, he's pulling his hand away"),
      .expect("Stopped: they do not want this"), .expect("Saved in the journal"),
      .expect("tend> "), .line("start hand-and-arm-warmth"), .expect("today> "), .line("no"),
      .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line(""), .expect("Step 1 of"),
      .pause(0.5), .send("w"), .expect("what is happening> w"),
      .line("ait, bleeding from her gums a bit"), .expect("Call their care team now"),
      .expect("The session is stopped"),
      .expect("tend> "), .line("suggest"), .expect("Do not massage today"),
    ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("Noted. Going on with the step"))
    #expect(!run.stdout.contains("what happened> "))
    let sessions = try JournalCheck.lines(home, "ann").filter {
      $0["type"] as? String == "session"
    }
    #expect(sessions.count == 2)
    #expect(
      sessions.first?["stopReason"] as? String
        == "and he says he doesn't want this, he's pulling his hand away")
    #expect(sessions.last?["stopReason"] as? String == "wait, bleeding from her gums a bit")
  }

  @Test("a red flag is not lifted by a denial or by 'seen by her daughter'; the care team lifts it")
  func redFlagLiftedOnlyByCareTeam() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      Self.intake("Ann") + [
        .line("tell she had chest pain an hour ago"), .expect("Call 911 now"),
        .expect("yes or no> "), .line("yes"), .expect("Saved: Chest pain"),
        .expect("tend> "), .line("tell she doesn't have chest pain anymore"),
        .expect("Chest pain or pressure stays in force"), .expect("tend> "), .line("suggest"),
        .expect("Call 911 now"),
        .expect("tend> "), .line("tell she was seen by her daughter"),
        .expect("Who from the care team saw them?"), .expect("who says so> "),
        .line("her daughter"), .expect("is not the care team, so this stays in force"),
        .expect("tend> "), .line("suggest"),
        .expect("Call 911 now"),
        .expect("tend> "), .line("tell she was seen by Dr Lee at the clinic"),
        .expect("yes or no> "), .line("yes"), .expect("who says so> "), .line(""),
        // Nobody named (stranger 5, F20): it stays; named, it is taken off.
        .expect("This stays in force for Ann"), .expect("tend> "),
        .line("tell she was seen by Dr Lee at the clinic"),
        .expect("yes or no> "), .line("yes"), .expect("who says so> "), .line("Ana"),
        .expect("Ana is not the care team, so this stays in force"), .expect("tend> "),
        .line("tell she was seen by dr google, it was nothing"),
        .expect("yes or no> "), .line("yes"), .expect("who says so> "), .line("google"),
        .expect("google is not the care team"), .expect("tend> "),
        .line("tell she was seen by Dr Lee at the clinic"),
        .expect("yes or no> "), .line("yes"), .expect("who says so> "), .line("Dr Lee"),
        .expect("Removed: Chest pain or pressure"), .expect("tend> "), .line("suggest"),
        .expect("Routines for today"),
      ]
    let run = try Self.run(steps, home)
    let removed = run.stdout.components(separatedBy: "Removed: Chest pain").count - 1
    #expect(removed == 1)
    #expect(try Self.journal(home, "ann").contains("seen by Dr Lee at the clinic"))
  }

  @Test("pain rising by 3 or more, or 8 to 10, gets a plain 'tell the care team' line")
  func severeAndRisingPain() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      Self.intake("Vic") + [
        .line("start quick-scalp"), .expect("today> "), .line("no"), .expect("1 or 2> "),
        .line("1"), .expect("pain 0-10> "), .line("2"), .expect("0-10> "), .line("skip"),
        .expect("begin> "), .line(""), .expect("Step 1 of"), .pause(0.3), .send("x"),
        .expect("what happened> "), .line(""),
        .expect("pain 0-10> "), .line("10"), .expect("0-10> "), .line("skip"),
        .expect("Pain went from 2 to 10 during the massage: tell their care team today"),
        .expect("note> "), .line(""), .expect("later> "), .line("declined"),
        .expect("tend> "), .line("start quick-scalp"), .expect("today> "), .line("no"),
        .expect("1 or 2> "), .line("1"), .expect("pain 0-10> "), .line("9"),
        .expect("0-10> "), .line("skip"),
        .expect("Pain of 9 out of 10 is severe. Tell their care team about it"),
        .expect("begin> "), .line("cancel"),
      ]
    _ = try Self.run(steps, home)
  }

  @Test("at the intake's where prompt a bare side, 'his right one' and 'left calf' are understood")
  func whereWords() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Pop")]
    for _ in 0..<3 { steps += [.expect("no> "), .line("no")] }
    steps += [
      .expect("4. New knee"), .expect("no> "), .line("3 4"),
      .expect("where> "), .line("right"), .expect("days ago> "), .line("21"),
      .expect("(right hip)"),
      .expect("where> "), .line("his right one"), .expect("days ago> "), .line("10"),
      .expect("(right knee)"),
      .expect("2. Rash"), .expect("no> "), .line("2"), .expect("where> "), .line("left calf"),
      .expect("(left lower leg)"),
    ]
    for _ in 0..<2 { steps += [.expect("no> "), .line("no")] }
    steps += [.expect("Last one."), .line("no")]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("I did not catch the place"))
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/pop/profile.json"), encoding: .utf8)
    #expect(profile.contains("\"side\" : \"right\""))
  }

  @Test("on a fluid limit: a drink over it says so; once it is reached no drink is offered")
  func fluidLimit() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Pop")]
    for _ in 0..<7 { steps += [.expect("no> "), .line("no")] }
    steps += [.expect("ml a day or no> "), .line("1000"), .expect("tend> ")]
    let session: [PseudoTerminal.Step] = [
      .line("start quick-scalp"), .expect("today> "), .line("no"), .expect("1 or 2> "),
      .line("skip"), .expect("begin> "), .line(""), .expect("Step 1 of"), .pause(0.3),
      .send("x"), .expect("what happened> "), .line(""), .expect("1 or 2> "), .line("skip"),
      .expect("note> "), .line(""),
    ]
    steps +=
      session + [
        .expect("later> "), .line("given"), .expect("ml> "), .line("1100"),
        .expect("1,100 ml of the 1,000 ml limit"), .expect("That is over the fluid limit"),
        .expect("tend> "),
      ]
    steps += session + [.expect("the 1,000 ml limit is reached: no drink offered")]
    let run = try Self.run(steps, home)
    #expect(run.stdout.components(separatedBy: "later> ").count == 2)
  }

  @Test("a red flag typed at the intake's where prompt says the call and stops the questions")
  func redFlagAtWhere() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Pop")]
    for _ in 0..<3 { steps += [.expect("no> "), .line("no")] }
    steps += [
      .expect("4. New knee"), .expect("no> "), .line("3"), .expect("where> "),
      .line("wait, her lips look blue"), .expect("Call 911 now"),
      .expect("I stopped the questions"),
    ]
    let run = try Self.run(steps, home)
    #expect(!run.stdout.contains("I did not catch the place"))
    #expect(try Self.journal(home, "pop").contains("her lips look blue"))
  }
}
