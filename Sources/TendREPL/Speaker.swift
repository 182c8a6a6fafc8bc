import Foundation

/// Reads steps aloud with espeak-ng, for hands-free use. Found on `PATH` (or at
/// `$TEND_ESPEAK`, which tests point at a stand-in or at nothing). A new step cuts off the one
/// still being read. Speaking never blocks the loop.
@MainActor
final class Speaker {
  let program: URL?
  private(set) var isOn = false
  private var running: Process?

  init(environment: [String: String], language: String) {
    voice = language
    if let explicit = environment["TEND_ESPEAK"] {
      program =
        explicit.isEmpty || !FileManager.default.isExecutableFile(atPath: explicit)
        ? nil : URL(fileURLWithPath: explicit)
      return
    }
    let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    program = paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent("espeak-ng") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// The language read in; follows the conversation's (`ChatLoop.perform`).
  var voice: String

  /// Turns speaking on (only if espeak-ng is there) or off; returns whether it is on.
  func set(_ on: Bool) -> Bool {
    isOn = on && program != nil
    if !isOn { running?.terminate() }
    return isOn
  }

  func say(_ text: String) {
    guard isOn, let program, !text.isEmpty else { return }
    if let running, running.isRunning { running.terminate() }
    let process = Process()
    process.executableURL = program
    process.arguments = ["-v", voice == "zh-Hans" ? "cmn" : voice, "--", text]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try? process.run()
    running = process
  }
}
