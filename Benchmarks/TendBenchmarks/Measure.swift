import Foundation

/// Timing helpers shared by the benchmarks: medians over repeated runs.
enum Measure {
  /// Median seconds per call of `body`, over `runs` batches of `iterations` calls.
  static func median(runs: Int = 7, iterations: Int = 1, _ body: () throws -> Void) rethrows -> Double {
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

  /// Median wall seconds of running a process to exit (stdout and stderr discarded).
  static func process(_ path: String, _ args: [String], env: [String: String]? = nil, runs: Int = 15) throws -> Double {
    try median(runs: runs) {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: path)
      p.arguments = args
      if let env { p.environment = env }
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
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
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return kb / 1024
    }
    return 0
  }
}
