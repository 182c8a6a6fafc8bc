import Foundation

/// `tend check --json` and `tend routines --json`, start to exit, against `python3 -c pass` in
/// the same run (target ≤ 0.4×). Uses the release binary beside this one.
enum StartupBenchmarks {
  static func run() throws {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("tend").path
    guard FileManager.default.isExecutableFile(atPath: exe) else {
      print("skipped: build tend first (swift build -c release)")
      return
    }
    var env = ProcessInfo.processInfo.environment
    env["TEND_DATA"] = Measure.packageRoot.path
    let python = try Measure.process("/usr/bin/env", ["python3", "-c", "pass"], runs: 21)
    let check = try Measure.process(
      exe, ["check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm"],
      env: env, runs: 21)
    let routines = try Measure.process(exe, ["routines", "--json"], env: env, runs: 21)
    print("python3 -c pass: \(Measure.format(python))")
    print(String(format: "tend check --json: %@ (%.2f× python; target ≤ 0.4×)", Measure.format(check), check / python))
    print(String(format: "tend routines --json: %@ (%.2f× python; target ≤ 0.4×)", Measure.format(routines), routines / python))
  }
}
