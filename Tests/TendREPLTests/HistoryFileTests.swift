import Foundation
import TendTestSupport
import Testing

@testable import TendREPL

#if canImport(Glibc)
  import Glibc
#endif

/// The REPL history file: created 0600 on a fresh machine (never chmod-ed afterwards), an old
/// wider one narrowed, and a link refused (readline would follow it).
@Suite("REPL history file")
struct HistoryFileTests {
  @MainActor
  @Test("fresh: created 0600; existing 0644: narrowed; a link or a FIFO: refused, target untouched")
  func history() throws {
    let dir = Fixtures.temporaryDirectory("tend-history")
    defer { try? FileManager.default.removeItem(at: dir) }
    var info = stat()
    let fresh = dir.appendingPathComponent("history").path
    #expect(LineEditor.safeHistory(fresh))
    #expect(stat(fresh, &info) == 0 && info.st_mode & 0o777 == 0o600)
    chmod(fresh, 0o644)
    #expect(LineEditor.safeHistory(fresh))
    #expect(stat(fresh, &info) == 0 && info.st_mode & 0o777 == 0o600)
    let target = dir.appendingPathComponent("secret")
    try Data("keep".utf8).write(to: target)
    chmod(target.path, 0o644)
    let link = dir.appendingPathComponent("linked-history")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    #expect(!LineEditor.safeHistory(link.path))
    #expect(stat(target.path, &info) == 0 && info.st_mode & 0o777 == 0o644)
    let dangling = dir.appendingPathComponent("dangling-history")
    try FileManager.default.createSymbolicLink(
      at: dangling, withDestinationURL: dir.appendingPathComponent("nowhere"))
    #expect(!LineEditor.safeHistory(dangling.path))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
    let fifo = dir.appendingPathComponent("fifo-history").path
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(!LineEditor.safeHistory(fifo))
  }
}
