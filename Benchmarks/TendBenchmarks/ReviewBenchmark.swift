import Foundation
import TendCore

/// `tend review` over 1,000 exports (Tend JSON, each verified by SHA-256) against `jq` reading
/// the same files for the same table columns, and `sha256sum` hashing them, in the same run.
enum ReviewBenchmark {
  static let folder = "/tmp/tend-bench-exports"
  static let count = 1000

  static func run(jq: String) throws {
    let paths = try makeExports()
    let reviewed = Slots(count: paths.count)
    let review = try Measure.median(runs: 5) {
      DispatchQueue.concurrentPerform(iterations: paths.count) { i in
        reviewed.set(i, Review.read(path: paths[i]).status == .intact)
      }
    }
    let intact = reviewed.all.filter { $0 }.count
    let jqTime = try Measure.median(runs: 3) {
      _ = try SummaryBenchmarks.capture(
        jq,
        [
          "-r",
          "[.receiver.name, .period.from, .period.to, .totals.sessions, (.ratings[] | .meanChange), .totals.stopped, .redFlags.worseAfter] | @tsv",
        ] + paths)
    }
    let hash = try Measure.median(runs: 3) {
      _ = try SummaryBenchmarks.capture("/usr/bin/sha256sum", paths)
    }
    print(
      String(
        format:
          "review of %d JSON exports (%d intact): %@; jq table: %@ (review %.1f× faster); sha256sum alone: %@ (%.2f×)",
        paths.count, intact, Measure.format(review), Measure.format(jqTime), jqTime / review,
        Measure.format(hash), hash / review))
    let fhir = try makeExports(format: .fhir)
    let fhirTime = try Measure.median(runs: 3) {
      DispatchQueue.concurrentPerform(iterations: fhir.count) { i in _ = Review.read(path: fhir[i])
      }
    }
    print(
      String(
        format: "review of %d FHIR exports (read back and summarised): %@", fhir.count,
        Measure.format(fhirTime)))
  }

  /// 1,000 sealed exports of 4-week journals with varied numbers, written once.
  static func makeExports(format: SummaryFormat = .json) throws -> [String] {
    let dir = folder + "-" + format.rawValue
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let paths = (0..<count).map { "\(dir)/receiver-\($0).\(format.fileExtension)" }
    if paths.allSatisfy(FileManager.default.fileExists(atPath:)) { return paths }
    let localizer = try Catalog.load(from: Measure.packageRoot, languages: []).localizer("en")
    var rng = SummaryBenchmarks.SplitMix(seed: 9)
    let from = CivilDay.parse("2026-11-01") ?? 0
    for (n, path) in paths.enumerated() {
      var entries: [SummaryEntry] = []
      for d in 0..<28 where rng.next() % 2 == 0 {
        var s = SummarySession(
          at: SummaryTime(seconds: Int64(from + d) * 86_400 + 23 * 3600, offset: -5 * 3600))
        s.minutes = 5 + Int(rng.next() % 15)
        s.routine = "calm-hands"
        s.by = "Ana"
        s.before = SummaryRatings(
          scores: Scores([.pain: Int(rng.next() % 11), .anxiety: Int(rng.next() % 11)]))
        s.after = SummaryRatings(
          scores: Scores([.pain: Int(rng.next() % 11), .anxiety: Int(rng.next() % 11)]))
        entries.append(.session(s))
      }
      let receiver = SummaryReceiver(id: "r\(n)", name: "Receiver \(n)", caregivers: ["Ana"])
      let options = SummaryOptions(
        period: SummaryPeriod(from: from, to: from + 27), now: SummaryTime(Date()),
        keepSessions: true)
      let data = SummaryBuilder.summarize(receiver, entries, options: options)
      let text = SummaryRendering.export(
        data, as: format, RenderOptions(localizer: localizer, checksum: true)
      ).text
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    return paths
  }

  final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Bool?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: Bool) { lock.withLock { values[i] = v } }
    var all: [Bool] { lock.withLock { values.compactMap { $0 } } }
  }
}
