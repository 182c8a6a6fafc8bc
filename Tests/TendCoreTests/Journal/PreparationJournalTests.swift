import Foundation
import TendCore
import TendTestSupport
import Testing

/// The journal records what happened to the preparation; older lines still read; the summary
/// mentions it only when it was skipped before a session that was stopped early.
@Suite("Preparation in the journal")
struct PreparationJournalTests {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  static func session(_ status: PreparationStatus?, stopped: Bool, day: Int) -> JournalEntry {
    var s = Session(
      routine: "calm-hands", plan: FollowedPlan(kept: ["left-hold"]), sites: ["left-hand"],
      pressure: 1, minutes: 3, stoppedEarly: stopped ? true : nil,
      stopReason: stopped ? "tired" : nil)
    s.preparation = status
    s.preparedItems = status == .prepared ? ["room", "lotion-nut:lotion-allergy-nut"] : nil
    let when = Timestamp(
      Date(timeIntervalSince1970: 1_795_000_000 + Double(day) * 86_400), offsetSeconds: 3600)
    return JournalEntry(at: when, .session(s))
  }

  @Test("written with the fast writer, read back the same by JSONDecoder and the scanner")
  func roundTrip() throws {
    for status in PreparationStatus.allCases {
      let entry = Self.session(status, stopped: true, day: 0)
      let line = try entry.line()
      #expect(try JournalEntry.decode(line.dropLast()) == entry)
      let text = String(decoding: line, as: UTF8.self)
      #expect(text.contains("\"preparation\":\"\(status.rawValue)\""))
      let scanned = JournalScan.entries(text)
      guard case .session(let s) = scanned.first else {
        Issue.record("not read back")
        return
      }
      #expect(s.preparationSkipped == (status == .skipped))
    }
  }

  @Test("the fast writer says what JSONEncoder says about the new fields")
  func writerMatchesEncoder() throws {
    let entry = Self.session(.prepared, stopped: false, day: 0)
    let fast = try JSONSerialization.jsonObject(with: try entry.line()) as? NSDictionary
    let slow =
      try JSONSerialization.jsonObject(with: try JSONEncoder().encode(entry)) as? NSDictionary
    #expect(fast != nil && fast == slow)
    #expect(fast?["preparedItems"] as? [String] == ["room", "lotion-nut:lotion-allergy-nut"])
  }

  @Test("a line written before the preparation existed still reads, as not skipped")
  func oldLine() throws {
    let old =
      #"{"at":"2026-11-20T18:00:00+01:00","minutes":8,"routine":"calm-hands","stoppedEarly":true,"type":"session","v":1}"#
    let entry = try JournalEntry.decode(Array(old.utf8))
    guard case .session(let s) = entry.body else {
      Issue.record("not a session")
      return
    }
    #expect(s.preparation == nil && s.preparedItems == nil)
    guard case .session(let scanned) = JournalScan.entries(old + "\n").first else {
      Issue.record("the scanner did not read it")
      return
    }
    #expect(!scanned.preparationSkipped && scanned.stoppedEarly)
  }

  @Test("an unknown preparation value is refused by both readers")
  func unknownValue() {
    let bad =
      #"{"at":"2026-11-20T18:00:00+01:00","preparation":"maybe","routine":"calm-hands","type":"session","v":1}"#
    #expect((try? JournalEntry.decode(Array(bad.utf8))) == nil)
    #expect(JournalScan.entries(bad + "\n").isEmpty)
  }

  @Test("the summary names a skipped preparation only for a session that was stopped early")
  func summary() throws {
    let entries = [
      Self.session(.skipped, stopped: true, day: 0),
      Self.session(.skipped, stopped: false, day: 1),
      Self.session(.prepared, stopped: true, day: 2),
      Self.session(nil, stopped: true, day: 3),
    ]
    let text = try entries.map { String(decoding: try $0.line(), as: UTF8.self) }.joined()
    var options = SummaryFixtures.options()
    options.period = SummaryPeriod(
      from: CivilDay.parse("2026-11-01")!, to: CivilDay.parse("2026-12-31")!)
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(text), options: options)
    #expect(data.stopped.count == 3)
    #expect(data.stopped.map(\.preparationSkipped) == [true, nil, nil])
    let page = SummaryRendering.render(data, as: .text, RenderOptions(localizer: Fixtures.english))
    #expect(page.components(separatedBy: "preparation skipped").count == 2)
    let es = SummaryRendering.render(
      data, as: .markdown, RenderOptions(localizer: Fixtures.catalog.localizer("es")))
    #expect(es.contains("sin la preparación"))
    let json = SummaryRendering.render(data, as: .json, RenderOptions(localizer: Fixtures.english))
    #expect(json.components(separatedBy: "\"preparationSkipped\" : true").count == 2)
  }
}
