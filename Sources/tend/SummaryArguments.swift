import ArgumentParser
import Foundation
import TendCore

/// Options shared by `tend summary` and `tend share`.
struct SummaryArguments: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Whose summary: folder id or name (default: the only receiver).", valueName: "NAME"))
  var receiver: String?

  @Option(
    help: ArgumentHelp(
      "First day, YYYY-MM-DD, or 30d for the last 30 days (default: 90d).", valueName: "DATE"))
  var from: String?

  @Option(help: ArgumentHelp("Last day, YYYY-MM-DD (default: today).", valueName: "DATE"))
  var to: String?

  @Option(
    help: ArgumentHelp("Parts to leave out: notes, name, feelings, water.", valueName: "LIST"))
  var omit: [String] = []

  @Flag(help: "De-identify (Safe Harbor): no names, no free text, years only, fresh ids.")
  var deidentify = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to FILE (created 0600) instead of the screen.", valueName: "FILE"))
  var output: String?

  @Flag(help: "Replace FILE if it exists.")
  var force = false

  /// "Now": `SOURCE_DATE_EPOCH` when set (reproducible output), else the clock, in local time.
  static func now(_ environment: Environment) -> SummaryTime {
    let date =
      environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(
        Date.init(timeIntervalSince1970:)) ?? Date()
    return SummaryTime(date, offset: Int32(TimeZone.current.secondsFromGMT(for: date)))
  }

  /// - Parameter wordsIn: the language the family writes in (the profile's), when known: their
  ///   words are read for red flags in it too, whatever language the summary is in.
  func options(_ app: AppContext, format: SummaryFormat, wordsIn: String? = nil) throws
    -> SummaryOptions
  {
    let now = Self.now(app.environment)
    do {
      let period = try SummaryPeriod.resolve(from: from, to: to, today: now.localDay)
      var options = SummaryOptions(
        period: period, omit: try SummaryPart.parseList(omit), deidentify: deidentify, now: now,
        keepSessions: format.needsRows,
        redFlagConditions: Set(app.catalog.rules.filter(\.isRedFlag).map(\.id)),
        catalog: app.catalog)
      // The data digest once: the version shows its first digits, and what words were read
      // as is kept between runs under the whole of it (`SaidReadings`).
      let digest = try TendVersion.dataDigest(folder: app.catalog.folder, cache: app.digestCache)
      options.version = TendVersion(
        rules: app.catalog.rulesVersion, data: String(digest.prefix(TendVersion.shortDigits)))
      options.emergencyConditions = Set(app.catalog.rules.filter(\.emergency).map(\.id))
      options.emergencyNumber = app.emergencyContact().number
      options.redFlagWords = SaidWords(
        app, readings: SaidReadings.forRun(app, dataDigest: digest)
      ).redFlagWords(family: wordsIn)
      return options
    } catch let error as SummaryError {
      throw SummaryArguments.failure(error, app)
    }
  }

  /// Reads the family's words for red flags; a recognizer is built only when there are words
  /// to read in its language (one that cannot be built leaves the words counted as not read).
  /// Each entry's words are read in the language recorded with them and in `also`, the
  /// family's language (the profile's); in every language Tend has when the line records none
  /// (`RedFlagWords.languages`, the same reading as the conversation's and `tend check`'s). A
  /// red flag found in any counts.
  static func redFlagWords(_ app: AppContext, also: String? = nil) -> RedFlagWords {
    SaidWords(app).redFlagWords(family: also)
  }

  /// The recognizer for `lang` (its catalog loaded with that language).
  static func recognizer(_ app: AppContext, _ lang: String) throws -> Recognizer {
    try TendCache.$folder.withValue(app.environment.usableCacheFolder) {
      let catalog = try LoadedCatalogs.shared.load(
        from: app.catalog.folder, languages: lang == "en" ? [] : [lang])
      return try Recognizer(localizer: catalog.localizer(lang), catalog: catalog)
    }
  }

  static func failure(_ error: SummaryError, _ app: AppContext) -> TendError {
    TendError(message: app.localizer.render(error.message), exitCode: error.isUsage ? 2 : 65)
  }

  /// Reads the journal and writes the export as it is read (to `--output` or the screen), after
  /// warning about journal lines that could not be read. Returns the SHA-256 of what was
  /// written.
  @discardableResult
  func stream(
    _ profile: Profile, in receivers: TendCore.Receivers, options: SummaryOptions,
    format: SummaryFormat, _ render: RenderOptions, adding: [SummaryEntry] = [],
    app: AppContext
  ) throws -> String {
    do {
      let stream = try SummaryStream(
        journal: receivers.journalURL(profile.id).path,
        receiver: SummaryGather.receiver(profile), options: options, format: format,
        adding: adding)
      // Never freed when the command runs alone: freeing the recognizers its red-flag reading
      // built (five for words with no recorded language) was 2% of a 10k-line FHIR export.
      KeptUntilExit.keep(stream)
      warn(stream.scan, app: app)
      guard let output else { return try stream.writeToStandardOutput(render) }
      var digest = ""
      try ExportFile.write(to: output, force: force) { fd throws(SummaryError) in
        digest = try stream.write(render, to: ExportWriter(fd: fd))
      }
      return digest
    } catch {
      throw Self.failure(error, app)
    }
  }

  /// Warns about journal lines that could not be read.
  func warn(_ scan: JournalScan.Result, app: AppContext) {
    if scan.unreadableCount > 0 {
      Tend.printError(
        app.t(
          "summary.warning.unreadableLines",
          [
            "count": .number(scan.unreadableCount),
            "lines": .text(scan.unreadableLines.map(String.init).joined(separator: ", ")),
          ]))
      // Each skipped line with its file, number and reason, as `tend journal` reports them.
      for (line, reason) in zip(scan.unreadableLines, scan.unreadableReasons) {
        HomeInput.report(.malformedLine(file: scan.path, line: line, reason: reason), app)
      }
    }
  }

  /// Prints or writes the export; warns about journal lines that could not be read.
  func deliver(_ text: String, scan: JournalScan.Result, app: AppContext) throws {
    warn(scan, app: app)
    guard let output else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try ExportFile.write(text, to: output, force: force)
    } catch {
      throw Self.failure(error, app)
    }
  }
}
