import Foundation
import TendTestSupport
import Testing

/// The conversation end to end: the real binary, through pipes and through a pseudo-terminal.
@Suite("REPL sessions")
struct REPLSessionTests {
  static func environment(home: URL, scale: Int = 1000) -> [String: String] {
    [
      "TEND_HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
      "TEND_CLOCK_SCALE": String(scale), "TEND_ESPEAK": "",
      // A country, so the conversation knows the emergency number and does not ask for it.
      "LC_MESSAGES": "en_US.UTF-8",
    ]
  }

  @Test("piped: printf 'suggest\\nquit\\n' | tend works, with no prompt decorations")
  func piped() throws {
    let run = try RunTend.run([], stdin: "suggest\nquit\n")
    #expect(run.status == 0)
    #expect(run.stdout.contains("Routines for today:"))
    #expect(run.stdout.contains("coach, not a clinician"))
    #expect(!run.stdout.contains("tend> "))
    #expect(run.stdout.hasSuffix("Goodbye. Take care of yourself too.\n"))
  }

  @Test("piped: a whole session runs with the fast clock; lines typed during the steps wait")
  func pipedSession() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let script = [
      "Bea", "no", "no", "no", "no", "no", "no", "no", "no", "start quick-hands", "no", "1", "3",
      "", "",
      "", "", "2", "", "", "9", "calm after", "given", "summary", "quit",
    ]
    let run = try RunTend.run(
      [], stdin: script.joined(separator: "\n") + "\n", environment: Self.environment(home: home))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Step 5 of 5"))
    #expect(run.stdout.contains("That is the end"))
    #expect(run.stdout.contains("pain 3→2"))
    #expect(run.stdout.contains("water: given"))
  }

  @Test("a water reminder set before Tend was closed shows first at the next start")
  func reminderAtNextStart() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.environment(home: home)
    let visit = [
      "Di", "no", "no", "no", "no", "no", "no", "no", "no", "start quick-hands", "no", "skip", "",
      "1",
      "skip", "", "later", "quit",
    ]
    let first = try RunTend.run([], stdin: visit.joined(separator: "\n") + "\n", environment: env)
    #expect(first.stdout.contains("remind you in 30 minutes"))
    #expect(!first.stdout.contains("Reminder:"))
    usleep(2_000_000)
    let second = try RunTend.run([], stdin: "quit\n", environment: env)
    let reminder = try #require(second.stdout.range(of: "Reminder: offer Di a drink of water"))
    #expect(reminder.lowerBound < second.stdout.range(of: "Who are we caring for")!.lowerBound)
    let third = try RunTend.run([], stdin: "quit\n", environment: env)
    #expect(!third.stdout.contains("Reminder:"))
  }

  @Test("--speak reads steps aloud through espeak-ng, and says so plainly when it is missing")
  func speak() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let record = home.appendingPathComponent("spoken.txt")
    let fake = home.appendingPathComponent("espeak-ng")
    try Data("#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(record.path)'\n".utf8).write(to: fake)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
    var env = Self.environment(home: home)
    env["TEND_ESPEAK"] = fake.path
    let input = [
      "Cy", "no", "no", "no", "no", "no", "no", "no", "no", "start quick-hands", "no", "skip", "",
      "1",
      "skip", "", "declined", "quit",
    ]
    let run = try RunTend.run(
      ["--speak"], stdin: input.joined(separator: "\n") + "\n", environment: env)
    #expect(run.status == 0)
    #expect(run.stdout.contains("I will read each step aloud."))
    usleep(200_000)
    let spoken = (try? String(contentsOf: record, encoding: .utf8)) ?? ""
    #expect(spoken.contains("Hold both of their hands"))
    env["TEND_ESPEAK"] = ""
    let missing = try RunTend.run([], stdin: "speak on\nquit\n", environment: env)
    #expect(missing.stdout.contains("espeak-ng is not installed"))
  }

  @Test(
    "a first-time caregiver, through a terminal: receiver on a blood thinner with an IV in the left arm"
  )
  func firstTimeCaregiver() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [
      .expect("Who are we caring for?"), .expect("name> "), .line("Ann"),
    ]
    for answer in ["no", "1", "1", "left forearm", "no", "no", "no", "no", "no"] {
      steps += [.expect("> "), .line(answer)]
    }
    steps += [
      .expect("Type suggest"), .expect("tend> "), .line("suggest"), .expect("tend> "),
      .line("more"), .expect("Do the right side only"), .expect("tend> "),
      // Tab completes the command and the routine id.
      .send("sta\t"), .pause(0.2), .send("quick-h\t"), .pause(0.2), .line(""),
      .expect("today> "), .line("no"),
      // A blood thinner: the care team's yes is asked for before anything starts.
      .expect("Has the care team said yes?"), .expect("yes or no> "), .line("yes"),
      .expect("1 or 2> "), .line("2"),
      .expect("pain 0-10> "), .line("6"), .expect("worry 0-10> "), .line("4"),
      .expect("tiredness 0-10> "), .line(""), .expect("comfort 0-10> "), .line("3"),
      .expect("begin> "), .line(""),
      .expect("Step 1 of"), .expect("That is the end", timeout: 20),
      .expect("pain 0-10> "), .line("3"), .expect("worry 0-10> "), .line("2"),
      .expect("tiredness 0-10> "), .line(""), .expect("comfort 0-10> "), .line("8"),
      .expect("note> "), .line("she liked it"),
      .expect("later> "), .line("later"), .expect("remind you in 30 minutes"),
      // The reminder (30 minutes, 1000 times faster) shows above a half-typed line.
      .expect("tend> "), .send("sum"), .expect("Reminder: offer Ann a drink of water", timeout: 20),
      .pause(0.2), .line("mary"), .expect("pain 6→3"),
      .expect("tend> "), .send("half"), .pause(0.3), .interrupt, .expect("^C"), .pause(0.3),
      .line("quit"), .expect("Goodbye"),
    ]
    let first = try PseudoTerminal.run(steps, environment: Self.environment(home: home))
    #expect(first.status == 0, "\(first.stderr)\n\(first.stdout)")
    #expect(!first.stdout.contains(": left hand"))
    #expect(!first.stdout.contains(": left forearm"))
  }

  @Test("through a terminal: a routine stopped early because it hurt asks why and logs it")
  func stoppedBecauseItHurt() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [
      .pause(0.3), .send("h"), .expect("Did it hurt?"), .send("h"),
      .expect("what happened> "),
      .line("it hurt on his heel"),
      .expect("1 or 2> "), .line("1"), .expect("pain 0-10> "), .line("5"), .expect("worry 0-10> "),
      .line("skip"),
      .expect("note> "), .line(""), .expect("later> "), .line("declined"),
      .expect("tend> "), .line("summary"), .expect("stopped early: it hurt on his heel"),
      .expect("tend> "), .endOfInput, .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home: home, scale: 10))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
  }

  @Test("the journal holds exactly what happened over two visits")
  func journalAcrossVisits() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Ann")]
    for answer in ["no", "1", "1", "left forearm", "no", "no", "no", "no", "no"] {
      steps += [.expect("> "), .line(answer)]
    }
    steps += [
      .expect("tend> "), .line("start quick-hands"), .expect("today> "), .line("no"),
      .expect("yes or no> "), .line("yes"), .expect("1 or 2> "), .line("2"),
      .expect("pain 0-10> "), .line("6"), .expect("worry 0-10> "), .line("4"),
      .expect("tiredness 0-10> "), .line(""), .expect("comfort 0-10> "), .line("3"),
      .expect("begin> "), .line(""), .expect("That is the end", timeout: 20),
      .expect("pain 0-10> "), .line("skip"), .expect("note> "), .line("she liked it"),
      .expect("later> "), .line("later"), .expect("Reminder: offer Ann", timeout: 20),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let first = try PseudoTerminal.run(steps, environment: Self.environment(home: home))
    #expect(first.status == 0, "\(first.stderr)")
    let second = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("Caring for Ann"), .expect("tend> "),
        .line("start feet-quick"), .expect("today> "), .line("no"),
        .expect("yes or no> "), .line("yes"), .expect("1 or 2> "), .line("skip"),
        .expect("begin> "), .line(""),
        .expect("Step 1 of"), .pause(0.3), .send("h"), .expect("Did it hurt?"), .line(""),
        .expect("what happened> "),
        .line("it hurt on her heel"),
        .expect("1 or 2> "), .line("1"), .expect("pain 0-10> "), .line("5"),
        .expect("worry 0-10> "), .line("skip"),
        .expect("note> "), .line(""), .expect("later> "), .line("declined"),
        .expect("tend> "), .endOfInput, .expect("Goodbye"),
      ], environment: Self.environment(home: home, scale: 10))
    #expect(second.status == 0, "\(second.stderr)\n\(second.stdout)")
    try JournalCheck.firstTimeCaregiver(home: home)
  }
}
