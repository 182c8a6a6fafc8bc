import Foundation
import TendCore
import TendTestSupport
import Testing

@Suite("Journal file")
struct JournalTests {
  @Test("appends read back in order; the file is 0600 and new folders 0700")
  func appendAndRead() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = dir.appendingPathComponent("home/receivers/mum")
    try DurableFile.makeFolder(folder)
    let url = folder.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    for n in 1...50 { try journal.append(JournalFixture.feeling("entry \(n)")) }
    let (texts, problems, tail) = try JournalFixture.read(url)
    #expect(texts == (1...50).map { "entry \($0)" })
    #expect(problems.isEmpty)
    #expect(tail == nil)
    #expect(JournalFixture.mode(url.path) == 0o600)
    #expect(JournalFixture.mode(folder.path) == 0o700)
    #expect(JournalFixture.mode(dir.appendingPathComponent("home").path) == 0o700)
  }

  @Test(
    "reading through a buffer smaller than a line gives the same lines",
    arguments: [1, 7, 64, 4096])
  func smallBuffers(_ size: Int) throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    let texts = (1...30).map { String(repeating: "x", count: $0 * 13) + " \($0)" }
    for text in texts { try journal.append(JournalFixture.feeling(text)) }
    try JournalFixture.append("\n\n", to: url)  // blank lines are skipped quietly
    #expect(try JournalFixture.read(url, bufferSize: size).texts == texts)
  }

  @Test("a torn last line is moved to a .corrupt file before the next append, never glued or lost")
  func tornLineSetAsideOnAppend() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    try Journal(url: url).append(JournalFixture.feeling("one"))
    try Journal(url: url).append(JournalFixture.feeling("two"))
    let torn = #"{"at":"2026-11-18T21:26:40+01:00","text":"thr"#
    try JournalFixture.append(torn, to: url)

    let before = try JournalFixture.read(url)
    #expect(before.texts == ["one", "two"])
    #expect(before.tail == JournalReader.Tail(line: 3, bytes: torn.utf8.count))

    let problem = try Journal(url: url).append(JournalFixture.feeling("three"))
    guard case .tornLine(let file, let line, let aside?)? = problem else {
      Issue.record("expected a torn line report, got \(String(describing: problem))")
      return
    }
    #expect(file == url.path)
    #expect(line == 3)
    #expect(aside.hasPrefix(url.path + ".corrupt-"))
    #expect(try String(contentsOfFile: aside, encoding: .utf8) == torn)
    #expect(JournalFixture.mode(aside) == 0o600)
    let after = try JournalFixture.read(url)
    #expect(after.texts == ["one", "two", "three"])
    #expect(after.problems.isEmpty && after.tail == nil)
  }

  @Test("recover() sets a torn tail aside; a clean file is left alone")
  func recover() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    try journal.append(JournalFixture.feeling("one"))
    #expect(try journal.recover() == nil)
    try JournalFixture.append("{\"v\":1,", to: url)
    let problem = try journal.recover()
    #expect(problem?.errorDescription?.contains(":2: warning: incomplete last line") == true)
    #expect(try JournalFixture.read(url).tail == nil)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(names.filter { $0.contains(".corrupt-") }.count == 1)
  }

  @Test("a line that is not an entry is reported with its line number, and reading goes on")
  func malformedLine() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    try journal.append(JournalFixture.feeling("one"))
    try JournalFixture.append("{not json}\n", to: url)
    try JournalFixture.append(
      #"{"at":"2026-11-18T21:26:40+01:00","type":"feeling","v":9}"# + "\n", to: url)
    try journal.append(JournalFixture.feeling("four"))
    let (texts, problems, _) = try JournalFixture.read(url)
    #expect(texts == ["one", "four"])
    #expect(problems.count == 2)
    if case .malformedLine(_, let line, _)? = problems.first { #expect(line == 2) }
    if case .malformedLine(_, let line, let reason)? = problems.last {
      #expect(line == 3)
      #expect(reason.contains("newer"))
    }
  }

  @Test(
    "the last entry of a type is found reading backwards, past a torn tail",
    arguments: [16, 100, 65536])
  func lastEntry(_ size: Int) throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    let reader = JournalReader(url: url, bufferSize: size)
    #expect(try reader.lastEntry(containing: "\"type\":\"water\"") == nil)
    try journal.append(JournalEntry(at: JournalFixture.at, .water(Water(.given, amountML: 100))))
    try journal.append(JournalEntry(at: JournalFixture.at, .water(Water(.later))))
    for n in 1...20 { try journal.append(JournalFixture.feeling("after \(n)")) }
    try JournalFixture.append(#"{"type":"water","answer":"given""#, to: url)
    let last = try reader.lastEntry(containing: "\"type\":\"water\"")
    #expect(last?.body == .water(Water(.later)))
    #expect(try reader.lastEntry(containing: "\"type\":\"consent\"") == nil)
  }

  @Test("an invalid entry is refused and nothing is written")
  func invalidNotWritten() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("journal.jsonl")
    let journal = try Journal(url: url)
    #expect(throws: EntryError.self) { try journal.append(JournalFixture.feeling("x", pain: 12)) }
    #expect(try Data(contentsOf: url).isEmpty)
  }

  @Test("a profile is replaced atomically: 0600, no temporary left, old content until the rename")
  func atomicReplace() throws {
    let dir = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("profile.json")
    try DurableFile.replace(url, with: Data("old\n".utf8))
    try DurableFile.replace(url, with: Data("new\n".utf8))
    #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")
    #expect(JournalFixture.mode(url.path) == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["profile.json"])
  }
}
