import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend data`: the shipped data, checked.
  struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "data", abstract: "Check Tend's own data files.", subcommands: [Check.self])

    /// `tend data check`: loads the routines and precaution rules (every rule's examples run
    /// through the real checker, as every start does) and checks every language in `Locales/`,
    /// not only the one in use. Exit 0 when all is well, 65 naming file, line and field when not.
    /// CI runs it before the tests.
    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the routines, the precaution rules and their examples, and every language."
      )

      @OptionGroup var global: GlobalOptions

      func run() throws {
        let environment = Environment()
        let folder = try DataFolder.locate(
          explicit: global.data, environment: environment.variables)
        let catalog = try Catalog.load(from: folder)
        let results = Catalog.checkAllLanguages(in: folder, catalog: catalog)
        let app = try? AppContext(global, environment: environment)
        let t = app?.localizer ?? catalog.localizer("en")
        print(
          t(
            "data.check.rules",
            [
              "rules": .number(catalog.rules.count),
              "examples": .number(catalog.rules.reduce(0) { $0 + $1.examples.count }),
              "routines": .number(catalog.routines.count),
            ]))
        var failed = false
        for (lang, error) in results {
          if let error {
            failed = true
            Tend.printError(error.localizedDescription)
          } else {
            print(
              t(
                "data.check.language",
                [
                  "file": .text("Locales/\(lang).json"),
                  "keys": .number(catalog.english.values.count),
                ]))
          }
        }
        if failed { throw TendError(message: t("data.check.failed"), exitCode: 65) }
      }
    }
  }
}
