import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `tend review` reads regular files only, and never waits: a named pipe (which an ordinary
/// open would wait on for ever for a writer), a device, a folder and a file over the size
/// limit are each refused with a reason, and the other files are read as before.
@Suite("Review refuses what is not a file")
struct ReviewRefusalTests {
  static func export() -> String {
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryFixtures.journal),
      options: SummaryFixtures.options())
    return SummaryRendering.export(
      data, as: .json, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
  }

  static func reason(_ file: Review.File) -> String? {
    if case .unreadable(let why) = file.status { return Fixtures.english.render(why) }
    return nil
  }

  @Test("a FIFO is refused without waiting for a writer; the file beside it is read")
  func fifo() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pipe = dir.appendingPathComponent("fifo.json").path
    #expect(mkfifo(pipe, 0o600) == 0)
    let good = dir.appendingPathComponent("good.json")
    try Self.export().write(to: good, atomically: true, encoding: .utf8)
    // Before the fix, this call never returned (no writer ever opens the FIFO).
    let refused = Review.read(path: pipe)
    #expect(Self.reason(refused)?.contains("pipe") == true, "\(refused.status)")
    #expect(refused.summary == nil)
    #expect(Review.read(path: good.path).status == .intact)
    // A link to the FIFO is the FIFO.
    let link = dir.appendingPathComponent("link.json").path
    #expect(symlink(pipe, link) == 0)
    #expect(Self.reason(Review.read(path: link))?.contains("pipe") == true)
  }

  @Test("a device, a folder, a missing file and a file over the limit are refused, each said")
  func others() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(Self.reason(Review.read(path: "/dev/zero")) == "a device, not a file")
    #expect(Self.reason(Review.read(path: "/dev/null")) == "a device, not a file")
    #expect(Self.reason(Review.read(path: dir.path)) == "a folder, not a file")
    #expect(
      Self.reason(Review.read(path: dir.appendingPathComponent("none").path)) == "cannot open")
    // A sparse file one byte over the limit: refused by its size, never read.
    let big = dir.appendingPathComponent("big.json").path
    let fd = open(big, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    #expect(fd >= 0)
    #expect(ftruncate(fd, off_t(Review.largestFile + 1)) == 0)
    close(fd)
    let why = try #require(Self.reason(Review.read(path: big)))
    // The size in the language's own number format (round 7, F10).
    #expect(why.contains("268,435,457 bytes") && why.contains("256 MiB"), "\(why)")
    // At the limit exactly it is read (and is not JSON: all zero bytes).
    #expect(truncate(big, off_t(Review.largestFile)) == 0)
    let atLimit = try #require(Self.reason(Review.read(path: big)))
    #expect(atLimit.hasPrefix("not JSON"), "\(atLimit)")
  }
}
