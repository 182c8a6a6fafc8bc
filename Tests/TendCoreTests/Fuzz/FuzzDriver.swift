import Foundation
import TendTestSupport

/// A small seeded fuzz driver: random inputs from a seed, for a fixed time, reporting how many
/// inputs ran and which broke a property. The same seed replays the same inputs, so a finding
/// printed by CI can be reproduced with `TEND_FUZZ_SEED=<seed>`.
///
/// `TEND_FUZZ_SECONDS` sets the time per target (default 4 s, so the four targets stay well
/// under 30 s in CI); `TEND_FUZZ_SEED` the seed (default 20261201).
struct FuzzDriver {
  struct Report: CustomStringConvertible {
    var target: String
    var seed: UInt64
    var executions = 0
    var findings: [String] = []
    var seconds = 0.0

    var description: String {
      "fuzz \(target): \(executions) executions in \(String(format: "%.1f", seconds)) s, "
        + "\(findings.count) findings (seed \(seed))"
        + findings.prefix(3).map { "\n  finding: \($0)" }.joined()
    }
  }

  static var seconds: Double {
    ProcessInfo.processInfo.environment["TEND_FUZZ_SECONDS"].flatMap(Double.init) ?? 4
  }
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["TEND_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_201
  }

  /// Runs `body` with a generator until the time is up (at least `minimum` times); `body`
  /// returns a description of a broken property, or nil.
  static func run(
    _ target: String, minimum: Int = 200, _ body: (inout SeededRandom) -> String?
  ) -> Report {
    var report = Report(target: target, seed: seed)
    var rng = SeededRandom(seed: seed ^ target.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) })
    let start = Date()
    let limit = seconds
    while report.executions < minimum || Date().timeIntervalSince(start) < limit {
      report.executions += 1
      if let finding = body(&rng), report.findings.count < 20 { report.findings.append(finding) }
    }
    report.seconds = Date().timeIntervalSince(start)
    print(report)
    return report
  }
}

extension SeededRandom {
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Byte-level mutations that tend to find parser bugs: structural characters, escapes, broken
/// UTF-8, numbers in odd forms, deep nesting, repeated and deleted spans.
enum Mutate {
  static let tokens: [String] = [
    "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "true", "false", "0", "-0", "007", "1e5",
    "1.5", "-1", "99999999999999999999", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00",
    "\\x", "\u{0}", "\u{1F}", "\u{7F}", "\u{202E}", "\r", "\n", "\t", " ", "\"v\":2",
    "\"type\":\"water\"", "\"type\":\"session\"", "\"at\":\"2026-11-20T10:00:00+01:00\"",
    "\"scores\":{\"pain\":11}", "\"ratedBy\":\"nobody\"", "\"answer\":\"later\"",
    "\"condition\":\"iv-line@left-forearm+3d\"", String(repeating: "[", count: 300),
    String(repeating: "{\"a\":", count: 40),
  ]
  static let rawBytes: [UInt8] = [
    0x00, 0x0A, 0x0D, 0x1F, 0x22, 0x5C, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5,
    0xFF,
  ]

  static func bytes(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
    var b = input
    for _ in 0..<(1 + rng.below(4)) {
      let at = rng.below(b.count + 1)
      switch rng.below(6) {
      case 0 where !b.isEmpty: b[min(at, b.count - 1)] = rng.pick(rawBytes)
      case 1: b.insert(contentsOf: Array(rng.pick(tokens).utf8), at: at)
      case 2 where !b.isEmpty:
        let n = rng.below(min(12, b.count - min(at, b.count - 1)) + 1)
        b.removeSubrange(min(at, b.count - 1)..<min(at + n, b.count))
      case 3 where b.count > 2:
        let start = rng.below(b.count - 1)
        let piece = b[start..<min(b.count, start + 1 + rng.below(20))]
        b.insert(contentsOf: piece, at: at)
      case 4 where !b.isEmpty: b[min(at, b.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
      default: b.insert(contentsOf: Array(rng.pick(tokens).utf8), at: at)
      }
    }
    return b
  }
}
