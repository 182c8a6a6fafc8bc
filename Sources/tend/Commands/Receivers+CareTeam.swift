import ArgumentParser
import Foundation
import TendCore

extension Tend.Receivers {
  /// `tend receivers clearance add|list|remove`: the care team's answer to "ask first".
  struct ClearanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "clearance", abstract: "Record the care team's answer to \"ask first\".",
      subcommands: [Add.self, CareTeamList.self, Remove.self], defaultSubcommand: CareTeamList.self)

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record that the care team said yes, with any limits.",
        discussion: """
          Example: tend receivers clearance add Mum --from "Dr Lee" --for anticoagulants \\
            --max-pressure 1 --until 2026-12-20
          It answers "ask the care team first" for those rules only, can only add limits, and
          ends on --until (default: \(Clearance.defaultDays) days after --given; at most \
          \(Clearance.maxDays)). It never lifts a red flag, a postpone, or words Tend did not
          understand.
          """)

      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Option(help: ArgumentHelp("Who gave the answer.", valueName: "WHO")) var from: String
      @Option(
        name: .customLong("for"), parsing: .upToNextOption,
        help: ArgumentHelp(
          "The rules it answers (ids, as `tend check` shows them).", valueName: "RULE"))
      var rules: [String]
      @Option(help: ArgumentHelp("A pressure ceiling they set (0-3).", valueName: "N"))
      var maxPressure: Int?
      @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Sites to keep off (left-arm, lower-back...).", valueName: "SITE"))
      var avoid: [String] = []
      @Option(help: ArgumentHelp("The day they said yes (default today).", valueName: "YYYY-MM-DD"))
      var given: String?
      @Option(help: ArgumentHelp("The last day it holds.", valueName: "YYYY-MM-DD")) var until:
        String?
      @Option(help: "What they said, in a few words.") var note: String?
      @Option(help: ArgumentHelp("Who is recording it.", valueName: "NAME")) var by: String?

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        let clearance = try CareTeamInput.clearance(
          from: from, rules: rules, maxPressure: maxPressure, avoid: avoid, given: given,
          until: until, note: note, by: by, for: profile, app)
        let saved = try HomeInput.run(app) {
          try store.addClearance(clearance, to: profile.id, at: Timestamp(Date()))
        }
        print(app.t("careteam.clearance.saved", ["name": .text(profile.name)]))
        print("  " + CareTeamText(localizer: app.localizer).clearance(saved))
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove an answer (by its id, as `list` shows it).")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Argument(help: "The id (c1, c2...).") var id: String
      @Option(help: ArgumentHelp("Who is removing it.", valueName: "NAME")) var by: String?

      func run() throws { try CareTeamView.remove(global, name, id, by) }
    }
  }

  /// `tend receivers advice import|list|remove`: limits a clinician sent back.
  struct AdviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "advice", abstract: "Import limits a clinician sent (`tend advise`).",
      subcommands: [Import.self, CareTeamList.self, Remove.self],
      defaultSubcommand: CareTeamList.self)

    struct Import: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read an advice file, show it, and follow it once confirmed.",
        discussion: """
          Reads Tend advice JSON or its FHIR form. A file whose checksum does not match, that
          has ended, or that was written for someone else is refused. Without --yes, Tend shows
          the advice and asks (or, without a terminal, stops and imports nothing).
          """)
      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Argument(help: "The advice file.") var file: String
      @Flag(help: "Import without asking (after reading it in plain words).") var yes = false
      @Option(help: ArgumentHelp("Who is importing it.", valueName: "NAME")) var by: String?

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        var advice = try CareTeamInput.advice(file, for: profile, app)
        advice.importedBy = by
        print(app.t("careteam.advice.read", ["file": .text(file), "name": .text(profile.name)]))
        print("  " + CareTeamText(localizer: app.localizer).advice(advice))
        guard yes || CareTeamInput.confirm(app) else {
          throw TendError(message: app.t("careteam.advice.notImported"), exitCode: 1)
        }
        try HomeInput.run(app) {
          try store.addAdvice(advice, to: profile.id, at: Timestamp(Date()))
        }
        print(app.t("careteam.advice.saved", ["name": .text(profile.name)]))
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop following advice (by its id, as `list` shows it).")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Argument(help: "The id (12 hex digits).") var id: String
      @Option(help: ArgumentHelp("Who is removing it.", valueName: "NAME")) var by: String?

      func run() throws { try CareTeamView.remove(global, name, id, by) }
    }
  }

  /// `tend receivers clearance list` and `advice list`: the same page as `care-team`.
  struct CareTeamList: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "The care team's answers, advice and sharing consent.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Their name.") var name: String?

    func run() throws { try CareTeamView.print(global, name) }
  }

  /// `tend receivers care-team NAME`: answers, advice and sharing consent, in one place.
  struct CareTeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "care-team",
      abstract: "The care team's answers, advice and what you agreed to share, in one place.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Their name.") var name: String?

    func run() throws { try CareTeamView.print(global, name) }
  }
}

/// The care-team view and removal, shared by the subcommands above.
enum CareTeamView {
  static func print(_ global: GlobalOptions, _ name: String?) throws {
    let (app, store, profile) = try HomeInput.context(global, receiver: name)
    Swift.print(lines(app, store, profile).joined(separator: "\n"))
  }

  static func lines(_ app: AppContext, _ store: Receivers, _ profile: Profile) -> [String] {
    var consents: [Consent] = []
    _ = try? store.reader(profile.id).forEach { item in
      if case .entry(let entry, _) = item, case .consent(let c) = entry.body { consents.append(c) }
    }
    return CareTeamText(localizer: app.localizer).view(profile, consents: consents, today: Date())
  }

  static func remove(_ global: GlobalOptions, _ name: String, _ id: String, _ by: String?) throws {
    let (app, store, profile) = try HomeInput.context(global, receiver: name)
    let removed = try HomeInput.run(app) {
      try store.removeCareTeam(id, from: profile.id, by: by, at: Timestamp(Date()))
    }
    let text = CareTeamText(localizer: app.localizer)
    let what = removed.clearance.map(text.clearance) ?? removed.advice.map(text.advice) ?? id
    Swift.print(app.t("careteam.removed", ["name": .text(profile.name), "what": .text(what)]))
  }
}
