import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real processes: a writer killed with SIGKILL mid-stream, two writers at once, and a disk that
/// fills up or turns read-only. The writer is `Benchmarks/JournalStress`, built with the tests.
@Suite("Journal crash and concurrency (real processes)", .serialized)
struct CrashRecoveryTests {
  /// Starts `JournalStress append FILE COUNT TAG` with stdout on a pipe.
  static func writer(_ url: URL, count: Int, tag: String) throws -> (Process, FileHandle) {
    let process = Process()
    process.executableURL = Executables.url("JournalStress")
    process.arguments = ["append", url.path, String(count), tag]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.standardError
    try process.run()
    return (process, out.fileHandleForReading)
  }

  @Test(
    "SIGKILL mid-stream: every append that returned is readable, in order", arguments: [150, 700])
  func killedWriter(_ killAfter: Int) throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let (process, output) = try Self.writer(url, count: 100_000, tag: "A")
    var printed = 0
    var pending = ""
    var killed = false
    while true {
      let data = output.availableData
      if data.isEmpty { break }
      pending += String(decoding: data, as: UTF8.self)
      while let newline = pending.firstIndex(of: "\n") {
        printed = Int(pending[..<newline]) ?? printed
        pending = String(pending[pending.index(after: newline)...])
      }
      if !killed && printed >= killAfter {
        kill(process.processIdentifier, SIGKILL)
        killed = true
      }
    }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "the writer must have been killed")
    #expect(printed >= killAfter)

    _ = try? Journal(url: url).recover()  // a torn tail, if the kill made one, is set aside
    let (texts, problems, tail) = try JournalFixture.read(url)
    let numbers = texts.map { Int($0.split(separator: " ")[1]) ?? -1 }
    #expect(problems.isEmpty)
    #expect(tail == nil)
    #expect(numbers == Array(1...numbers.count), "entries in order with no gap")
    #expect(numbers.count >= printed, "every returned append is on disk")
    #expect(numbers.count <= printed + 1, "at most the one append in flight more")
  }

  @Test("two processes appending at once never interleave lines and keep their own order")
  func twoWriters() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let count = 1_000
    let (a, outA) = try Self.writer(url, count: count, tag: "A")
    let (b, outB) = try Self.writer(url, count: count, tag: "B")
    _ = outA.readDataToEndOfFile()
    _ = outB.readDataToEndOfFile()
    a.waitUntilExit()
    b.waitUntilExit()
    #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
    let (texts, problems, tail) = try JournalFixture.read(url)
    #expect(problems.isEmpty, "no torn or mixed line")
    #expect(tail == nil)
    #expect(texts.count == 2 * count)
    for tag in ["A", "B"] {
      let mine = texts.filter { $0.hasPrefix(tag + " ") }.map {
        Int($0.split(separator: " ")[1]) ?? -1
      }
      #expect(mine == Array(1...count), "\(tag) in order")
    }
    let switches = zip(texts, texts.dropFirst()).filter { $0.first != $1.first }.count
    #expect(switches > 0, "the writers ran at the same time")
  }

  /// Whether this machine lets the tests mount a small tmpfs (root in a VM: yes; most CI
  /// containers: no, and then the tmpfs test is skipped and /dev/full covers ENOSPC).
  static let canMount: Bool = {
    let dir = Fixtures.temporaryDirectory("tend-mount-probe")
    defer { try? FileManager.default.removeItem(at: dir) }
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.path]) else {
      return false
    }
    return run("/bin/umount", [dir.path])
  }()

  @discardableResult
  static func run(_ tool: String, _ args: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  @Test(
    "a 64 KB disk fills up: ENOSPC, nothing half-written, everything before it readable; then read-only: EROFS",
    .enabled(if: canMount))
  func fullThenReadOnly() throws {
    let dir = Fixtures.temporaryDirectory("tend-tmpfs")
    defer { try? FileManager.default.removeItem(at: dir) }
    try #require(Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.path]))
    defer { Self.run("/bin/umount", [dir.path]) }
    let url = dir.appendingPathComponent("journal.jsonl")
    var written = 0
    var failure: StorageError?
    do {  // the journal's file is closed at the end of this block, so the remount can happen
      let journal = try Journal(url: url)
      while written < 10_000 {
        do {
          try journal.append(
            JournalFixture.feeling("entry \(written + 1) " + String(repeating: "z", count: 300)))
          written += 1
        } catch let error as StorageError {
          failure = error
          break
        }
      }
    }
    #expect(failure?.code == ENOSPC)
    #expect(written > 50)
    let full = try JournalFixture.read(url)
    #expect(full.texts.count == written)
    #expect(full.problems.isEmpty && full.tail == nil, "the failed append left nothing behind")

    try #require(Self.run("/bin/mount", ["-o", "remount,ro", dir.path]))
    #expect(throws: StorageError.self) {
      try Journal(url: url).append(JournalFixture.feeling("more"))
    }
    do {
      _ = try Journal(url: url)
    } catch let error as StorageError {
      #expect(error.code == EROFS)
      #expect(Fixtures.english.render(error.message).contains("read-only"))
    }
    #expect(try JournalFixture.read(url).texts.count == written, "still readable")
  }
}
