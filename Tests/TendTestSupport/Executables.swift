import Foundation

/// Finds executables built by SwiftPM next to the running test bundle (debug or release), for
/// tests that start real processes (`tend`, `JournalStress`).
public enum Executables {
  /// The built executable `name`: beside this test process, else in `.build/debug`.
  public static func url(_ name: String) -> URL {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      .map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
    let candidates = [
      exe?.appendingPathComponent(name),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent(name),
      Fixtures.packageRoot.appendingPathComponent(".build/debug/\(name)"),
    ].compactMap { $0 }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates
      .last!
  }
}
