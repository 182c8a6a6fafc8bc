import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend reminders`: water reminders that are due, for a shell prompt or cron.
  struct Reminders: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reminders", abstract: "Show water reminders that are due (quiet when none).",
      discussion: """
        Prints one line per due reminder and marks it shown, so it is not shown again. Prints
        nothing and exits 0 when none is due, so it can sit in a shell prompt or a cron job.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this person.", valueName: "NAME")) var receiver: String?
    @Flag(help: "Show without marking them shown.") var peek = false
    @Option(
      help: ArgumentHelp("Pretend it is this time (for scripts and tests).", valueName: "TIME"))
    var now: String?
    @Flag(help: "Print JSON Lines: receiver, name, dueAt, message.") var json = false

    func run() throws {
      let store = HomeInput.receivers(global)
      let reminders = TendCore.Reminders(receivers: store)
      let id = try receiver.map { try HomeInput.context(global, receiver: $0).2.id }
      // Quiet path: when nothing is due, no catalog is loaded and nothing is printed.
      let nowText = now
      var at = Timestamp(Date())
      if let nowText {
        at =
          try Timestamp.parse(nowText) ?? HomeInput.localTime(nowText)
          ?? HomeInput.time(nowText, flag: "--now", try AppContext(global))
      }
      let due: [TendCore.Reminders.Due]
      do {
        due = try reminders.due(now: at.date, receiver: id)
      } catch {
        throw HomeInput.failure(error, try AppContext(global))
      }
      guard !due.isEmpty else { return }
      for item in due {
        let app = try AppContext(global, receiverLanguage: item.profile.language)
        let text = app.localizer.render(item.message)
        if json {
          let object: [String: String] = [
            "receiver": item.profile.id, "name": item.profile.name, "dueAt": item.dueAt.description,
            "message": text,
          ]
          print(
            String(
              decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              as: UTF8.self))
        } else {
          print(text)
        }
        if !peek { try HomeInput.run(app) { try reminders.markShown(item, at: at) } }
      }
    }
  }
}
