import Foundation

/// Why Tend's data could not be loaded. Every case carries the evidence; when this is thrown,
/// nothing is suggested (fail closed).
public enum CatalogError: Error, Equatable, Sendable, LocalizedError {
  /// No data folder holding `Routines/` and `Locales/` was found; lists the places tried.
  case dataFolderNotFound(tried: [String])
  /// A file that must exist does not, or cannot be read.
  case unreadable(file: String, reason: String)
  /// A file is broken or inconsistent: where, which field, and why.
  case malformed(file: String, line: Int, column: Int, field: String, reason: String)

  /// A user-facing message (`catalog.error.*`), for when the words themselves could be loaded.
  public var message: Message {
    switch self {
    case .dataFolderNotFound(let tried):
      Message("catalog.error.notFound", ["tried": .text(tried.joined(separator: ", "))])
    case .unreadable(let file, let reason):
      Message("receivers.error.unreadable", ["file": .text(file), "reason": .reason(reason)])
    case .malformed(let file, let line, let column, let field, let reason):
      Message(
        "catalog.error.malformed",
        [
          "file": .text(file), "line": .number(line), "column": .number(column),
          "field": .text(field), "reason": .reason(reason),
        ])
    }
  }

  public var errorDescription: String? {
    switch self {
    case .dataFolderNotFound(let tried):
      "error: Tend's data folders (Routines/, Locales/) were not found; tried "
        + tried.joined(separator: ", ") + ". Set TEND_DATA or pass --data DIR."
    case .unreadable(let file, let reason):
      "\(file): error: \(reason)"
    case .malformed(let file, let line, let column, let field, let reason):
      "\(file):\(line):\(column): error: [\(field)] \(reason)"
    }
  }
}
