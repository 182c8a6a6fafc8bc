import ArgumentParser
import Foundation
import TendCore
import TendREPL

extension Tend {
  /// `tend log`: add to a receiver's journal without the REPL (same entries, same checks).
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "Add a session, a feeling, a water answer or a consent to a journal.",
      subcommands: [SessionEntry.self, FeelingEntry.self, WaterEntry.self, ConsentEntry.self])
  }
}

/// Options every `tend log` command takes.
struct EntryOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Who it is for (not needed when there is only one).", valueName: "NAME"))
  var receiver: String?

  @Option(
    help: ArgumentHelp("When it happened (default: now).", valueName: "YYYY-MM-DDTHH:MM[+HH:MM]"))
  var at: String?

  @Option(help: ArgumentHelp("The caregiver logging it.", valueName: "NAME"))
  var by: String?
}

/// Who gave ratings: `--rated-by receiver|caregiver` and the proxy's name.
struct RaterOptions: ParsableArguments {
  @Option(name: .customLong("rated-by"), help: "receiver (default) or caregiver (a proxy rating).")
  var ratedBy: String = "receiver"

  @Option(
    help: ArgumentHelp(
      "The caregiver who rated, for a proxy rating (default: --by).", valueName: "NAME"))
  var rater: String?

  func ratings(_ pairs: [String], by: String?, _ app: AppContext) throws -> Ratings? {
    guard let who = Rater(rawValue: ratedBy.lowercased()) else {
      throw TendError.usage(app.errorPrefix + app.t("log.error.ratedBy", ["text": .text(ratedBy)]))
    }
    let scores = try HomeInput.run(app) { try Ratings.parsePairs(pairs) }
    if scores.isEmpty { return nil }
    return Ratings(ratedBy: who, rater: who == .caregiver ? (rater ?? by) : nil, scores: scores)
  }
}

extension Tend.Log {
  struct FeelingEntry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "feeling", abstract: "How they feel now: 0-10 ratings and their own words.",
      discussion:
        "Example: tend log feeling --receiver Mum --rate pain=3,mood=6 --text \"Slept better\"")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var entry: EntryOptions
    @OptionGroup var raters: RaterOptions

    @Option(
      help: ArgumentHelp(
        "Ratings 0-10 (pain, anxiety, tiredness, comfort, nausea, mood, breathlessness).",
        valueName: "NAME=N,..."))
    var rate: [String] = []

    @Option(help: "Their own words.") var text: String?

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: entry.receiver)
      let at = try HomeInput.time(entry.at, flag: "--at", app)
      let ratings = try raters.ratings(rate, by: entry.by, app)
      guard ratings != nil || text != nil else {
        throw TendError.usage(app.errorPrefix + app.t("log.error.emptyFeeling"))
      }
      // A red flag in their words: what to do now, before anything is saved (DESIGN rule 8).
      let readers = SaidWords(app)
      let flags = try LogRedFlags.read([text], profile: profile, at: at.date, app, readers: readers)
      for line in LogRedFlags.found(flags, app) { ScreenText.print(line) }
      // The words keep the language they were read in, so they are read back in it (F17).
      let feeling = Feeling(
        ratings: ratings, text: text, by: entry.by, lang: text.map(readers.language(of:)))
      let torn = try HomeInput.run(app) {
        try store.journal(profile.id).append(JournalEntry(at: at, .feeling(feeling)))
      }
      HomeInput.report(torn, app)
      if flags.isEmpty {
        print(app.t("log.logged.feeling", ["name": .text(profile.name)]))
      } else {
        ScreenText.print(app.t("log.logged.redFlag", ["name": .text(profile.name)]))
        ScreenText.print(app.t("chat.redFlag.untilSeen"))
      }
    }
  }

  struct WaterEntry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "water", abstract: "A water answer: offered, given, declined, later or shown.",
      discussion: "Example: tend log water given --ml 150    tend log water later --in 45")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var entry: EntryOptions
    @Argument(help: "offered, given, declined, later, or shown (a reminder was shown).") var answer:
      String
    @Option(help: "How much they drank, in mL.") var ml: Int?
    @Option(
      name: .customLong("in"),
      help: ArgumentHelp("For later: remind in this many minutes.", valueName: "MINUTES"))
    var minutes: Int?
    @Option(help: "A short note.") var note: String?

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: entry.receiver)
      let word =
        answer.lowercased() == "shown" ? Water.Answer.reminderShown.rawValue : answer.lowercased()
      guard let kind = Water.Answer(rawValue: word) else {
        let names = Water.Answer.allCases.map(\.rawValue)
        throw TendError.usage(
          app.errorPrefix
            + app.t(
              "log.error.waterAnswer",
              ["text": .text(answer), "known": .text(names.joined(separator: ", "))])
            + ConditionInput.hint(Suggest.nearest(to: answer, in: names, limit: 1), app.localizer))
      }
      if let minutes, !WaterReminder.minutesRange.contains(minutes) {
        throw HomeInput.failure(
          EntryError.outOfRange(field: "--in", value: minutes, range: WaterReminder.minutesRange),
          app)
      }
      let at = try HomeInput.time(entry.at, flag: "--at", app)
      let flags = try LogRedFlags.read([note], profile: profile, at: at.date, app)
      for line in LogRedFlags.found(flags, app) { ScreenText.print(line) }
      let reminders = TendCore.Reminders(receivers: store)
      let (written, torn) = try HomeInput.run(app) {
        try reminders.record(
          kind, for: profile, at: at, amountML: ml, minutes: minutes, by: entry.by, note: note)
      }
      HomeInput.report(torn, app)
      print(
        app.t(
          "log.logged.water",
          ["name": .text(profile.name), "answer": .key("log.water.\(kind.rawValue)")]))
      if !flags.isEmpty { ScreenText.print(app.t("chat.redFlag.untilSeen")) }
      let drunk = try? reminders.drunkToday(profile.id, now: at.date)
      for line in WaterReminder.afterLogging(
        kind, profile: profile, amountML: ml, drunkToday: drunk)
      {
        ScreenText.print(app.localizer.render(line))
      }
      if case .water(let water) = written.body, let remindAt = water.remindAt {
        print(app.t("reminders.scheduled", ["time": .text(JournalText.clock(remindAt))]))
      } else if kind == .later {
        print(
          profile.fluidLimitML.map { app.t("reminders.notRepeated", ["limit": .number($0)]) }
            ?? app.t("log.water.limitUnknown"))
      }
    }
  }

  struct ConsentEntry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "consent", abstract: "Record that the family agreed to share the journal.",
      discussion:
        "Example: tend log consent --with \"Dr Lee\" --what sessions,ratings --from 2026-11-01 --to 2026-11-30 --format pdf"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var entry: EntryOptions
    @Option(name: .customLong("with"), help: "Who it is shared with.") var sharedWith: String
    @Option(help: ArgumentHelp("What is shared (comma-separated).", valueName: "LIST")) var what:
      [String] = []
    @Option(help: ArgumentHelp("Start of the period shared.", valueName: "YYYY-MM-DD")) var from:
      String?
    @Option(help: ArgumentHelp("End of the period shared.", valueName: "YYYY-MM-DD")) var to:
      String?
    @Option(help: "The format shared (html, csv, fhir...).") var format: String?

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: entry.receiver)
      let consent = Consent(
        sharedWith: sharedWith, what: HomeInput.list(what),
        from: try HomeInput.day(from, flag: "--from", app),
        to: try HomeInput.day(to, flag: "--to", app), format: format, by: entry.by)
      let at = try HomeInput.time(entry.at, flag: "--at", app)
      let torn = try HomeInput.run(app) {
        try store.journal(profile.id).append(JournalEntry(at: at, .consent(consent)))
      }
      HomeInput.report(torn, app)
      print(app.t("log.logged.consent", ["name": .text(profile.name), "with": .text(sharedWith)]))
    }
  }
}
