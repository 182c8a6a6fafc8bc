import ArgumentParser
import Foundation
import TendCore

/// The command line's table of contents. Every command is a thin front door onto `TendCore`.
@main
struct Tend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tend",
    abstract: "A home-massage coach for family caregivers.",
    discussion: "Tend is a coach, not a clinician. Stop if anything hurts.",
    version: TendVersion.program,
    subcommands: [
      // The conversation
      Chat.self,
      // What is safe, and the routines
      Check.self, Routines.self,
      // Receivers and the journal
      Receivers.self, Log.self, Journal.self, Reminders.self,
      // Where you are (the emergency number)
      Settings.self,
      // Summaries
      Summary.self, Share.self, Review.self, Advise.self,
      // Tend's own data
      DataCommand.self,
    ],
    defaultSubcommand: Chat.self
  )

  /// Runs one command line; maps every failure to one exit-code policy:
  /// 0 success (and help), 2 bad usage, 65 bad data, 1 anything else.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    ProcessMemory.keepFreedMemory()
    // Only a `check`, `summary` or `share` run on its own keeps its values to the end (never
    // the conversation's).
    KeptUntilExit.enabled = ["check", "summary", "share"].contains(arguments.first ?? "")
    let code = execute(arguments)
    Foundation.exit(code)
  }

  /// Parses and runs `arguments`, printing errors; returns the exit status. The REPL reuses this
  /// for plain commands typed at its prompt, so it never exits the process itself.
  static func execute(_ arguments: [String]) -> Int32 {
    do {
      if let global = versionRequest(arguments) {
        try printVersion(global)
        return 0
      }
      // The usual command lines are read without ArgumentParser's cost (`FastParse`); a
      // command whose own checks fail goes through ArgumentParser, which says why.
      if var command = FastParse.command(arguments), (try? command.validate()) != nil {
        try command.run()
        return 0
      }
      let (parsed, files) = Review.setAside(arguments)
      var command = try parseAsRoot(parsed)
      if let files, var review = command as? Review {
        review.files = files
        command = review
      }
      try command.run()
      return 0
    } catch let error as CatalogError {
      // In the user's language when the words themselves load (a broken routine file);
      // English only when Tend's own data (Locales/ with it) cannot be read at all.
      let t = ParseErrorText.localizer(arguments)
      printError(
        t.map { $0("cli.error", ["message": .text($0.render(error.message))]) }
          ?? error.localizedDescription)
      return 65
    } catch let error as TendError {
      printError(error.message)
      return error.exitCode
    } catch {
      // One of Tend's own errors that reached here unrendered: in the user's language.
      if let message = ErrorMessage.of(error), let t = ParseErrorText.localizer(arguments) {
        printError(t("cli.error", ["message": .text(t.render(message))]))
        return error is ReceiverError && (error as? ReceiverError)?.isUsage == true ? 2 : 65
      }
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        return 0
      }
      printError(ParseErrorText.localize(fullMessage(for: error), arguments: arguments))
      return code == .validationFailure ? 2 : code.rawValue
    }
  }

  /// `tend --version`, alone or with the global options: the options to find the data with.
  static func versionRequest(_ arguments: [String]) -> GlobalOptions? {
    let rest = arguments.filter { $0 != "--version" }
    guard rest.count < arguments.count else { return nil }
    return try? GlobalOptions.parse(rest)
  }

  /// Prints Tend's version, then the rules' (precautions `v` and the data digest) and where
  /// they were read from. Fails closed like every command: rules that do not load are an error.
  static func printVersion(_ global: GlobalOptions) throws {
    print("tend \(TendVersion.program)")
    let app = try AppContext(global)
    let version = try TendVersion.of(app.catalog, cache: app.digestCache)
    print(
      app.t(
        "version.rules",
        [
          "rules": .text(String(version.rules)), "data": .text(version.data),
          "folder": .text(app.catalog.folder.path),
        ]))
  }

  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }
}

/// A failure a command reports to the person, with its exit status.
struct TendError: Error {
  var message: String
  var exitCode: Int32

  static func usage(_ message: String) -> TendError { TendError(message: message, exitCode: 2) }
}
