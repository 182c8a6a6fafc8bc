import Foundation

/// Streams a JSON Lines journal file into a `SummaryBuilder` in flat memory.
///
/// The file is read with `pread` through one fixed buffer per worker (1 MiB, grown only for a
/// longer line), never mapped or loaded whole, so resident memory does not depend on the file's
/// size. When rows are not kept, the file is cut at line boundaries into one part per core and
/// the parts' builders are merged in file order (the builder merge is associative, so the result
/// equals a single pass). Unreadable lines are counted, never guessed at.
public enum JournalScan {
  public struct Result: Sendable {
    public var builder: SummaryBuilder
    /// 1-based numbers of lines that could not be read (the first 20) and how many there were.
    public var unreadableLines: [Int]
    public var unreadableCount: Int
    /// Why each of `unreadableLines` could not be read (same order).
    public var unreadableReasons: [String] = []
    /// The journal file read.
    public var path: String = ""
    /// How many bytes of it were read (a second pass reads exactly these, even if a line was
    /// appended in between).
    public var size: Int = 0
  }

  /// Reads `path` (a missing file is an empty journal).
  /// - Parameters:
  ///   - limit: read only this many bytes (the size an earlier pass saw).
  ///   - prepare: adjusts the builder before reading (a streamed export sets its sink).
  /// - Throws: `SummaryError.unreadableJournal` when the file exists but cannot be read.
  public static func read(
    _ path: String, receiver: SummaryReceiver, options: SummaryOptions, workers: Int? = nil,
    limit: Int? = nil, prepare: (inout SummaryBuilder) -> Void = { _ in }
  ) throws(SummaryError) -> Result {
    let opened: Int32?
    do {
      opened = try SafeFile.open(path, O_RDONLY)
    } catch {
      throw .unreadableJournal(path: path, reason: error.reason)
    }
    guard let fd = opened else {
      var empty = SummaryBuilder(receiver: receiver, options: options)
      prepare(&empty)
      return Result(builder: empty, unreadableLines: [], unreadableCount: 0)
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      throw .unreadableJournal(path: path, reason: StorageError.current("stat", path).reason)
    }
    let size = min(Int(st.st_size), limit ?? Int.max)
    let cores = max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, 8))
    // Checking sessions against the precautions needs the condition history read in order.
    var start = SummaryBuilder(receiver: receiver, options: options)
    prepare(&start)
    let empty = start
    let parts =
      options.keepSessions || options.catalog != nil || start.sink != nil || size < 8 << 20
      ? 1 : cores
    let bounds = (0...parts).map { k in
      k == 0 ? 0 : k == parts ? size : lineStart(fd, near: size * k / parts, size: size)
    }
    let results = Slots<Part>(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      results[k] = scan(fd, from: bounds[k], to: bounds[k + 1], builder: empty)
    }
    var all = results.values.compactMap { $0 }
    if let failure = all.first(where: { $0.error != nil })?.error {
      throw .unreadableJournal(path: path, reason: failure)
    }
    var builder = all.removeFirst().builder
    var bad = results.values.first??.unreadable ?? []
    var badCount = results.values.first??.unreadableCount ?? 0
    // Line numbers in later parts are relative: shift them by the lines before.
    var linesBefore = results.values.first??.lines ?? 0
    for part in all {
      builder.merge(part.builder)
      bad += part.unreadable.map { ($0.line + linesBefore, $0.reason) }
      badCount += part.unreadableCount
      linesBefore += part.lines
    }
    let first = bad.prefix(Part.keptProblems)
    return Result(
      builder: builder, unreadableLines: first.map(\.line), unreadableCount: badCount,
      unreadableReasons: first.map(\.reason), path: path, size: size)
  }

  struct Part: Sendable {
    static let keptProblems = 20
    var builder: SummaryBuilder
    var lines = 0
    /// The first `keptProblems` unreadable lines (relative numbers) and why.
    var unreadable: [(line: Int, reason: String)] = []
    var unreadableCount = 0
    var error: String?

    mutating func problem(_ reason: String) {
      unreadableCount += 1
      if unreadable.count < Self.keptProblems { unreadable.append((lines, reason)) }
    }
  }

  /// The offset just after the first newline at or after `offset`.
  static func lineStart(_ fd: Int32, near offset: Int, size: Int) -> Int {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var at = max(0, offset - 1)
    while at < size {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4096, off_t(at)) }
      guard n > 0 else { return size }
      if let i = buffer[0..<n].firstIndex(of: 0x0A) { return at + i + 1 }
      at += n
    }
    return size
  }

  /// Reads `from..<to` into `builder` (a fresh one, as `read` prepared it).
  static func scan(_ fd: Int32, from: Int, to: Int, builder: SummaryBuilder) -> Part {
    var part = Part(builder: builder)
    var capacity = 1 << 20
    var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var filled = 0
    var offset = from
    // Inside a line longer than `JournalLine.maxLineBytes`: counted once, its bytes dropped
    // until its newline, so memory stays bounded whatever a line holds.
    var skipping = false
    while true {
      let want = min(capacity - filled, to - offset)
      var n = 0
      if want > 0 {
        n = pread(fd, buffer + filled, want, off_t(offset))
        if n < 0 {
          part.error = StorageError.current("read", "").reason
          return part
        }
        offset += n
      }
      let end = filled + n
      let atEOF = n == 0 || offset >= to
      var start = 0
      if skipping {
        guard
          let nl = UnsafeBufferPointer(start: buffer, count: end).firstIndex(of: 0x0A)
        else {
          filled = 0
          if atEOF { return part }
          continue
        }
        skipping = false
        start = nl + 1
      }
      while let nl = UnsafeBufferPointer(start: buffer + start, count: end - start).firstIndex(
        of: 0x0A)
      {
        line(buffer, start, start + nl, &part)
        start += nl + 1
      }
      if atEOF {
        if start < end {
          // As `JournalReader`: a last line without its newline is an append in progress or a
          // torn line (`tend journal` sets it aside); it is reported, never counted.
          part.lines += 1
          part.problem("the last line has no newline (cut off, or still being written)")
        }
        return part
      }
      filled = end - start
      if start > 0 {
        (buffer).update(from: buffer + start, count: filled)
      } else if filled == capacity, capacity > JournalLine.maxLineBytes {
        part.lines += 1
        part.problem("the line is too long")
        skipping = true
        filled = 0
      } else if filled == capacity {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
    }
  }

  static func line(
    _ buffer: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ part: inout Part
  ) {
    part.lines += 1
    switch JournalLine.parse(buffer, start: start, end: end) {
    case .entry(let entry): part.builder.add(entry)
    case .ignored: break
    case .unreadable(let reason): part.problem(reason)
    }
  }

  /// Reads entries from text in memory (tests, and FHIR files turned back into entries).
  public static func entries(_ text: String) -> [SummaryEntry] {
    var out: [SummaryEntry] = []
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var start = 0
      for i in 0...b.count where i == b.count || b[i] == 0x0A {
        if case .entry(let e) = JournalLine.parse(base, start: start, end: i) { out.append(e) }
        start = i + 1
      }
    }
    return out
  }
}

/// Result slots that concurrent workers fill, one slot each.
final class Slots<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [T?]
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  subscript(i: Int) -> T? {
    get { lock.withLock { storage[i] } }
    set { lock.withLock { storage[i] = newValue } }
  }
  var values: [T?] { lock.withLock { storage } }
}
