import Foundation
import TendCore

/// The check of a 10-condition profile against every routine, against a baseline of copying
/// the routine list (so the ratio says how much work the check adds on this machine).
enum PlannerBenchmarks {
  static let profile = [
    "anticoagulants", "iv-line@left-forearm", "port@right-chest",
    "joint-replacement-knee@left-knee+10d",
    "diabetic-neuropathy", "fragile-skin", "heart-failure", "rash@right-lower-leg", "dementia",
    "lotion-allergy-other",
  ]

  static func run() throws {
    let catalog = try Catalog.load(from: Measure.packageRoot)
    let load = try Measure.median(runs: 9, iterations: 5) {
      _ = try Catalog.load(from: Measure.packageRoot)
    }
    let bytes = try Measure.median(runs: 9, iterations: 5) {
      for name in try FileManager.default.contentsOfDirectory(
        atPath: Measure.packageRoot.appendingPathComponent("Routines").path)
      {
        _ = FileManager.default.contents(
          atPath: Measure.packageRoot.appendingPathComponent("Routines/" + name).path)
      }
      _ = FileManager.default.contents(
        atPath: Measure.packageRoot.appendingPathComponent("Locales/en.json").path)
    }
    print(
      "catalog load (parse + validate all data): \(Measure.format(load)); reading the same files: \(Measure.format(bytes))"
    )
    let checker = SafetyChecker(catalog: catalog)
    let conditions = try profile.map { try ConditionSpec.parse($0) }
    var sink = 0
    let check = try Measure.median(runs: 9, iterations: 200) {
      let result = try checker.check(conditions)
      sink &+= result.plans.count
    }
    let baseline = Measure.median(runs: 9, iterations: 200) {
      let copy = catalog.routines.map { $0.steps.count }
      sink &+= copy.reduce(0, +)
    }
    print(
      "check, 10 conditions × \(catalog.routines.count) routines: \(Measure.format(check)) per check"
        + " (target ≤ 1 ms; \(String(format: "%.0f", check / baseline))× a bare walk of the steps)")
    if sink == 42 { print("") }
  }
}
