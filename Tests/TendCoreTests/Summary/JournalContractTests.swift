import Foundation
import TendCore
import TendTestSupport
import Testing

/// The summary's lean scanner reads exactly what the journal writes: entries made with the
/// journal's own types and `line()` come back with every field a summary uses. If the journal's
/// schema changes, this fails before a summary silently misses a field.
@Suite("Journal contract")
struct JournalContractTests {
  @Test("every kind of entry written by JournalEntry.line() is read back by the summary scanner")
  func roundTrip() throws {
    let at = Timestamp(Date(timeIntervalSince1970: 1_795_960_800), offsetSeconds: -5 * 3600)
    let session = Session(
      routine: "calm-hands", plan: FollowedPlan(kept: ["a", "b"], adapted: ["c"], skipped: ["d"]),
      sites: ["left-hand"], pressure: 1, minutes: 12, by: "Ana",
      before: Ratings(ratedBy: .caregiver, rater: "Ana", scores: ["pain": 6, "comfort": 3]),
      after: Ratings(scores: ["pain": 3, "comfort": 7]), stoppedEarly: true, stopReason: "tired",
      note: "Felt \"warm\"\nand sleepy", precautions: ["iv-line"])
    let entries: [JournalEntry] = [
      JournalEntry(at: at, .session(session)),
      JournalEntry(at: at, .feeling(Feeling(ratings: Ratings(scores: ["anxiety": 4]), text: "ok"))),
      JournalEntry(at: at, .water(Water(.declined, amountML: 100))),
      JournalEntry(
        at: at,
        .consent(
          Consent(
            sharedWith: "Dr Lee", what: ["sessions"], from: "2026-11-01", to: "2026-11-28",
            format: "fhir"))),
      JournalEntry(
        at: at,
        .condition(
          ConditionChange(
            .added,
            ProfileCondition(id: "iv-line", site: .forearm, side: .left, since: "2026-11-18")))),
    ]
    let text = try entries.map { String(decoding: try $0.line(), as: UTF8.self) }.joined()
    let read = JournalScan.entries(text)
    try #require(read.count == 5)
    guard case .session(let s) = read[0] else { Issue.record("not a session"); return }
    #expect(s.at.description == at.description)
    #expect(
      s.routine == "calm-hands" && s.sites == ["left-hand"] && s.pressure == 1 && s.minutes == 12
        && s.by == "Ana")
    #expect(
      s.before?.ratedBy == .caregiver && s.before?.rater == "Ana" && s.before?.scores[.pain] == 6)
    #expect(s.after?.scores[.comfort] == 7 && s.after?.ratedBy == .receiver)
    #expect(s.stoppedEarly && s.stopReason == "tired" && s.note == "Felt \"warm\"\nand sleepy")
    #expect(
      s.precautions == ["iv-line"] && (s.stepsKept, s.stepsAdapted, s.stepsSkipped) == (2, 1, 1))
    guard case .feeling(let f) = read[1], case .water(let w) = read[2],
      case .consent(let c) = read[3],
      case .condition(let k) = read[4]
    else { Issue.record("kinds not read back"); return }
    #expect(f.ratings?.scores[.anxiety] == 4 && f.text == "ok")
    #expect(w.answer == "declined" && w.amountML == 100)
    #expect(
      c.sharedWith == "Dr Lee" && c.from == "2026-11-01" && c.format == "fhir"
        && c.at?.description == at.description)
    #expect(
      k.id == "iv-line" && k.site == "forearm" && k.side == "left" && k.since == "2026-11-18"
        && k.change == .added)
  }
}
