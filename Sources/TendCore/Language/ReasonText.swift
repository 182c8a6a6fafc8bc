import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The "why" of a reader's error, in the language in use.
///
/// Tend's readers (profiles, advice files, journal lines, settings, the data folder, files
/// refused or not found) say why a file is wrong in a short English phrase, kept in the error
/// for logs (`errorDescription`). A message shows it through `Message.Argument.reason`, which
/// renders here: in English the phrase as it is; in another language the matching
/// `reason.*` key (or `journal.storage.*` for a file that could not be used), with its values.
/// A phrase no pattern knows becomes `reason.other`, never English words inside another
/// language. The file, line, column and field stay in the message around it.
public enum ReasonText {
  struct Pattern: Sendable {
    let regex: NSRegularExpression
    let key: String
    /// The argument name of each capture group, in order ("" skips the group).
    let names: [String]
  }

  /// One row of the table: an English phrase as the readers write it, and its key.
  static let table: [(String, String, [String])] = [
    (#"^expected an object, found (.+)$"#, "reason.expectedObject", ["found"]),
    (#"^expected a (?:non-empty )?string, found (.+)$"#, "reason.expectedText", ["found"]),
    (#"^expected a whole number, found (.+)$"#, "reason.expectedNumber", ["found"]),
    (#"^expected true or false, found (.+)$"#, "reason.expectedBool", ["found"]),
    (#"^\[cue\] expected true or false$"#, "reason.expectedBool.cue", []),
    (#"^expected an array, found (.+)$"#, "reason.expectedList", ["found"]),
    (
      #"^unknown field "([^"]*)"; did you mean "([^"]*)"\?$"#, "reason.unknownFieldHint",
      ["field", "guess"]
    ),
    (#"^unknown field "([^"]*)"$"#, "reason.unknownField", ["field"]),
    (#"^missing field$"#, "reason.missingField", []),
    (#"^missing field "([^"]*)"$"#, "reason.missingNamedField", ["field"]),
    (#"^duplicate key "([^"]*)"$"#, "reason.duplicateKey", ["field"]),
    (#"^"([^"]*)" is not one of .*$"#, "reason.notOneOf", ["text"]),
    (#"^"([^"]*)" is not a language code$"#, "reason.notLanguage", ["text"]),
    (#"^cannot read the condition "([^"]*)" \(.*\)$"#, "reason.badCondition", ["text"]),
    (#"^(-?\d+) days is out of range$"#, "reason.daysOutOfRange", ["days"]),
    (#"^"([^"]*)" is not a condition id$"#, "reason.notConditionID", ["text"]),
    (#"^"([^"]*)" is not a body site$"#, "reason.notSite", ["text"]),
    (#"^"([^"]*)" is not a receiver id .*$"#, "reason.notReceiverID", ["text"]),
    (#"^the folder name "([^"]*)" is not a receiver id .*$"#, "reason.notReceiverID", ["text"]),
    (#"^(\d+) is not a pressure level 0-3$"#, "reason.notPressure", ["text"]),
    (#"^expected "([^"]*)"$"#, "reason.expectedValue", ["text"]),
    (#"^\[v\] expected 1$"#, "reason.expectedVersion", []),
    (#"^\[region\] expected a code like US$"#, "reason.expectedRegion", []),
    (#"^schema version (\d+) is not one this Tend reads.*$"#, "reason.schemaUnknown", ["text"]),
    (#"^schema version (\d+) is newer than this Tend reads.*$"#, "reason.schemaNewer", ["text"]),
    (#"^schema version (\d+) does not exist$"#, "reason.schemaUnknown", ["text"]),
    (#"^the line is too long$"#, "reason.lineTooLong", []),
    (#"^not one JSON object$"#, "reason.notOneObject", []),
    (#"^not a JSON object$"#, "reason.notOneObject", []),
    (#"^unknown type "([^"]*)"$"#, "reason.unknownType", ["text"]),
    (#"^a careteam line has exactly one of .*$"#, "reason.careTeamOneOf", []),
    (#"^wrong value at (.*)$"#, "reason.wrongValue", ["field"]),
    (#"^not a journal entry$"#, "reason.notEntry", []),
    (#"^not an ISO 8601 time: (.*)$"#, "reason.notTime", ["text"]),
    (#"^the file does not exist$"#, "reason.noFile", []),
    (#"^cannot read the file$"#, "reason.cannotRead", []),
    (#"^the file is empty$"#, "reason.emptyFile", []),
    (#"^it changed while it was read; try again$"#, "reason.changedWhileRead", []),
    (#"^expected a rule id$"#, "reason.expectedRule", []),
    (#"^names no rule$"#, "reason.namesNoRule", []),
    (#"^is empty$"#, "reason.isEmpty", []),
    (#"^given twice$"#, "reason.givenTwice", []),
    (#"^bad period (.*)…(.*)$"#, "reason.badPeriod", ["from", "to"]),
    (#"^no (\w+) in the Bundle$"#, "reason.bundleMissing", ["text"]),
    (#"^names no (\w+)$"#, "reason.bundleNamesNone", ["text"]),
    (#"^"([^"]*)" is not a (\w+) in the Bundle$"#, "reason.bundleNotFound", ["text", ""]),
    (#"^a name .*$"#, "reason.badName", []),
    (#"^a link: .*$"#, "reason.link", []),
    (#"^not an ordinary file$"#, "reason.notFile", []),
    (#"^far larger than Tend expects$"#, "reason.tooLarge", []),
    // The JSON reader's own syntax errors (a comma, a quote, a bracket).
    (
      #"^(expected .*|unexpected end of file|bad number|bad \\u escape|bad escape|lone surrogate|bad surrogate pair|a low surrogate|control character in string|nested too deeply)$"#,
      "reason.jsonSyntax", [""]
    ),
  ]

  static let patterns: [Pattern] = table.compactMap { source, key, names in
    guard let regex = try? NSRegularExpression(pattern: source) else { return nil }
    return Pattern(regex: regex, key: key, names: names)
  }

  /// A file Tend could not use (`StorageError.reason`): the system's number picks the words.
  static let failed = try? NSRegularExpression(
    pattern: #"^(\w+) failed: .* \(errno (\d+)\)$"#)

  /// The words for a system error number (`journal.storage.*` chooses the same way).
  static func storageKey(_ code: Int32) -> String {
    switch code {
    case ENOSPC, EDQUOT: "reason.storage.full"
    case EROFS: "reason.storage.readOnly"
    case EACCES, EPERM: "reason.storage.denied"
    case ENOTDIR, EEXIST: "reason.storage.notFolder"
    case ENOENT: "reason.storage.missing"
    default: "reason.storage.other"
    }
  }

  /// The type words of "found a string" and the like.
  static let types: [String: String] = [
    "null": "reason.type.null", "a boolean": "reason.type.bool", "a number": "reason.type.number",
    "a string": "reason.type.string", "an array": "reason.type.array",
    "an object": "reason.type.object",
  ]

  /// `reason` in the language of `t`.
  public static func render(_ reason: String, _ t: Localizer) -> String {
    if t.lang == "en" || t.lang.hasPrefix("en-") { return reason }
    guard let message = message(reason) else { return t("reason.other") }
    return t.render(message)
  }

  /// The message a reader's phrase stands for, or nil when no pattern knows it.
  public static func message(_ reason: String) -> Message? {
    let whole = NSRange(reason.startIndex..., in: reason)
    func group(_ m: NSTextCheckingResult, _ i: Int) -> String {
      guard let r = Range(m.range(at: i), in: reason) else { return "" }
      return String(reason[r])
    }
    if let failed, let m = failed.firstMatch(in: reason, range: whole) {
      let code = Int32(group(m, 2)) ?? 0
      return Message(Self.storageKey(code), ["code": .number(Int(code))])
    }
    for pattern in patterns {
      guard let m = pattern.regex.firstMatch(in: reason, range: whole) else { continue }
      var args: [String: Message.Argument] = [:]
      for (i, name) in pattern.names.enumerated() where !name.isEmpty {
        let value = group(m, i + 1)
        if name == "found", let key = types[value] {
          args[name] = .key(key)
        } else {
          args[name] = .text(value)
        }
      }
      return Message(pattern.key, args)
    }
    return nil
  }
}
