import Foundation

/// Problems found in a journal file. Each carries the file and the 1-based line.
public enum JournalError: Error, Equatable, Sendable, LocalizedError {
  /// The last line had no newline: an append was cut off (a crash or a full disk). Its bytes were
  /// moved to `setAsideTo` (nil when they could not be moved, for example on a read-only disk).
  case tornLine(file: String, line: Int, setAsideTo: String?)
  /// A complete line that is not a journal entry this Tend can read.
  case malformedLine(file: String, line: Int, reason: String)

  /// A user-facing message (locale keys under `journal.problem.*`).
  public var message: Message {
    switch self {
    case .tornLine(let file, let line, let aside?):
      Message(
        "journal.problem.tornSetAside",
        ["file": .text(file), "line": .number(line), "aside": .text(aside)])
    case .tornLine(let file, let line, nil):
      Message("journal.problem.torn", ["file": .text(file), "line": .number(line)])
    case .malformedLine(let file, let line, let reason):
      Message(
        "journal.problem.malformed",
        ["file": .text(file), "line": .number(line), "reason": .reason(reason)])
    }
  }

  public var errorDescription: String? {
    switch self {
    case .tornLine(let file, let line, let aside):
      "\(file):\(line): warning: incomplete last line (an interrupted write)"
        + (aside.map { "; its bytes were moved to \($0)" } ?? "; it was left in place")
    case .malformedLine(let file, let line, let reason):
      "\(file):\(line): error: \(reason)"
    }
  }
}
