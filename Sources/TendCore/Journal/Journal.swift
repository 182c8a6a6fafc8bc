import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An append-only JSON Lines file that never loses an entry whose append returned.
///
/// Guarantees, for every process that writes through this type:
/// - Each `append` is one `write` of the whole line followed by `fsync`, under an exclusive
///   `flock`, so two processes appending at once never interleave lines, and an entry whose
///   append returned is on disk.
/// - A torn last line (an append cut off by a crash) is moved to `<file>.corrupt-<time>` before
///   the next append, never glued to a new line and never silently dropped.
/// - If the disk is full or the write fails, the file is cut back to where it was before the
///   append, so what was already written stays readable, and a `StorageError` is thrown.
/// - The file is created with mode 0600; its folder must exist (see `DurableFile.makeFolder`).
/// - A link at the journal's path, or anything but a regular file, is refused (`SafeFile`):
///   nothing is ever written through a link.
public final class Journal {
  public let url: URL
  private let fd: Int32

  /// Opens (creating if needed) the journal at `url` for appending.
  /// - Throws: `StorageError` when the file cannot be opened or created.
  public init(url: URL) throws {
    self.url = url
    let existed = access(url.path, F_OK) == 0 || SafeFile.isLink(url.path)
    guard let fd = try SafeFile.open(url.path, O_RDWR | O_APPEND | O_CREAT) else {
      throw StorageError.current("open", url.path)
    }
    self.fd = fd
    if !existed { try DurableFile.syncFolder(url.deletingLastPathComponent().path) }
  }

  deinit { close(fd) }

  /// Appends one entry durably after checking it.
  /// - Returns: a torn last line found and set aside first, if any (to report to the person).
  /// - Throws: `EntryError` for an invalid entry (nothing written); `StorageError` when the disk
  ///   is full or read-only (the file is left as it was).
  @discardableResult
  public func append(_ entry: JournalEntry) throws -> JournalError? {
    try entry.validate()
    return try append(line: try entry.line())
  }

  /// Appends bytes that already end in a newline (one JSON object per line). Same guarantees.
  @discardableResult
  public func append(line: Data) throws -> JournalError? {
    precondition(line.last == 0x0A, "a journal line ends with a newline")
    return try FileLock.exclusive(fd, path: url.path) {
      var size = try currentSize()
      let torn = try setAsideTornTail(size: &size)
      do {
        try DurableFile.writeAll(fd, line, path: url.path)
        guard fsync(fd) == 0 else { throw StorageError.current("fsync", url.path) }
      } catch {
        _ = ftruncate(fd, off_t(size))
        _ = fsync(fd)
        throw error
      }
      return torn
    }
  }

  /// Sets aside a torn last line, if there is one, under the lock. `tend journal` and the REPL
  /// call this when a reader reported an unterminated tail.
  @discardableResult
  public func recover() throws -> JournalError? {
    try FileLock.exclusive(fd, path: url.path) {
      var size = try currentSize()
      return try setAsideTornTail(size: &size)
    }
  }

  private func currentSize() throws -> Int {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw StorageError.current("stat", url.path) }
    return Int(info.st_size)
  }

  /// With the lock held: if the file does not end in a newline, copies the bytes after the last
  /// newline to a `.corrupt-<time>` file (fsynced), then truncates them off (fsynced).
  private func setAsideTornTail(size: inout Int) throws -> JournalError? {
    guard size > 0 else { return nil }
    var last: UInt8 = 0
    guard pread(fd, &last, 1, off_t(size - 1)) == 1 else {
      throw StorageError.current("read", url.path)
    }
    if last == 0x0A { return nil }
    let reader = JournalReader(url: url)
    let start = try reader.lastNewlineEnd(before: size)
    var tail = [UInt8](repeating: 0, count: size - start)
    guard pread(fd, &tail, tail.count, off_t(start)) == tail.count else {
      throw StorageError.current("read", url.path)
    }
    let line = try reader.lineCount(upTo: start) + 1
    let aside = try writeAside(Data(tail))
    guard ftruncate(fd, off_t(start)) == 0 else { throw StorageError.current("truncate", url.path) }
    guard fsync(fd) == 0 else { throw StorageError.current("fsync", url.path) }
    size = start
    return .tornLine(file: url.path, line: line, setAsideTo: aside.path)
  }

  private func writeAside(_ bytes: Data) throws -> URL {
    let stamp = Timestamp(Date(), offsetSeconds: 0).description.filter { $0.isNumber }
    var candidate = URL(fileURLWithPath: url.path + ".corrupt-\(stamp)")
    var n = 1
    while true {
      let out = open(
        candidate.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, DurableFile.fileMode)
      if out >= 0 {
        defer { close(out) }
        try DurableFile.writeAll(out, bytes, path: candidate.path)
        guard fsync(out) == 0 else { throw StorageError.current("fsync", candidate.path) }
        try DurableFile.syncFolder(url.deletingLastPathComponent().path)
        return candidate
      }
      guard errno == EEXIST else { throw StorageError.current("create", candidate.path) }
      n += 1
      candidate = URL(fileURLWithPath: url.path + ".corrupt-\(stamp)-\(n)")
    }
  }
}
