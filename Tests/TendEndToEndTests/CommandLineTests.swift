import Foundation
import TendTestSupport
import Testing

/// The real `tend` binary, run as a script would run it.
@Suite("Command line")
struct CommandLineTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("tend check --json follows the documented contract")
  func checkJSON() throws {
    let run = try RunTend.run([
      "check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm",
      "--condition", "joint-replacement-knee@left-knee+10d",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try json(run.stdout)
    for key in [
      "verdict", "maxPressure", "avoid", "noJointMovement", "avoidPositions", "maxMinutes",
      "clearanceAdvised", "conditions", "messages", "routines",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["verdict"] as? String == "adjust")
    #expect(object["maxPressure"] as? Int == 2)
    #expect(object["maxMinutes"] is NSNull)
    let avoid = try #require(object["avoid"] as? [[String: Any]])
    #expect(
      avoid.contains {
        $0["site"] as? String == "arm" && $0["side"] as? String == "left"
          && ($0["because"] as? [String]) == ["iv-line"]
      })
    let routines = try #require(object["routines"] as? [[String: Any]])
    let calm = try #require(routines.first { $0["id"] as? String == "calm-hands" })
    let steps = try #require(calm["steps"] as? [[String: Any]])
    let palm = try #require(steps.first { $0["id"] as? String == "left-palm" })
    #expect(palm["action"] as? String == "skip")
    let messages = try #require(object["messages"] as? [String])
    #expect(messages.last?.contains("coach, not a clinician") == true)
  }

  @Test("text output leads with the verdict and ends with the coach line")
  func checkText() throws {
    let run = try RunTend.run(["check", "--condition", "chest-pain"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("Do not massage. Call the emergency number now."))
    #expect(run.stdout.contains("coach, not a clinician"))
  }

  @Test("an unknown condition or site exits 2 with the nearest names")
  func badUsage() throws {
    let id = try RunTend.run(["check", "--condition", "warfarin-thing"])
    #expect(id.status == 2)
    let site = try RunTend.run(["check", "--condition", "iv-line@left-forarm"])
    #expect(site.status == 2)
    #expect(site.stderr.contains("did you mean \"left-forearm\""))
    let fevr = try RunTend.run(["check", "--condition", "fevr"])
    #expect(fevr.stderr.contains("did you mean \"fever\"?"))
    let flag = try RunTend.run(["check", "--conditoin", "fever"])
    #expect(flag.status == 2)
    #expect(!flag.stderr.contains("Fatal"))
  }

  @Test("a broken data file exits 65 with file:line:field, never a stack trace")
  func badData() throws {
    let dir = Fixtures.temporaryDirectory("tend-data")
    defer { try? FileManager.default.removeItem(at: dir) }
    for sub in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
    }
    let file = dir.appendingPathComponent("Routines/calm-hands.json")
    let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "\"pressure\": 2", with: "\"pressure\": 4")
    try Data(text.utf8).write(to: file)
    let run = try RunTend.run(["check", "--json"], environment: ["TEND_DATA": dir.path])
    #expect(run.status == 65)
    #expect(run.stderr.hasPrefix("Routines/calm-hands.json:"))
    #expect(run.stderr.contains("[steps[1].pressure] 4 is above the maximum 3"))
    #expect(run.stdout.isEmpty)
  }

  @Test("tend routines --json and routines show ID --json")
  func routines() throws {
    let list = try RunTend.run(["routines", "--json"])
    #expect(list.status == 0)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    #expect(array.count >= 16)
    let show = try RunTend.run(["routines", "show", "calm-hands", "--json"])
    let one = try json(show.stdout)
    #expect(one["id"] as? String == "calm-hands")
    let steps = try #require(one["steps"] as? [[String: Any]])
    for key in ["id", "site", "side", "technique", "pressure", "seconds", "jointMovement", "text"] {
      #expect(steps.first?[key] != nil, "step misses \(key)")
    }
    let filtered = try RunTend.run(["routines", "--area", "foot", "--max-minutes", "5"])
    #expect(filtered.stdout.contains("feet-quick"))
    #expect(!filtered.stdout.contains("soothing-feet"))
  }

  @Test("routines show ID --condition fits the plan to the person")
  func routineShowFitted() throws {
    let run = try RunTend.run([
      "routines", "show", "calm-hands", "--condition", "iv-line@left-forearm",
    ])
    #expect(run.status == 0)
    #expect(run.stdout.contains("[skip] left hand"))
    #expect(run.stdout.contains("Do the right side only"))
  }

  @Test("routines show ID --receiver NAME fits the plan to a saved person")
  func routineShowReceiver() throws {
    let home = Fixtures.temporaryDirectory("tend-home")
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path]
    #expect(try RunTend.run(["receivers", "add", "Dad"], environment: env).status == 0)
    #expect(
      try RunTend.run(
        ["receivers", "condition", "add", "Dad", "iv-line@right-hand"], environment: env
      ).status == 0)
    let run = try RunTend.run(
      ["routines", "show", "calm-hands", "--receiver", "Dad"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("[skip] right hand"))
    let typo = try RunTend.run(
      ["routines", "show", "calm-hands", "--receiver", "Dda"], environment: env)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("Dad"))
  }

  @Test("piped chat runs plain commands and quits")
  func pipedChat() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let intake = String(repeating: "no\n", count: 8)
    let run = try RunTend.run(
      [], stdin: "routines --max-minutes 3\nBo\n\(intake)routnes\nquit\n",
      environment: ["TEND_HOME": home.path])
    #expect(run.status == 0)
    #expect(run.stdout.contains("quick-hands"))
    #expect(run.stdout.contains("Did you mean \"routines\"?"))
    #expect(run.stdout.contains("Goodbye"))
  }

  @Test("a profile file feeds the check")
  func profileFile() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("p.json")
    try Data(
      #"{"name": "Mum", "conditions": ["anticoagulants", {"id": "iv-line", "site": "forearm", "side": "left"}]}"#
        .utf8
    ).write(to: file)
    let run = try RunTend.run(["check", "--profile", file.path, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try json(run.stdout)
    #expect((object["conditions"] as? [[String: Any]])?.count == 2)
    let bad = dir.appendingPathComponent("bad.json")
    try Data(#"{"conditions": ["nope"]}"#.utf8).write(to: bad)
    #expect(try RunTend.run(["check", "--profile", bad.path]).status == 65)
  }
}
