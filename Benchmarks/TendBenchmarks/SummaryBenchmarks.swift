import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// The summary over a 1,000,000-line journal (about 200 MB) against `jq` computing the same
/// aggregate on the same file in the same run (target ≥ 5× faster, resident memory < 100 MB),
/// and `tend review` over 1,000 exports against `jq` reading the same files.
enum SummaryBenchmarks {
  static let lines = 1_000_000
  static let journal = "/tmp/tend-bench-journal-1M.jsonl"

  /// The aggregate both sides compute: sessions, minutes, and per scale the mean before and
  /// after over sessions rated both times (what the summary's change table shows).
  static let jqProgram = """
    reduce (inputs | select(.type == "session")) as $s ({n: 0, m: 0, k: {}};
      .n += 1 | .m += ($s.minutes // 0)
      | reduce (($s.before.scores // {}) | keys[]) as $k (.;
          if ($s.after.scores[$k] // null) != null
          then .k[$k].n += 1 | .k[$k].b += $s.before.scores[$k] | .k[$k].a += $s.after.scores[$k]
          else . end))
    | {n, m, means: (.k | map_values({n, b: (.b / .n), a: (.a / .n)}))}
    """

  static func run() throws {
    let (first, last) = try makeJournal()
    guard let jq = which("jq") else {
      print("skipped: jq not installed")
      return
    }
    let receiver = SummaryReceiver(id: "bench", name: "Bench", caregivers: ["Ana", "Luis"])
    let options = SummaryOptions(
      period: SummaryPeriod(from: first, to: last), now: SummaryTime(Date()), keepSessions: false)
    let size = (try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
    print(String(format: "journal: %d lines, %.0f MB, %@", lines, Double(size) / 1e6, journal))
    let rssBefore = Measure.peakResidentMB()
    var data: SummaryData?
    let swift = try Measure.median(runs: 3) {
      data = try JournalScan.read(journal, receiver: receiver, options: options).builder.finish()
    }
    let rssAfter = Measure.peakResidentMB()
    let start = DispatchTime.now().uptimeNanoseconds
    let jqOut = try capture(jq, ["-n", "-c", jqProgram, journal])
    let jqTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("jq (same aggregate): \(Measure.format(jqTime))")
    // A lower bound for jq: only count sessions and add up minutes (no per-rating work).
    let countStart = DispatchTime.now().uptimeNanoseconds
    _ = try capture(
      jq,
      [
        "-n",
        "reduce (inputs | select(.type == \"session\")) as $s ({n: 0, m: 0}; .n += 1 | .m += ($s.minutes // 0))",
        journal,
      ])
    let jqCount = Double(DispatchTime.now().uptimeNanoseconds - countStart) / 1e9
    print("jq (lower bound: count sessions and minutes only): \(Measure.format(jqCount))")
    print(
      String(
        format:
          "summary (TendCore, in process): %@, %.0f MB/s, %.1f× faster than jq (%.1f× its lower bound; target ≥ 5×)",
        Measure.format(swift), Double(size) / 1e6 / swift, jqTime / swift, jqCount / swift))
    print(
      String(
        format: "peak RSS of this process: %.0f MB before, %.0f MB after (target < 100 MB)",
        rssBefore, rssAfter))
    if let data { agree(data, jqOut) }
    try endToEnd(size: size, jqTime: jqCount, first: first, last: last)
    try ReviewBenchmark.run(jq: jq)
  }

  /// The release `tend summary` as a process: wall time and its own peak RSS (from wait4).
  static func endToEnd(size: Int, jqTime: Double, first: Int, last: Int) throws {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("tend").path
    guard FileManager.default.isExecutableFile(atPath: exe) else {
      print("tend summary process: skipped (swift build -c release first)")
      return
    }
    let home = "/tmp/tend-bench-home"
    try? FileManager.default.createDirectory(
      atPath: home + "/receivers/bench", withIntermediateDirectories: true)
    let link = home + "/receivers/bench/journal.jsonl"
    try? FileManager.default.removeItem(atPath: link)
    // A hard link, not a symbolic one: journals behind links are refused.
    guard Glibc.link(journal, link) == 0 else { throw CocoaError(.fileWriteUnknown) }
    var env = ProcessInfo.processInfo.environment
    env["TEND_HOME"] = home
    env["TEND_DATA"] = Measure.packageRoot.path
    let args = ["summary", "--from", CivilDay.string(first), "--to", CivilDay.string(last)]
    var samples: [(Double, Double)] = []
    for _ in 0..<3 { samples.append(try spawn(exe, args, env: env)) }
    samples.sort { $0.0 < $1.0 }
    let (wall, rss) = samples[1]
    print(
      String(
        format:
          "tend summary (release process, start to exit): %@, %.1f× faster than jq's lower bound; peak RSS %.1f MB (target < 100 MB)",
        Measure.format(wall), jqTime / wall, rss))
  }

  static func agree(_ data: SummaryData, _ jqOut: String) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(jqOut.utf8)) as? [String: Any],
      let means = object["means"] as? [String: [String: Double]]
    else {
      print("jq output not understood: \(jqOut.prefix(200))")
      return
    }
    var same =
      object["n"] as? Int == data.totals.sessions && object["m"] as? Int == data.totals.minutes
    for r in data.ratings {
      let m = means[r.scale.rawValue]
      same =
        same && abs((m?["b"] ?? -1) - r.meanBefore) < 1e-9
        && abs((m?["a"] ?? -1) - r.meanAfter) < 1e-9
    }
    print(
      "same aggregate as jq: \(same ? "yes" : "NO") (\(data.totals.sessions) sessions, \(data.totals.minutes) minutes)"
    )
  }

  /// Writes the journal once (kept in /tmp between runs): sessions, water, feelings, a few
  /// consents and conditions, spread over three years, about 200 bytes a line.
  static func makeJournal(lines: Int = lines, path journal: String = journal) throws -> (Int, Int) {
    let first = CivilDay.parse("2024-01-01") ?? 0
    let days = 1096
    if let size = try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int,
      size > lines * 150
    {
      return (first, first + days - 1)
    }
    try? FileManager.default.removeItem(atPath: journal)
    guard
      let out = FileHandle(forWritingAtPath: journal)
        ?? {
          FileManager.default.createFile(atPath: journal, contents: nil)
          return FileHandle(forWritingAtPath: journal)
        }()
    else { throw CocoaError(.fileWriteUnknown) }
    defer { try? out.close() }
    var rng = SplitMix(seed: 1)
    var buffer = ""
    let routines = [
      "calm-hands", "soothing-feet", "quick-shoulders", "scalp-calm", "evening-wind-down",
    ]
    for i in 0..<lines {
      let day = first + i * days / lines
      let secs = (i * 37) % 86_400
      let t = SummaryTime(seconds: Int64(day) * 86_400 + Int64(secs) + 5 * 3600, offset: -5 * 3600)
        .description
      let kind = rng.next() % 10
      func score() -> Int { Int(rng.next() % 11) }
      if kind < 7 {
        let b =
          "{\"ratedBy\":\"receiver\",\"scores\":{\"anxiety\":\(score()),\"comfort\":\(score()),\"pain\":\(score()),\"tiredness\":\(score())}}"
        let a =
          rng.next() % 6 == 0
          ? "null"
          : "{\"ratedBy\":\"receiver\",\"scores\":{\"anxiety\":\(score()),\"comfort\":\(score()),\"pain\":\(score())}}"
        let stop =
          rng.next() % 40 == 0 ? ",\"stopReason\":\"felt light-headed\",\"stoppedEarly\":true" : ""
        let note = rng.next() % 8 == 0 ? ",\"note\":\"Felt warm and sleepy; hand less stiff.\"" : ""
        buffer +=
          "{\"after\":\(a),\"at\":\"\(t)\",\"before\":\(b),\"by\":\"\(rng.next() % 3 == 0 ? "Luis" : "Ana")\",\"minutes\":\(3 + Int(rng.next() % 18))\(note),\"precautions\":[\"anticoagulants\"],\"pressure\":\(Int(rng.next() % 3)),\"routine\":\"\(routines[Int(rng.next() % 5)])\",\"sites\":[\"left-hand\",\"right-hand\"]\(stop),\"type\":\"session\",\"v\":1}\n"
      } else if kind < 9 {
        buffer +=
          "{\"answer\":\"\(["given", "declined", "later"][Int(rng.next() % 3)])\",\"amountML\":150,\"at\":\"\(t)\",\"by\":\"Ana\",\"type\":\"water\",\"v\":1}\n"
      } else {
        buffer +=
          "{\"at\":\"\(t)\",\"ratings\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":\(score())}},\"text\":\"A quiet day; slept well after lunch.\",\"type\":\"feeling\",\"v\":1}\n"
      }
      if buffer.utf8.count > 1 << 20 {
        out.write(Data(buffer.utf8))
        buffer = ""
      }
    }
    out.write(Data(buffer.utf8))
    return (first, first + days - 1)
  }

  struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func which(_ name: String) -> String? {
    ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  static func capture(_ path: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Runs a process to exit with stdout discarded; wall seconds and its peak RSS in MB.
  static func spawn(_ path: String, _ args: [String], env: [String: String]) throws -> (
    Double, Double
  ) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else {
      throw CocoaError(.executableLoad)
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (wall, Double(usage.ru_maxrss) / 1024)
  }
}
