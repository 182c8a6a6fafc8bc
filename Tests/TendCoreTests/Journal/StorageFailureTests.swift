import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Full disks and places Tend cannot write. CI runs as root, so `chmod` cannot make a folder
/// read-only for us: these use a file standing where a
/// folder should be (ENOTDIR), /proc (not writable even by root), and, when `mount` is allowed, a
/// 64 KB tmpfs filled to the brim and then remounted read-only (see CrashRecoveryTests).
@Suite("Storage failures")
struct StorageFailureTests {
  @Test(
    "a device such as /dev/full is refused as a journal; a full disk's StorageError names ENOSPC in plain words"
  )
  func fullDisk() throws {
    #expect(throws: StorageError.refused(path: "/dev/full", why: .notRegularFile)) {
      try Journal(url: URL(fileURLWithPath: "/dev/full"))
    }
    let error = StorageError.failed(
      operation: "write", path: "/home/x/journal.jsonl", errno: ENOSPC)
    #expect(error.code == ENOSPC)
    #expect(error.reasonKey == "journal.storage.full")
    let text = Fixtures.english.render(error.message)
    #expect(text.contains("disk is full"))
    #expect(text.contains("/home/x/journal.jsonl"))
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
