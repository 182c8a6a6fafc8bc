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
    let interpreter = try realPython()
    let python = try Measure.process(interpreter, ["-c", "pass"], runs: 21)
    let check = try Measure.process(
      exe,
      ["check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm"],
      env: env, runs: 21)
    let routines = try Measure.process(exe, ["routines", "--json"], env: env, runs: 21)
    print("python3 -c pass (\(interpreter)): \(Measure.format(python))")
    print(
      String(
        format: "tend check --json: %@ (%.2f× python; target ≤ 0.4×)", Measure.format(check),
        check / python))
    print(
      String(
        format: "tend routines --json: %@ (%.2f× python; target ≤ 0.4×)", Measure.format(routines),
        routines / python))
  }

  /// The interpreter itself, not a version manager's shim script in front of it.
  static func realPython() throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import sys; print(sys.executable)"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    let path = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return path.isEmpty ? "/usr/bin/python3" : path
  }
}
