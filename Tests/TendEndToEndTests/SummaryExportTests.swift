import Foundation
import TendTestSupport
import Testing

/// `tend summary`, `tend share` and `tend review` run as a family and a clinician would.
@Suite("Summaries end to end")
struct SummaryExportTests {
  let home: URL
  let period = ["--from", "2026-11-01", "--to", "2026-11-28"]

  init() throws {
    home = try SummaryFixtures.install(in: Fixtures.temporaryDirectory("tend-summary"))
  }

  func tend(_ args: [String]) throws -> TendRun {
    try RunTend.run(
      args, environment: ["TEND_HOME": home.path, "SOURCE_DATE_EPOCH": SummaryFixtures.nowEpoch])
  }

  func file(_ name: String) -> String { home.appendingPathComponent(name).path }

  @Test(
    "tend summary prints the page: sessions, change, safety, the family line, no colour when piped")
  func text() throws {
    let run = try tend(["summary"] + period)
    #expect(run.status == 0, "\(run.stderr)")
    for phrase in [
      "14 sessions", "Pain", "−2.3", "Stopped early", "not clinically validated",
      "No sharing recorded yet",
    ] {
      #expect(run.stdout.contains(phrase), "\(phrase)")
    }
    #expect(!run.stdout.contains("\u{1B}["))
    let thirty = try tend(["summary", "--from", "30d", "--format", "csv"])
    #expect(thirty.stdout.components(separatedBy: "\r\n").count == 16)  // header, 14 rows, end
  }

  @Test("--output never overwrites without --force, and is created 0600")
  func output() throws {
    let path = file("out.md")
    #expect(try tend(["summary", "--format", "markdown", "--output", path] + period).status == 0)
    let again = try tend(["summary", "--format", "markdown", "--output", path] + period)
    #expect(again.status == 2 && again.stderr.contains("already exists"))
    #expect(
      try tend(["summary", "--format", "markdown", "--output", path, "--force"] + period).status
        == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("bad options exit 2 with a plain message")
  func usage() throws {
    let omit = try tend(["summary", "--omit", "notse"])
    #expect(omit.status == 2 && omit.stderr.contains("did you mean \"notes\""))
    let who = try tend(["summary", "--receiver", "bob"])
    #expect(who.status == 2 && who.stderr.contains("Rosa Example"))
    let date = try tend(["summary", "--from", "yesterday"])
    #expect(date.status == 2 && date.stderr.contains("YYYY-MM-DD"))
    #expect(try tend(["summary", "--format", "pdf"]).status == 2)
  }

  @Test("the JSON export's SHA-256 is what sha256sum says of the file with the digest zeroed")
  func checksumAgreesWithSha256sum() throws {
    let run = try tend(["summary", "--format", "json"] + period)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let digest = try #require(object["checksum"] as? String)
    let zeroed = run.stdout.replacingOccurrences(
      of: digest, with: String(repeating: "0", count: 64))
    let path = file("zeroed.json")
    try Data(zeroed.utf8).write(to: URL(fileURLWithPath: path))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sha256sum", path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(String(out.prefix(64)) == digest)
  }

  @Test(
    "share records consent in the journal, the export carries it, review verifies it and catches a change"
  )
  func shareAndReview() throws {
    let path = file("for-dr-lee.fhir.json")
    let share = try tend(
      ["share", "--with", "Dr Lee, oncology", "--format", "fhir", "--output", path] + period)
    #expect(share.status == 0, "\(share.stderr)")
    #expect(share.stderr.contains("Consent recorded") && share.stderr.contains("SHA-256"))
    let journal = try String(contentsOfFile: file("receivers/rosa/journal.jsonl"), encoding: .utf8)
    let last = try #require(journal.split(separator: "\n").last)
    let consent = try #require(
      try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    #expect(
      consent["type"] as? String == "consent"
        && consent["sharedWith"] as? String == "Dr Lee, oncology")
    #expect(
      consent["from"] as? String == "2026-11-01" && consent["format"] as? String == "fhir"
        && consent["v"] as? Int == 1)
    let export = try String(contentsOfFile: path, encoding: .utf8)
    #expect(export.contains("\"resourceType\":\"Consent\"") && export.contains("Dr Lee, oncology"))
    let review = try tend(["review", path])
    #expect(review.status == 0, "\(review.stderr)")
    #expect(review.stdout.contains("checksum matches") && review.stdout.contains("Rosa Example"))
    #expect(review.stdout.contains("Shared with Dr Lee, oncology"))
    #expect(export.contains("\"value\":6,"))
    try Data(export.replacingOccurrences(of: "\"value\":6,", with: "\"value\":1,").utf8).write(
      to: URL(fileURLWithPath: path))
    let altered = try tend(["review", path])
    #expect(altered.status == 65 && altered.stdout.contains("ALTERED"))
  }

  @Test("review of several files prints a table and names the unreadable one")
  func reviewMany() throws {
    var paths: [String] = []
    for (i, format) in ["json", "fhir", "json"].enumerated() {
      let path = file("export-\(i).\(format)")
      #expect(
        try tend(["share", "--with", "Nurse Kim", "--format", format, "--output", path] + period)
          .status == 0)
      paths.append(path)
    }
    let junk = file("junk.json")
    try Data("not json".utf8).write(to: URL(fileURLWithPath: junk))
    let run = try tend(["review"] + paths + [junk])
    #expect(run.status == 65)
    #expect(run.stdout.contains("Receiver") && run.stdout.contains("Rosa Example"))
    #expect(run.stdout.contains("UNREADABLE: \(junk)"))
    #expect(run.stdout.contains("4 files: 3 intact"))
  }

  @Test("--deidentify leaves no name, note or full date in the export")
  func deidentify() throws {
    let run = try tend(["share", "--with", "Dr Lee", "--format", "json", "--deidentify"] + period)
    #expect(run.status == 0)
    for word in ["Rosa", "Ana", "Luis", "Dr Lee", "sleepy", "light-headed", "2026-11"] {
      #expect(!run.stdout.contains(word), "\(word) is in a de-identified export")
    }
  }

  @Test("the HTML page renders in headless Chromium to a page that is not blank")
  func htmlScreenshot() throws {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let chromium else {
      Issue.record("chromium not installed; screenshot test skipped")
      return
    }
    let page = file("page.html")
    #expect(try tend(["summary", "--format", "html", "--output", page] + period).status == 0)
    let png = file("page.png")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: chromium)
    p.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(png)",
      "--window-size=1240,1754", "file://\(page)",
    ]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    let share = try #require(PNGInk.inkFraction(path: png), "no screenshot written")
    #expect(share > 0.01 && share < 0.5, "ink covers \(share) of the page")
  }

  /// Runs a tool and returns its exit status and standard output (nil when it is not installed).
  func tool(_ path: String, _ args: [String]) throws -> (Int32, String)? {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, out)
  }

  /// Prints `html` to PDF on `paper` with headless Chromium; returns the PDF's page count and
  /// one PNG per page (pdftoppm). Kept in `$TEND_PRINT_SHOTS` when set, to look at.
  func printed(_ html: String, paper: String, name: String) throws -> (pages: Int, pngs: [String])?
  {
    let page = file("\(name).html")
    let sized = html.replacingOccurrences(
      of: "</style>", with: "@page { size: \(paper); }\n</style>")
    try Data(sized.utf8).write(to: URL(fileURLWithPath: page))
    let pdf = file("\(name).pdf")
    guard
      try tool(
        "/usr/bin/chromium",
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
          "--print-to-pdf=\(pdf)", "file://\(page)",
        ]) != nil,
      let info = try tool("/usr/bin/pdfinfo", [pdf])
    else { return nil }
    let pages =
      info.1.split(separator: "\n").first { $0.hasPrefix("Pages:") }
      .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
    let dir = ProcessInfo.processInfo.environment["TEND_PRINT_SHOTS"] ?? home.path
    _ = try tool("/usr/bin/pdftoppm", ["-r", "60", "-png", pdf, "\(dir)/\(name)"])
    let pngs = (1...max(1, pages)).map { i in
      "\(dir)/\(name)-\(pages >= 10 && i < 10 ? "0" : "")\(i).png"
    }
    return (pages, pngs)
  }

  @Test(
    "printed: 30 days fit one A4 and one Letter page; a longer period repeats its head on every page"
  )
  func printedPages() throws {
    let html = try tend(["summary", "--format", "html"] + period).stdout
    for paper in ["A4", "letter"] {
      guard let (pages, pngs) = try printed(html, paper: paper, name: "month-\(paper)") else {
        Issue.record("chromium or poppler-utils not installed; print test skipped")
        return
      }
      #expect(pages == 1, "28 days take \(pages) \(paper) pages")
      let ink = try #require(PNGInk.inkFraction(path: pngs[0]), "no PNG of the \(paper) page")
      #expect(ink > 0.01 && ink < 0.5, "ink covers \(ink) of the \(paper) page")
    }
    // 120 days, a session every day: stopped, worse after, on the IV arm, water each day.
    var lines = [
      "{\"at\":\"2026-07-01T09:00:00-05:00\",\"change\":\"added\",\"condition\":{\"id\":\"anticoagulants\"},\"type\":\"condition\",\"v\":1}"
    ]
    let format = DateFormatter()
    format.dateFormat = "yyyy-MM-dd"
    format.timeZone = TimeZone(identifier: "UTC")
    let first = try #require(format.date(from: "2026-08-01"))
    for d in 0..<120 {
      let day = format.string(from: first.addingTimeInterval(Double(d) * 86_400))
      lines.append(
        "{\"after\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":\(d % 3 == 0 ? 8 : 3)}},\"at\":\"\(day)T18:00:00-05:00\",\"before\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":5}},\"minutes\":10,\"pressure\":3,\"routine\":\"calm-hands\",\"sites\":[\"left-hand\"],\"stopReason\":\"tired after a long day at the clinic\",\"stoppedEarly\":true,\"type\":\"session\",\"v\":1}"
      )
      lines.append(
        "{\"amountML\":\(900 + d % 5 * 100),\"answer\":\"given\",\"at\":\"\(day)T18:30:00-05:00\",\"type\":\"water\",\"v\":1}"
      )
    }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(
      to: home.appendingPathComponent("receivers/rosa/journal.jsonl"))
    let long = try tend([
      "summary", "--format", "html", "--from", "2026-08-01", "--to", "2026-11-28",
    ])
    #expect(long.status == 0, "\(long.stderr)")
    guard let (pages, _) = try printed(long.stdout, paper: "letter", name: "long") else { return }
    #expect(pages >= 2, "120 busy days should take more than one page")
    for i in 1...max(1, pages) {
      guard
        let text = try tool(
          "/usr/bin/pdftotext", ["-f", "\(i)", "-l", "\(i)", file("long.pdf"), "-"])
      else { return }
      for phrase in [
        "Rosa Example", "Aug 1, 2026", "Nov 28, 2026", "CONFIDENTIAL", "page \(i) of \(pages)",
      ] {
        #expect(text.1.contains(phrase), "page \(i) lacks \(phrase)")
      }
    }
  }
}
