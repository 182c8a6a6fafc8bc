import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// The journal: one durable append against a bare `write` + `fsync` of the same bytes on the same
/// disk in the same run (target ≤ 1.5×), and reading a 1,000,000-line journal (time, and peak
/// resident memory, which must stay flat).
enum JournalBenchmarks {
  static func run() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tend-bench-\(getpid())")
    try DurableFile.makeFolder(dir)
    defer { try? FileManager.default.removeItem(at: dir) }
    try appends(in: dir)
    try reading(in: dir)
  }

  static let entry = JournalEntry(
    at: Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600),
    .session(
      Session(
        routine: "calm-hands",
        plan: FollowedPlan(kept: ["greet-hold", "right-palm"], skipped: ["left-palm"]),
        sites: ["right-hand"], pressure: 1, minutes: 8, by: "Ana",
        before: Ratings(scores: ["pain": 6, "anxiety": 4]),
        after: Ratings(scores: ["pain": 3, "anxiety": 2]), note: "Dozed off near the end.",
        precautions: ["iv-line"])))

  static func appends(in dir: URL) throws {
    let line = try entry.line()
    let journal = try Journal(url: dir.appendingPathComponent("journal.jsonl"))
    let bareURL = dir.appendingPathComponent("bare.jsonl")
    let bare = open(bareURL.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    defer { close(bare) }
    // Round-robin, one call of each at a time, so disk and CPU noise hit all three alike; the
    // median of single calls shrugs off the stalls a busy shared machine adds.
    var tend: [Double] = []
    var tendLine: [Double] = []
    var baseline: [Double] = []
    func time(_ body: () throws -> Void) rethrows -> Double {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    for _ in 0..<1_000 {
      baseline.append(
        time {
          _ = line.withUnsafeBytes { write(bare, $0.baseAddress, $0.count) }
          fsync(bare)
        })
      tend.append(try time { try journal.append(entry) })
      tendLine.append(try time { try journal.append(line: line) })
    }
    var sink = 0
    let encode = try Measure.median(runs: 5, iterations: 2_000) { sink &+= try entry.line().count }
    let b = median(baseline)
    let t = median(tend)
    let l = median(tendLine)
    print("bare write+fsync of \(line.count) B: \(Measure.format(b)) per record")
    print(
      String(
        format:
          "Journal.append (encode + validate + flock + tail check + write + fsync): %@ (%.2f×; target ≤ 1.5×)",
        Measure.format(t), t / b))
    print(
      String(
        format: "Journal.append(line:) (same bytes, no encoding): %@ (%.2f×)", Measure.format(l),
        l / b))
    print("encoding one session line: \(Measure.format(encode))" + (sink == 0 ? "!" : ""))
  }

  static func reading(in dir: URL) throws {
    let url = dir.appendingPathComponent("million.jsonl")
    let count = 1_000_000
    let line = try entry.line()
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw StorageError.failed(operation: "create", path: url.path, errno: EIO)
    }
    let handle = try FileHandle(forWritingTo: url)
    var chunk = Data()
    for _ in 0..<count {
      chunk.append(line)
      if chunk.count > 1 << 20 {
        try handle.write(contentsOf: chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    try handle.write(contentsOf: chunk)
    try handle.close()
    let megabytes = Double(line.count * count) / 1e6
    let reader = JournalReader(url: url)

    resetPeak()
    var lines = 0
    var start = DispatchTime.now().uptimeNanoseconds
    try reader.forEachLine { _, _ in lines += 1 }
    let scan = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let scanPeak = Measure.peakResidentMB()

    resetPeak()
    var entries = 0
    start = DispatchTime.now().uptimeNanoseconds
    try reader.forEach { item in if case .entry = item { entries += 1 } }
    let decode = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let decodePeak = Measure.peakResidentMB()

    resetPeak()
    var matched = 0
    let filter = JournalFilter(from: "2030-01-01")
    start = DispatchTime.now().uptimeNanoseconds
    try reader.forEach(accept: filter.accepts) { _ in matched += 1 }
    let filtered = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

    print(
      String(
        format: "1M lines (%.0f MB): split only %@ (%.0f MB/s), peak RSS %.1f MB", megabytes,
        Measure.format(scan), megabytes / scan, scanPeak))
    print(
      String(
        format:
          "1M lines decoded to JournalEntry: %@ (%.0f MB/s, %.0f k entries/s), peak RSS %.1f MB",
        Measure.format(decode), megabytes / decode, Double(entries) / decode / 1000, decodePeak))
    print(
      String(
        format: "1M lines, date filter skipping every line undecoded: %@", Measure.format(filtered))
    )
    if lines != count || entries != count || matched != 0 {
      print("wrong counts: \(lines) \(entries) \(matched)")
    }
  }

  static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  /// Resets VmHWM so each measurement reports its own peak (Linux: write 5 to clear_refs).
  static func resetPeak() {
    let fd = open("/proc/self/clear_refs", O_WRONLY)
    if fd >= 0 {
      _ = write(fd, "5", 1)
      close(fd)
    }
  }
}
