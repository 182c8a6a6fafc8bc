import Foundation

/// Runs the built `tend` binary as a person would, with pipes, and captures what it prints.
public struct TendRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum RunTend {
  /// The debug binary beside the test bundle (`swift test` builds it first).
  public static var binary: URL {
    let candidates = [
      Fixtures.packageRoot.appendingPathComponent(".build/debug/tend"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("tend"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  /// Runs `tend` with arguments, optional standard input, and extra environment (TEND_HOME is
  /// set to a fresh temporary folder unless given).
  public static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
  ) throws -> TendRun {
    try run(arguments, bytes: stdin.map { Data($0.utf8) }, environment: environment)
  }

  /// Runs `tend` with raw bytes on standard input (invalid UTF-8, control characters).
  public static func run(
    _ arguments: [String], bytes stdin: Data?, environment: [String: String] = [:]
  ) throws -> TendRun {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["TEND_HOME"] = Fixtures.temporaryDirectory("tend-home").path
    env["TEND_DATA"] = Fixtures.packageRoot.path
    env["NO_COLOR"] = "1"
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let errFile = Fixtures.temporaryDirectory("tend-stderr").appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    let err = try FileHandle(forWritingTo: errFile)
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Write on another thread so a large input cannot dead-lock against a full output pipe.
    let writer = input.fileHandleForWriting
    let feeding = Thread {
      if let stdin { writer.write(stdin) }
      try? writer.close()
    }
    feeding.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = (try? Data(contentsOf: errFile)) ?? Data()
    try? FileManager.default.removeItem(at: errFile)
    process.waitUntilExit()
    return TendRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
