import Foundation
import TendCore
import TendTestSupport
import Testing

/// The numbers of a summary, from the fixed fixture journal (expected values worked out by
/// hand from the fixture table).
@Suite("Summary numbers")
struct SummaryNumbersTests {
  static var entries: [SummaryEntry] { JournalScan.entries(SummaryFixtures.journal) }
  static func summary(_ options: SummaryOptions = SummaryFixtures.options()) -> SummaryData {
    SummaryBuilder.summarize(SummaryFixtures.receiver, entries, options: options)
  }

  @Test("totals: sessions in the period only, minutes, median, stopped, rated")
  func totals() {
    let t = Self.summary().totals
    #expect(t.sessions == 14)  // the 1 December session is outside the period
    #expect(t.minutes == 139)
    #expect(t.medianMinutes == 10 && t.minMinutes == 4 && t.maxMinutes == 15)
    #expect(t.stopped == 1)
    #expect(t.rated == 12)
    #expect(t.activeDays == 14)
    #expect(t.ratedByCaregiver == 1 && t.ratedByReceiver == 25)
    #expect(t.feelings == 2 && t.notes == 2)
  }

  @Test("per-session change uses only sessions rated before and after; comfort counts upwards")
  func change() throws {
    let r = Self.summary().ratings
    #expect(r.map(\.scale) == [.pain, .anxiety, .tiredness, .comfort])
    let pain = try #require(r.first)
    #expect(pain.sessions == 12)
    #expect(abs(pain.meanBefore - 5.5) < 1e-9 && abs(pain.meanAfter - 3.25) < 1e-9)
    #expect(abs(pain.meanChange + 2.25) < 1e-9)
    #expect(pain.improved2 == 11 && pain.worsened2 == 0)
    let comfort = try #require(r.last)
    #expect(comfort.meanChange > 3 && comfort.improved2 == 12)
    #expect(r[2].improved2 == 0)  // tiredness hardly moves
    #expect(SummaryScale.comfort.improvement(before: 3, after: 7) == 4)
    #expect(SummaryScale.pain.improvement(before: 3, after: 7) == -4)
  }

  @Test("the trend keeps missing days as gaps, never zeros")
  func trendGaps() throws {
    let pain = try #require(Self.summary().trend.first)
    #expect(pain.days.count == 28)
    #expect(pain.days[0] == nil)  // 1 Nov: no session
    #expect(pain.days[1] == 6)  // 2 Nov
    #expect(pain.days[2] == nil)
    #expect(!pain.days.contains(0))
    #expect(pain.after[8] == nil)  // 9 Nov: rated before only
    #expect(pain.firstWeekBefore != nil && pain.lastWeekBefore != nil)
    #expect(TrendBins.sparkline([nil, 0, 10, nil], width: 10) == " ▁█ ")
  }

  @Test("safety: stopped sessions with reason, precautions in force with dates, water answers")
  func safety() throws {
    let s = Self.summary()
    let stopped = try #require(s.stopped.first)
    #expect(
      stopped.when == "2026-11-22" && stopped.minutes == 4
        && stopped.reason?.contains("light-headed") == true)
    #expect(s.precautions.map(\.id) == ["anticoagulants", "iv-line"])
    #expect(
      s.precautions[1].site == "forearm" && s.precautions[1].side == "left"
        && s.precautions[1].since == "2026-11-18")
    #expect(s.precautions[0].since == "2026-10-20")
    #expect(s.redFlags.count == 0)
    let w = try #require(s.water)
    #expect((w.offered, w.given, w.declined, w.later, w.amountML) == (0, 10, 3, 1, 0))
    #expect(
      s.caregivers.map(\.name) == ["Ana", "Luis"] && s.caregivers[0].relationship == "daughter")
    #expect(s.routines.first?.id == "calm-hands" && s.routines.first?.count == 7)
  }

  @Test("a red-flag condition in force and a session 2+ points worse are red flags")
  func redFlags() {
    var entries = Self.entries
    var worse = SummarySession(at: SummaryTime.parse("2026-11-27T18:00:00-05:00")!)
    worse.before = SummaryRatings(scores: Scores([.pain: 2]))
    worse.after = SummaryRatings(scores: Scores([.pain: 5]))
    entries.append(.session(worse))
    entries.append(
      .condition(
        SummaryCondition(at: worse.at, id: "dvt-suspected", site: "lower-leg", side: "left")))
    let s = SummaryBuilder.summarize(
      SummaryFixtures.receiver, entries, options: SummaryFixtures.options())
    #expect(s.redFlags.worseAfter == 1)
    #expect(s.redFlags.conditions == ["dvt-suspected"])
    #expect(s.precautions.first?.redFlag == true)
  }

  @Test(
    "merging builders over any split of the journal equals one pass", arguments: [1, 5, 17, 30, 31])
  func mergeLaw(cut: Int) {
    let entries = Self.entries
    let options = SummaryFixtures.options()
    var a = SummaryBuilder(receiver: SummaryFixtures.receiver, options: options)
    var b = SummaryBuilder(receiver: SummaryFixtures.receiver, options: options)
    for e in entries[..<cut] { a.add(e) }
    for e in entries[cut...] { b.add(e) }
    a.merge(b)
    #expect(a.finish() == Self.summary())
  }

  @Test("--omit and --deidentify leave out names, free text and dates")
  func privacy() throws {
    let omitted = Self.summary(SummaryFixtures.options(omit: [.notes, .name]))
    #expect(omitted.notes == nil && omitted.receiver.name == nil)
    #expect(omitted.sessions?.allSatisfy { $0.note == nil } == true)
    let d = Self.summary(SummaryFixtures.options(deidentify: true))
    #expect(
      d.deidentified && d.receiver.id == nil && d.receiver.name == nil
        && d.receiver.birthYear == nil)
    #expect(d.caregivers.map(\.name) == ["caregiver 1", "caregiver 2"])
    #expect(d.made == nil && d.period.yearsOnly && d.trend.allSatisfy { $0.days.isEmpty })
    #expect(d.stopped.allSatisfy { $0.reason == nil && !$0.when.contains("-") })
    #expect(
      d.sessions?.allSatisfy {
        $0.at == nil && $0.note == nil && $0.stopReason == nil
          && $0.by?.hasPrefix("caregiver") == true
      } == true)
    #expect(d.feelings?.allSatisfy { $0.text == nil && $0.when == "2026" } == true)
    #expect(d.precautions.allSatisfy { ($0.since ?? "2026").count == 4 })
    let json = SummaryRendering.render(d, as: .json, RenderOptions(localizer: Fixtures.english))
    for word in ["Rosa", "Ana", "Luis", "light-headed", "sleepy", "2026-11"] {
      #expect(!json.contains(word), "\(word) left in")
    }
  }

  @Test("periods: dates, 30d, today, errors")
  func periods() throws {
    let today = CivilDay.parse("2026-11-29")!
    #expect(
      try SummaryPeriod.resolve(from: "30d", to: nil, today: today)
        == SummaryPeriod(from: today - 29, to: today))
    #expect(try SummaryPeriod.resolve(from: nil, to: nil, today: today).days == 90)
    #expect(
      try SummaryPeriod.resolve(from: "2026-11-01", to: "2026-11-28", today: today).days == 28)
    #expect(throws: SummaryError.badDate("2026-02-30")) {
      try SummaryPeriod.resolve(from: "2026-02-30", to: nil, today: today)
    }
    #expect(throws: SummaryError.self) {
      try SummaryPeriod.resolve(from: "2026-12-01", to: "2026-11-01", today: today)
    }
    #expect(throws: SummaryError.self) { try SummaryPart.parseList(["notse"]) }
    #expect(try SummaryPart.parseList(["notes,name"]) == [.notes, .name])
  }
}
