import Foundation

/// Timing helpers shared by the benchmarks: medians over repeated runs.
enum Measure {
  /// Median seconds per call of `body`, over `runs` batches of `iterations` calls.
  static func median(runs: Int = 7, iterations: Int = 1, _ body: () throws -> Void) rethrows
    -> Double
  {
    var samples: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<iterations { try body() }
      let end = DispatchTime.now().uptimeNanoseconds
      samples.append(Double(end - start) / 1e9 / Double(iterations))
    }
    samples.sort()
    return samples[samples.count / 2]
  }

  /// Median wall seconds of running a process to exit (output to /dev/null). Uses
  /// posix_spawn and waitpid directly: Foundation's `Process.waitUntilExit` polls and would
  /// add tens of milliseconds to every run.
  static func process(
    _ path: String, _ args: [String], env: [String: String]? = nil, runs: Int = 15
  ) throws -> Double {
    let environment = (env ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    return try median(runs: runs) {
      var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
      let argv = ([path] + args).map { strdup($0) } + [nil]
      let envp = environment.map { strdup($0) } + [nil]
      defer { (argv + envp).forEach { free($0) } }
      var pid: pid_t = 0
      let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
      guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
  }

  static func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
    return String(format: "%.2f s", seconds)
  }

  /// The package root (where Routines/ and Locales/ are), from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Peak resident memory of this process so far, in MB (from /proc/self/status VmHWM).
  static func peakResidentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return kb / 1024
    }
    return 0
  }
}
