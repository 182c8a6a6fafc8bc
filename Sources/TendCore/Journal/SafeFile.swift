import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opening files under `$TEND_HOME` without being tricked by what stands at the path.
///
/// Guarantees, for every open made through this type:
/// - A symbolic link as the last part of the path is refused (`O_NOFOLLOW`), never followed, so a
///   journal linked to `/etc/passwd` or to another person's journal is never read or written.
/// - Only a regular file is accepted (a FIFO, a device or a folder is refused); the open never
///   blocks on a FIFO (`O_NONBLOCK`, which changes nothing for a regular file).
/// - `realFolder` checks with `lstat` that a folder is a folder and not a link to one.
public enum SafeFile {
  /// The largest profile file read (a profile is a few kilobytes).
  public static let maxProfileBytes = 1 << 20

  /// Opens `path` with `flags` plus `O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK`.
  /// - Returns: the descriptor, or nil when the file does not exist and `flags` has no `O_CREAT`.
  /// - Throws: `StorageError.refused` for a link or a file that is not regular; `StorageError`.
  public static func open(_ path: String, _ flags: Int32, mode: mode_t = DurableFile.fileMode)
    throws(StorageError) -> Int32?
  {
    let fd = Glibc.open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
    guard fd >= 0 else {
      if errno == ENOENT, flags & O_CREAT == 0 { return nil }
      if errno == ELOOP || isLink(path) { throw StorageError.refused(path: path, why: .link) }
      throw StorageError.current("open", path)
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let error = StorageError.current("stat", path)
      close(fd)
      throw error
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw StorageError.refused(path: path, why: .notRegularFile)
    }
    return fd
  }

  /// The whole content of a regular file, read without following a link.
  /// - Returns: nil when the file does not exist.
  /// - Throws: `StorageError` (a link, not a regular file, unreadable, or over `limit` bytes).
  public static func read(_ path: String, limit: Int) throws(StorageError) -> [UInt8]? {
    guard let fd = try open(path, O_RDONLY) else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw StorageError.current("read", path)
      }
      if n == 0 { return out }
      out += chunk[..<n]
      if out.count > limit { throw StorageError.refused(path: path, why: .tooLarge) }
    }
  }

  /// Whether `path` itself is a symbolic link (not followed).
  public static func isLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  /// Checks that `path` is a real folder: it exists and is a folder, not a link to one.
  /// - Throws: `StorageError.refused(.link)` or `.notFolder`; `StorageError` for `ENOENT`.
  public static func realFolder(_ path: String) throws(StorageError) {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw StorageError.current("stat", path) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return
    case S_IFLNK: throw StorageError.refused(path: path, why: .link)
    default: throw StorageError.failed(operation: "open", path: path, errno: ENOTDIR)
    }
  }
}
