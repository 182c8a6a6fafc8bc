import Foundation
import TendCore
import TendTestSupport
import Testing

/// The lean journal scanner: what it reads, what it refuses, and that streaming a large file
/// in parts gives the same summary as one pass in memory.
@Suite("Journal scanner")
struct JournalScanTests {
  @Test("reads every fixture line the way a JSON parser does")
  func agreesWithJSONSerialization() throws {
    let lines = SummaryFixtures.journal.split(separator: "\n")
    let entries = JournalScan.entries(SummaryFixtures.journal)
    #expect(entries.count == lines.count)
    for (line, entry) in zip(lines, entries) {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      guard case .session(let s) = entry else { continue }
      #expect(s.at.description == object["at"] as? String)
      #expect(s.minutes == object["minutes"] as? Int)
      #expect(s.routine == object["routine"] as? String)
      #expect(s.note == object["note"] as? String)
      #expect(s.sites == (object["sites"] as? [String] ?? []))
      let before = object["before"] as? [String: Any]
      let scores = before?["scores"] as? [String: Int] ?? [:]
      for (name, value) in scores {
        #expect(s.before?.scores[SummaryScale(rawValue: name)!] == value)
      }
    }
  }

  @Test("string escapes, unicode and surrogate pairs decode")
  func escapes() throws {
    let line =
      #"{"at":"2026-11-02T18:00:00Z","note":"a \"b\"\n\u00e9\ud83d\ude00 ☕","type":"session","v":1}"#
    guard case .session(let s)? = JournalScan.entries(line).first else {
      Issue.record("not read"); return
    }
    #expect(s.note == "a \"b\"\né😀 ☕")
    #expect(s.at.offset == 0)
  }

  @Test(
    "broken lines, newer schemas, unknown kinds and missing fields are counted with line numbers and reasons"
  )
  func unreadable() throws {
    let dir = Fixtures.temporaryDirectory("tend-scan")
    defer { try? FileManager.default.removeItem(at: dir) }
    let text =
      SummaryFixtures.journal
      + "{\"at\":\"2026-11-03T10:00:00-05:00\",\"type\":\"session\",\"v\":2}\n"
      + "{\"at\":\"2026-11-03T10:00:00-05:00\",\"type\":\"reminder\",\"v\":1}\n"
      + "{\"type\":\"session\",\"v\":1}\n"
      + "{\"at\":\"2026-11-03T10:00:00-05:00\",\"type\":\"sess"
    let path = dir.appendingPathComponent("journal.jsonl").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let n = SummaryFixtures.journal.split(separator: "\n").count
    let result = try JournalScan.read(
      path, receiver: SummaryFixtures.receiver, options: SummaryFixtures.options())
    #expect(result.unreadableLines == [n + 1, n + 2, n + 3, n + 4])
    #expect(result.unreadableReasons[1] == "unknown type \"reminder\"")
    #expect(result.unreadableReasons[2] == "missing field \"at\"")
    #expect(result.builder.finish().totals.sessions == 14)
    let missing = try JournalScan.read(
      dir.appendingPathComponent("none").path, receiver: SummaryFixtures.receiver,
      options: SummaryFixtures.options())
    #expect(missing.builder.finish().totals.sessions == 0)
  }

  @Test("a 8.5 MB journal read in parts on two cores equals one pass in memory")
  func partsEqualOnePass() throws {
    let dir = Fixtures.temporaryDirectory("tend-scan-big")
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = ""
    let lines = SummaryFixtures.journal.split(separator: "\n").map(String.init)
    var copies = 0
    while text.utf8.count < 17 << 19 {
      text += lines.joined(separator: "\n") + "\n"
      copies += 1
    }
    let path = dir.appendingPathComponent("journal.jsonl").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let options = SummaryFixtures.options(keepSessions: false)
    let two = try JournalScan.read(
      path, receiver: SummaryFixtures.receiver, options: options, workers: 2)
    let one = try JournalScan.read(
      path, receiver: SummaryFixtures.receiver, options: options, workers: 1)
    let memory = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(text), options: options)
    #expect(two.unreadableCount == 0)
    #expect(two.builder.finish().totals.sessions == 14 * copies)
    #expect(two.builder.finish() == one.builder.finish())
    #expect(one.builder.finish() == memory)
  }
}
