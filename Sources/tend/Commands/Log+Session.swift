import ArgumentParser
import Foundation
import TendCore
import TendREPL

extension Tend.Log {
  struct SessionEntry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "session", abstract: "A massage session as it was given.",
      discussion: """
        With --routine and no --kept/--adapted/--skipped, the plan Tend proposes today is recorded.
        The precautions in force come from the receiver's conditions.
        Example: tend log session --receiver Mum --routine calm-hands --minutes 8 --by Ana \\
                   --before pain=6,anxiety=4 --after pain=3,anxiety=2 --water given --water-ml 150
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var entry: EntryOptions
    @OptionGroup var raters: RaterOptions

    @Option(help: ArgumentHelp("The routine followed.", valueName: "ID")) var routine: String?
    @Option(help: "How long it lasted.") var minutes: Int?
    @Option(help: "The highest pressure used, 0-3.") var pressure: Int?
    @Option(help: ArgumentHelp("Ratings before (0-10).", valueName: "NAME=N,...")) var before:
      [String] = []
    @Option(help: ArgumentHelp("Ratings after (0-10).", valueName: "NAME=N,...")) var after:
      [String] = []
    @Option(help: ArgumentHelp("Steps done as written.", valueName: "IDS")) var kept: [String] = []
    @Option(help: ArgumentHelp("Steps done with changes.", valueName: "IDS")) var adapted:
      [String] = []
    @Option(help: ArgumentHelp("Steps left out.", valueName: "IDS")) var skipped: [String] = []
    @Option(
      name: .customLong("site"),
      help: ArgumentHelp("A place worked on (repeatable).", valueName: "SIDE-SITE"))
    var sites: [String] = []
    @Option(
      name: .customLong("stopped-early"),
      help: ArgumentHelp("It was stopped early, and why.", valueName: "REASON"))
    var stoppedEarly: String?
    @Option(help: "A short note.") var note: String?
    @Option(help: "The water answer after it: given, declined or later.") var water: String?
    @Option(name: .customLong("water-ml"), help: "How much they drank, in mL.") var waterML: Int?

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: entry.receiver)
      let at = try HomeInput.time(entry.at, flag: "--at", app)
      var session = Session(minutes: minutes, by: entry.by)
      if let typed = routine {
        let routine = try ConditionInput.routineID(typed, app)
        let conditions = profile.conditions(asOf: at.date)
        if let plan = try? SafetyChecker(catalog: app.catalog).check(
          conditions, careTeam: profile.careTeam, on: at.date, routineID: routine
        ).plans.first {
          session = Session(plan: plan, minutes: minutes, by: entry.by, precautions: [])
        } else {
          session.routine = routine
        }
      }
      if !(kept + adapted + skipped).isEmpty {
        session.plan = FollowedPlan(
          kept: HomeInput.list(kept), adapted: HomeInput.list(adapted),
          skipped: HomeInput.list(skipped))
      }
      if !sites.isEmpty {
        session.sites = try HomeInput.list(sites).map { token in
          guard let region = BodyRegion(token: token.lowercased()) else {
            throw TendError.usage(app.errorPrefix + app.t("log.error.site", ["text": .text(token)]))
          }
          return region.token
        }
      }
      if let pressure { session.pressure = pressure }
      session.precautions = profile.precautionIDs(asOf: at.date, catalog: app.catalog)
      session.before = try raters.ratings(before, by: entry.by, app)
      session.after = try raters.ratings(after, by: entry.by, app)
      if let stoppedEarly {
        session.stoppedEarly = true
        session.stopReason = stoppedEarly.isEmpty ? nil : stoppedEarly
      }
      session.note = note
      // Red flags: said in these words (the instruction now, before saving: DESIGN rule 8), or
      // said in the last 24 hours and not cleared (they stand: a session now goes against them).
      let readers = SaidWords(app)
      let said = try LogRedFlags.read(
        [session.stopReason, session.note], profile: profile, at: at.date, app, readers: readers)
      for line in LogRedFlags.found(said, app) { ScreenText.print(line) }
      // The words keep the language they were read in, so they are read back in it (F17).
      session.lang = (session.stopReason ?? session.note).map(readers.language(of:))
      let standing = try LogRedFlags.standing(profile, at: at.date, app, readers: readers)
      let standingIDs = Array(Set(standing.flatMap { $0.conditions.map(\.id) })).sorted()
      if !standingIDs.isEmpty {
        for line in SaidRedFlags.lines(standing, now: at.date, app.localizer) {
          ScreenText.print(line)
        }
        for line in LogRedFlags.advice(standingIDs, app) { ScreenText.print(line) }
      }
      // Check what was logged against the precautions in force at that time; warn before saving
      // and record it in the entry.
      let inForce =
        profile.conditions.filter { c in
          c.since.flatMap(CalendarDay.parse).map { CalendarDay.days(from: $0, to: at.date) >= 0 }
            ?? true
        }.map { $0.condition(asOf: at.date) } + standing.flatMap(\.conditions)
      let restrictions: Restrictions
      do {
        restrictions = try SafetyChecker(catalog: app.catalog).restrictions(
          for: inForce, careTeam: profile.careTeam, on: at.date)
      } catch {
        var closed = Restrictions()
        closed.apply(.verdictFloor(.stopCallProvider), because: "unknown-condition")
        restrictions = closed
      }
      let done = SessionDone(
        routine: session.routine, kept: session.plan?.kept ?? [],
        adapted: session.plan?.adapted ?? [], sites: session.sites ?? [],
        pressure: session.pressure, minutes: session.minutes)
      let breaches = SessionAudit.breaches(done, under: restrictions, catalog: app.catalog)
      if !breaches.isEmpty {
        session.againstPrecautions = breaches.map(\.code)
        Tend.printError(
          app.t(
            "log.warning.breach",
            ["list": .text(SessionBreach.describe(breaches, app.localizer))]))
      }
      let answer = try water.map { try waterAnswer($0, app) }
      let journal = try HomeInput.run(app) { try store.journal(profile.id) }
      HomeInput.report(
        try HomeInput.run(app) { try journal.append(JournalEntry(at: at, .session(session))) }, app)
      print(app.t("log.logged.session", ["name": .text(profile.name)]))
      if let answer {
        let reminders = TendCore.Reminders(receivers: store)
        let (written, _) = try HomeInput.run(app) {
          try reminders.record(answer, for: profile, at: at, amountML: waterML, by: entry.by)
        }
        print(
          app.t(
            "log.logged.water",
            ["name": .text(profile.name), "answer": .key("log.water.\(answer.rawValue)")]))
        let drunk = try? reminders.drunkToday(profile.id, now: at.date)
        for line in WaterReminder.afterLogging(
          answer, profile: profile, amountML: waterML, drunkToday: drunk)
        {
          ScreenText.print(app.localizer.render(line))
        }
        if case .water(let w) = written.body, let remindAt = w.remindAt {
          print(app.t("reminders.scheduled", ["time": .text(JournalText.clock(remindAt))]))
        } else if answer == .later {
          print(
            profile.fluidLimitML.map { app.t("reminders.notRepeated", ["limit": .number($0)]) }
              ?? app.t("log.water.limitUnknown"))
        }
      } else if said.isEmpty && standingIDs.isEmpty {
        // No water offer after a red flag: what to do now was said above.
        let drunk = try? TendCore.Reminders(receivers: store).drunkToday(profile.id, now: at.date)
        ScreenText.print(
          app.localizer.render(WaterReminder.offer(for: profile, drunkToday: drunk)))
      }
    }

    func waterAnswer(_ text: String, _ app: AppContext) throws -> Water.Answer {
      let names = [Water.Answer.given, .declined, .later].map(\.rawValue)
      guard let answer = Water.Answer(rawValue: text.lowercased()), names.contains(answer.rawValue)
      else {
        throw TendError.usage(
          app.errorPrefix
            + app.t(
              "log.error.waterAnswer",
              ["text": .text(text), "known": .text(names.joined(separator: ", "))]))
      }
      return answer
    }
  }
}
