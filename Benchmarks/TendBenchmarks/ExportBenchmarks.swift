import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// `tend summary` in every format over journals of 10k, 100k and 1M lines, as release processes:
/// wall time and the process's own peak RSS, each against `jq` computing the same aggregate over
/// the same file in the same run (targets: ≤ 0.5× jq, peak RSS < 100 MB whatever the size, so
/// time grows linearly and memory stays flat). Then `tend journal --json` against `jq` adding a
/// field to every line (target ≤ 1×), and `tend review` of 1,000 exports against `jq` reading
/// one field from each (target ≤ 0.5×). Run: swift run -c release TendBenchmarks exports
///
/// By default 10k and 100k lines (a few minutes); `TEND_BENCH_1M=1` adds 1M lines (jq alone
/// takes minutes there, and FHIR writes gigabytes), `TEND_BENCH_SIZES=10000,…` picks sizes,
/// `TEND_BENCH_FORMATS=json,csv` formats. A table at the end shows how time and memory grow.
///
/// Pair by pair: `TEND_BENCH_PAIRS=N` runs each format N times in turn with jq (jq, tend, jq,
/// tend…) instead of the best of 3, and prints the median and range of the pairs' ratios, wall
/// and CPU; `TEND_BENCH_REVIEW_PAIRS=N` sets review's pairs (5). `TEND_BENCH_BINARY` measures
/// another tend than the one beside the benchmark, and `TEND_BENCH_BEFORE=/path/to/old/tend` adds
/// an older binary to every pair (jq, before, after), each with a cache folder of its own, so a
/// change is measured against its start in the same minutes. The load average is printed
/// before and after each measurement. `TEND_BENCH_COLD=1` removes what the family's words were
/// read as in earlier runs (`readings` in each cache folder) before every run of a pair.
enum ExportBenchmarks {
  static let sizes = [10_000, 100_000, 1_000_000]

  /// Each size's figures for the growth table: format → (seconds, ratio to jq, peak RSS MB).
  nonisolated(unsafe) static var table: [Int: [String: (Double, Double, Double)]] = [:]
  nonisolated(unsafe) static var jqSeconds: [Int: Double] = [:]

  static var chosenSizes: [Int] {
    let env = ProcessInfo.processInfo.environment
    if let only = env["TEND_BENCH_SIZES"] {
      let wanted = Set(only.split(separator: ",").compactMap { Int($0) })
      return sizes.filter(wanted.contains)
    }
    return env["TEND_BENCH_1M"] == "1" ? sizes : sizes.filter { $0 < 1_000_000 }
  }

  /// How each format's time and memory grow with the journal: one row per format.
  static func printGrowth() {
    let done = chosenSizes.filter { table[$0] != nil }
    guard !done.isEmpty else { return }
    print("growth (time, ratio to jq, peak RSS), by journal length:")
    let head = done.map { "\($0 / 1000)k lines".padding(toLength: 28, withPad: " ", startingAt: 0) }
    print("  " + "format".padding(toLength: 10, withPad: " ", startingAt: 0) + head.joined())
    let jqRow = done.map {
      (Measure.format(jqSeconds[$0] ?? 0) + " (jq)").padding(
        toLength: 28, withPad: " ", startingAt: 0)
    }
    print("  " + "jq".padding(toLength: 10, withPad: " ", startingAt: 0) + jqRow.joined())
    for format in SummaryFormat.allCases.map(\.rawValue) {
      let cells = done.map { size -> String in
        guard let (t, r, m) = table[size]?[format] else {
          return "-".padding(toLength: 28, withPad: " ", startingAt: 0)
        }
        return String(format: "%@ %.2f× %5.1f MB", Measure.format(t), r, m)
          .padding(toLength: 28, withPad: " ", startingAt: 0)
      }
      guard cells.contains(where: { !$0.hasPrefix("-") }) else { continue }
      print("  " + format.padding(toLength: 10, withPad: " ", startingAt: 0) + cells.joined())
    }
  }

  static func run() throws {
    guard let jq = SummaryBenchmarks.which("jq") else {
      print("skipped: jq not installed")
      return
    }
    let exe =
      ProcessInfo.processInfo.environment["TEND_BENCH_BINARY"]
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("tend").path
    guard FileManager.default.isExecutableFile(atPath: exe) else {
      print(
        "skipped: build tend first (swift build -c release --static-swift-stdlib --product tend)")
      return
    }
    for lines in chosenSizes {
      try size(lines, exe: exe, jq: jq)
    }
    printGrowth()
    let parts = ProcessInfo.processInfo.environment["TEND_BENCH_PARTS"] ?? "journal,review"
    if parts.contains("journal") { try journalJSON(exe: exe, jq: jq) }
    fflush(nil)
    if parts.contains("review") { try review(exe: exe, jq: jq) }
  }

  /// A home with one receiver whose journal is the generated file (a hard link, no copy).
  static func home(for journal: String, exe: String) throws -> [String: String] {
    let home = "/tmp/tend-bench-home-\(URL(fileURLWithPath: journal).lastPathComponent)"
    var env = ProcessInfo.processInfo.environment
    env["TEND_HOME"] = home
    env["TEND_DATA"] = Measure.packageRoot.path
    env["NO_COLOR"] = "1"
    let target = home + "/receivers/bench/journal.jsonl"
    if !FileManager.default.fileExists(atPath: home + "/receivers/bench/profile.json") {
      try? FileManager.default.removeItem(atPath: home)
      let made = try spawn(
        exe, ["receivers", "add", "Bench", "--condition", "anticoagulants"], env: env)
      guard made.status == 0 else {
        throw StartupBenchmarks.Failed(description: "tend receivers add: status \(made.status)")
      }
    }
    unlink(target)
    guard link(journal, target) == 0 else {
      throw StartupBenchmarks.Failed(description: "cannot link \(journal) to \(target)")
    }
    return env
  }

  static func size(_ lines: Int, exe: String, jq: String) throws {
    let journal = path(lines)
    let (first, last) = try SummaryBenchmarks.makeJournal(lines: lines, path: journal)
    let bytes = (try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
    let env = try home(for: journal, exe: exe)
    let runs = lines >= 1_000_000 ? 1 : 3
    let jqRun = try best(runs) {
      try spawn(jq, ["-n", "-c", SummaryBenchmarks.jqProgram, journal], env: env)
    }
    print(
      String(
        format: "%d lines (%.0f MB): jq same aggregate %@, peak RSS %.1f MB", lines,
        Double(bytes) / 1e6, Measure.format(jqRun.wall), jqRun.rss))
    jqSeconds[lines] = jqRun.wall
    let period = ["--from", CivilDay.string(first), "--to", CivilDay.string(last)]
    // TEND_BENCH_FORMATS=text,csv… measures only those (FHIR over 1M lines writes gigabytes).
    let formats = ProcessInfo.processInfo.environment["TEND_BENCH_FORMATS"].map {
      $0.split(separator: ",").compactMap { SummaryFormat(rawValue: String($0)) }
    }
    fflush(nil)
    if pairs > 0 {
      for format in formats ?? SummaryFormat.allCases {
        let args = ["summary", "--receiver", "Bench", "--format", format.rawValue] + period
        try paired(
          "\(format.rawValue), \(lines / 1000)k lines", pairs: pairs, exe: exe, args: args,
          env: env
        ) { try spawn(jq, ["-n", "-c", SummaryBenchmarks.jqProgram, journal], env: env) }
      }
      return
    }
    for format in formats ?? SummaryFormat.allCases {
      let args = ["summary", "--receiver", "Bench", "--format", format.rawValue] + period
      let r = try best(runs) { try spawn(exe, args, env: env) }
      guard r.status == 0 else {
        throw StartupBenchmarks.Failed(
          description: "tend \(args.joined(separator: " ")): \(r.status)")
      }
      print(
        String(
          format: "  %@ %@  %.2f× jq (target ≤ 0.5×)  peak RSS %6.1f MB (target < 100 MB)  %@/line",
          format.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0), Measure.format(r.wall),
          r.wall / jqRun.wall, r.rss,
          Measure.format(r.wall / Double(lines))))
      table[lines, default: [:]][format.rawValue] = (r.wall, r.wall / jqRun.wall, r.rss)
      fflush(nil)
    }
  }

  /// `tend journal --json` over the longest journal measured (1M lines with `TEND_BENCH_1M=1`)
  /// against jq adding the same field to every line.
  static func journalJSON(exe: String, jq: String) throws {
    let lines = chosenSizes.last ?? 100_000
    let journal = path(lines)
    _ = try SummaryBenchmarks.makeJournal(lines: lines, path: journal)
    let env = try home(for: journal, exe: exe)
    let j = try spawn(jq, ["-c", ". + {receiver: \"bench\"}", journal], env: env)
    let t = try spawn(exe, ["journal", "--json", "--receiver", "Bench"], env: env)
    guard t.status == 0 else { throw StartupBenchmarks.Failed(description: "tend journal --json") }
    print(
      String(
        format:
          "journal --json, %d lines: %@ against jq adding a field to each line %@: %.2f× (target ≤ 1×); peak RSS %.1f MB",
        lines, Measure.format(t.wall), Measure.format(j.wall), t.wall / j.wall, t.rss))
  }

  /// `tend review` of 1,000 JSON exports against jq reading one field from each.
  static func review(exe: String, jq: String) throws {
    let paths = try ReviewBenchmark.makeExports()
    var env = ProcessInfo.processInfo.environment
    env["TEND_DATA"] = Measure.packageRoot.path
    env["NO_COLOR"] = "1"
    let reviewPairs = Int(ProcessInfo.processInfo.environment["TEND_BENCH_REVIEW_PAIRS"] ?? "") ?? 5
    if pairs > 0 || before != nil {
      try paired(
        "review of \(paths.count) exports", pairs: reviewPairs, exe: exe, args: ["review"] + paths,
        env: env
      ) { try spawn(jq, ["-r", ".totals.sessions"] + paths, env: env) }
      return
    }
    var ratios: [Double] = []
    var tendTimes: [Double] = []
    var jqTimes: [Double] = []
    var cpuRatios: [Double] = []
    for _ in 0..<reviewPairs {
      let t = try spawn(exe, ["review"] + paths, env: env)
      let j = try spawn(jq, ["-r", ".totals.sessions"] + paths, env: env)
      guard t.status == 0 else {
        throw StartupBenchmarks.Failed(description: "tend review: \(t.status)")
      }
      ratios.append(t.wall / j.wall)
      cpuRatios.append(t.cpu / max(j.cpu, 1e-6))
      tendTimes.append(t.wall)
      jqTimes.append(j.wall)
    }
    print(
      String(
        format:
          "review of %d exports: %@, jq reading one field from each %@: %.2f× (pair by pair; target ≤ 0.5×); CPU time %.2f× jq's",
        paths.count, Measure.format(median(tendTimes)), Measure.format(median(jqTimes)),
        median(ratios), median(cpuRatios)))
  }

  /// `TEND_BENCH_PAIRS`: pairs per format (0: the best of 3, as before).
  static var pairs: Int { Int(ProcessInfo.processInfo.environment["TEND_BENCH_PAIRS"] ?? "") ?? 0 }
  /// `TEND_BENCH_BEFORE`: an older tend measured in the same pairs.
  static var before: String? { ProcessInfo.processInfo.environment["TEND_BENCH_BEFORE"] }

  /// The 1, 5 and 15 minute load averages (`/proc/loadavg`).
  static func load() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else {
      return "?"
    }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  /// `pairs` rounds of the baseline then tend (and the older tend first, with
  /// `TEND_BENCH_BEFORE`), each round's ratio to that round's baseline; prints each binary's
  /// median wall and CPU ratio, and the range of the wall ratios.
  static func paired(
    _ name: String, pairs: Int, exe: String, args: [String], env: [String: String],
    baseline: () throws -> Run
  ) throws {
    var subjects = [("after", exe)]
    if let before { subjects.insert(("before", before), at: 0) }
    var wall: [String: [Double]] = [:]
    var cpu: [String: [Double]] = [:]
    var base: [Double] = []
    var rss: [String: Double] = [:]
    let startLoad = load()
    for _ in 0..<max(1, pairs) {
      let b = try baseline()
      base.append(b.wall)
      for (label, binary) in subjects {
        var own = env
        own["XDG_CACHE_HOME"] = "/tmp/tend-bench-cache-\(label)"
        // TEND_BENCH_COLD=1: no reading of the family's words kept from an earlier run
        // (`SaidReadings`), as on the first export after an install or a data change.
        if cold { unlink("/tmp/tend-bench-cache-\(label)/tend/readings") }
        let r = try spawn(binary, args, env: own)
        guard r.status == 0 else {
          throw StartupBenchmarks.Failed(description: "\(binary) \(args.prefix(5)): \(r.status)")
        }
        wall[label, default: []].append(r.wall / b.wall)
        cpu[label, default: []].append(r.cpu / max(b.cpu, 1e-6))
        rss[label] = max(rss[label] ?? 0, r.rss)
      }
    }
    print(
      String(
        format: "%@: %d pairs, baseline median %@ (load %@ → %@)", name, max(1, pairs),
        Measure.format(median(base)), startLoad, load()))
    for (label, _) in subjects {
      let w = wall[label] ?? [0]
      print(
        String(
          format: "  %@  wall %.2f× (%.2f-%.2f)  CPU %.2f×  peak RSS %.1f MB", label, median(w),
          w.min() ?? 0, w.max() ?? 0, median(cpu[label] ?? [0]), rss[label] ?? 0))
    }
    fflush(nil)
  }

  /// The generated journal of `lines` lines (the 1M one is the summary benchmark's).
  static func path(_ lines: Int) -> String {
    lines == SummaryBenchmarks.lines
      ? SummaryBenchmarks.journal : "/tmp/tend-bench-journal-\(lines).jsonl"
  }

  static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

  /// `TEND_BENCH_COLD=1`: every run reads the family's words afresh.
  static let cold = ProcessInfo.processInfo.environment["TEND_BENCH_COLD"] == "1"

  struct Run {
    var wall: Double
    var rss: Double
    var status: Int32
    /// User plus system CPU seconds (every thread): steadier than wall time on a busy machine.
    var cpu: Double = 0
  }

  /// The fastest of `runs` (the one least disturbed by the other builds on the machine).
  static func best(_ runs: Int, _ body: () throws -> Run) throws -> Run {
    var all: [Run] = []
    for _ in 0..<runs { all.append(try body()) }
    return all.min { $0.wall < $1.wall }!
  }

  /// Runs a process to exit, stdout to /dev/null: wall seconds, its own peak RSS (wait4), status.
  static func spawn(_ path: String, _ args: [String], env: [String: String], stdin: String? = nil)
    throws -> Run
  {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return Run(
      wall: wall, rss: Double(usage.ru_maxrss) / 1024, status: (status >> 8) & 0xFF, cpu: cpu)
  }
}
