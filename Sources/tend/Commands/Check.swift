import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend check`: what is safe for this person today, and why.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "What is safe for this person today, and why.",
      discussion: """
        SPEC is ID, ID@SITE or ID@SIDE-SITE, optionally with +Nd for days since it began:
          anticoagulants   iv-line@left-forearm   joint-replacement-knee@left-knee+10d
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("condition"), help: ArgumentHelp("A condition (repeatable).", valueName: "SPEC"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("A profile file listing conditions.", valueName: "FILE"))
    var profile: String?

    @Option(help: ArgumentHelp("A person added with `tend receivers add`: their conditions and language.", valueName: "NAME"))
    var receiver: String?

    @Option(help: ArgumentHelp("Check one routine and show its plan step by step.", valueName: "ID"))
    var routine: String?

    @Flag(help: "Print JSON (the documented contract) instead of text.")
    var json = false

    func run() throws {
      var all: [Condition] = []
      let app: AppContext
      if let receiver {
        let (context, store, person) = try HomeInput.context(global, receiver: receiver)
        app = context
        all += try ProfileFile.conditions(person, file: store.profileURL(person.id).path, app: app)
      } else {
        app = try AppContext(global)
      }
      if let profile { all += try ProfileFile.conditions(at: profile, app: app) }
      all += try ConditionInput.parse(conditions, catalog: app.catalog)
      let checker = SafetyChecker(catalog: app.catalog)
      let result: SafetyChecker.Result
      do {
        result = try checker.check(all, routineID: routine)
      } catch {
        throw ConditionInput.usageError(error)
      }
      if json {
        print(try CheckReport(result, localizer: app.localizer).jsonText(), terminator: "")
      } else {
        print(CheckText(localizer: app.localizer).render(result, detailed: routine != nil), terminator: "")
      }
    }
  }
}
