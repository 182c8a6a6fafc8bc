import Foundation
import TendCore
import TendTestSupport
import Testing

/// The care-team loop through the real binary: an answer to "ask first", advice from a
/// clinician, expiry, tampering.
@Suite("Care team")
struct CareTeamTests {
  let home = Fixtures.temporaryDirectory("care-home")

  func tend(_ args: [String]) throws -> TendRun {
    try RunTend.run(args, environment: ["TEND_HOME": home.path])
  }

  func check(_ name: String, routine: String? = nil) throws -> [String: Any] {
    let run = try tend(
      ["check", "--receiver", name, "--json"] + (routine.map { ["--routine", $0] } ?? []))
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  static func day(_ offset: Int) -> String {
    CalendarDay.format(Date().addingTimeInterval(Double(offset) * 86_400))
  }

  @Test("a clearance answers \"ask first\" for its rules and its limits apply")
  func clearanceAnswers() throws {
    #expect(try tend(["receivers", "add", "Dad", "--condition", "anticoagulants"]).status == 0)
    let before = try check("Dad")
    #expect(before["clearanceAdvised"] as? Bool == true)
    #expect(before["maxPressure"] as? Int == 2)
    let add = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "anticoagulants",
      "--max-pressure", "1", "--avoid", "left-arm", "--note", "gentle only",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout.contains("Dr Lee said yes on"))
    let after = try check("Dad", routine: "calm-hands")
    #expect(after["clearanceAdvised"] as? Bool == false)
    #expect(after["maxPressure"] as? Int == 1)
    #expect(after["verdict"] as? String == "adjust")
    let avoid = try #require(after["avoid"] as? [[String: Any]])
    #expect(avoid.contains { $0["site"] as? String == "arm" && $0["side"] as? String == "left" })
    let messages = try #require(after["messages"] as? [String])
    #expect(messages.contains { $0.contains("Dr Lee said yes") })
    #expect(messages.last?.contains("coach, not a clinician") == true)
    // The plan follows the new limits: nothing kept on the left hand, nothing above 1.
    let routines = try #require(after["routines"] as? [[String: Any]])
    let steps = try #require(routines.first?["steps"] as? [[String: Any]])
    for step in steps where step["action"] as? String != "skip" {
      #expect((step["pressure"] as? Int ?? 9) <= 1)
      #expect(!(step["site"] as? String == "hand" && step["side"] as? String == "left"))
    }
    // In the journal, and in the summary's safety section.
    let journal = try tend(["journal", "--receiver", "Dad", "--type", "careteam"])
    #expect(journal.stdout.contains("Dr Lee"), "\(journal.stderr)")
    let summary = try tend(["summary", "--receiver", "Dad", "--format", "markdown"])
    #expect(summary.stdout.contains("Dr Lee said yes"), "\(summary.stdout)")
    let view = try tend(["receivers", "care-team", "Dad"])
    #expect(view.stdout.contains("[c1]"))
    let show = try tend(["receivers", "show", "Dad"])
    #expect(show.stdout.contains("What you agreed to share:") && show.stdout.contains("[c1]"))
    #expect(try tend(["receivers", "clearance", "remove", "Dad", "c1"]).status == 0)
    #expect(try check("Dad")["clearanceAdvised"] as? Bool == true)
  }

  @Test("an expired clearance no longer answers: back to \"ask first\"")
  func expired() throws {
    #expect(try tend(["receivers", "add", "Mum", "--condition", "osteoporosis"]).status == 0)
    let add = try tend([
      "receivers", "clearance", "add", "Mum", "--from", "Dr Lee", "--for", "osteoporosis",
      "--given", Self.day(-60), "--until", Self.day(-30),
    ])
    #expect(add.status == 0, "\(add.stderr)")
    let r = try check("Mum")
    #expect(r["clearanceAdvised"] as? Bool == true)
    let messages = try #require(r["messages"] as? [String])
    #expect(messages.contains { $0.contains("ended on \(Self.day(-30))") })
  }

  @Test("a clearance is refused for a red flag, a postpone and words not understood")
  func neverLifts() throws {
    #expect(try tend(["receivers", "add", "Ana", "--condition", "fever"]).status == 0)
    for rule in [
      "fever", "dvt-suspected", "not-understood", "not-understood-urgent", "acute-illness",
    ] {
      let run = try tend(["receivers", "clearance", "add", "Ana", "--from", "X", "--for", rule])
      #expect(run.status == 2, "\(rule): \(run.stdout)")
      #expect(run.stderr.contains("cannot be recorded"))
    }
  }

  @Test("advice imported changes the plans; tampered, ended or someone else's is refused")
  func advice() throws {
    #expect(try tend(["receivers", "add", "Dad"]).status == 0)
    let base = try check("Dad", routine: "calm-hands")
    #expect(base["verdict"] as? String == "ok")
    let file = home.appendingPathComponent("advice.json").path
    let write = try tend([
      "advise", "--for", "Dad", "--from", "Nurse Kim", "--why", "low platelets",
      "--max-pressure", "1", "--avoid", "right-hand", "--max-minutes", "10", "--output", file,
    ])
    #expect(write.status == 0, "\(write.stderr)")
    // Without --yes and without a terminal, nothing is imported.
    let unconfirmed = try tend(["receivers", "advice", "import", "Dad", file])
    #expect(unconfirmed.status == 1)
    #expect(unconfirmed.stdout.contains("Nurse Kim"))
    #expect(try check("Dad")["verdict"] as? String == "ok")
    let imported = try tend(["receivers", "advice", "import", "Dad", file, "--yes"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let after = try check("Dad", routine: "calm-hands")
    #expect(after["verdict"] as? String == "adjust")
    #expect(after["maxPressure"] as? Int == 1)
    #expect(after["maxMinutes"] as? Int == 10)
    let steps = try #require(
      (after["routines"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])
    #expect(
      steps.contains { $0["side"] as? String == "right" && $0["action"] as? String == "skip" })
    // Tampered: one limit raised.
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let bad = home.appendingPathComponent("bad.json").path
    try text.replacingOccurrences(of: "\"maxPressure\": 1", with: "\"maxPressure\": 3")
      .write(toFile: bad, atomically: true, encoding: .utf8)
    let tampered = try tend(["receivers", "advice", "import", "Dad", bad, "--yes"])
    #expect(tampered.status == 65)
    #expect(
      tampered.stderr.contains(bad) && tampered.stderr.contains("changed after it was written"))
    // Ended: a sealed file whose last day has passed.
    let old = AdviceFile.json(
      CareAdvice(
        id: "", receiver: "Dad", from: "Nurse Kim", why: "old", issued: Self.day(-40),
        start: Self.day(-40), until: Self.day(-10), limits: CareLimits(maxPressure: .light),
        checksum: "")
    ).text
    let ended = home.appendingPathComponent("ended.json").path
    try old.write(toFile: ended, atomically: true, encoding: .utf8)
    let late = try tend(["receivers", "advice", "import", "Dad", ended, "--yes"])
    #expect(late.status == 65)
    #expect(late.stderr.contains(ended) && late.stderr.contains("ended on \(Self.day(-10))"))
    // Someone else's.
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    let other = try tend(["receivers", "advice", "import", "Mum", file, "--yes"])
    #expect(other.status == 65)
    #expect(other.stderr.contains("written for Dad, not Mum"))
  }

  @Test("advice as FHIR imports the same limits")
  func fhirAdvice() throws {
    #expect(try tend(["receivers", "add", "Dad"]).status == 0)
    let file = home.appendingPathComponent("advice.fhir.json").path
    let write = try tend([
      "advise", "--for", "Dad", "--from", "Nurse Kim", "--why", "after surgery",
      "--avoid-position", "face-down", "--no-joint-movement", "--format", "fhir", "--output", file,
    ])
    #expect(write.status == 0, "\(write.stderr)")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("\"resourceType\": \"CarePlan\""))
    #expect(try tend(["receivers", "advice", "import", "Dad", file, "--yes"]).status == 0)
    let r = try check("Dad")
    #expect(r["noJointMovement"] as? Bool == true)
    #expect(r["avoidPositions"] as? [String] == ["face-down"])
  }

  @Test("in the conversation: the nurse's answer is shown back, saved on yes, and journalled")
  func conversation() throws {
    #expect(try tend(["receivers", "add", "Bea", "--condition", "osteoporosis"]).status == 0)
    let chat = try RunTend.run(
      [], stdin: "1\nthe nurse said it's fine, gentle only\nyes\nquit\n",
      environment: ["TEND_HOME": home.path, "LC_MESSAGES": "en_US.UTF-8", "TEND_ESPEAK": ""])
    #expect(chat.status == 0, "\(chat.stderr)")
    #expect(chat.stdout.contains("I understood the care team's answer: the nurse said yes"))
    #expect(chat.stdout.contains("Saved."))
    let r = try check("Bea")
    #expect(r["clearanceAdvised"] as? Bool == false)
    #expect(r["maxPressure"] as? Int == 1)
    let journal = try tend(["journal", "--receiver", "Bea", "--type", "careteam"])
    #expect(journal.stdout.contains("the nurse said yes"))
  }

  @Test("clearance add refuses a rule not in the profile, a future --given, bad years and text")
  func clearanceAddValidates() throws {
    #expect(try tend(["receivers", "add", "Dad", "--condition", "anticoagulants"]).status == 0)
    let absent = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "osteoporosis",
    ])
    #expect(absent.status == 2)
    #expect(
      absent.stderr.contains("Dad has no Osteoporosis (brittle bones) in their profile"),
      "\(absent.stderr)")
    let future = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "anticoagulants",
      "--given", Self.day(3),
    ])
    #expect(future.status == 2)
    #expect(future.stderr.contains("is in the future"), "\(future.stderr)")
    let year = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "anticoagulants",
      "--given", "1800-01-01", "--until", "1800-01-05",
    ])
    #expect(year.status == 2 && year.stderr.contains("is not a date"), "\(year.stderr)")
    let blank = try tend([
      "receivers", "clearance", "add", "Dad", "--from", " ", "--for", "anticoagulants",
    ])
    #expect(blank.status == 2 && blank.stderr.contains("--from must have 1 to"))
    let long = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "anticoagulants",
      "--note", String(repeating: "x", count: 600),
    ])
    #expect(long.status == 2 && long.stderr.contains("--note must have"))
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/dad/profile.json"), encoding: .utf8)
    #expect(!profile.contains("clearances"))
  }

  @Test("an answer given before the condition began does not answer for it, and says why")
  func answerBeforeConditionBegan() throws {
    #expect(try tend(["receivers", "add", "Eve"]).status == 0)
    let condition = try tend([
      "receivers", "condition", "add", "Eve", "anticoagulants", "--since", Self.day(-5),
    ])
    #expect(condition.status == 0, "\(condition.stderr)")
    let add = try tend([
      "receivers", "clearance", "add", "Eve", "--from", "Dr Lee", "--for", "anticoagulants",
      "--given", Self.day(-10), "--max-pressure", "1",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    let r = try check("Eve")
    #expect(r["clearanceAdvised"] as? Bool == true)
    #expect(r["maxPressure"] as? Int == 1, "its limits still add")
    let messages = try #require(r["messages"] as? [String])
    #expect(
      messages.contains {
        $0.contains("came before Blood thinner medicine began (\(Self.day(-5)))")
      },
      "\(messages)")
    #expect(!messages.contains { $0.contains("The care team answered") })
  }

  @Test("when a clearance ends its limits still stand; only \"ask first\" comes back")
  func limitsStandAfterEnd() throws {
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    #expect(
      try tend([
        "receivers", "condition", "add", "Mum", "osteoporosis", "--since", Self.day(-90),
      ]).status == 0)
    let add = try tend([
      "receivers", "clearance", "add", "Mum", "--from", "Dr Lee", "--for", "osteoporosis",
      "--given", Self.day(-60), "--until", Self.day(-30), "--max-pressure", "0", "--avoid",
      "left-arm",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    let r = try check("Mum")
    #expect(r["clearanceAdvised"] as? Bool == true)
    #expect(r["maxPressure"] as? Int == 0)
    let avoid = try #require(r["avoid"] as? [[String: Any]])
    #expect(avoid.contains { $0["site"] as? String == "arm" && $0["side"] as? String == "left" })
    let messages = try #require(r["messages"] as? [String])
    #expect(messages.contains { $0.contains("Their limits still stand:") }, "\(messages)")
  }

  @Test("a journal that is a link is refused before the profile changes")
  func journalLinkRefusedFirst() throws {
    #expect(try tend(["receivers", "add", "Dad", "--condition", "anticoagulants"]).status == 0)
    let folder = home.appendingPathComponent("receivers/dad")
    let journal = folder.appendingPathComponent("journal.jsonl")
    try? FileManager.default.removeItem(at: journal)
    let target = home.appendingPathComponent("elsewhere.jsonl")
    try "".write(to: target, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(at: journal, withDestinationURL: target)
    let add = try tend([
      "receivers", "clearance", "add", "Dad", "--from", "Dr Lee", "--for", "anticoagulants",
    ])
    #expect(add.status != 0)
    #expect(add.stderr.contains("is a link") && add.stderr.contains("nothing was changed"))
    let profile = try String(
      contentsOf: folder.appendingPathComponent("profile.json"), encoding: .utf8)
    #expect(!profile.contains("clearances"), "the profile changed although nothing was")
  }

  @Test("summaries count sessions against the care team's limits, and a time cap breach")
  func summaryCountsCareTeamLimits() throws {
    #expect(try tend(["receivers", "add", "Dad", "--condition", "anticoagulants"]).status == 0)
    let file = home.appendingPathComponent("limits.json").path
    let write = try tend([
      "advise", "--for", "Dad", "--from", "Nurse Kim", "--why", "low platelets",
      "--max-pressure", "1", "--max-minutes", "10", "--output", file,
    ])
    #expect(write.status == 0, "\(write.stderr)")
    #expect(try tend(["receivers", "advice", "import", "Dad", file, "--yes"]).status == 0)
    // Pressure 2 is within the blood thinner rule's ceiling, but not the nurse's.
    let log = try tend([
      "log", "session", "--receiver", "Dad", "--pressure", "2", "--minutes", "30",
    ])
    #expect(log.status == 0, "\(log.stderr)")
    #expect(log.stderr.contains("30 minutes, longer than the 10 minutes allowed"), "\(log.stderr)")
    let summary = try tend(["summary", "--receiver", "Dad", "--format", "json"])
    #expect(summary.status == 0, "\(summary.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
    let safety = try #require(root["safety"] as? [String: Any])
    let against = try #require(safety["against"] as? [[String: Any]])
    #expect(against.count == 1, "\(safety)")
    let kinds = (against.first?["breaches"] as? [[String: Any]] ?? []).compactMap {
      $0["kind"] as? String
    }
    #expect(kinds.contains("pressure") && kinds.contains("time-cap"), "\(kinds)")
  }

  @Test("tend advise refuses a blank --from or --why, a too long text and a year out of range")
  func adviseValidates() throws {
    let file = home.appendingPathComponent("never.json").path
    let base = ["advise", "--for", "Dad", "--max-pressure", "1", "--output", file]
    let blank = try tend(base + ["--from", "  ", "--why", "low platelets"])
    #expect(blank.status == 2 && blank.stderr.contains("--from must have 1 to"), "\(blank.stderr)")
    let why = try tend(base + ["--from", "Nurse Kim", "--why", ""])
    #expect(why.status == 2 && why.stderr.contains("--why must have 1 to"), "\(why.stderr)")
    let long = try tend(
      base + ["--from", "Nurse Kim", "--why", String(repeating: "x", count: 501)])
    #expect(long.status == 2 && long.stderr.contains("--why must have"))
    let year = try tend(
      base + [
        "--from", "Nurse Kim", "--why", "low", "--start", "2300-01-01", "--until", "2300-01-02",
      ])
    #expect(year.status == 2 && year.stderr.contains("is not a date"), "\(year.stderr)")
    #expect(!FileManager.default.fileExists(atPath: file))
  }
}
