import Foundation
import TendTestSupport
import Testing

/// The preparation through the real binary: the same lines from `check --routine` and
/// `routines show --receiver`, carried by `--json`, and in a session through a terminal.
@Suite("Preparation end to end")
struct PreparationEndToEndTests {
  static func home() throws -> URL {
    let home = Fixtures.temporaryDirectory()
    let add = try RunTend.run(
      [
        "receivers", "add", "Mum", "--condition", "lotion-allergy-nut", "--condition",
        "port@right-chest", "--condition", "joint-replacement-knee@left-knee+10d",
      ], environment: ["TEND_HOME": home.path])
    #expect(add.status == 0, "\(add.stderr)")
    return home
  }

  /// The preparation block of a text output: from its title to the next blank line.
  static func block(_ text: String, title: String = "Before you start (under a minute):") -> String
  {
    guard let start = text.range(of: title) else { return "" }
    let rest = text[start.lowerBound...]
    return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
  }

  @Test("check --routine and routines show --receiver print the same preparation; --json too")
  func sameEverywhere() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path]
    let check = try RunTend.run(
      ["check", "--receiver", "Mum", "--routine", "lower-legs-light"], environment: env)
    let show = try RunTend.run(
      ["routines", "show", "lower-legs-light", "--receiver", "Mum"], environment: env)
    #expect(check.status == 0 && show.status == 0, "\(check.stderr)\(show.stderr)")
    let block = Self.block(check.stdout)
    let flat = block.replacingOccurrences(of: "\n    ", with: " ")
    #expect(flat.contains("Nut allergy: no nut oils at all."))
    #expect(flat.contains("Their port (right chest): do not let them lie on it"))
    #expect(flat.contains("Put nothing under the knees today"))
    #expect(!flat.contains("a pillow under the knees"))
    #expect(block == Self.block(show.stdout))
    // JSON: the same items from both commands, with sources; in the chosen language.
    func preparation(_ args: [String]) throws -> NSDictionary? {
      let run = try RunTend.run(args + ["--json"], environment: env)
      let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary
      return object?["preparation"] as? NSDictionary
    }
    let a = try #require(
      try preparation(["check", "--receiver", "Mum", "--routine", "lower-legs-light"]))
    let b = try preparation(["routines", "show", "lower-legs-light", "--receiver", "Mum"])
    #expect(a == b)
    #expect(a["routine"] as? String == "lower-legs-light")
    let items = try #require(a["items"] as? [NSDictionary])
    let ids = items.compactMap { $0["id"] as? String }
    #expect(ids.contains("lotion-nut") && ids.contains("keep-off-port") && ids.contains("new-knee"))
    #expect(items.allSatisfy { ($0["sources"] as? [String])?.isEmpty == false })
    let texts = items.compactMap { $0["text"] as? String }
    #expect(texts.count == items.count)
    let es = try #require(
      try preparation([
        "check", "--receiver", "Mum", "--routine", "lower-legs-light", "--lang", "es",
      ]))
    let esTexts = (es["items"] as? [NSDictionary])?.compactMap { $0["text"] as? String } ?? []
    #expect(esTexts.contains { $0.hasPrefix("Alergia a los frutos secos") })
    // Without --routine there is no one routine to prepare for.
    let all = try RunTend.run(["check", "--receiver", "Mum", "--json"], environment: env)
    let object = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? NSDictionary
    #expect(object?["preparation"] is NSNull)
  }

  @Test(
    "through a terminal: the preparation before step 1, skipped, then stopped: the summary says so")
  func skippedThenStopped() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Mum"),
      .expect("tend> "), .line("start lower-legs-light"), .expect("today> "), .line("no"),
      // The new knee needs the care team's yes first.
      .expect("yes or no> "), .line("yes"), .expect("1 or 2> "), .line("skip"),
      .expect("Before you start (under a minute):"), .expect("Their port (right chest)"),
      .expect("begin> "), .line("skip"), .expect("Skipped for now."),
      .expect("Step 1 of"), .pause(0.3), .send("x"),
      .expect("what happened> "), .line("she was tired"),
      .expect("1 or 2> "), .line("skip"), .expect("note> "), .line(""),
      .expect("later> "), .line("declined"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 20))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let journal = try String(
      contentsOf: home.appendingPathComponent("receivers/mum/journal.jsonl"), encoding: .utf8)
    #expect(journal.contains(#""preparation":"skipped""#))
    let summary = try RunTend.run(
      ["summary", "--receiver", "Mum"], environment: ["TEND_HOME": home.path])
    let words = summary.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("she was tired · preparation skipped"), "\(summary.stdout)")
  }

  @Test("piped: gone through once, the journal says prepared, and the next start that day says so")
  func preparedThenEarlier() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = REPLSessionTests.environment(home: home)
    let first = [
      "Mum", "start comfort-hold", "no", "yes", "skip", "", "skip", "", "declined", "quit",
    ]
    let run = try RunTend.run([], stdin: first.joined(separator: "\n") + "\n", environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Before you start (under a minute):"))
    let journal = try String(
      contentsOf: home.appendingPathComponent("receivers/mum/journal.jsonl"), encoding: .utf8)
    #expect(journal.contains(#""preparation":"prepared""#))
    #expect(journal.contains("keep-off-port@port@right-chest"))
    let second = ["Mum", "start comfort-hold", "no", "yes", "skip", "cancel", "quit"]
    let next = try RunTend.run([], stdin: second.joined(separator: "\n") + "\n", environment: env)
    #expect(next.stdout.contains("You went through the preparation earlier today."))
    #expect(!next.stdout.contains("Before you start"))
  }
}
