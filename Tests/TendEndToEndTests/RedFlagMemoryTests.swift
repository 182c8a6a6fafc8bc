import Foundation
import TendCore
import TendTestSupport
import Testing

/// Red flags said in the conversation, read back by `tend check --receiver`, and what a stop
/// verdict leaves out.
@Suite("Red flags in the journal, end to end")
struct RedFlagMemoryTests {
  let home = Fixtures.temporaryDirectory()

  func tend(_ arguments: [String]) throws -> TendRun {
    try RunTend.run(arguments, environment: ["TEND_HOME": home.path, "LANG": "en_US.UTF-8"])
  }

  /// A journal line as `tend chat` writes it, `minutes` ago.
  func line(_ fields: String, minutesAgo: Double) -> String {
    let at = Timestamp(Date().addingTimeInterval(-minutesAgo * 60)).description
    return #"{"at":"\#(at)",\#(fields),"v":1}"#
  }

  func write(_ lines: [String]) throws {
    let url = home.appendingPathComponent("receivers/bo/journal.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  }

  /// Whether `minutes` ago was yesterday (the line then reads "said yesterday at").
  func minutesAcrossMidnight(_ minutes: Double) -> Bool {
    !Calendar.current.isDate(Date().addingTimeInterval(-minutes * 60), inSameDayAs: Date())
  }

  static let stopped =
    #""type":"session","routine":"feet-quick","stoppedEarly":true,"#
    + #""stopReason":"her face looks droopy now""#

  @Test(
    "a line of today Tend cannot read (a newer schema) stands as a possible red flag; kept as is")
  func unreadableLineFailsClosed() throws {
    #expect(try tend(["receivers", "add", "Bo", "--condition", "anticoagulants"]).status == 0)
    let at = Timestamp(Date()).description
    let newer =
      #"{"at":"\#(at)","by":"Ana","lang":"en","text":"she has crushing chest pain","type":"feeling","v":2}"#
    // An old unreadable line (two days ago) is only reported, as before.
    let old = Timestamp(Date().addingTimeInterval(-2 * 86_400)).description
    let older = #"{"at":"\#(old)","by":"Ana","text":"x","type":"feeling","v":2}"#
    try write([older, newer])
    let url = home.appendingPathComponent("receivers/bo/journal.jsonl")
    let before = try Data(contentsOf: url)
    let json = try tend(["check", "--receiver", "Bo", "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "stop-call-provider", "\(json.stdout)")
    let text = try tend(["check", "--receiver", "Bo"])
    #expect(text.stderr.contains("journal.jsonl:2: this line could not be read"), "\(text.stderr)")
    #expect(text.stdout.contains("a journal line Tend could not read"), "\(text.stdout)")
    #expect(text.stdout.contains("journal.jsonl, line 2)"))
    #expect(!text.stdout.contains("line 1)"))
    #expect(text.stdout.contains("Do not massage"))
    #expect(!text.stdout.contains("Routines for today: ok"), "\(text.stdout)")
    // The conversation: suggest offers nothing.
    let chat = try RunTend.run(
      [], stdin: "Bo\nsuggest\nquit\n",
      environment: ["TEND_HOME": home.path, "LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8"])
    #expect(chat.stdout.contains("a journal line Tend could not read"), "\(chat.stdout)")
    #expect(!chat.stdout.contains("Good to go"), "\(chat.stdout)")
    // Never rewritten or removed.
    #expect(try Data(contentsOf: url) == before)
  }

  @Test("a red flag dated minutes after the clock (a clock set back) is in force: check and chat")
  func futureRedFlagStands() throws {
    #expect(try tend(["receivers", "add", "Bo", "--condition", "anticoagulants"]).status == 0)
    let feeling = #""by":"Ana","lang":"en","text":"she has crushing chest pain","type":"feeling""#
    try write([line(feeling, minutesAgo: -10)])
    let text = try tend(["check", "--receiver", "Bo", "--json"])
    #expect(text.status == 0, "\(text.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(text.stdout.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "stop-call-provider", "\(text.stdout)")
    let words = try tend(["check", "--receiver", "Bo"])
    #expect(words.stdout.contains("“she has crushing chest pain”"), "\(words.stdout)")
    #expect(words.stdout.contains("Call 911 now"))
    // The conversation too: choosing Bo puts it back in force, and suggest offers nothing.
    let chat = try RunTend.run(
      [], stdin: "Bo\nsuggest\nquit\n",
      environment: ["TEND_HOME": home.path, "LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8"])
    #expect(chat.stdout.contains("“she has crushing chest pain”"), "\(chat.stdout)")
    #expect(!chat.stdout.contains("Good to go"), "\(chat.stdout)")
  }

  @Test("a red flag said today stands in tend check; an unreadable line after it never lifts it")
  func checkReadsSaidRedFlags() throws {
    #expect(try tend(["receivers", "add", "Bo", "--condition", "anticoagulants"]).status == 0)
    try write([
      line(Self.stopped, minutesAgo: 30),
      // What a "seen" record would look like, torn: it cannot be read, so it lifts nothing.
      #"{"at":"2026-12-01T15:52:15+00:00","change":"removed","condition":{"id":"sudden-weak"#,
    ])
    let text = try tend(["check", "--receiver", "Bo"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("Red flag said today at") || minutesAcrossMidnight(30))
    #expect(text.stdout.contains("“her face looks droopy now”"))
    #expect(text.stdout.contains("Do not massage. Call 911 now."))
    // The blood thinner's massage advice is not given as if massage went ahead.
    let main = text.stdout.components(separatedBy: "Only when the care team says")
    #expect(main.count == 2, "\(text.stdout)")
    #expect(!main[0].contains("Use gentle strokes only"))
    #expect(main[1].contains("Use gentle strokes only"))
    let json = try tend(["check", "--receiver", "Bo", "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "stop-call-provider")
  }

  @Test(
    "seen by the care team (the journal's removed line) or older than a day: it no longer stands")
  func liftedOrOld() throws {
    #expect(try tend(["receivers", "add", "Bo"]).status == 0)
    try write([
      line(Self.stopped, minutesAgo: 30),
      line(
        #""type":"condition","change":"removed","condition":{"id":"sudden-weakness-or-numbness"},"#
          + #""by":"Dr Lee""#, minutesAgo: 10),
    ])
    #expect(try !tend(["check", "--receiver", "Bo"]).stdout.contains("Red flag said"))
    try write([line(Self.stopped, minutesAgo: 25 * 60)])
    #expect(try !tend(["check", "--receiver", "Bo"]).stdout.contains("Red flag said"))
  }
}
