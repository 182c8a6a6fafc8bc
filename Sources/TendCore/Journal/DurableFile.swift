import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Crash-safe file primitives, as measured in `shared/reference/swift-on-linux.md` section 7.
///
/// - `replace` writes a temporary file in the same folder, `fsync`s it, `rename`s it over the
///   target and `fsync`s the folder: a reader sees the old file or the new one, never a mix, even
///   if the process is killed at any point. A killed replace can leave a `.<name>.tmp-*` file,
///   which `removeStaleTemporaries` cleans up.
/// - `makeFolder` creates folders with mode 0700 and files are created with 0600 (`mkdir` and
///   `open`/`mkstemp` get the mode directly; nothing is `chmod`-ed afterwards).
public enum DurableFile {
  public static let folderMode: mode_t = 0o700
  public static let fileMode: mode_t = 0o600

  /// Creates `url` and any missing parents with mode 0700; an existing folder is left as is.
  /// - Throws: `StorageError` (for example `ENOTDIR` when a file stands where a folder should).
  public static func makeFolder(_ url: URL) throws {
    let path = url.path
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw StorageError.failed(operation: "mkdir", path: path, errno: ENOTDIR)
      }
      return
    }
    let parent = url.deletingLastPathComponent()
    if parent.path != path { try makeFolder(parent) }
    if mkdir(path, folderMode) != 0 && errno != EEXIST {
      throw StorageError.current("mkdir", path)
    }
    try syncFolder(parent.path)
  }

  /// Atomically replaces the file at `url` with `data` (temp, fsync, rename, fsync folder).
  ///
  /// The new file is always a fresh 0600 file (`mkstemp`): a link standing at `url` is replaced
  /// by the file, never written through, and an old file's mode is never kept.
  /// - Parameter exclusive: fail with `EEXIST` when anything (a file, a link) is at `url`
  ///   (`link` instead of `rename`, so there is no window between the check and the write).
  /// - Throws: `StorageError`; the old file is then untouched.
  public static func replace(_ url: URL, with data: Data, exclusive: Bool = false) throws {
    try replace(url, exclusive: exclusive) { fd, temporary in
      try writeAll(fd, data, path: temporary)
    }
  }

  /// The same, with the content written by `body` to the temporary file's descriptor (an
  /// export streamed as it is made); the file is `fsync`ed and put in place only after it.
  public static func replace(
    _ url: URL, exclusive: Bool = false, writing body: (_ fd: Int32, _ path: String) throws -> Void
  ) throws {
    let folder = url.deletingLastPathComponent().path
    var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw StorageError.current("create", folder) }
    let temporary = String(
      decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var done = false
    defer {
      if !done { unlink(temporary) }
    }
    do {
      defer { close(fd) }
      try body(fd, temporary)
      guard fsync(fd) == 0 else { throw StorageError.current("fsync", temporary) }
    }
    if exclusive {
      guard link(temporary, url.path) == 0 else { throw StorageError.current("create", url.path) }
      unlink(temporary)
    } else {
      guard rename(temporary, url.path) == 0 else {
        throw StorageError.current("rename", url.path)
      }
    }
    done = true
    try syncFolder(folder)
  }

  /// Writes every byte of `data` to `fd`, retrying short writes and EINTR.
  static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw StorageError.current("write", path)
        }
        offset += n
      }
    }
  }

  /// `fsync`s a folder so a created, renamed or removed entry in it survives a power cut.
  public static func syncFolder(_ path: String) throws {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw StorageError.current("open", path) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw StorageError.current("fsync", path) }
  }

  /// Removes `.<name>.tmp-*` files left in `folder` by a replace that was killed.
  public static func removeStaleTemporaries(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
      unlink(folder.appendingPathComponent(name).path)
    }
  }
}
