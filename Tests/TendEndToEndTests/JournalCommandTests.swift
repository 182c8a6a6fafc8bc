import Foundation
import TendTestSupport
import Testing

/// `tend receivers`, `tend log`, `tend journal` and `tend reminders`, as a script would run them.
@Suite("Receivers, journal and reminders (command line)")
struct JournalCommandTests {
  /// Runs `tend` in one home for the whole test.
  struct Home {
    let url = Fixtures.temporaryDirectory("tend-home")

    func callAsFunction(_ args: [String], stdin: String? = nil) throws -> TendRun {
      try RunTend.run(args, stdin: stdin, environment: ["TEND_HOME": url.path])
    }
  }

  func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

  @Test("add, list, show, set, rename, condition add/remove, remove with confirmation")
  func receivers() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    #expect(try tend(["receivers"]).stdout.contains("No one yet"))
    let add = try tend([
      "receivers", "add", "Mum", "--condition", "anticoagulants", "--fluid-limit", "1500",
      "--caregiver", "Ana",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout == "Added Mum (mum).\n")
    #expect(try tend(["receivers", "add", "Dad"]).status == 0)
    #expect(try tend(["receivers", "add", "mum"]).status == 2)
    #expect(lines(try tend(["receivers", "list"]).stdout).count == 2)

    let condition = try tend([
      "receivers", "condition", "add", "Mum", "iv-line@left-forearm", "--since", "2026-11-20",
      "--note", "PICC", "--by", "Ana",
    ])
    #expect(condition.status == 0, "\(condition.stderr)")
    #expect(
      try tend(["receivers", "set", "Mum", "--reminder-minutes", "45", "--language", "es"]).status
        == 0)
    let show = try tend(["receivers", "show", "mum", "--json"])
    let profile = try #require(
      try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    #expect(profile["fluidLimitML"] as? Int == 1500)
    #expect(profile["reminderMinutes"] as? Int == 45)
    #expect(profile["language"] as? String == "es")
    let conditions = try #require(profile["conditions"] as? [[String: Any]])
    #expect(conditions.map { $0["id"] as? String } == ["anticoagulants", "iv-line"])
    #expect(
      conditions[1]["addedBy"] as? String == "Ana"
        && conditions[1]["since"] as? String == "2026-11-20")

    #expect(try tend(["receivers", "condition", "remove", "Mum", "fever"]).status == 2)
    #expect(
      try tend(["receivers", "condition", "remove", "Mum", "iv-line", "--by", "Ana"]).status == 0)
    #expect(
      try tend(["receivers", "rename", "Dad", "Papa"]).stdout.contains("Dad is now called Papa"))

    let refused = try tend(["receivers", "remove", "Papa"], stdin: "Pap\n")
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("nothing was removed"))
    #expect(try tend(["receivers", "remove", "Papa"]).status == 2, "no stdin and no --yes")
    let removed = try tend(["receivers", "remove", "Papa"], stdin: "papa\n")
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(try tend(["receivers", "remove", "Mum", "--yes"]).status == 0)
    #expect(try tend(["receivers"]).stdout.contains("No one yet"))
  }

  @Test("tend check --receiver uses the receiver's conditions (and language)")
  func checkReceiver() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    _ = try tend(["receivers", "add", "Mum", "--condition", "iv-line@left-forearm"])
    let check = try tend(["check", "--receiver", "Mum", "--json", "--lang", "en"])
    #expect(check.status == 0, "\(check.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
    #expect(object["verdict"] as? String == "adjust")
    let wrong = try tend(["check", "--receiver", "Mun"])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("did you mean \"Mum\"?"))
  }

  @Test(
    "log session warns when what is logged breaks the precautions, records it, and SAFETY names it")
  func sessionAgainstPrecautions() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    _ = try tend([
      "receivers", "add", "Rosa Ruiz", "--condition", "anticoagulants", "--fluid-limit", "1200",
    ])
    _ = try tend([
      "receivers", "condition", "add", "Rosa Ruiz", "iv-line@left-arm", "--since", "2026-10-20",
    ])
    let bad = try tend([
      "log", "session", "--receiver", "rosa-ruiz", "--site", "left-forearm", "--pressure", "3",
      "--minutes", "10", "--at", "2026-10-25T18:00:00-05:00",
    ])
    #expect(bad.status == 0, "\(bad.stderr)")
    #expect(bad.stderr.contains("went against the precautions in force"), "\(bad.stderr)")
    #expect(bad.stderr.contains("pressure 3, above the ceiling of 2"), "\(bad.stderr)")
    let fine = try tend([
      "log", "session", "--receiver", "rosa-ruiz", "--site", "right-hand", "--pressure", "1",
      "--minutes", "10", "--at", "2026-10-26T18:00:00-05:00",
    ])
    #expect(!fine.stderr.contains("went against"), "\(fine.stderr)")
    let journal = try tend(["journal", "--receiver", "rosa-ruiz", "--json"])
    #expect(journal.stdout.contains("\"againstPrecautions\":[\"avoided-site:left-forearm\""))
    let summary = try tend([
      "summary", "--receiver", "rosa-ruiz", "--from", "2026-10-01", "--to", "2026-10-31",
    ])
    let page = summary.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      page.contains("Oct 25, 2026 · worked on left forearm, which was to be avoided"), "\(page)")
    let omitted = try tend([
      "summary", "--receiver", "rosa-ruiz", "--from", "2026-10-01", "--to", "2026-10-31",
      "--format", "json", "--omit", "name",
    ])
    #expect(!omitted.stdout.lowercased().contains("rosa"), "a slug of the name is still there")
  }

  @Test("log session, feeling, water and consent; read back as text and JSON Lines")
  func logAndRead() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    _ = try tend(["receivers", "add", "Mum", "--condition", "anticoagulants"])
    let session = try tend([
      "log", "session", "--routine", "calm-hands", "--minutes", "8", "--by", "Ana", "--before",
      "pain=6,anxiety=4",
      "--after", "pain=3", "--stopped-early", "she was sleepy", "--at", "2026-11-29T10:15:00+01:00",
    ])
    #expect(session.status == 0, "\(session.stderr)")
    #expect(session.stdout.contains("drink of water"), "a water offer follows a session")
    #expect(!session.stdout.lowercased().contains("toxin"))
    #expect(
      try tend([
        "log", "feeling", "--rate", "mood=7", "--text", "Better", "--at", "2026-11-30T09:00+01:00",
      ]).status == 0)
    #expect(
      try tend(["log", "water", "given", "--ml", "150", "--at", "2026-11-30T09:05+01:00"]).status
        == 0)
    #expect(
      try tend([
        "log", "consent", "--with", "Dr Lee", "--what", "sessions,ratings", "--at",
        "2026-12-01T08:00+01:00",
      ]).status == 0)

    let text = try tend(["journal"])
    let rows = lines(text.stdout)
    #expect(rows.count == 4)
    #expect(
      rows[0].hasPrefix("Nov 29, 2026 at 10:15\u{202F}AM · Mum · session · Calm hands · 8 min"))
    #expect(rows[0].contains("pain 6→3") && rows[0].contains("stopped early: she was sleepy"))
    #expect(rows[0].contains("precautions: anticoagulants"))

    let json = try tend([
      "journal", "--receiver", "mum", "--json", "--from", "2026-11-30", "--to", "2026-11-30",
    ])
    let objects = try lines(json.stdout).map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["type"] as? String } == ["feeling", "water"])
    #expect(objects.allSatisfy { $0["receiver"] as? String == "mum" && $0["v"] as? Int == 1 })
    let sessions = try tend(["journal", "--json", "--type", "session"])
    let stored = try #require(
      try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [String: Any])
    let plan = try #require(stored["plan"] as? [String: [String]])
    #expect(plan["kept"]?.isEmpty == false)
    #expect((stored["before"] as? [String: Any])?["ratedBy"] as? String == "receiver")
    #expect(stored["stoppedEarly"] as? Bool == true)
  }

  @Test(
    "bad input exits 2 with a clear message",
    arguments: [
      (["log", "feeling", "--receiver", "Mun", "--rate", "pain=3"], "did you mean \"Mum\"?"),
      (["log", "feeling", "--rate", "pain=11"], "pain=11 is not on the 0 to 10 scale"),
      (["log", "feeling", "--rate", "pian=3"], "did you mean \"pain\"?"),
      (["log", "feeling"], "give at least one rating"),
      (["log", "feeling", "--rate", "pain=3", "--at", "29/11/2026"], "is not a time"),
      (["log", "session", "--routine", "calm-hnads"], "did you mean \"calm-hands\"?"),
      (["log", "session", "--minutes=-3"], "minutes -3 must be from 0 to 600"),
      (["log", "water", "gvien"], "did you mean \"given\"?"),
      (["journal", "--from", "2026-02-30"], "is not a date"),
      (["journal", "--type", "sesion"], "did you mean \"session\"?"),
      (["receivers", "set", "Mum", "--fluid-limit", "5"], "looks wrong"),
    ])
  func badInput(_ args: [String], _ message: String) throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    _ = try tend(["receivers", "add", "Mum"])
    let run = try tend(args)
    #expect(run.status == 2, "\(args): \(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!run.stderr.contains("Fatal"))
  }

  @Test("tend reminders: quiet and 0 when none; due ones printed once; a fluid limit's wording")
  func reminders() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    let none = try tend(["reminders"])
    #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.isEmpty)
    _ = try tend(["receivers", "add", "Mum", "--fluid-limit", "1500"])
    _ = try tend(["receivers", "add", "Dad", "--reminder-minutes", "10"])
    let later = try tend([
      "log", "water", "later", "--receiver", "Mum", "--at", "2026-11-29T10:00+01:00",
    ])
    #expect(later.stdout.contains("I will remind you at 2026-11-29 10:30"), "\(later.stdout)")
    _ = try tend(["log", "water", "later", "--receiver", "Dad", "--at", "2026-11-29T10:00+01:00"])
    #expect(try tend(["reminders", "--now", "2026-11-29T10:05+01:00"]).stdout.isEmpty)
    let peek = try tend(["reminders", "--now", "2026-11-29T10:15+01:00", "--peek"])
    #expect(lines(peek.stdout).count == 1 && peek.stdout.contains("Dad"))
    let due = try tend(["reminders", "--now", "2026-11-29T10:31+01:00"])
    #expect(lines(due.stdout).count == 2, "\(due.stdout)")
    // On a fluid limit: keep within it, with today's logged drinks; never "offer some water".
    #expect(
      due.stdout.contains("Only within the fluid limit set by their care team: 0 mL of 1,500 mL"))
    #expect(!due.stdout.contains("Offer Mum some water"))
    #expect(
      try tend(["reminders", "--now", "2026-11-29T11:00+01:00"]).stdout.isEmpty, "shown once")
    let again = try tend([
      "log", "water", "later", "--receiver", "Mum", "--at", "2026-11-29T11:00+01:00",
    ])
    #expect(again.stdout.contains("No reminder set"), "no repeat nag with a fluid limit")
  }

  @Test("--home is honoured; a file where the home should be is a clear error, not a crash")
  func homes() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let home = dir.appendingPathComponent("elsewhere")
    #expect(try RunTend.run(["receivers", "add", "Mum", "--home", home.path]).status == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: home.appendingPathComponent("receivers/mum/profile.json").path))
    let file = dir.appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    let run = try RunTend.run(["receivers", "add", "Mum", "--home", file.path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("a file stands where Tend needs a folder"))
  }

  @Test("a torn last line is set aside and reported by tend journal, and the rest is shown")
  func tornLine() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    _ = try tend(["receivers", "add", "Mum"])
    _ = try tend(["log", "feeling", "--text", "one"])
    let journal = tend.url.appendingPathComponent("receivers/mum/journal.jsonl")
    let handle = try FileHandle(forWritingTo: journal)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"at":"2026-11-29T1"#.utf8))
    try handle.close()
    let run = try tend(["journal"])
    #expect(run.status == 0)
    #expect(lines(run.stdout).count == 1)
    #expect(
      run.stderr.contains(
        "journal.jsonl:2: the last line was cut off by a crash. Its text was saved in"))
    let names = try FileManager.default.contentsOfDirectory(
      atPath: journal.deletingLastPathComponent().path)
    #expect(names.contains { $0.hasPrefix("journal.jsonl.corrupt-") })
    #expect(try tend(["journal"]).stderr.isEmpty, "reported once")
  }
}
