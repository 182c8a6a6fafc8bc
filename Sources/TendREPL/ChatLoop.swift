import Foundation
import TendCore

/// The conversation loop: reads lines, answers `help` and `quit`, and hands every other line
/// to the plain-command runner that `tend` injects (so this module never imports the parser).
@MainActor
public struct ChatLoop {
  public typealias CommandRunner = ([String]) -> Int32

  let editor: LineEditor
  let t: Localizer
  let commands: [String]
  let run: CommandRunner

  public init(editor: LineEditor, localizer: Localizer, commands: [String], run: @escaping CommandRunner) {
    self.editor = editor
    self.t = localizer
    self.commands = commands
    self.run = run
  }

  public func start() {
    print(t("chat.greeting"))
    print(t("check.coach"))
    print(t("chat.hint"))
    while let line = editor.read(prompt: t("chat.prompt")) {
      let words = CommandLineWords.split(line)
      guard let first = words.first?.lowercased() else { continue }
      switch first {
      case "quit", "exit", "bye":
        print(t("chat.bye"))
        return
      case "help", "?":
        print(t("chat.help", ["commands": .text(commands.joined(separator: ", "))]))
      default:
        if commands.contains(first) {
          _ = run(words)
        } else if let guess = Suggest.nearest(to: first, in: commands + ["help", "quit"]) {
          print(t("chat.didYouMean", ["word": .text(first), "guess": .text(guess)]))
        } else {
          print(t("chat.unknown", ["word": .text(first)]))
        }
      }
    }
    print(t("chat.bye"))
  }
}
