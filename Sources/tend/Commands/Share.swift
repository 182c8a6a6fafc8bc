import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend share`: writes the export carrying the family's consent and a SHA-256 of its own
  /// content, then, only once the export is durably written, records that consent in the
  /// journal (a share that fails records nothing).
  struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "share",
      abstract: "Record consent to share, and write the summary for that person.",
      discussion: """
        The consent (who, which period, which format, when) goes into the journal and into the
        export. Example:
          tend share --with "Dr Lee, oncology" --format html --output for-dr-lee.html
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var summary: SummaryArguments

    @Option(
      name: .customLong("with"), help: ArgumentHelp("Who it is shared with.", valueName: "WHO"))
    var recipient: String

    @Option(help: ArgumentHelp("Who agreed (default: the receiver).", valueName: "NAME"))
    var by: String?

    @Option(help: ArgumentHelp("html, markdown, text, csv, json or fhir.", valueName: "FORMAT"))
    var format: SummaryFormat = .html

    func validate() throws {
      guard !recipient.trimmingCharacters(in: .whitespaces).isEmpty else {
        guard let app = try? AppContext(global) else {
          throw ValidationError("--with needs a name, for example --with \"Dr Lee, oncology\".")
        }
        throw ValidationError(app.t("share.error.with"))
      }
    }

    func run() throws {
      let (app, receivers, profile) = try HomeInput.context(global, receiver: summary.receiver)
      let options = try summary.options(app, format: format, wordsIn: profile.language)
      if let output = summary.output, !summary.force, FileManager.default.fileExists(atPath: output)
      {
        throw SummaryArguments.failure(.outputExists(output), app)
      }
      do {
        var what = ["sessions", "ratings", "precautions"]
        what += SummaryPart.allCases.filter { !options.omit.contains($0) }.map(\.rawValue)
        if options.deidentify { what.append("deidentified") }
        let consent = SummaryConsent(
          at: options.now, sharedWith: recipient, what: what, from: options.period.fromText,
          to: options.period.toText, format: format.rawValue, by: by)
        // Written as the journal is read (flat memory), the consent counted as if recorded.
        let digest = try summary.stream(
          profile, in: receivers, options: options, format: format,
          RenderOptions(localizer: app.localizer, checksum: true), adding: [.consent(consent)],
          app: app)
        if let output = summary.output, format == .csv {
          try ExportFile.write(
            "\(digest)  \(URL(fileURLWithPath: output).lastPathComponent)\n",
            to: output + ".sha256", force: summary.force)
        }
        // Only now is the export whole on disk (or on the screen): record the consent.
        try record(consent, receivers.journalURL(profile.id), receivers, profile, app)
        Tend.printError(
          app.t(
            "share.done",
            [
              "who": .text(recipient), "where": .text(summary.output ?? app.t("share.screen")),
              "digest": .text(digest),
            ]))
      } catch let error as SummaryError {
        throw SummaryArguments.failure(error, app)
      }
    }

    /// Appends the consent to the receiver's journal (one durable, locked append).
    func record(
      _ c: SummaryConsent, _ url: URL, _ receivers: TendCore.Receivers, _ profile: Profile,
      _ app: AppContext
    ) throws {
      let at = Timestamp(c.at?.date ?? Date(), offsetSeconds: Int(c.at?.offset ?? 0))
      let entry = JournalEntry(
        at: at,
        .consent(
          Consent(
            sharedWith: c.sharedWith, what: c.what, from: c.from, to: c.to, format: c.format,
            by: c.by)))
      let torn = try HomeInput.run(app) { try receivers.journal(profile.id).append(entry) }
      HomeInput.report(torn, app)
    }
  }
}
