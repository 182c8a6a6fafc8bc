import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend review`: for clinicians, reads the summaries families sent (Tend JSON or FHIR).
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Read summaries families sent: checks each file, then one page or a table.",
      discussion: """
        Reads Tend JSON (tend summary --format json) and FHIR exports. Each file's SHA-256 is
        checked; altered and unreadable files are named. Exit status 65 if any file is altered
        or unreadable.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Exported files.", valueName: "FILE"))
    var files: [String]

    func run() throws {
      let app = try AppContext(global)
      let redFlags = Set(app.catalog.rules.filter(\.isRedFlag).map(\.id))
      let results = Slots(count: files.count)
      let paths = files
      let table = paths.count > 1
      DispatchQueue.concurrentPerform(iterations: paths.count) { i in
        // The table of several files shows no session row, feeling or note (`ReviewReport`):
        // a JSON export's rows are then checked and counted as they are read, never kept
        // (`rows: false`), and a FHIR export's are let go in the reading thread.
        let file = TendCore.Review.read(path: paths[i], redFlagConditions: redFlags, rows: !table)
        results.set(i, file)
      }
      let read = results.all
      // Kept until the process ends: freeing a thousand summaries one by one just before exit
      // was a few percent of the whole run.
      Self.keptUntilExit = (results, read)
      let color = app.environment.colorAllowed(isTerminal: isatty(1) == 1)
      print(
        ReviewReport.render(read, RenderOptions(localizer: app.localizer, color: color)),
        terminator: "")
      let failed = read.filter {
        if case .unreadable = $0.status {
          true
        } else {
          $0.status == .altered || !$0.disagreements.isEmpty
        }
      }
      // A CSV, text, Markdown or HTML export is not damaged, only not one review reads: the
      // closing line says so instead of "altered" (outside tester, round 7).
      let otherOnly = failed.allSatisfy {
        if case .unreadable(let why) = $0.status {
          why.key.hasPrefix("review.reason.otherExport")
        } else {
          false
        }
      }
      if !failed.isEmpty {
        throw TendError(
          message: app.t(otherOnly ? "review.failedOtherExports" : "review.failed"), exitCode: 65)
      }
    }

    /// `tend review A B C …` with the file names set aside: ArgumentParser's time grows with
    /// the square of the number of positional values (it merges their origins one by one: 30 ms
    /// for 1,000 files), so plain file names after `review` are taken out, the command is
    /// parsed with the first one only, and `files` is then set to them all. Nothing is set
    /// aside unless the words are exactly `review`, the global options with their values, and
    /// names not starting with `-` (no `--`, no other option).
    static func setAside(_ arguments: [String]) -> (arguments: [String], files: [String]?) {
      guard arguments.first == "review", arguments.count > 3 else { return (arguments, nil) }
      var kept = ["review"]
      var files: [String] = []
      var k = 1
      while k < arguments.count {
        let word = arguments[k]
        if ["--home", "--lang", "--data"].contains(word), k + 1 < arguments.count {
          kept += [word, arguments[k + 1]]
          k += 2
          continue
        }
        guard !word.hasPrefix("-") else { return (arguments, nil) }
        files.append(word)
        k += 1
      }
      guard let first = files.first else { return (arguments, nil) }
      return (kept + [first], files)
    }

    /// The files read, never freed (the process ends right after the report).
    nonisolated(unsafe) static var keptUntilExit: (Slots, [TendCore.Review.File])?

    /// One slot per file, filled by concurrent readers.
    final class Slots: @unchecked Sendable {
      private let lock = NSLock()
      private var values: [TendCore.Review.File?]
      init(count: Int) { values = Array(repeating: nil, count: count) }
      func set(_ i: Int, _ file: TendCore.Review.File) { lock.withLock { values[i] = file } }
      var all: [TendCore.Review.File] { lock.withLock { values.compactMap { $0 } } }
    }
  }
}
