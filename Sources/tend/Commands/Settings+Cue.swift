import ArgumentParser
import Foundation
import TendCore

extension Tend.Settings {
  /// `tend settings cue [on|off]`: the gentle sound at each step change.
  struct Cue: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cue", abstract: "Show or set the sound at each step change (on or off).",
      discussion: """
        While a routine runs, Tend rings the terminal bell softly when a step changes, so you
        notice without watching the screen. It is on by default and silent while steps are read
        aloud (--speak). Stored in settings.json in Tend's home (TEND_HOME), next to the region.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("on or off.", valueName: "on|off")) var value: String?

    func run() throws {
      let app = try AppContext(global)
      let t = app.localizer
      if let value {
        let word = value.lowercased()
        let on: Bool
        if (["on", "yes"] + t.list("chat.yesWords") + t.list("cue.onWords")).contains(word) {
          on = true
        } else if (["off", "no"] + t.list("chat.noWords") + t.list("cue.offWords")).contains(word) {
          on = false
        } else {
          throw TendError.usage(t("cue.invalid", ["text": .text(t.quote(value))]))
        }
        do {
          try CueSetting.store(on, home: app.home)
        } catch {
          throw TendError(
            message: app.errorPrefix + t.render(ErrorMessage.always(error)), exitCode: 1)
        }
      }
      print(t(CueSetting.isOn(home: app.home) ? "cue.on" : "cue.off"))
    }
  }
}
