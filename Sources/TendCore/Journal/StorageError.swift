import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file under `$TEND_HOME` could not be created, written, locked or read.
///
/// Every case carries the path and the system's `errno`, so the message can say what happened
/// (the disk is full, the folder is read-only, a file stands where a folder should be) instead of
/// a generic failure. When one of these is thrown by an append or a replace, nothing already
/// written was changed (see `Journal.append` and `DurableFile.replace`).
public enum StorageError: Error, Equatable, Sendable, LocalizedError {
  /// `operation` (open, write, fsync, rename, mkdir, lock, read) failed on `path` with `errno`.
  case failed(operation: String, path: String, errno: Int32)
  /// Tend refused to use `path`: a link, something other than a regular file, or too large
  /// (see `SafeFile`). Nothing was read or written through it.
  case refused(path: String, why: Refusal)

  /// Why a path was refused.
  public enum Refusal: String, Sendable, Equatable {
    case link, notRegularFile, tooLarge
  }

  /// Builds the error from the current `errno`.
  static func current(_ operation: String, _ path: String) -> StorageError {
    .failed(operation: operation, path: path, errno: errno)
  }

  public var path: String {
    switch self {
    case .failed(_, let path, _), .refused(let path, _): path
    }
  }

  public var code: Int32 {
    switch self {
    case .failed(_, _, let code): code
    case .refused(_, .link): ELOOP
    case .refused(_, .notRegularFile): EINVAL
    case .refused(_, .tooLarge): EFBIG
    }
  }

  /// The plain-language reason, as a locale key (`journal.storage.*`).
  public var reasonKey: String {
    if case .refused(_, let why) = self {
      switch why {
      case .link: return "journal.storage.link"
      case .notRegularFile: return "journal.storage.notFile"
      case .tooLarge: return "journal.storage.tooLarge"
      }
    }
    return switch code {
    case ENOSPC, EDQUOT: "journal.storage.full"
    case EROFS: "journal.storage.readOnly"
    case EACCES, EPERM: "journal.storage.denied"
    case ENOTDIR, EEXIST: "journal.storage.notFolder"
    case ENOENT: "journal.storage.missing"
    default: "journal.storage.other"
    }
  }

  /// A user-facing message: what failed, where, and why; nothing already written was lost.
  public var message: Message {
    Message(reasonKey, ["path": .text(path), "reason": .text(String(cString: strerror(code)))])
  }

  /// Why, in a short English phrase without the path, for a reader's `reason`
  /// (`ReasonText` renders it in the language in use).
  public var reason: String {
    switch self {
    case .failed(let operation, _, let code):
      "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .refused(_, .link): "a link: Tend never reads or writes through a link"
    case .refused(_, .notRegularFile): "not an ordinary file"
    case .refused(_, .tooLarge): "far larger than Tend expects"
    }
  }

  public var errorDescription: String? {
    switch self {
    case .failed(let operation, let path, let code):
      "\(path): error: \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .refused(let path, let why):
      "\(path): error: refused (\(why.rawValue)); Tend never follows a link or opens a special file"
    }
  }
}
