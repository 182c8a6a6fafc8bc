import Foundation
import TendCore
import TendTestSupport
import Testing

/// A streamed export (`SummaryStream`: two passes over the journal file, rows written as they
/// are read) is byte for byte the export made from the whole summary in memory.
@Suite("Streamed exports")
struct SummaryStreamTests {
  /// The fixture journal plus sessions whose text needs escaping, one going against the
  /// precautions and one much worse after, and a water answer right after a session.
  static var journal: String {
    SummaryFixtures.journal
      + """
      {"after":{"ratedBy":"caregiver","scores":{"pain":9}},"at":"2026-11-26T18:00:00-05:00","before":{"ratedBy":"receiver","scores":{"pain":2,"comfort":5}},"by":"Luis","minutes":4,"note":"Said \\"stop\\" \\\\ then\\nslept \\u0001 / 大丈夫","precautions":["anticoagulants"],"pressure":3,"routine":"calm-hands","sites":["left-forearm","right-hand"],"stopReason":"felt \\"light-headed\\"\\t","type":"session","v":1}
      {"answer":"given","amountML":200,"at":"2026-11-26T18:30:00-05:00","by":"Luis","type":"water","v":1}
      {"at":"2026-11-27T08:00:00-05:00","by":"Ana","minutes":0,"sites":[],"type":"session","v":1}

      """
  }

  static func file(_ text: String) throws -> String {
    let url = Fixtures.temporaryDirectory("tend-stream").appendingPathComponent("journal.jsonl")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static func streamed(
    _ path: String, _ format: SummaryFormat, _ options: SummaryOptions, _ render: RenderOptions
  ) throws -> (text: String, digest: String) {
    let stream = try SummaryStream(
      journal: path, receiver: SummaryFixtures.receiver, options: options, format: format)
    let out = Fixtures.temporaryDirectory("tend-stream-out").appendingPathComponent("export")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let handle = try FileHandle(forUpdating: out)
    defer { try? handle.close() }
    let digest = try stream.write(render, to: ExportWriter(fd: handle.fileDescriptor))
    return (String(decoding: try Data(contentsOf: out), as: UTF8.self), digest)
  }

  static let cases: [(SummaryFormat, Set<SummaryPart>, Bool)] = SummaryFormat.allCases.flatMap {
    format -> [(SummaryFormat, Set<SummaryPart>, Bool)] in
    [(format, [], false), (format, [], true), (format, [.notes, .water], false)]
  }

  @Test("every format, plain, de-identified and with parts left out", arguments: 0..<18)
  func sameBytes(index: Int) throws {
    let (format, omit, deidentify) = Self.cases[index]
    let path = try Self.file(Self.journal)
    let options = SummaryFixtures.options(
      keepSessions: format.needsRows, omit: omit, deidentify: deidentify)
    let sealed = format == .json || format == .fhir
    let render = {
      RenderOptions(localizer: Fixtures.english, checksum: sealed, ids: UUIDSource(seed: 7))
    }
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(Self.journal), options: options)
    #expect(data.sessions.map { $0.count > 10 } ?? !format.needsRows)
    let whole = SummaryRendering.export(data, as: format, render())
    let (text, digest) = try Self.streamed(path, format, options, render())
    #expect(text == whole.text, "\(format) omit \(omit) deidentify \(deidentify)")
    if sealed {
      #expect(digest == whole.digest)
      #expect(Review.read(bytes: Array(text.utf8), path: "x").status == .intact)
    }
  }

  /// A long journal: 900 sessions over the four weeks (notes, stop reasons, water after some,
  /// feelings, a few out of time order), so an export is written in many 64 KB pieces.
  static var longJournal: String {
    var lines: [String] = []
    var seed: UInt64 = 16
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    for i in 0..<900 {
      let day = 1 + i * 28 / 900
      let hour = 8 + (i % 3) * 4 + (i % 17 == 0 ? -3 : 0)
      let at = String(format: "2026-11-%02dT%02d:%02d:00-05:00", day, hour, i % 60)
      let after =
        next(6) == 0
        ? "null"
        : "{\"ratedBy\":\"caregiver\",\"scores\":{\"pain\":\(next(11)),\"comfort\":\(next(11))}}"
      let note = i % 7 == 0 ? ",\"note\":\"Slept after \\\"step \(i)\\\"\"" : ""
      let stop = i % 40 == 0 ? ",\"stopReason\":\"felt light-headed\",\"stoppedEarly\":true" : ""
      lines.append(
        "{\"after\":\(after),\"at\":\"\(at)\",\"before\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":\(next(11)),\"anxiety\":\(next(11))}},\"by\":\"\(i % 2 == 0 ? "Ana" : "Luis")\",\"minutes\":\(5 + next(20))\(note),\"precautions\":[\"anticoagulants\"],\"pressure\":\(next(3)),\"routine\":\"calm-hands\",\"sites\":[\"left-hand\",\"right-hand\"]\(stop),\"type\":\"session\",\"v\":1}"
      )
      if i % 5 == 0 {
        lines.append(
          "{\"answer\":\"given\",\"amountML\":150,\"at\":\"\(at.replacingOccurrences(of: ":00-05", with: ":30-05"))\",\"by\":\"Ana\",\"type\":\"water\",\"v\":1}"
        )
      }
      if i % 9 == 0 {
        lines.append(
          "{\"at\":\"\(at)\",\"ratings\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":\(next(11))}},\"text\":\"tired \(i)\",\"type\":\"feeling\",\"v\":1}"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(
    "a long journal, written in many pieces: JSON, CSV and FHIR are the in-memory export, digest and all",
    arguments: [SummaryFormat.fhir, .json, .csv])
  func longJournal(format: SummaryFormat) throws {
    let journal = Self.longJournal
    let path = try Self.file(journal)
    for deidentify in [false, true] {
      let options = SummaryFixtures.options(deidentify: deidentify)
      let sealed = format != .csv
      let render = {
        RenderOptions(localizer: Fixtures.english, checksum: sealed, ids: UUIDSource(seed: 9))
      }
      let data = SummaryBuilder.summarize(
        SummaryFixtures.receiver, JournalScan.entries(journal), options: options)
      #expect((data.sessions?.count ?? 0) > 800)
      let whole = SummaryRendering.export(data, as: format, render())
      let (text, digest) = try Self.streamed(path, format, options, render())
      #expect(text.utf8.count > 20 * ExportWriter.piece || format != .fhir)
      #expect(text == whole.text, "\(format) deidentify \(deidentify)")
      if sealed {
        #expect(digest == whole.digest)
        #expect(Review.read(bytes: Array(text.utf8), path: "x").status == .intact)
      } else {
        // Unsealed: the digest is the SHA-256 of every byte written.
        #expect(digest == SHA256.hex(text.utf8))
      }
    }
  }

  @Test("feelings and notes out of time order are still listed sorted, the same as in memory")
  func outOfOrder() throws {
    // A feeling and a note dated before the fixture's, appended at the end of the journal.
    let late =
      Self.journal
        + """
        {"at":"2026-11-03T09:00:00-05:00","ratings":{"ratedBy":"receiver","scores":{"pain":5}},"text":"Written down late.","type":"feeling","v":1}
        {"at":"2026-11-03T10:00:00-05:00","minutes":5,"note":"A late note.","sites":[],"type":"session","v":1}

        """
    let path = try Self.file(late)
    for deidentify in [false, true] {
      let options = SummaryFixtures.options(keepSessions: true, deidentify: deidentify)
      let render = RenderOptions(localizer: Fixtures.english, checksum: true)
      let data = SummaryBuilder.summarize(
        SummaryFixtures.receiver, JournalScan.entries(late), options: options)
      let (text, _) = try Self.streamed(path, .json, options, render)
      #expect(text == SummaryRendering.export(data, as: .json, render).text)
    }
  }

  @Test("the SAFETY lists and rows are streamed, and the JSON reads back into the same summary")
  func roundTrip() throws {
    let path = try Self.file(Self.journal)
    let options = SummaryFixtures.options(keepSessions: true)
    let (text, _) = try Self.streamed(
      path, .json, options, RenderOptions(localizer: Fixtures.english, checksum: true))
    let read = try JSONDecoder().decode(SummaryData.self, from: Data(text.utf8))
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(Self.journal), options: options)
    #expect(read.sessions == data.sessions)
    #expect(read.safety?.against == data.safety?.against)
    #expect(read.safety?.worse == data.safety?.worse)
    #expect((read.safety?.against.count ?? 0) > 0 && (read.safety?.worse.count ?? 0) > 0)
  }

  @Test("a line appended between the two passes is not read by the second")
  func fixedLength() throws {
    let path = try Self.file(Self.journal)
    let options = SummaryFixtures.options(keepSessions: true)
    let stream = try SummaryStream(
      journal: path, receiver: SummaryFixtures.receiver, options: options, format: .csv)
    let extra = FileHandle(forWritingAtPath: path)!
    extra.seekToEndOfFile()
    extra.write(
      Data(
        "{\"at\":\"2026-11-28T08:00:00-05:00\",\"minutes\":3,\"sites\":[],\"type\":\"session\",\"v\":1}\n"
          .utf8))
    try extra.close()
    let text = try StringTextWriter().capture {
      try stream.write(RenderOptions(localizer: Fixtures.english), to: $0)
    }
    let before = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(Self.journal), options: options)
    #expect(
      text == SummaryRendering.render(before, as: .csv, RenderOptions(localizer: Fixtures.english)))
  }
}

/// Runs a write into a temporary file and returns what was written.
struct StringTextWriter {
  func capture(_ body: (ExportWriter) throws -> String) throws -> String {
    let url = Fixtures.temporaryDirectory("tend-stream-cap").appendingPathComponent("out")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forUpdating: url)
    defer { try? handle.close() }
    _ = try body(ExportWriter(fd: handle.fileDescriptor))
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }
}
