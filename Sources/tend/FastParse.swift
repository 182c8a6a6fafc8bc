import ArgumentParser
import TendCore

/// The command lines people type most, read without ArgumentParser: `tend` (the conversation),
/// `tend check`, `tend routines [list]` and `tend summary` with their usual options. Parsing a
/// command line with ArgumentParser reflects over every command on the way (and over two
/// commands of its own, to see whether a completion script is asked for): 15-19 M instructions
/// of a 45 M start, most of them the runtime looking up protocol conformances in the static
/// binary.
///
/// Guarantees: a command line is read here only when every word is one of the options named
/// below, in its long form, each value a separate word that does not begin with `-` and is not
/// empty, and no option but `--condition` given twice; anything else (help, `--version`, `=`
/// values, short names, an unknown word, a missing value) returns nil and goes to
/// ArgumentParser as before, so its messages and exit codes are untouched. What is built is
/// the value ArgumentParser builds for the same words, every property set
/// (`FastParseTests` compares the two, property by property, over many command lines).
enum FastParse {
  /// The command `arguments` name, or nil to leave them to ArgumentParser.
  static func command(_ arguments: [String]) -> (any ParsableCommand)? {
    guard arguments.count <= 64 else { return nil }
    var words = arguments[...]
    let name = words.popFirst()
    switch name {
    case nil, "chat":
      guard let o = Words(words, flags: ["--speak"]) else { return nil }
      var chat = Tend.Chat()
      chat.global = o.global
      chat.speak = o.flag("--speak")
      return chat
    case "check":
      guard
        let o = Words(
          words, values: ["--receiver", "--profile", "--text", "--routine"],
          repeatable: ["--condition"], flags: ["--json"])
      else { return nil }
      var check = Tend.Check()
      check.global = o.global
      var sources = ConditionOptions()
      sources.receiver = o.value("--receiver")
      sources.profile = o.value("--profile")
      sources.conditions = o.values("--condition")
      check.sources = sources
      check.text = o.value("--text")
      check.routine = o.value("--routine")
      check.json = o.flag("--json")
      return check
    case "routines":
      if words.first == "list" { words = words.dropFirst() }
      guard let o = Words(words, values: ["--area", "--max-minutes"], flags: ["--json"]) else {
        return nil
      }
      var list = Tend.Routines.List()
      list.global = o.global
      list.area = o.value("--area")
      if let minutes = o.value("--max-minutes") {
        guard minutes.utf8.count <= 9, minutes.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          let n = Int(minutes)
        else { return nil }
        list.maxMinutes = n
      } else {
        list.maxMinutes = nil
      }
      list.json = o.flag("--json")
      return list
    case "summary":
      guard
        let o = Words(
          words, values: ["--receiver", "--from", "--to", "--format", "--output"],
          repeatable: ["--omit"], flags: ["--deidentify", "--force"])
      else { return nil }
      var summary = Tend.Summary()
      summary.global = o.global
      var arguments = SummaryArguments()
      arguments.receiver = o.value("--receiver")
      arguments.from = o.value("--from")
      arguments.to = o.value("--to")
      arguments.omit = o.values("--omit")
      arguments.deidentify = o.flag("--deidentify")
      arguments.output = o.value("--output")
      arguments.force = o.flag("--force")
      summary.summary = arguments
      if let format = o.value("--format") {
        guard let f = SummaryFormat(argument: format) else { return nil }
        summary.format = f
      } else {
        summary.format = .text
      }
      return summary
    default:
      return nil
    }
  }

  /// The words after the command's name: options with one value each, options that may be
  /// repeated, flags, and the global options (`--home`, `--lang`, `--data`).
  struct Words {
    static let global: Set<String> = ["--home", "--lang", "--data"]

    private var given: [String: [String]] = [:]
    private var set: Set<String> = []

    init?(
      _ words: ArraySlice<String>, values: Set<String> = [], repeatable: Set<String> = [],
      flags: Set<String> = []
    ) {
      var i = words.startIndex
      while i < words.endIndex {
        let word = words[i]
        if flags.contains(word) {
          guard set.insert(word).inserted else { return nil }
          i += 1
          continue
        }
        let once = values.contains(word) || Self.global.contains(word)
        guard once || repeatable.contains(word), i + 1 < words.endIndex else { return nil }
        let value = words[i + 1]
        guard let first = value.utf8.first, first != UInt8(ascii: "-") else { return nil }
        if once, given[word] != nil { return nil }
        given[word, default: []].append(value)
        i += 2
      }
    }

    func value(_ name: String) -> String? { given[name]?.first }
    func values(_ name: String) -> [String] { given[name] ?? [] }
    func flag(_ name: String) -> Bool { set.contains(name) }

    var global: GlobalOptions {
      var g = GlobalOptions()
      g.home = value("--home")
      g.lang = value("--lang")
      g.data = value("--data")
      return g
    }
  }
}
