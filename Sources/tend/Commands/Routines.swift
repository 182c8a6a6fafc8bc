import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend routines`: the routine library.
  struct Routines: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "routines",
      abstract: "List the routines, or show one.",
      subcommands: [List.self, Show.self],
      defaultSubcommand: List.self)

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the routines.")

      @OptionGroup var global: GlobalOptions

      @Option(help: ArgumentHelp("Only routines that work on this body area.", valueName: "SITE"))
      var area: String?

      @Option(name: .customLong("max-minutes"), help: "Only routines this long or shorter.")
      var maxMinutes: Int?

      @Flag(help: "Print JSON.") var json = false

      func run() throws {
        let app = try AppContext(global)
        var routines = app.catalog.routines
        if let area {
          guard let site = BodySite(rawValue: area.lowercased()) else {
            throw app.usage(
              app.t("cli.error.unknownArea", ["area": .text(area)])
                + ConditionInput.hint(Routines.areaGuesses(area, app), app.localizer))
          }
          routines = routines.filter { $0.areas.contains { $0.overlaps(site) } }
        }
        if let maxMinutes { routines = routines.filter { $0.minutes <= maxMinutes } }
        if json {
          print(
            RoutineReport.jsonText(routines.map { RoutineReport($0, localizer: app.localizer) }),
            terminator: "")
          return
        }
        let t = app.localizer
        // The word a routine goes by in this language (its id in English), padded to the
        // widest so the titles line up.
        let words = RoutineWords(app.catalog, t)
        routines.sort {
          RoutineWords.fold(words.word($0.id)) < RoutineWords.fold(words.word($1.id))
        }
        let width = (routines.map { TerminalText.width(words.word($0.id)) }.max() ?? 20) + 2
        for routine in routines {
          let areas = t.list(routine.areas.map { t("site.\($0.rawValue)") })
          print(
            TerminalText.pad(words.word(routine.id), to: max(22, width)) + t(routine.titleKey)
              + " · "
              + t("routine.minutes", ["count": .number(routine.minutes)]) + " · " + areas + " · "
              + t("plan.pressure", ["pressure": .number(routine.maxPressure.rawValue)]))
        }
        if routines.isEmpty { print(t("routines.none")) }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One routine with its steps, fitted to a person when conditions are given.")

      @OptionGroup var global: GlobalOptions

      @Argument(help: "The routine id, or its word in your language.") var id: String

      @OptionGroup var sources: ConditionOptions

      @Flag(help: "Print JSON.") var json = false

      func run() throws {
        let (app, all, careTeam, allergies) = try sources.gatherFull(global)
        guard let routine = app.catalog.routine(try ConditionInput.routineID(id, app)) else {
          throw ConditionInput.usageError(.unknownRoutine(id, suggestions: []), app.localizer)
        }
        if all.isEmpty && sources.receiver == nil {
          if json {
            print(RoutineReport(routine, localizer: app.localizer).jsonText(), terminator: "")
          } else {
            let result = try SafetyChecker(catalog: app.catalog).check([], routineID: routine.id)
            print(
              CheckText.fitted(localizer: app.localizer).planLines(result.plans[0]).joined(
                separator: "\n")
            )
            print("")
            print(app.t("check.coach"))
          }
          return
        }
        let result: SafetyChecker.Result
        do {
          result = try SafetyChecker(catalog: app.catalog).check(
            all, careTeam: careTeam, on: Date(), routineID: routine.id, allergies: allergies)
        } catch {
          throw ConditionInput.usageError(error, app.localizer)
        }
        if json {
          print(try CheckReport(result, localizer: app.localizer).jsonText(), terminator: "")
        } else {
          print(
            CheckText.fitted(localizer: app.localizer).render(result, detailed: true),
            terminator: "")
        }
      }
    }
  }
}

extension Tend.Routines {
  /// Body areas near a typed word, by id (`hnd`) or by the site's name in the language in use
  /// (`mano` is the Spanish name of `hand`).
  static func areaGuesses(_ word: String, _ app: AppContext) -> [String] {
    let ids = BodySite.allCases.map(\.rawValue)
    let byID = Suggest.nearest(to: word, in: ids, limit: 3)
    guard byID.isEmpty else { return byID }
    var idByName: [String: String] = [:]
    for id in ids { idByName[app.t("site.\(id)").lowercased()] = id }
    return Suggest.nearest(to: word, in: Array(idByName.keys).sorted(), limit: 3).compactMap {
      idByName[$0]
    }
  }
}
