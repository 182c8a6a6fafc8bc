#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Items that are listed in time order but may arrive out of it (a feeling written down late),
/// put in order in bounded memory: sorted in runs of `runSize` kept in unlinked temporary files,
/// then merged.
///
/// Guarantees: `drain` gives every item added, ordered by time and, for equal times, in the
/// order they were added (as a stable sort by time does, which is what the in-memory summary
/// does); memory holds at most one run plus a small buffer per run, whatever the count.
final class TimeSorter {
  let runSize: Int
  private var pending: [(seconds: Int64, seq: Int, text: String)] = []
  private var runs: [Spill] = []
  private var seq = 0
  /// The first failure to write a run (reported by `drain`: nothing is dropped silently).
  private var failure: SummaryError?

  init(runSize: Int = 16_384) { self.runSize = max(1, runSize) }

  func add(_ at: SummaryTime, _ text: String) {
    pending.append((at.seconds, seq, text))
    seq += 1
    if pending.count >= runSize, failure == nil {
      do { try flushRun() } catch { failure = error }
    }
  }

  private func sortPending() {
    pending.sort { ($0.seconds, $0.seq) < ($1.seconds, $1.seq) }
  }

  /// One sorted run to a temporary file: per item its time, its number, its length, its bytes.
  private func flushRun() throws(SummaryError) {
    sortPending()
    let run = try Spill()
    for item in pending {
      var header = [UInt8](repeating: 0, count: 20)
      withUnsafeBytes(of: item.seconds.littleEndian) { header.replaceSubrange(0..<8, with: $0) }
      withUnsafeBytes(of: Int64(item.seq).littleEndian) { header.replaceSubrange(8..<16, with: $0) }
      var text = item.text
      let count = text.utf8.count
      withUnsafeBytes(of: UInt32(count).littleEndian) { header.replaceSubrange(16..<20, with: $0) }
      header.withUnsafeBufferPointer { run.writer.write(bytes: $0) }
      text.withUTF8 { run.writer.write(bytes: $0) }
    }
    run.writer.flush()
    if let failure = run.writer.failure {
      throw .cannotWrite("", String(cString: strerror(failure)))
    }
    runs.append(run)
    pending.removeAll(keepingCapacity: true)
  }

  /// Every item, in order, as items of `spill`.
  func drain(into spill: Spill) throws(SummaryError) {
    if let failure { throw failure }
    guard !runs.isEmpty else {
      sortPending()
      for item in pending { spill.item(item.text) }
      pending = []
      return
    }
    if !pending.isEmpty { try flushRun() }
    var readers = runs.map { RunReader($0) }
    var heads: [(seconds: Int64, seq: Int, text: String)?] = []
    for k in readers.indices { heads.append(try readers[k].next()) }
    while true {
      var best: Int?
      for k in heads.indices {
        guard let h = heads[k] else { continue }
        if let b = best, let current = heads[b],
          (current.seconds, current.seq) <= (h.seconds, h.seq)
        {
          continue
        }
        best = k
      }
      guard let b = best, let item = heads[b] else { break }
      spill.item(item.text)
      heads[b] = try readers[b].next()
    }
  }

  /// Reads one run back, 64 KB at a time.
  struct RunReader {
    let run: Spill
    var offset = 0
    var buffer: [UInt8] = []
    var at = 0

    init(_ run: Spill) { self.run = run }

    private mutating func bytes(_ n: Int) throws(SummaryError) -> ArraySlice<UInt8>? {
      if buffer.count - at < n {
        buffer = Array(buffer[at...])
        at = 0
        var chunk = [UInt8](repeating: 0, count: max(1 << 16, n))
        while buffer.count < n, offset < run.writer.count {
          let got = chunk.withUnsafeMutableBytes {
            pread(run.writer.fd, $0.baseAddress, $0.count, off_t(offset))
          }
          if got < 0, errno == EINTR { continue }
          guard got > 0 else { throw .cannotWrite("", "a temporary file ended early") }
          buffer += chunk[0..<got]
          offset += got
        }
        guard buffer.count >= n else { return nil }
      }
      defer { at += n }
      return buffer[at..<(at + n)]
    }

    mutating func next() throws(SummaryError) -> (seconds: Int64, seq: Int, text: String)? {
      guard let header = try bytes(20) else { return nil }
      func int(_ range: Range<Int>) -> UInt64 {
        var v: UInt64 = 0
        for (k, b) in header[(header.startIndex + range.lowerBound)...].prefix(range.count)
          .enumerated()
        {
          v |= UInt64(b) << (8 * UInt64(k))
        }
        return v
      }
      let seconds = Int64(bitPattern: int(0..<8))
      let seq = Int(int(8..<16))
      let count = Int(int(16..<20))
      guard let body = try bytes(count) else {
        throw .cannotWrite("", "a temporary file ended early")
      }
      return (seconds, seq, String(decoding: body, as: UTF8.self))
    }
  }
}
