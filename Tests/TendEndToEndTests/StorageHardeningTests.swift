import Foundation
import TendTestSupport
import Testing

/// Hostile and unlucky storage, through the built binary: concurrent renames, a share that
/// cannot be written, a line that would exhaust a recursive reader, lines every reader must
/// judge alike, exports that would run as spreadsheet formulas or forge Markdown headings.
@Suite("Storage hardening (command line)")
struct StorageHardeningTests {
  struct Home {
    let url = Fixtures.temporaryDirectory("tend-hard")

    func callAsFunction(_ args: [String]) throws -> TendRun {
      try RunTend.run(args, environment: ["TEND_HOME": url.path])
    }

    var journal: URL { url.appendingPathComponent("receivers/mum/journal.jsonl") }

    func append(_ lines: [String]) throws {
      let handle = try FileHandle(forWritingTo: journal)
      handle.seekToEndOfFile()
      handle.write(Data(lines.map { $0 + "\n" }.joined().utf8))
      try handle.close()
    }
  }

  @Test("two renames to one name at once, 20 times: never two people of that name")
  func concurrentRenames() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    var wins = 0
    for round in 0..<20 {
      let a = "Ann\(round)"
      let b = "Bob\(round)"
      #expect(try tend(["receivers", "add", a]).status == 0)
      #expect(try tend(["receivers", "add", b]).status == 0)
      let results = Slots(2)
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        results.set(
          k,
          try? RunTend.run(
            ["receivers", "rename", k == 0 ? a : b, "Zed\(round)"],
            environment: ["TEND_HOME": tend.url.path]))
      }
      let statuses = results.all.map { $0?.status ?? -1 }
      #expect(
        statuses.sorted() == [0, 2], "round \(round): \(results.all.map { $0?.stderr ?? "" })")
      wins += statuses.filter { $0 == 0 }.count
      let names = try tend(["receivers", "list", "--json"]).stdout
      let list = try #require(
        try JSONSerialization.jsonObject(with: Data(names.utf8)) as? [[String: Any]])
      #expect(list.compactMap { $0["name"] as? String }.filter { $0 == "Zed\(round)" }.count == 1)
    }
    #expect(wins == 20)
  }

  @Test("share into a folder that does not exist fails and records no consent")
  func shareRecordsNothingOnFailure() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    #expect(try tend(["log", "feeling", "--rate", "pain=4"]).status == 0)
    let missing = tend.url.appendingPathComponent("no/such/folder/for-dr-lee.html").path
    let failed = try tend(["share", "--with", "Dr Lee", "--output", missing])
    #expect(failed.status != 0)
    let journal = try String(contentsOf: tend.journal, encoding: .utf8)
    #expect(!journal.contains("\"consent\""))
    let out = tend.url.appendingPathComponent("for-dr-lee.html").path
    let ok = try tend(["share", "--with", "Dr Lee", "--output", out])
    #expect(ok.status == 0, "\(ok.stderr)")
    let after = try String(contentsOf: tend.journal, encoding: .utf8)
    #expect(after.components(separatedBy: "\"consent\"").count == 2)
    // The export carries the consent it recorded.
    #expect(try String(contentsOf: URL(fileURLWithPath: out), encoding: .utf8).contains("Dr Lee"))
  }

  @Test("a line of 200,000 '[' and a 3 MB line: summary and share report them and carry on")
  func deepAndLongLines() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    #expect(try tend(["log", "feeling", "--rate", "pain=4"]).status == 0)
    try tend.append([
      String(repeating: "[", count: 200_000),
      "{\"note\":\"" + String(repeating: "x", count: 3 << 20) + "\"}",
    ])
    #expect(try tend(["log", "feeling", "--rate", "pain=2"]).status == 0)
    for args in [
      ["summary", "--format", "json"], ["journal"],
      ["share", "--with", "Dr Lee", "--format", "json"],
    ] {
      let run = try tend(args)
      #expect(run.status == 0, "\(args): \(run.stderr)")
      #expect(run.stderr.contains("journal.jsonl:2:"), "\(args): \(run.stderr)")
      #expect(run.stderr.contains("journal.jsonl:3:"), "\(args): \(run.stderr)")
    }
  }

  @Test("journal and summary skip and report exactly the same lines")
  func readersAgree() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    #expect(try tend(["log", "feeling", "--rate", "pain=4"]).status == 0)
    let at = "\"at\":\"2026-11-20T10:00:00+01:00\""
    try tend.append([
      "{\(at),\"type\":\"feeling\",\"v\":1,\"ratings\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":11}}}",
      "{\(at),\"type\":\"water\",\"v\":1,\"answer\":\"lots\"}",
      "{\(at),\"type\":\"session\"}",
      "{\(at),\"type\":\"session\",\"v\":1,\"minutes\":007}",
      "{\(at),\"type\":\"reminder\",\"v\":1}",
      "{\(at),\"type\":\"session\",\"v\":1,\"minutes\":12,\"routine\":\"calm-hands\"}",
    ])
    let journal = try tend(["journal"])
    let summary = try tend(["summary", "--from", "2026-01-01", "--format", "json"])
    func reported(_ text: String) -> [String] {
      text.split(separator: "\n").compactMap { line in
        line.range(of: "journal.jsonl:").map {
          String(line[$0.upperBound...].prefix(while: \.isNumber))
        }
      }
    }
    #expect(reported(journal.stderr) == ["2", "3", "4", "5", "6"], "\(journal.stderr)")
    #expect(reported(summary.stderr) == ["2", "3", "4", "5", "6"], "\(summary.stderr)")
    let data = try #require(
      try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
    #expect((data["totals"] as? [String: Any])?["sessions"] as? Int == 1)
  }

  @Test("CSV cells cannot be formulas; notes cannot break lines in Markdown or text")
  func exportsNeutralised() throws {
    let tend = Home()
    defer { try? FileManager.default.removeItem(at: tend.url) }
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    for (by, note) in [
      ("=HYPERLINK(\"http://x\",\"y\")", "ok\r## Forged\rnone needed"),
      ("+cmd|' /C calc'!A0", "a\u{2028}## Forged"), ("@SUM(1+1)", "b\u{0B}c"),
      ("--by=-2+3", "\u{1B}[2Jgone"),
    ] {
      let who = by.hasPrefix("--by=") ? [by] : ["--by", by]
      let run = try tend(
        ["log", "session", "--routine", "calm-hands", "--minutes", "10"] + who + [
          "--note", note, "--at", "2026-11-20T10:00",
        ])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let csv = try tend(["summary", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"])
    for line in csv.stdout.split(separator: "\r\n").dropFirst() {
      for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
        let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
        #expect(
          !["=", "+", "-", "@", "\t", "\r"].contains(text.first.map(String.init) ?? ""), "\(cell)")
      }
    }
    #expect(csv.stdout.contains("'=HYPERLINK"))
    for format in ["markdown", "text"] {
      let page = try tend([
        "summary", "--from", "2026-11-01", "--to", "2026-11-30", "--format", format,
      ])
      let lines = page.stdout.components(separatedBy: .newlines)
      #expect(
        !lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("## Forged") },
        "\(format)")
      #expect(
        !page.stdout.unicodeScalars.contains {
          $0.value == 0x1B || $0.value == 0x2028 || $0.value == 0x0B
        })
    }
    let journal = try tend(["journal"])
    #expect(!journal.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D })
    #expect(journal.stdout.contains("‹U+001B›"))
  }

  @Test("tend data check passes on the shipped data and fails, exit 65, on a contradicted rule")
  func dataCheck() throws {
    let ok = try RunTend.run(["data", "check"])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("Locales/vi.json"))
    let copy = Fixtures.temporaryDirectory("tend-data")
    defer { try? FileManager.default.removeItem(at: copy) }
    for name in ["Routines", "Locales"] {
      try FileManager.default.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(name), to: copy.appendingPathComponent(name)
      )
    }
    let fr = copy.appendingPathComponent("Locales/fr.json")
    let text = try String(contentsOf: fr, encoding: .utf8)
    let lines = text.components(separatedBy: "\n").filter { !$0.hasPrefix("  \"check.coach\":") }
    try Data(lines.joined(separator: "\n").utf8).write(to: fr)
    let bad = try RunTend.run(["data", "check"], environment: ["TEND_DATA": copy.path])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("Locales/fr.json") && bad.stderr.contains("check.coach"))
    let french = try RunTend.run(["check", "--lang", "fr"], environment: ["TEND_DATA": copy.path])
    #expect(french.status == 65 && !french.stdout.contains("check.coach"))
  }
}

/// Results filled by concurrent workers.
final class Slots: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [TendRun?]
  init(_ count: Int) { values = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ value: TendRun?) { lock.withLock { values[i] = value } }
  var all: [TendRun?] { lock.withLock { values } }
}
