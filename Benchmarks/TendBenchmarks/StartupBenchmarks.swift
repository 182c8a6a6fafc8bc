import Foundation

/// `tend check --json` and `tend routines --json`, start to exit, against `python3 -c pass` in
/// the same run (target ≤ 0.4×). `startup` uses the release binary beside this one and the
/// package's data; `startup-installed` the installed one (`$TEND_BENCH_BINARY`, else `tend` on
/// `PATH`) with the data it finds itself, from an empty folder, as a user runs it.
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
    try measure(exe, env: env)
  }

  static func runInstalled() throws {
    let env = ProcessInfo.processInfo.environment
    guard let exe = installedBinary(env) else {
      print("skipped: no installed tend (set TEND_BENCH_BINARY or put tend on PATH)")
      return
    }
    var clean = env
    clean.removeValue(forKey: "TEND_DATA")
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tend-startup-\(getpid())")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(empty.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    print("binary: \(exe) (from \(empty.path), TEND_DATA unset)")
    try measure(exe, env: clean)
  }

  /// `$TEND_BENCH_BINARY`, else the first executable `tend` on `PATH` that is not this build's.
  static func installedBinary(_ env: [String: String]) -> String? {
    if let path = env["TEND_BENCH_BINARY"], !path.isEmpty { return path }
    let own = Measure.packageRoot.appendingPathComponent(".build").path
    for dir in (env["PATH"] ?? "").split(separator: ":") where !dir.hasPrefix(own) {
      let path = "\(dir)/tend"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// A binary that fails (no data, say) exits fast; timing that would flatter it.
  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  static func measure(_ exe: String, env: [String: String]) throws {
    let checkArgs = [
      "check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm",
    ]
    for args in [["--version"], checkArgs, ["routines", "--json"]] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: exe)
      p.arguments = args
      p.environment = env
      let out = Pipe()
      p.standardOutput = out
      p.standardError = out
      try p.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      guard p.terminationStatus == 0 else {
        throw Failed(description: "\(exe) \(args.joined(separator: " ")): \(text)")
      }
      if args == ["--version"] { print(text, terminator: "") }
    }
    let interpreter = try realPython()
    let python = try Measure.process(interpreter, ["-c", "pass"], runs: 21)
    let check = try Measure.process(exe, checkArgs, env: env, runs: 21)
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
