import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend receivers`: the people cared for in this home.
  struct Receivers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "receivers",
      abstract: "The people you care for: list, add, show, change, rename, remove.",
      subcommands: [
        List.self, Add.self, Show.self, Change.self, Rename.self, Remove.self,
        ConditionCommand.self, ClearanceCommand.self, AdviceCommand.self, CareTeamCommand.self,
      ],
      defaultSubcommand: List.self)

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the receivers.")

      @OptionGroup var global: GlobalOptions
      @Flag(help: "Print JSON (an array of profiles).") var json = false

      /// Everyone who can be read is listed; a folder that is refused (a link) or a profile that
      /// cannot be read is named in its place with why (on standard error with `--json`), and
      /// does not stop the others from being listed (exit 0).
      func run() throws {
        let app = try AppContext(global)
        let records = try HomeInput.run(app) { try HomeInput.receivers(global).records() }
        let profiles = records.compactMap(\.profile)
        func problem(_ record: TendCore.Receivers.Record) -> String? {
          record.problem.map {
            app.t(
              "receivers.unreadableLine",
              ["id": .text(record.id), "problem": .text(app.localizer.render($0))])
          }
        }
        if json {
          print(
            String(decoding: try ProfileStore.encodeList(profiles), as: UTF8.self), terminator: "")
          for line in records.compactMap(problem) { Tend.printError(line) }
          return
        }
        if records.isEmpty { print(app.t("receivers.none")) }
        let text = ReceiverText(localizer: app.localizer, catalog: app.catalog)
        for record in records {
          print(record.profile.map { text.summaryLine($0) } ?? problem(record) ?? record.id)
        }
      }
    }

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a person you care for.",
        discussion:
          "Example: tend receivers add Mum --condition anticoagulants --fluid-limit 1500 --caregiver Ana"
      )

      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name, as you call them (Mum, Dad, Luis).") var name: String
      @OptionGroup var details: ProfileOptions

      @Option(
        name: .customLong("condition"),
        help: ArgumentHelp(
          "A condition (repeatable), e.g. iv-line@left-forearm.", valueName: "SPEC"))
      var conditions: [String] = []

      @Option(help: ArgumentHelp("Who is adding it (for the conditions).", valueName: "NAME"))
      var by: String?

      func run() throws {
        let app = try AppContext(global)
        let store = HomeInput.receivers(global)
        var profile = Profile(id: "", name: name)
        try details.apply(to: &profile, app)
        profile.conditions = try ConditionInput.parse(conditions, app: app).map {
          ReceiverText.profileCondition($0, by: by)
        }
        let added = try HomeInput.run(app) { try store.add(profile) }
        print(app.t("receivers.added", ["name": .text(added.name), "id": .text(added.id)]))
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Everything Tend knows about one person.")

      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Flag(help: "Print the profile as JSON.") var json = false

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        if json {
          print(String(decoding: try ProfileStore.encode(profile), as: UTF8.self), terminator: "")
        } else {
          print(
            ReceiverText(localizer: app.localizer, catalog: app.catalog).details(
              profile, today: Date()
            ).joined(separator: "\n"))
          // The care team's answers and advice, with what was agreed to share, when there are any.
          if !profile.careTeam.isEmpty {
            print("")
            print(CareTeamView.lines(app, store, profile).joined(separator: "\n"))
          }
        }
      }
    }

    struct Rename: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Change the name Tend uses.")

      @OptionGroup var global: GlobalOptions
      @Argument(help: "The current name.") var name: String
      @Argument(help: "The new name.") var newName: String

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        try HomeInput.run(app) { try store.rename(profile.id, to: newName) }
        print(app.t("receivers.renamed", ["old": .text(profile.name), "name": .text(newName)]))
      }
    }
  }
}

/// Profile settings shared by `receivers add` and `receivers set`.
struct ProfileOptions: ParsableArguments {
  @Option(
    name: .customLong("fluid-limit"),
    help: ArgumentHelp("The care team's daily fluid limit, in mL.", valueName: "ML"))
  var fluidLimit: Int?

  @Option(
    help: ArgumentHelp("Their preferred language (en, es, fr, zh-Hans, vi).", valueName: "CODE"))
  var language: String?

  @Option(
    name: .customLong("caregiver"),
    help: ArgumentHelp("A caregiver's name (repeatable).", valueName: "NAME"))
  var caregivers: [String] = []

  @Option(
    name: .customLong("allergy"), help: ArgumentHelp("An allergy (repeatable).", valueName: "TEXT"))
  var allergies: [String] = []

  @Option(
    name: .customLong("reminder-minutes"),
    help: "Minutes until a \"later\" water reminder (default 30).")
  var reminderMinutes: Int?

  func apply(to profile: inout Profile, _ app: AppContext) throws {
    if let fluidLimit {
      guard (100...10_000).contains(fluidLimit) else {
        throw TendError.usage(
          app.errorPrefix
            + app.t("receivers.error.fluidLimit", ["value": .text(String(fluidLimit))]))
      }
      profile.fluidLimitML = fluidLimit
    }
    if let language {
      let available = Catalog.availableLanguages(in: app.catalog.folder)
      guard let code = LanguageChoice.normalize(language, available: available) else {
        throw TendError.usage(
          app.errorPrefix
            + app.t(
              "receivers.error.language",
              ["text": .text(language), "known": .text(available.joined(separator: ", "))]))
      }
      profile.language = code
    }
    if let reminderMinutes {
      guard WaterReminder.minutesRange.contains(reminderMinutes) else {
        throw HomeInput.failure(
          EntryError.outOfRange(
            field: "reminder-minutes", value: reminderMinutes, range: WaterReminder.minutesRange),
          app)
      }
      profile.reminderMinutes = reminderMinutes
    }
    for name in caregivers where !profile.caregivers.contains(name) {
      profile.caregivers.append(name)
    }
    for allergy in allergies where !profile.allergies.contains(allergy) {
      profile.allergies.append(allergy)
    }
  }
}
