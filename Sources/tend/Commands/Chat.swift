import ArgumentParser
import Foundation
import TendCore
import TendREPL

extension Tend {
  /// `tend` or `tend chat`: the conversation.
  struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "chat", abstract: "Start the conversation (the default).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let app = try AppContext(global)
      let names = Tend.configuration.subcommands.compactMap { $0.configuration.commandName }
        .filter { $0 != "chat" }
      let state = app.environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: app.environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
      let global = global
      MainActor.assumeIsolated {
        let editor = LineEditor(historyFile: state.appendingPathComponent("tend/history"))
        ChatLoop(editor: editor, localizer: app.localizer, commands: names) { words in
          Tend.execute(words + Chat.passThrough(global))
        }.start()
      }
    }

    /// The global options typed at start, passed on to each plain command.
    static func passThrough(_ g: GlobalOptions) -> [String] {
      var args: [String] = []
      if let home = g.home { args += ["--home", home] }
      if let lang = g.lang { args += ["--lang", lang] }
      if let data = g.data { args += ["--data", data] }
      return args
    }
  }
}
