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
      DispatchQueue.concurrentPerform(iterations: paths.count) { i in
        results.set(i, TendCore.Review.read(path: paths[i], redFlagConditions: redFlags))
      }
      let read = results.all
      let color = app.environment.colorAllowed(isTerminal: isatty(1) == 1)
      print(
        ReviewReport.render(read, RenderOptions(localizer: app.localizer, color: color)),
        terminator: "")
      if read.contains(where: {
        if case .unreadable = $0.status {
          true
        } else {
          $0.status == .altered || !$0.disagreements.isEmpty
        }
      }) {
        throw TendError(message: app.t("review.failed"), exitCode: 65)
      }
    }

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
