import Foundation
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Stranger finding F22: `tend review` of a named pipe waited for ever, and the files after it in
/// the same call were never reported. Now the pipe is refused and every other file is read.
@Suite("Review and a named pipe, end to end")
struct ReviewFIFOTests {
  @Test("tend review good.json fifo.json good2.json returns, names the pipe, reads the rest")
  func fifoAmongFiles() throws {
    let home = try SummaryFixtures.install(in: Fixtures.temporaryDirectory("tend-review-fifo"))
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path, "SOURCE_DATE_EPOCH": SummaryFixtures.nowEpoch]
    let period = ["--from", "2026-11-01", "--to", "2026-11-28"]
    var paths: [String] = []
    for i in 0..<2 {
      let path = home.appendingPathComponent("export-\(i).json").path
      let made = try RunTend.run(
        ["share", "--with", "Nurse Kim", "--format", "json", "--output", path] + period,
        environment: env)
      #expect(made.status == 0, "\(made.stderr)")
      paths.append(path)
    }
    let fifo = home.appendingPathComponent("fifo.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let run = try RunTend.run(["review", paths[0], fifo, paths[1]], environment: env)
    #expect(run.status == 65, "\(run.stderr)")
    #expect(
      run.stdout.contains("UNREADABLE: \(fifo): a pipe or socket, not a file"), "\(run.stdout)")
    #expect(run.stdout.contains("3 files: 2 intact"), "\(run.stdout)")
    // Alone, too.
    let alone = try RunTend.run(["review", fifo], environment: env)
    #expect(alone.status == 65)
    #expect(alone.stdout.contains("a pipe or socket"), "\(alone.stdout)")
  }
}

/// `tend review shared.csv` said only "not JSON (line 1)". A file that is not JSON but has a
/// `FILE.sha256` beside it (what `tend share --format csv --output FILE` writes), or is named
/// like a CSV, text, Markdown or HTML export, is now said plainly to be one review does not
/// read, with how to check it instead; and every reason review gives is in the chosen language.
@Suite("Review of an export it does not read, end to end")
struct ReviewOtherExportTests {
  @Test(
    "a shared CSV names its sha256sum check, which passes; a Markdown page says what to ask for")
  func otherExports() throws {
    let home = try SummaryFixtures.install(in: Fixtures.temporaryDirectory("tend-review-csv"))
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["TEND_HOME": home.path, "SOURCE_DATE_EPOCH": SummaryFixtures.nowEpoch]
    let period = ["--from", "2026-11-01", "--to", "2026-11-28"]
    let csv = home.appendingPathComponent("shared.csv").path
    let made = try RunTend.run(
      ["share", "--with", "Nurse Kim", "--format", "csv", "--output", csv] + period,
      environment: env)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(FileManager.default.fileExists(atPath: csv + ".sha256"))
    let run = try RunTend.run(["review", csv], environment: env)
    #expect(run.status == 65, "\(run.stderr)")
    #expect(!run.stdout.contains("not JSON"), "\(run.stdout)")
    #expect(
      run.stdout.contains(
        "UNREADABLE: \(csv): tend review reads Tend's JSON and FHIR exports, and this file is neither"
      ), "\(run.stdout)")
    #expect(run.stdout.contains("run `sha256sum -c shared.csv.sha256` in its folder"))
    // Not called damaged: the closing line says it is another kind of export (round 7).
    #expect(run.stderr.contains("not JSON or FHIR exports"), "\(run.stderr)")
    #expect(!run.stderr.contains("altered"), "\(run.stderr)")
    // The check it names passes in that folder.
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    check.arguments = ["-c", "shared.csv.sha256"]
    check.currentDirectoryURL = home
    check.standardOutput = FileHandle.nullDevice
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0)
    // In Spanish and in French, with the same command.
    let es = try RunTend.run(["review", "--lang", "es", csv], environment: env)
    #expect(
      es.stdout.contains("ejecute `sha256sum -c shared.csv.sha256` en su carpeta"), "\(es.stdout)")
    let fr = try RunTend.run(["review", "--lang", "fr", csv], environment: env)
    #expect(fr.stdout.contains("lancez `sha256sum -c shared.csv.sha256`"), "\(fr.stdout)")
    // A Markdown page (no file beside it): what to ask for instead.
    let page = home.appendingPathComponent("page.md").path
    let md = try RunTend.run(
      ["summary", "--format", "markdown", "--output", page] + period, environment: env)
    #expect(md.status == 0, "\(md.stderr)")
    let read = try RunTend.run(["review", page], environment: env)
    #expect(read.status == 65)
    #expect(
      read.stdout.contains("ask for the JSON or FHIR export of the same summary"), "\(read.stdout)")
    // Junk named .json is still just not JSON, with its line.
    let junk = home.appendingPathComponent("junk.json")
    try "hello\n".write(to: junk, atomically: true, encoding: .utf8)
    let other = try RunTend.run(["review", junk.path], environment: env)
    #expect(other.stdout.contains("not JSON (line 1)"), "\(other.stdout)")
  }

  @Test("review's refusals are in the chosen language: a folder, a pipe, a device")
  func refusalsLocalized() throws {
    let home = Fixtures.temporaryDirectory("tend-review-lang")
    defer { try? FileManager.default.removeItem(at: home) }
    let fifo = home.appendingPathComponent("fifo.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let env = ["TEND_HOME": home.path]
    let expected: [(String, [String])] = [
      (
        "es",
        ["una carpeta, no un archivo", "una tubería o un socket", "un dispositivo, no un archivo"]
      ),
      (
        "fr",
        ["un dossier, pas un fichier", "un tube ou une socket", "un périphérique, pas un fichier"]
      ),
      ("zh-Hans", ["这是文件夹，不是文件", "这是管道或套接字", "这是设备，不是文件"]),
      (
        "vi", ["một thư mục, không phải tệp", "một ống dẫn (pipe)", "một thiết bị, không phải tệp"]
      ),
    ]
    for (lang, words) in expected {
      let run = try RunTend.run(
        ["review", "--lang", lang, home.path, fifo, "/dev/null"], environment: env)
      #expect(run.status == 65)
      for w in words { #expect(run.stdout.contains(w), "\(lang): \(run.stdout)") }
      #expect(!run.stdout.contains("not a file"), "\(lang): \(run.stdout)")
    }
  }
}
