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
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tend"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  /// Runs `tend` with arguments, optional standard input, and extra environment (TEND_HOME is
  /// set to a fresh temporary folder unless given).
  public static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
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
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return TendRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
