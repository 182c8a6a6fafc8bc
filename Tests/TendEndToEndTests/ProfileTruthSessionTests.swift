import Foundation
import TendTestSupport
import Testing

/// Issue 12 through a real terminal: the conversation keeps each person's precautions true.
@Suite("Precautions stay true in the conversation")
struct ProfileTruthSessionTests {
  static func environment(_ home: URL, scale: Int = 1000) -> [String: String] {
    REPLSessionTests.environment(home: home, scale: scale)
  }

  /// Adds a person through the command line, as another window would.
  static func add(_ name: String, _ specs: [String] = [], home: URL) throws {
    let env = environment(home)
    let added = try RunTend.run(["receivers", "add", name], environment: env)
    #expect(added.status == 0, "\(added.stderr)")
    for spec in specs {
      let run = try RunTend.run(["receivers", "condition", "add", name, spec], environment: env)
      #expect(run.status == 0, "\(run.stderr)")
    }
  }

  static func profile(_ home: URL, _ id: String) throws -> [String: Any] {
    let data = try Data(contentsOf: home.appendingPathComponent("receivers/\(id)/profile.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }

  static func conditionIDs(_ home: URL, _ id: String) throws -> Set<String> {
    let list = (try profile(home, id)["conditions"] as? [[String: Any]]) ?? []
    return Set(list.compactMap { $0["id"] as? String })
  }

  @Test("commands at the prompt and another window count at once; nothing is lost")
  func oneSourceOfTruth() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Dad", home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("Caring for Dad"), .expect("tend> "),
        .line("suggest"), .expect("Good to go"), .expect("tend> "),
        .line("receivers condition add Dad anticoagulants"), .expect("tend> "),
        .line("receivers condition add Dad iv-line@left-forearm"), .expect("tend> "),
        .line("suggest"), .expect("tend> "), .line("more"), .expect("Do the right side only"),
        .expect("tend> "),
        // Another window adds a fever while this one confirms a rash.
        .line("tell he has a rash on his back"), .expect("yes or no> "),
        .otherWindow(["receivers", "condition", "add", "Dad", "fever"]),
        .line("yes"), .expect("Saved: Rash"), .expect("tend> "),
        .line("start quick-hands"), .expect("Not today"), .expect("tend> "),
        .otherWindow(["receivers", "condition", "remove", "Dad", "fever"]),
        .line("start quick-hands"), .expect("today> "), .line("cancel"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains(": left forearm"))
    #expect(try Self.conditionIDs(home, "dad") == ["anticoagulants", "iv-line", "rash"])
  }

  @Test(
    "random interleavings of words, prompt commands and another window, on real files, never lose or resurrect a condition",
    arguments: [UInt64(1), 2, 3])
  func interleavingsOnDisk(seed: UInt64) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Dad", home: home)
    let sayings: [(id: String, add: String, remove: String)] = [
      ("anticoagulants", "he is on warfarin", "he is not on warfarin anymore"),
      ("osteoporosis", "he has osteoporosis", "he no longer has osteoporosis"),
      ("dementia", "he has dementia", "he no longer has dementia"),
      ("pacemaker", "he has a pacemaker", "he no longer has a pacemaker"),
    ]
    var rng = SeededRandom(seed: seed)
    var model = Set<String>()
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line(""), .expect("tend> ")]
    func other(_ id: String, add: Bool) -> PseudoTerminal.Step? {
      // The other window removes only what is there (its command fails otherwise).
      guard add || model.contains(id) else { return nil }
      if add { model.insert(id) } else { model.remove(id) }
      return .otherWindow(["receivers", "condition", add ? "add" : "remove", "Dad", id])
    }
    for _ in 0..<12 {
      let saying = sayings.randomElement(using: &rng)!
      let add = Bool.random(using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0:
        guard add || model.contains(saying.id) else { continue }
        steps += [.line("tell " + (add ? saying.add : saying.remove)), .expect("yes or no> ")]
        let o = sayings.randomElement(using: &rng)!
        if let step = other(o.id, add: Bool.random(using: &rng)) { steps.append(step) }
        steps += [.line("yes"), .expect("tend> ")]
        if add { model.insert(saying.id) } else { model.remove(saying.id) }
      case 1:
        guard add || model.contains(saying.id) else { continue }
        steps += [
          .line("receivers condition \(add ? "add" : "remove") Dad \(saying.id)"),
          .expect("tend> "),
        ]
        if add { model.insert(saying.id) } else { model.remove(saying.id) }
      default:
        if let step = other(saying.id, add: add) { steps.append(step) }
      }
    }
    steps += [.line("quit"), .expect("Goodbye")]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(try Self.conditionIDs(home, "dad") == model, "seed \(seed)")
  }

  @Test("a broken profile is named with its line and never written over; the others work")
  func unreadableNeverReplaced() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Ann", home: home)
    try Self.add("Mum", ["anticoagulants"], home: home)
    let mum = home.appendingPathComponent("receivers/mum/profile.json")
    let broken = Data("{\n  \"id\": \"mum\",\n  \"name\": \"Mum\",\n  \"conditions\": [\n".utf8)
    try broken.write(to: mum)
    let run = try PseudoTerminal.run(
      [
        .expect("cannot be read"), .expect("line 5"), .expect("I will not write over it"),
        .expect("name> "),
        .line("Mum"), .expect("I offer no routine for them"), .expect("name> "),
        .line("Ann"), .expect("Caring for Ann"), .expect("tend> "),
        .line("suggest"), .expect("Routines for today"), .expect("tend> "),
        .line("who Mum"), .expect("I offer no routine for them"), .expect("name> "),
        .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(run.stdout.contains("receivers/mum/profile.json"))
    #expect(!run.stdout.contains("Added Mum"))
    #expect(try Data(contentsOf: mum) == broken)
  }

  @Test("a red flag's instruction comes first; saving is asked after and no keeps it standing")
  func redFlagFirst() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Bo", home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("tend> "),
        .line("her face is drooping and her speech is slurred"), .expect("Call 911 now"),
        .expect("Shall I also save it"), .expect("yes or no> "), .line("no"),
        .expect("What I said above still stands"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(try Self.conditionIDs(home, "bo").isEmpty)
  }

  @Test("a today check before every start: one word, or what is new, confirmed and saved")
  func todayCheck() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Cy", home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("tend> "),
        .line("start quick-hands"), .expect("anything new with Cy today?"), .expect("today> "),
        .line("no chest pain, no swelling, all fine"), .expect("1 or 2> "), .line("skip"),
        .expect("begin> "), .line("cancel"), .expect("tend> "),
        .line("start quick-hands"), .expect("today> "), .line("she has a fever"),
        .expect("yes or no> "), .line("yes"), .expect("Saved: Fever"), .expect("Not today"),
        .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(try Self.conditionIDs(home, "cy") == ["fever"])
  }

  @Test("seen, not a stroke: confirmed, taken off, and the journal says who and when")
  func redFlagClosed() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Dad", ["sudden-weakness-or-numbness"], home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("Do not massage"), .expect("tend> "),
        .line("tell he was seen, it was not a stroke"),
        .expect("Who from the care team saw them?"), .expect("who says so> "), .line("Dr Lee"),
        .expect("with who says so: Dr Lee"), .expect("tend> "),
        .line("start quick-hands"), .expect("today> "), .line("cancel"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(try Self.conditionIDs(home, "dad").isEmpty)
    let removed = try JournalCheck.lines(home, "dad").filter {
      $0["type"] as? String == "condition" && $0["change"] as? String == "removed"
    }
    #expect(removed.count == 1)
    #expect(removed.first?["by"] as? String == "Dr Lee")
    #expect(removed.first?["note"] as? String == "he was seen, it was not a stroke")
    #expect((removed.first?["at"] as? String)?.isEmpty == false)
  }

  @Test("answers mean what they say: a name is a name, no is not one, 3 weeks ago is 21 days")
  func answers() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Ann", home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line("Dad"), .expect("I do not know Dad yet"), .line("no"),
        .expect("name> "), .line("no"), .expect("Please type their name"),
        .line("he has chest pain"), .expect("Call 911 now"), .expect("Who is this about?"),
        .line("Ann"), .expect("What I understood"), .expect("yes or no> "), .line("no"),
        .expect("tend> "), .line("add Lou"), .expect("Added Lou"),
        .expect("numbers or no> "), .line("no chest pain, no swelling, all fine"),
        .expect("Medicines"), .expect("numbers or no> "), .line("none"),
        .expect("numbers or no> "), .line("no"),
        .expect("4. New knee"), .expect("numbers or no> "), .line("4"),
        .expect("where> "), .line("left knee"), .expect("days ago> "), .line("3 weeks ago"),
        .expect("numbers or no> "), .line("no"), .expect("numbers or no> "), .line("no"),
        .expect("numbers or no> "), .line("no"), .expect("ml a day or no> "), .line(""),
        .expect("tend> "), .line("quit"), .expect("Goodbye"),
      ], environment: Self.environment(home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Did you mean"))
    let names = try FileManager.default.contentsOfDirectory(
      atPath: home.appendingPathComponent("receivers").path)
    #expect(Set(names) == ["ann", "lou"])
    #expect(try Self.conditionIDs(home, "ann").isEmpty)
    let knee = ((try Self.profile(home, "lou")["conditions"] as? [[String: Any]]) ?? []).first
    let expected = Calendar(identifier: .gregorian).date(byAdding: .day, value: -21, to: Date())!
    let format = DateFormatter()
    format.dateFormat = "yyyy-MM-dd"
    #expect(knee?["id"] as? String == "joint-replacement-knee")
    #expect(knee?["since"] as? String == format.string(from: expected))
  }

  @Test("during steps a typed word is never keys; it hurts asks first; the stop names its step")
  func keysDuringSteps() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    try Self.add("Di", home: home)
    let run = try PseudoTerminal.run(
      [
        .expect("name> "), .line(""), .expect("tend> "), .line("start feet-quick"),
        .expect("today> "), .line("no"), .expect("1 or 2> "), .line("skip"),
        .expect("begin> "), .line(""), .expect("Step 1 of"), .pause(0.3),
        .send("help"), .expect("While a step runs"), .pause(0.5),
        .send("h"), .expect("Did it hurt?"), .send("p"), .expect("going on"), .pause(0.5),
        .send("h"), .expect("Did it hurt?"), .send("\r"), .expect("what happened> "),
        .line("her heel"), .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
        .expect("later> "), .line("declined"), .expect("tend> "), .line("quit"),
        .expect("Goodbye"),
      ], environment: Self.environment(home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let sessions = try JournalCheck.lines(home, "di").filter { $0["type"] as? String == "session" }
    #expect(sessions.count == 1)
    #expect(sessions.first?["stoppedEarly"] as? Bool == true)
    #expect(sessions.first?["stopReason"] as? String == "her heel")
    #expect(sessions.first?["stoppedAtStep"] as? String == "hold-feet")
  }
}
