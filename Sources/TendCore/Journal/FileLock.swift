import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory `flock` on an open file or folder descriptor.
///
/// Every process that writes a journal or a profile takes this lock first, so two windows (or a
/// REPL and a cron job) never interleave their writes. The lock is released when `body` returns
/// or throws, and by the kernel if the process dies while holding it.
public enum FileLock {
  /// Runs `body` while holding `LOCK_EX` on `fd`; waits for other holders (retrying on EINTR).
  public static func exclusive<T>(
    _ fd: Int32, path: String, _ body: () throws -> T
  ) throws -> T {
    while flock(fd, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      throw StorageError.current("lock", path)
    }
    defer { _ = flock(fd, LOCK_UN) }
    return try body()
  }

  /// Runs `body` while holding `LOCK_EX` on the folder at `path` (Linux allows `flock` on a
  /// folder opened read-only); used for read-modify-write of profiles and the receiver list.
  /// A link at `path` is refused, never followed.
  public static func exclusive<T>(folder path: String, _ body: () throws -> T) throws -> T {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ELOOP || SafeFile.isLink(path) {
        throw StorageError.refused(path: path, why: .link)
      }
      throw StorageError.current("open", path)
    }
    defer { close(fd) }
    return try exclusive(fd, path: path, body)
  }
}
