import Foundation
import TendCore

/// What the data's self-check adds to every start: loading the catalog with one extra language
/// (as `tend --lang fr` does), and, inside that, evaluating every rule example and checking the
/// language against English.
enum SelfCheckBenchmarks {
  static func run() throws {
    let root = Measure.packageRoot
    let load = try Measure.median(runs: 15) { _ = try Catalog.load(from: root, languages: ["fr"]) }
    let catalog = try Catalog.load(from: root, languages: ["fr"])
    let examples = try Measure.median(runs: 15, iterations: 5) { try catalog.checkExamples() }
    let french =
      try catalog.locales["fr"].map { table in
        try Measure.median(runs: 15, iterations: 5) { try catalog.checkLanguage(table) }
      } ?? 0
    let english = try Measure.median(runs: 15, iterations: 5) {
      try catalog.checkLanguage(catalog.english)
    }
    let count = catalog.rules.reduce(0) { $0 + $1.examples.count }
    print("Catalog.load with fr (all checks included): \(Measure.format(load))")
    print(
      String(
        format: "  %d rule examples evaluated: %@ (%.0f%% of the load)", count,
        Measure.format(examples), 100 * examples / load))
    print(
      String(
        format: "  fr checked against English: %@; en against the code's keys: %@ (%.0f%%)",
        Measure.format(french), Measure.format(english), 100 * (french + english) / load))
  }
}
