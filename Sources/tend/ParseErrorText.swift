import ArgumentParser
import Foundation
import TendCore

/// The command line parser's own errors ("Unknown option '--bogus'", "Missing expected
/// argument", "The value 'htm' is invalid") in the user's language.
///
/// The parser writes them in English before any command has run, so the language is found the
/// way every command finds it (`--lang`, then `LC_ALL`/`LC_MESSAGES`/`LANG`), from the words
/// typed. Only the sentences are translated: option names, values and the usage line are the
/// command line's own and stay as they are. English, or a language that cannot be loaded,
/// leaves the message untouched.
enum ParseErrorText {
  static func localize(_ message: String, arguments: [String]) -> String {
    guard let t = localizer(arguments), t.lang != "en" else { return message }
    var lines = message.components(separatedBy: "\n")
    guard let first = lines.first, first.hasPrefix("Error: ") else { return message }
    lines[0] = t("cli.error", ["message": .text(sentence(String(first.dropFirst(7)), t))])
    return lines.map { line in
      if line.hasPrefix("Usage: ") { return t("cli.parse.usage") + " " + line.dropFirst(7) }
      if line.hasPrefix("Help:  ") { return t("cli.parse.help") + "  " + line.dropFirst(7) }
      if let seeing = match(line, #"^  See '(.+)' for more information\.$"#) {
        return "  " + t("cli.parse.see", ["command": .text(seeing[0])])
      }
      return line
    }.joined(separator: "\n")
  }

  /// The first line's sentence, translated when it is one the parser is known to write.
  static func sentence(_ text: String, _ t: Localizer) -> String {
    if let m = match(text, #"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#) {
      return t("cli.parse.unknownOption", ["option": .text(m[0])])
        + ConditionInput.hint([m[1]], t)
    }
    if let m = match(text, #"^Unknown option '([^']+)'$"#) {
      return t("cli.parse.unknownOption", ["option": .text(m[0])])
    }
    if let m = match(text, #"^Missing expected argument '([^']+)'$"#) {
      return t("cli.parse.missingArgument", ["argument": .text(m[0])])
    }
    if let m = match(text, #"^Missing value for '([^']+)'$"#) {
      return t("cli.parse.missingValue", ["option": .text(m[0])])
    }
    if let m = match(text, #"^Unexpected argument '([^']+)'$"#) {
      return t("cli.parse.unexpected", ["argument": .text(m[0])])
    }
    if let m = match(text, #"^\d+ unexpected arguments: (.+)$"#) {
      return t("cli.parse.unexpectedMany", ["arguments": .text(m[0])])
    }
    if let m = match(
      text,
      #"^The value '([^']*)' is invalid for '([^']+)'\. Please provide one of the following:$"#
    ) {
      return t("cli.parse.invalidValue", ["value": .text(m[0]), "option": .text(m[1])])
    }
    return text
  }

  /// The groups of `pattern` in `text`, or nil when it does not match.
  static func match(_ text: String, _ pattern: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    return (1..<m.numberOfRanges).compactMap {
      Range(m.range(at: $0), in: text).map { String(text[$0]) }
    }
  }

  /// The language the command would have used, from `--lang` and `--data` as typed.
  static func localizer(_ arguments: [String]) -> Localizer? {
    func value(_ flag: String) -> String? {
      if let i = arguments.firstIndex(of: flag), arguments.indices.contains(i + 1) {
        return arguments[i + 1]
      }
      return arguments.first { $0.hasPrefix(flag + "=") }.map {
        String($0.dropFirst(flag.count + 1))
      }
    }
    var options: [String] = []
    if let lang = value("--lang") { options += ["--lang", lang] }
    if let data = value("--data") { options += ["--data", data] }
    guard let global = try? GlobalOptions.parse(options) else { return nil }
    return try? AppContext(global).localizer
  }
}
