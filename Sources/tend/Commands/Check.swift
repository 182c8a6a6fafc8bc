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
        TEXT is what you would tell a nurse; Tend shows back what it understood:
          --text "mum's on warfarin and had her left knee done 10 days ago"
        """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var sources: ConditionOptions

    @Option(
      help: ArgumentHelp("What you would tell a nurse, in your own words.", valueName: "TEXT"))
    var text: String?

    @Option(
      help: ArgumentHelp(
        "Check one routine (its id, or its word in your language) and show its plan step by step.",
        valueName: "ID"))
    var routine: String?

    @Flag(help: "Print JSON (the documented contract) instead of text.")
    var json = false

    func run() throws {
      var (app, all, careTeam, allergies) = try sources.gatherFull(global)
      var recognition: Recognition?
      if let text {
        let recognizer = try app.recognizer()
        // The words are read with what is already known: the profile and --condition.
        let found = recognizer.recognize(text, today: Date(), profile: all)
        all += found.conditions
        recognition = found
      }
      let checker = SafetyChecker(catalog: app.catalog)
      let routine = try self.routine.map { try ConditionInput.routineID($0, app) }
      let result: SafetyChecker.Result
      do {
        result = try checker.check(
          all, careTeam: careTeam, on: Date(), routineID: routine, allergies: allergies)
      } catch {
        throw ConditionInput.usageError(error, app.localizer)
      }
      let contact = app.emergencyContact()
      if json {
        print(
          try CheckReport(
            result, localizer: app.localizer, recognition: recognition, emergency: contact
          ).jsonText(),
          terminator: "")
      } else {
        print(
          CheckText.fitted(localizer: app.localizer, emergency: contact).render(
            result, detailed: routine != nil, recognition: recognition), terminator: "")
      }
    }
  }
}
