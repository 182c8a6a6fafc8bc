import Foundation
import TendCore
import TendTestSupport

/// Small helpers for the journal tests.
enum JournalFixture {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  static func feeling(_ text: String, pain: Int = 3) -> JournalEntry {
    JournalEntry(at: at, .feeling(Feeling(ratings: Ratings(scores: ["pain": pain]), text: text)))
  }

  /// Every item read from `url`: entries' texts (feelings) and problems.
  static func read(_ url: URL, bufferSize: Int = 64 * 1024) throws -> (
    texts: [String], problems: [JournalError], tail: JournalReader.Tail?
  ) {
    var texts: [String] = []
    var problems: [JournalError] = []
    let tail = try JournalReader(url: url, bufferSize: bufferSize).forEach { item in
      switch item {
      case .entry(let entry, _):
        if case .feeling(let f) = entry.body { texts.append(f.text ?? "") }
      case .problem(let p): problems.append(p)
      }
    }
    return (texts, problems, tail)
  }

  static func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
  }

  static func append(_ bytes: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes.utf8))
    try handle.close()
  }
}
