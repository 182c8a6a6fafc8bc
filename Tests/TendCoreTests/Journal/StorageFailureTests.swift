import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Full disks and places Tend cannot write. CI runs as root, so `chmod` cannot make a folder
/// read-only for us: these use /dev/full (every write fails with ENOSPC), a file standing where a
/// folder should be (ENOTDIR), /proc (not writable even by root), and, when `mount` is allowed, a
/// 64 KB tmpfs filled to the brim and then remounted read-only (see CrashRecoveryTests).
@Suite("Storage failures")
struct StorageFailureTests {
  @Test("a full disk (/dev/full) gives a StorageError naming ENOSPC and the plain reason")
  func fullDisk() throws {
    let journal = try Journal(url: URL(fileURLWithPath: "/dev/full"))
    do {
      try journal.append(JournalFixture.feeling("x"))
      Issue.record("the append should fail")
    } catch let error as StorageError {
      #expect(error.code == ENOSPC)
      #expect(error.reasonKey == "journal.storage.full")
      let text = Fixtures.english.render(error.message)
      #expect(text.contains("disk is full"))
      #expect(text.contains("/dev/full"))
    }
  }

  @Test("a file where the home folder should be gives ENOTDIR, clearly")
  func fileAsFolder() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("home")
    try Data("I am a file".utf8).write(to: file)
    let store = Receivers(home: file)
    #expect(throws: StorageError.failed(operation: "mkdir", path: file.path, errno: ENOTDIR)) {
      try store.add(Profile(id: "", name: "Mum"))
    }
    let text = Fixtures.english.render(
      StorageError.failed(operation: "mkdir", path: file.path, errno: ENOTDIR).message)
    #expect(text.contains("a file stands where Tend needs a folder"))
  }

  @Test("a folder that cannot be written (/proc) fails without a crash")
  func unwritable() {
    let store = Receivers(home: URL(fileURLWithPath: "/proc/tend-home"))
    #expect(throws: StorageError.self) { try store.add(Profile(id: "", name: "Mum")) }
    #expect(throws: StorageError.self) {
      try Journal(url: URL(fileURLWithPath: "/proc/self/tend.jsonl"))
    }
  }
}
