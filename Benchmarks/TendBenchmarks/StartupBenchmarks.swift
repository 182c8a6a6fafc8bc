import Foundation

/// Start to exit of `routines --json`, `check --condition`, `check --text`, `summary` of a short
/// journal and the conversation told `quit`, against `python3 -c pass` in the same run (target
/// ≤ 0.4×). `startup` uses the release binary beside this one and the
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

  /// Each command start to exit against `python3 -c pass`, run in turn (python, tend, python,
  /// tend…), the ratio taken pair by pair so a machine that speeds up or slows down during the
  /// run does not tilt it. The summary reads a short journal of a receiver made for it, and
  /// the conversation is started and told `quit` on its standard input.
  static func measure(_ exe: String, env: [String: String]) throws {
    var env = env
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tend-startup-home-\(getpid())")
    try? FileManager.default.removeItem(at: home)
    defer { try? FileManager.default.removeItem(at: home) }
    env["TEND_HOME"] = home.path
    env["NO_COLOR"] = "1"
    let quit = home.appendingPathComponent("quit.txt").path
    let setup: [[String]] = [
      ["receivers", "add", "Mum", "--condition", "anticoagulants"],
      ["log", "session", "--receiver", "Mum", "--routine", "calm-hands", "--minutes", "8"],
      ["log", "water", "given", "--receiver", "Mum", "--ml", "150"],
      ["log", "session", "--receiver", "Mum", "--routine", "soothing-feet", "--minutes", "10"],
    ]
    for args in setup {
      let r = try ExportBenchmarks.spawn(exe, args, env: env)
      guard r.status == 0 else {
        throw Failed(description: "\(exe) \(args.joined(separator: " ")): status \(r.status)")
      }
    }
    try Data("quit\n".utf8).write(to: URL(fileURLWithPath: quit))
    let commands: [(String, [String], String?)] = [
      ("routines --json", ["routines", "--json"], nil),
      ("check --condition", ["check", "--condition", "anticoagulants"], nil),
      (
        "check --json --condition ×2",
        [
          "check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm",
        ],
        nil
      ),
      (
        "check --text",
        ["check", "--text", "mum's on warfarin and had her left knee done 10 days ago"], nil
      ),
      ("summary (short journal)", ["summary", "--receiver", "Mum"], nil),
      ("REPL start to quit", [], quit),
    ]
    let version = try ExportBenchmarks.spawn(exe, ["--version"], env: env)
    guard version.status == 0 else { throw Failed(description: "\(exe) --version failed") }
    for (_, args, stdin) in commands {
      let r = try ExportBenchmarks.spawn(exe, args, env: env, stdin: stdin)
      guard r.status == 0 else {
        throw Failed(description: "\(exe) \(args.joined(separator: " ")): status \(r.status)")
      }
    }
    let interpreter = try realPython()
    let runs = Int(ProcessInfo.processInfo.environment["TEND_BENCH_RUNS"] ?? "") ?? 21
    print("python3 -c pass: \(interpreter); \(runs) pairs per command, ratios pair by pair")
    for (name, args, stdin) in commands {
      var ratios: [Double] = []
      var pythons: [Double] = []
      var tends: [Double] = []
      for _ in 0..<runs {
        let p = try ExportBenchmarks.spawn(interpreter, ["-c", "pass"], env: env)
        let t = try ExportBenchmarks.spawn(exe, args, env: env, stdin: stdin)
        pythons.append(p.wall)
        tends.append(t.wall)
        ratios.append(t.wall / p.wall)
      }
      print(
        String(
          format: "  %@ %@ vs python %@: %.2f× (target ≤ 0.4×)",
          name.padding(toLength: 28, withPad: " ", startingAt: 0),
          Measure.format(ExportBenchmarks.median(tends)),
          Measure.format(ExportBenchmarks.median(pythons)), ExportBenchmarks.median(ratios)))
    }
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
