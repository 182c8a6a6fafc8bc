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
