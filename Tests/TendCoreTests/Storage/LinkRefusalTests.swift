import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real symbolic links where Tend's files and folders should be: nothing is ever read or
/// written through one, and what the link points at is left exactly as it was.
@Suite("Links are never followed")
struct LinkRefusalTests {
  struct Home {
    let root: URL
    let store: Receivers
    let mum: Profile
    let dad: Profile

    init() throws {
      root = Fixtures.temporaryDirectory("tend-links")
      store = Receivers(home: root)
      mum = try store.add(Profile(id: "", name: "Mum"))
      dad = try store.add(Profile(id: "", name: "Dad"))
    }

    func link(_ path: URL, to target: URL) throws {
      try? FileManager.default.removeItem(at: path)
      try FileManager.default.createSymbolicLink(at: path, withDestinationURL: target)
    }
  }

  static func bytes(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

  @Test(
    "a journal linked to a copy of /etc/passwd is refused: no line appended, the file unchanged")
  func passwdJournal() throws {
    let home = try Home()
    defer { try? FileManager.default.removeItem(at: home.root) }
    let copy = home.root.appendingPathComponent("passwd-copy")
    try Data(contentsOf: URL(fileURLWithPath: "/etc/passwd")).write(to: copy)
    let before = Self.bytes(copy)
    try home.link(home.store.journalURL(home.mum.id), to: copy)
    #expect(throws: StorageError.refused(path: home.store.journalURL(home.mum.id).path, why: .link))
    {
      try home.store.journal(home.mum.id).append(
        JournalEntry(at: Timestamp(Date()), .feeling(Feeling(text: "x"))))
    }
    #expect(Self.bytes(copy) == before)
    // Readers refuse it too: nothing of /etc/passwd is shown or summarised.
    #expect(throws: StorageError.self) { try home.store.reader(home.mum.id).forEach { _ in } }
    #expect(throws: SummaryError.self) {
      try SummaryGather.gather(home.mum, in: home.store, options: SummaryFixtures.options())
    }
  }

  @Test("a journal linked to another person's journal is refused: Dad's entries stay Dad's")
  func otherPersonsJournal() throws {
    let home = try Home()
    defer { try? FileManager.default.removeItem(at: home.root) }
    let dadJournal = try home.store.journal(home.dad.id)
    try dadJournal.append(JournalEntry(at: Timestamp(Date()), .feeling(Feeling(text: "Dad's"))))
    let before = Self.bytes(home.store.journalURL(home.dad.id))
    try home.link(home.store.journalURL(home.mum.id), to: home.store.journalURL(home.dad.id))
    #expect(throws: StorageError.self) {
      try home.store.journal(home.mum.id).append(
        JournalEntry(at: Timestamp(Date()), .feeling(Feeling(text: "Mum's"))))
    }
    #expect(Self.bytes(home.store.journalURL(home.dad.id)) == before)
  }

  @Test("a person's folder, or receivers/ itself, that is a link is refused for every use")
  func folderLinks() throws {
    let home = try Home()
    defer { try? FileManager.default.removeItem(at: home.root) }
    let elsewhere = Fixtures.temporaryDirectory("tend-elsewhere")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    // A folder link among the receivers: listing refuses it (fail closed, with the path).
    try home.link(home.store.folder("mum-2"), to: home.store.folder(home.dad.id))
    #expect(throws: StorageError.refused(path: home.store.folder("mum-2").path, why: .link)) {
      try home.store.list()
    }
    try FileManager.default.removeItem(at: home.store.folder("mum-2"))
    // Mum's own folder swapped for a link to a folder outside the home.
    try FileManager.default.removeItem(at: home.store.folder(home.mum.id))
    try home.link(home.store.folder(home.mum.id), to: elsewhere)
    #expect(throws: StorageError.self) { try home.store.journal(home.mum.id) }
    #expect(throws: StorageError.self) {
      try home.store.update(home.mum.id) { $0.allergies = ["x"] }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    // receivers/ as a link.
    let other = Receivers(home: Fixtures.temporaryDirectory("tend-links2"))
    defer { try? FileManager.default.removeItem(at: other.home) }
    try home.link(other.folder, to: home.store.folder)
    #expect(throws: StorageError.self) { try other.list() }
    #expect(throws: StorageError.self) { try other.add(Profile(id: "", name: "Eve")) }
  }

  @Test("a profile that is a link is not read; set-aside and lock paths refuse links too")
  func profileLink() throws {
    let home = try Home()
    defer { try? FileManager.default.removeItem(at: home.root) }
    try home.link(home.store.profileURL(home.mum.id), to: home.store.profileURL(home.dad.id))
    #expect(throws: ReceiverError.self) { try home.store.list() }
    #expect(throws: StorageError.refused(path: home.root.path + "/x", why: .link)) {
      try home.link(home.root.appendingPathComponent("x"), to: home.store.folder)
      try FileLock.exclusive(folder: home.root.appendingPathComponent("x").path) {}
    }
    // A FIFO where the journal should be: refused at once, never blocking.
    let fifo = home.store.journalURL(home.dad.id)
    try? FileManager.default.removeItem(at: fifo)
    #expect(mkfifo(fifo.path, 0o600) == 0)
    #expect(throws: StorageError.refused(path: fifo.path, why: .notRegularFile)) {
      try home.store.journal(home.dad.id)
    }
  }

  @Test("the folder is the identity: an id that is not the folder's name is an error, never a path")
  func identity() throws {
    let home = try Home()
    defer { try? FileManager.default.removeItem(at: home.root) }
    let file = home.store.profileURL(home.mum.id)
    try Data(#"{"v": 1, "id": "../../x", "name": "Mum", "conditions": []}"#.utf8).write(to: file)
    do {
      _ = try home.store.list()
      Issue.record("a profile whose id is not its folder must not load")
    } catch let error as ReceiverError {
      guard case .badProfile(let path, let line, _, let field, let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(path == file.path && line == 1 && field == "id")
      #expect(reason.contains("../../x") && reason.contains("mum"))
    }
    #expect(!FileManager.default.fileExists(atPath: home.root.appendingPathComponent("x").path))
    #expect(
      !Receivers.isValidID("../x") && !Receivers.isValidID(".hidden") && !Receivers.isValidID(""))
    #expect(throws: ReceiverError.self) { try home.store.journal("../../x") }
  }

  @Test("an export through a link replaces the link with a new 0600 file; the target is untouched")
  func exportThroughLink() throws {
    let dir = Fixtures.temporaryDirectory("tend-export")
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("target.txt")
    try Data("keep".utf8).write(to: target)
    chmod(target.path, 0o644)
    let link = dir.appendingPathComponent("summary.md")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    #expect(throws: SummaryError.outputExists(link.path)) {
      try ExportFile.write("health data", to: link.path, force: false)
    }
    try ExportFile.write("health data", to: link.path, force: true)
    #expect(String(decoding: Self.bytes(target) ?? Data(), as: UTF8.self) == "keep")
    #expect(!SafeFile.isLink(link.path))
    #expect(String(decoding: Self.bytes(link) ?? Data(), as: UTF8.self) == "health data")
    var info = stat()
    #expect(lstat(link.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    // An old file's wider mode is never kept either.
    let old = dir.appendingPathComponent("old.csv")
    try Data("x".utf8).write(to: old)
    chmod(old.path, 0o644)
    try ExportFile.write("y", to: old.path, force: true)
    #expect(stat(old.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    // A missing folder is an error, and nothing is left behind.
    #expect(throws: SummaryError.self) {
      try ExportFile.write("y", to: dir.appendingPathComponent("nope/x.md").path, force: false)
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
        "old.csv", "summary.md", "target.txt",
      ])
  }
}
