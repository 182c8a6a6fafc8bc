import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend summary`: one page the care team reads in a minute, in the format asked for.
  struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "summary",
      abstract: "A summary of the journal for the care team.",
      discussion: """
        Formats: text (the screen), markdown, html (one printable page), csv (one row per
        session), json (what tend review reads), fhir (a FHIR R4 Bundle).
        Examples:
          tend summary
          tend summary --format html --output for-dr-lee.html --omit notes
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var summary: SummaryArguments

    @Option(help: ArgumentHelp("text, markdown, html, csv, json or fhir.", valueName: "FORMAT"))
    var format: SummaryFormat = .text

    func run() throws {
      let (app, receivers, profile) = try HomeInput.context(global, receiver: summary.receiver)
      let options = try summary.options(app, format: format, wordsIn: profile.language)
      let color =
        summary.output == nil && format == .text
        && app.environment.colorAllowed(isTerminal: isatty(1) == 1)
      let render = RenderOptions(
        localizer: app.localizer, color: color, checksum: format == .json || format == .fhir)
      try summary.stream(profile, in: receivers, options: options, format: format, render, app: app)
    }
  }
}

extension SummaryFormat: ExpressibleByArgument {}
