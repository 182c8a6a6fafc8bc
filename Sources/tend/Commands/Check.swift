import ArgumentParser
import Foundation
import TendCore
import TendREPL

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

    /// The named receiver's red flags said (not stored) in the last 24 hours, from the journal;
    /// a line that cannot be read is skipped, so it never lifts one.
    /// What a conversation kept for today for the receiver (said, not saved in the profile).
    func keptToday(_ app: AppContext) throws -> [Condition] {
      guard let receiver = sources.receiver else { return [] }
      let (_, _, person) = try HomeInput.context(global, receiver: receiver)
      return try ChatStore(home: app.home).keptToday(
        of: person.id, day: CalendarDay.format(Date()))
    }

    /// The named receiver's red flags said (not stored) in the last 24 hours, read back from
    /// the journal in the language each was said in (`SaidWords`).
    func saidRedFlags(_ app: AppContext, readers: SaidWords) throws -> [SaidRedFlags.Flag] {
      guard let receiver = sources.receiver else { return [] }
      let (_, _, person) = try HomeInput.context(global, receiver: receiver)
      return try readers.standing(person, at: Date())
    }

    func run() throws {
      var (app, all, careTeam, allergies) = try sources.gatherFull(global)
      var recognition: Recognition?
      // One recognizer a reading language for the whole run: the words typed and the
      // journal's words of the last day are read by the same one, built once.
      let readers = SaidWords(app)
      if let text {
        let recognizer = try readers.recognizer(for: text)
        // The words are read with what is already known: the profile and --condition.
        let found = recognizer.recognize(text, today: Date(), profile: all)
        all += found.conditions
        recognition = found
      }
      // Red flags said in the conversation in the last 24 hours and not closed stand here too.
      let said = try saidRedFlags(app, readers: readers)
      all += said.flatMap(\.conditions)
      // What the caregiver kept for today only, in the conversation, stands here too.
      for c in try keptToday(app)
      where !all.contains(where: { $0.id == c.id && $0.site == c.site && $0.side == c.side }) {
        all.append(c)
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
      // Never freed: the process ends after the output (`KeptUntilExit`).
      KeptUntilExit.keep((app, readers, result, recognition as Any))
      if json {
        print(
          try CheckReport(
            result, localizer: app.localizer, recognition: recognition, emergency: contact
          ).jsonText(),
          terminator: "")
      } else {
        for line in SaidRedFlags.lines(said, now: Date(), app.localizer) {
          ScreenText.print(line)
        }
        if !said.isEmpty { print("") }
        print(
          CheckText.fitted(localizer: app.localizer, emergency: contact).render(
            result, detailed: routine != nil, recognition: recognition), terminator: "")
      }
    }
  }
}
