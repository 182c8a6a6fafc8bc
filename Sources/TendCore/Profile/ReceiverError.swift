import Foundation

/// Why a receiver could not be found, added or changed.
public enum ReceiverError: Error, Equatable, Sendable, LocalizedError {
  /// No receiver has this name or id; the nearest names and every name, for the message.
  case unknown(name: String, suggestions: [String], known: [String])
  /// The word is the name of `byName` and the folder id of another person (`otherID`, named
  /// `otherName` when their profile can be read): nobody was chosen (`ReceiverLookup`).
  case ambiguous(name: String, byName: [String], otherName: String?, otherID: String)
  /// No receiver was named and there is not exactly one.
  case notChosen(known: [String])
  /// A receiver with this name already exists.
  case duplicate(name: String)
  /// A name that cannot be used (`ReceiverName`): the name with hidden characters removed, and why.
  case badName(String, problem: ReceiverName.Problem)
  /// A profile file that cannot be read.
  case unreadableProfile(file: String, reason: String)
  /// A profile file that does not say exactly what a profile says (`ProfileReader`): where,
  /// which field, and why. No advice is given for that person until it is fixed.
  case badProfile(file: String, line: Int, column: Int, field: String, reason: String)
  /// No condition on this receiver matches what should be removed.
  case noSuchCondition(receiver: String, spec: String, present: [String])

  /// A user-facing message (locale keys under `receivers.error.*`).
  public var message: Message {
    switch self {
    case .unknown(let name, let suggestions, let known):
      if let first = suggestions.first {
        return Message(
          "receivers.error.unknownHint", ["name": .text(name), "suggestion": .text(first)])
      }
      if known.isEmpty { return Message("receivers.error.unknownNone", ["name": .text(name)]) }
      return Message(
        "receivers.error.unknown",
        ["name": .text(name), "known": .text(known.joined(separator: ", "))])
    case .ambiguous(let name, let byName, let otherName, let otherID):
      return Message(
        "receivers.error.ambiguous",
        [
          "name": .text(name), "named": .text(byName.joined(separator: ", ")),
          "other": .text(otherName ?? otherID), "folder": .text(otherID),
        ])
    case .notChosen(let known):
      if known.isEmpty { return Message("receivers.error.none") }
      return Message("receivers.error.choose", ["known": .text(known.joined(separator: ", "))])
    case .duplicate(let name):
      return Message("receivers.error.duplicate", ["name": .text(name)])
    case .badName(let name, .tooLong):
      return Message(
        "receivers.error.nameTooLong",
        ["name": .text(String(name.prefix(20)) + "…"), "max": .number(ReceiverName.maxCharacters)])
    case .badName(_, .hidden(let code)):
      return Message(
        "receivers.error.nameHidden", ["code": .text(String(code, radix: 16, uppercase: true))])
    case .badName(let name, _):
      return Message("receivers.error.badName", ["name": .text(name)])
    case .unreadableProfile(let file, let reason):
      return Message(
        "receivers.error.unreadable", ["file": .text(file), "reason": .reason(reason)])
    case .badProfile(let file, let line, let column, let field, let reason):
      return Message(
        "receivers.error.badProfile",
        [
          "file": .text(file), "line": .number(line), "column": .number(column),
          "field": .text(field), "reason": .reason(reason),
        ])
    case .noSuchCondition(let receiver, let spec, let present):
      return Message(
        "receivers.error.noCondition",
        [
          "name": .text(receiver), "spec": .text(spec),
          "present": .text(present.isEmpty ? "-" : present.joined(separator: ", ")),
        ])
    }
  }

  /// Bad input (exit 2) rather than bad data (exit 65).
  public var isUsage: Bool {
    switch self {
    case .unreadableProfile, .badProfile: return false
    default: return true
    }
  }

  public var errorDescription: String? {
    switch self {
    case .unknown(let name, let suggestions, _):
      "error: no receiver \"\(name)\""
        + (suggestions.first.map { "; did you mean \"\($0)\"?" } ?? "")
    case .ambiguous(let name, let byName, let otherName, let otherID):
      "error: \"\(name)\" is the name of \(byName.joined(separator: ", ")) and the folder id of "
        + "\(otherName ?? otherID) (\(otherID)); nobody was chosen"
    case .notChosen(let known):
      "error: name a receiver with --receiver (\(known.joined(separator: ", ")))"
    case .duplicate(let name): "error: a receiver named \"\(name)\" already exists"
    case .badName(let name, let problem):
      "error: \"\(name)\" cannot be used as a name: \(problem.english)"
    case .unreadableProfile(let file, let reason): "\(file): error: \(reason)"
    case .badProfile(let file, let line, let column, let field, let reason):
      "\(file):\(line):\(column): error: [\(field)] \(reason)"
    case .noSuchCondition(let receiver, let spec, _):
      "error: \(receiver) has no condition \"\(spec)\""
    }
  }
}
