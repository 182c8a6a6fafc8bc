import Foundation

/// Any of Tend's errors as a message in the language in use: every error type that reaches a
/// person has its own `message`; nothing is shown through `errorDescription` (English, for logs).
public enum ErrorMessage {
  /// The message for `error`, or nil when it is not one of Tend's own.
  public static func of(_ error: any Error) -> Message? {
    switch error {
    case let e as ReceiverError: e.message
    case let e as StorageError: e.message
    case let e as JournalError: e.message
    case let e as EntryError: e.message
    case let e as SummaryError: e.message
    case let e as AdviceFile.Problem: e.message
    case let e as SettingsError: e.message
    case let e as CatalogError: e.message
    case let e as SafetyChecker.CheckError: e.message
    default: nil
    }
  }

  /// The message for `error`; one not Tend's own says so in words, with its type for a report.
  public static func always(_ error: any Error) -> Message {
    of(error) ?? Message("error.unexpected", ["type": .text(String(describing: type(of: error)))])
  }
}

extension SafetyChecker.CheckError {
  /// A user-facing message: the unknown id and the nearest known ones.
  public var message: Message {
    switch self {
    case .unknownCondition(let id, let suggestions):
      Message(
        "check.error.unknownCondition",
        ["id": .text(id), "nearest": .text(suggestions.joined(separator: ", "))])
    case .unknownRoutine(let id, let suggestions):
      Message(
        "check.error.unknownRoutine",
        ["id": .text(id), "nearest": .text(suggestions.joined(separator: ", "))])
    }
  }
}
