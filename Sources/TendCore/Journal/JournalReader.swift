import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a journal line by line through a fixed buffer, so memory stays flat however long the
/// file is (only the longest line is ever held whole).
///
/// The reader never changes the file and takes no lock. A final line without a newline is not
/// yielded: it is either an append in progress in another process or a torn line, which
/// `Journal.recover()` decides under the lock. Problems are reported, never skipped in silence.
public struct JournalReader: Sendable {
  public let url: URL
  public let bufferSize: Int

  /// A journal entry or the evidence of a line that could not be read.
  public enum Item: Sendable {
    case entry(JournalEntry, line: Int)
    case problem(JournalError)
  }

  /// An unterminated last line: its 1-based number and its length in bytes.
  public struct Tail: Equatable, Sendable {
    public var line: Int
    public var bytes: Int

    public init(line: Int, bytes: Int) {
      self.line = line
      self.bytes = bytes
    }
  }

  public init(url: URL, bufferSize: Int = 64 * 1024) {
    self.url = url
    self.bufferSize = bufferSize
  }

  /// Calls `body` with each complete, non-empty line (without its newline) and its number.
  /// A line longer than `JournalLine.maxLineBytes` is never held whole: `tooLong` gets its number
  /// instead. A missing file reads as empty; a link is refused (`SafeFile`).
  /// - Returns: the unterminated last line, if any.
  /// - Throws: `StorageError` when the file cannot be read; whatever `body` throws.
  @discardableResult
  public func forEachLine(
    tooLong: (_ line: Int) throws -> Void = { _ in },
    _ body: (_ line: Int, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws -> Tail? {
    guard let fd = try SafeFile.open(url.path, O_RDONLY) else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    var carry: [UInt8] = []
    var carried = 0  // bytes of the current line seen so far, kept in `carry` or dropped
    var number = 0
    let limit = JournalLine.maxLineBytes
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, bufferSize) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StorageError.current("read", url.path)
      }
      if count == 0 { break }
      try buffer.withUnsafeBufferPointer { chunk in
        let base = chunk.baseAddress!
        var start = 0
        while start < count, let found = memchr(base + start, 0x0A, count - start) {
          let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          number += 1
          if carried + (end - start) > limit {
            try tooLong(number)
          } else if carry.isEmpty {
            if end > start { try body(number, UnsafeBufferPointer(rebasing: chunk[start..<end])) }
          } else {
            carry.append(contentsOf: chunk[start..<end])
            try carry.withUnsafeBufferPointer { try body(number, $0) }
          }
          carry.removeAll(keepingCapacity: carry.count <= bufferSize)
          carried = 0
          start = end + 1
        }
        if start < count {
          carried += count - start
          if carried <= limit {
            carry.append(contentsOf: chunk[start..<count])
          } else {
            carry.removeAll()
          }
        }
      }
    }
    return carried == 0 ? nil : Tail(line: number + 1, bytes: carried)
  }

  /// Calls `body` with each entry, or with a `.malformedLine` problem (file, line, reason) for a
  /// line that is not valid by `JournalLine` (the one definition every reader shares, so
  /// `journal`, `summary`, `share`, the REPL and reminders agree) or that does not decode.
  /// `accept`, when given, sees the raw line first and can skip it cheaply without decoding.
  @discardableResult
  public func forEach(
    accept: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil, _ body: (Item) throws -> Void
  ) throws -> Tail? {
    let decoder = JSONDecoder()
    return try forEachLine(
      tooLong: { number in
        try body(
          .problem(.malformedLine(file: url.path, line: number, reason: "the line is too long")))
      }
    ) { number, bytes in
      if let accept, !accept(bytes) { return }
      let item: Item
      switch Self.check(bytes) {
      case .ignored: return
      case .unreadable(let reason):
        item = .problem(.malformedLine(file: url.path, line: number, reason: reason))
      case .entry:
        do {
          let entry = try decoder.decode(JournalEntry.self, from: Data(bytes))
          try entry.validate()
          item = .entry(entry, line: number)
        } catch {
          item = .problem(.malformedLine(file: url.path, line: number, reason: Self.reason(error)))
        }
      }
      try body(item)
    }
  }

  /// One line for `tend journal --json`: a line the shared check accepts, as stored.
  public enum StoredItem {
    /// The line's bytes (without its newline), its type and its local day (`YYYY-MM-DD`).
    case line(UnsafeBufferPointer<UInt8>, kind: JournalEntry.Kind, day: String)
    case problem(JournalError)
  }

  /// Each line as stored: the shared check (`JournalLine`, which accepts exactly what decodes
  /// and validates as a `JournalEntry`) decides, and an accepted line is handed over as its
  /// bytes, never decoded and encoded again. Problems are reported as `forEach` reports them.
  public func forEachStored(
    accept: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil, _ body: (StoredItem) throws -> Void
  ) throws -> Tail? {
    try forEachLine(
      tooLong: { number in
        try body(
          .problem(.malformedLine(file: url.path, line: number, reason: "the line is too long")))
      }
    ) { number, bytes in
      if let accept, !accept(bytes) { return }
      switch Self.check(bytes) {
      case .ignored: return
      case .unreadable(let reason):
        try body(.problem(.malformedLine(file: url.path, line: number, reason: reason)))
      case .entry(let entry):
        let (kind, at): (JournalEntry.Kind, SummaryTime?) =
          switch entry {
          case .session(let s): (.session, s.at)
          case .feeling(let f): (.feeling, f.at)
          case .water(let w): (.water, w.at)
          case .consent(let c): (.consent, c.at)
          case .condition(let c): (.condition, c.at)
          case .careTeam: (.careTeam, nil)
          }
        try body(.line(bytes, kind: kind, day: at?.day ?? ""))
      }
    }
  }

  /// The shared verdict on one line (`JournalLine.parse`).
  static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> JournalLine.Result {
    guard let base = bytes.baseAddress else { return .ignored }
    return JournalLine.parse(base, start: 0, end: bytes.count)
  }

  /// Decodes one line if `JournalLine` accepts it (and it validates); nil otherwise.
  static func decodeValid(_ line: ArraySlice<UInt8>) -> JournalEntry? {
    line.withUnsafeBufferPointer { bytes in
      guard case .entry = check(bytes), let entry = try? JournalEntry.decode(bytes),
        (try? entry.validate()) != nil
      else { return nil }
      return entry
    }
  }

  /// The last complete line that contains `needle` (for example `"type":"water"`), decoded,
  /// found by reading backwards from the end in fixed-size chunks.
  public func lastEntry(containing needle: String) throws -> JournalEntry? {
    guard let fd = try SafeFile.open(url.path, O_RDONLY) else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw StorageError.current("stat", url.path) }
    let needle = Array(needle.utf8)
    var position = try lastNewlineEnd(before: Int(info.st_size), fd: fd)
    var suffix: [UInt8] = []  // bytes from some point up to the end of the line being assembled
    while position > 0 {
      let size = min(bufferSize, position)
      var chunk = [UInt8](repeating: 0, count: size)
      guard pread(fd, &chunk, size, off_t(position - size)) == size else {
        throw StorageError.current("read", url.path)
      }
      position -= size
      chunk += suffix
      var end = chunk.count
      while let newline = chunk[..<end].lastIndex(of: 0x0A) {
        if let entry = Self.match(chunk[(newline + 1)..<end], needle) { return entry }
        end = newline
      }
      suffix = Array(chunk[..<end])
    }
    return Self.match(suffix[...], needle)
  }

  private static func match(_ line: ArraySlice<UInt8>, _ needle: [UInt8]) -> JournalEntry? {
    guard line.count >= needle.count, contains(line, needle) else { return nil }
    return decodeValid(line)
  }

  private static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    var i = hay.startIndex
    while i <= hay.endIndex - needle.count {
      if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
      i += 1
    }
    return false
  }

  /// The offset just after the last newline before `size` (0 when there is none).
  func lastNewlineEnd(before size: Int, fd existing: Int32? = nil) throws -> Int {
    guard let fd = try existing ?? SafeFile.open(url.path, O_RDONLY) else {
      throw StorageError.failed(operation: "open", path: url.path, errno: ENOENT)
    }
    defer { if existing == nil { close(fd) } }
    var position = size
    var chunk = [UInt8](repeating: 0, count: 4096)
    while position > 0 {
      let n = min(chunk.count, position)
      guard pread(fd, &chunk, n, off_t(position - n)) == n else {
        throw StorageError.current("read", url.path)
      }
      if let i = chunk[..<n].lastIndex(of: 0x0A) { return position - n + i + 1 }
      position -= n
    }
    return 0
  }

  /// How many newlines the first `offset` bytes hold.
  func lineCount(upTo offset: Int) throws -> Int {
    guard let fd = try SafeFile.open(url.path, O_RDONLY) else {
      throw StorageError.failed(operation: "open", path: url.path, errno: ENOENT)
    }
    defer { close(fd) }
    var chunk = [UInt8](repeating: 0, count: bufferSize)
    var position = 0
    var lines = 0
    while position < offset {
      let n = pread(fd, &chunk, min(bufferSize, offset - position), off_t(position))
      guard n > 0 else { throw StorageError.current("read", url.path) }
      for byte in chunk[..<n] where byte == 0x0A { lines += 1 }
      position += n
    }
    return lines
  }

  static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context): return context.debugDescription
    case DecodingError.keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    default: return "not a journal entry"
    }
  }
}
