import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend advise`: for clinicians, next to `tend review`: writes the limits for one person as a
  /// small sealed file (Tend JSON, or FHIR) that the family imports.
  struct Advise: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "advise",
      abstract: "For clinicians: write limits for one person, for the family to import.",
      discussion: """
        Example: tend advise --for Mum --from "Nurse Kim" --role "oncology nurse" \\
          --why "platelets are low after chemo" --max-pressure 1 --avoid left-arm \\
          --until 2026-12-15 --output mum-advice.json
        The file is sealed with its own SHA-256; a changed byte makes the family's import refuse
        it. Limits only ever add to what Tend's rules say; the strictest wins. Without --until it
        ends \(CareAdvice.defaultDays) days after --start (at most \(CareAdvice.maxDays)).
        """)

    @OptionGroup var global: GlobalOptions
    @Option(
      name: .customLong("for"),
      help: ArgumentHelp("Whom it is for, as the family names them.", valueName: "NAME"))
    var receiver: String
    @Option(help: ArgumentHelp("Who you are.", valueName: "NAME")) var from: String
    @Option(help: ArgumentHelp("Your role (oncology nurse).", valueName: "TEXT")) var role: String?
    @Option(help: ArgumentHelp("Why, in a few plain words.", valueName: "TEXT")) var why: String
    @Option(help: ArgumentHelp("Pressure ceiling (0-3, Walton).", valueName: "N")) var maxPressure:
      Int?
    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp("Sites to keep off (left-arm, lower-back...).", valueName: "SITE"))
    var avoid: [String] = []
    @Option(
      name: .customLong("avoid-position"), parsing: .upToNextOption,
      help: ArgumentHelp("Positions to avoid (face-down, flat-on-back...).", valueName: "POSITION"))
    var positions: [String] = []
    @Flag(help: "No joint movement.") var noJointMovement = false
    @Option(help: ArgumentHelp("Longest session, in minutes.", valueName: "N")) var maxMinutes: Int?
    @Option(help: ArgumentHelp("First day (default today).", valueName: "YYYY-MM-DD")) var start:
      String?
    @Option(help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: "json (Tend) or fhir (a FHIR R4 Bundle with a CarePlan).") var format = "json"
    @Option(help: ArgumentHelp("Where to write it (default: the screen).", valueName: "FILE"))
    var output: String?
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
      let app = try AppContext(global)
      let today = CalendarDay.format(Date())
      // Checked before anything is written, with the same limits as `clearance add`.
      try CareTeamInput.text(
        receiver, flag: "--for", max: ReceiverName.maxCharacters, required: true, app)
      try CareTeamInput.text(from, flag: "--from", max: CareTeamInput.maxFrom, required: true, app)
      try CareTeamInput.text(role, flag: "--role", max: CareTeamInput.maxFrom, app)
      try CareTeamInput.text(why, flag: "--why", max: CareTeamInput.maxNote, required: true, app)
      let limits = try CareTeamInput.limits(
        maxPressure: maxPressure, avoid: avoid, positions: positions,
        noJointMovement: noJointMovement, maxMinutes: maxMinutes, app: app)
      guard !limits.isEmpty else { throw CareTeamInput.usage(app, "advise.error.noLimits", [:]) }
      let first = try CareTeamInput.day(start, flag: "--start", app) ?? today
      let (begin, end) = try CareTeamInput.span(
        first, until, flag: "--until", defaultDays: CareAdvice.defaultDays,
        maxDays: CareAdvice.maxDays, app)
      guard let last = CalendarDay.parse(end), CalendarDay.days(from: Date(), to: last) >= 0 else {
        throw CareTeamInput.usage(app, "advise.error.ended", ["until": .text(end)])
      }
      let draft = CareAdvice(
        id: "", receiver: receiver, from: from, role: role, why: why, issued: today, start: begin,
        until: end, limits: limits, checksum: "")
      let sealed: (text: String, advice: CareAdvice)
      switch format.lowercased() {
      case "json": sealed = AdviceFile.json(draft)
      case "fhir": sealed = AdviceFile.fhir(draft)
      default: throw CareTeamInput.usage(app, "advise.error.format", ["text": .text(format)])
      }
      guard let output else {
        print(sealed.text, terminator: "")
        return
      }
      do {
        try ExportFile.write(sealed.text, to: output, force: force)
      } catch {
        throw TendError(message: "error: " + app.localizer.render(error.message), exitCode: 1)
      }
      print(app.t("advise.written", ["file": .text(output), "name": .text(receiver)]))
      print("  " + CareTeamText(localizer: app.localizer).advice(sealed.advice))
    }
  }
}
