import Foundation
import Testing

/// Golden files for rendered output: `Snapshots/<name>` next to the calling test file.
///
/// A missing or different snapshot fails with the first differing line. `TEND_RECORD_SNAPSHOTS=1`
/// writes the new text instead, and still fails once, so a re-record is always reviewed.
public enum Snapshot {
  public static func assert(
    _ text: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(
      "Snapshots")
    let file = folder.appendingPathComponent(name)
    let recording = ProcessInfo.processInfo.environment["TEND_RECORD_SNAPSHOTS"] == "1"
    let old = try? String(contentsOf: file, encoding: .utf8)
    if old == text { return }
    if recording || old == nil {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? Data(text.utf8).write(to: file)
      Issue.record(
        "recorded snapshot \(name); review it and run again", sourceLocation: sourceLocation)
      return
    }
    let a = (old ?? "").components(separatedBy: "\n")
    let b = text.components(separatedBy: "\n")
    let line =
      zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    Issue.record(
      """
      snapshot \(name) differs at line \(line + 1) (TEND_RECORD_SNAPSHOTS=1 to re-record):
        expected: \(line < a.count ? a[line] : "<end>")
        actual:   \(line < b.count ? b[line] : "<end>")
      """, sourceLocation: sourceLocation)
  }
}
