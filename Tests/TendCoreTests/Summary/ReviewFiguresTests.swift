import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// `tend review`'s recomputed figures (`ReviewFigures`) against what `SummaryBuilder` gives for
/// the same rows (the way review recomputed them before), and the figures-only reading of a
/// table against the full reading of the same files: the same status, reasons and
/// disagreements, and the same table.
@Suite("Review figures")
struct ReviewFiguresTests {
  /// How review recomputed the figures before: the whole `SummaryBuilder` over the rows made
  /// back into sessions (the oracle).
  static func builderFigures(_ summary: SummaryData) -> SummaryData? {
    guard let rows = summary.sessions else { return nil }
    let options = SummaryOptions(
      period: SummaryPeriod(from: summary.period.from, to: summary.period.to),
      now: summary.made ?? SummaryTime(seconds: 0, offset: 0), keepSessions: false)
    let fallback = SummaryTime(seconds: Int64(summary.period.from) * 86_400 + 43_200, offset: 0)
    let entries = rows.map { r -> SummaryEntry in
      var s = SummarySession(at: r.at ?? fallback)
      s.minutes = r.minutes
      s.routine = r.routine
      s.sites = r.sites
      s.pressure = r.pressure
      s.by = r.by
      s.stoppedEarly = r.status == "stopped"
      func ratings(_ d: [String: Int], _ by: RatedBy?) -> SummaryRatings? {
        guard !d.isEmpty else { return nil }
        var scores = Scores()
        for (k, v) in d { if let scale = SummaryScale(rawValue: k) { scores[scale] = v } }
        return SummaryRatings(ratedBy: by ?? .receiver, scores: scores)
      }
      s.before = ratings(r.before, r.beforeBy)
      s.after = ratings(r.after, r.afterBy)
      return .session(s)
    }
    return SummaryBuilder.summarize(SummaryReceiver(id: "", name: ""), entries, options: options)
  }

  /// The disagreements as review found them before (through `builderFigures`).
  static func builderDisagreements(_ summary: SummaryData) -> [ReviewCheck.Disagreement] {
    guard let again = builderFigures(summary) else { return [] }
    var out: [ReviewCheck.Disagreement] = []
    func check(_ figure: String, _ claimed: Int, _ actual: Int) {
      if claimed != actual {
        out.append(.init(figure: figure, claimed: String(claimed), recomputed: String(actual)))
      }
    }
    check("sessions", summary.totals.sessions, again.totals.sessions)
    check("stopped", summary.totals.stopped, again.totals.stopped)
    check("rated", summary.totals.rated, again.totals.rated)
    check("worse-after", summary.redFlags.worseAfter, again.redFlags.worseAfter)
    if let total = summary.safety?.worseCount {
      check("worse-after", total, again.redFlags.worseAfter)
    }
    if let listed = summary.safety?.worse.count {
      check("worse-after", listed, again.redFlags.worseAfter)
    }
    for scale in SummaryScale.allCases {
      let a = summary.ratings.first { $0.scale == scale }
      let b = again.ratings.first { $0.scale == scale }
      func text(_ r: SummaryData.RatingChange?) -> String {
        guard let r else { return "-" }
        return String(
          format: "n=%d %.1f→%.1f, %d better, %d worse", r.sessions, r.meanBefore, r.meanAfter,
          r.improved2, r.worsened2)
      }
      if a != b, text(a) != text(b) {
        out.append(.init(figure: scale.rawValue, claimed: text(a), recomputed: text(b)))
      }
    }
    var seen = Set<String>()
    return out.filter { seen.insert("\($0.figure)|\($0.claimed)").inserted }
  }

  /// Random rows around a random period: times inside it, just outside it, in odd offsets or
  /// none; statuses `stopped`, `completed` and others; ratings of every scale and unknown
  /// ones, in range and not (-3…13), sometimes none.
  static func randomSummary(_ rng: inout SeededRandom) -> SummaryData {
    let from = CivilDay.parse("2026-11-01")! + rng.below(400)
    let period = SummaryPeriod(from: from, to: from + rng.below(40))
    let names = SummaryScale.allCases.map(\.rawValue) + ["joy", "Pain", ""]
    func scores() -> [String: Int] {
      var d: [String: Int] = [:]
      for _ in 0..<rng.below(6) { d[rng.pick(names)] = rng.below(17) - 3 }
      return d
    }
    let rows = (0..<rng.below(30)).map { n -> SummaryData.Row in
      let day = from - 2 + rng.below(period.to - from + 5)
      let offset = (rng.below(27) - 12) * 3600 + (rng.chance(10) ? 1800 : 0)
      let at =
        rng.chance(10)
        ? nil
        : SummaryTime(
          seconds: Int64(day) * 86_400 + Int64(rng.below(86_400)) - Int64(offset),
          offset: Int32(offset))
      return SummaryData.Row(
        number: n + 1, at: at, sites: [],
        status: rng.pick(["stopped", "completed", "completed", "Stopped", "done"]),
        before: rng.chance(15) ? [:] : scores(), after: rng.chance(15) ? [:] : scores(),
        precautions: [])
    }
    var summary = SummaryBuilder.summarize(
      SummaryReceiver(id: "r", name: "R"), [],
      options: SummaryOptions(period: period, now: SummaryTime(seconds: 0, offset: 0)))
    summary.sessions = rows
    // Claimed figures: the right ones, or some of them changed.
    if let right = builderFigures(summary) {
      summary.totals = right.totals
      summary.redFlags.worseAfter = right.redFlags.worseAfter
      summary.ratings = right.ratings
    }
    if rng.chance(40) { summary.totals.sessions += rng.below(3) - 1 }
    if rng.chance(20) { summary.totals.stopped += 1 }
    if rng.chance(20) { summary.totals.rated -= 1 }
    if rng.chance(20) { summary.redFlags.worseAfter += 1 }
    if rng.chance(30), !summary.ratings.isEmpty {
      let k = rng.below(summary.ratings.count)
      switch rng.below(4) {
      case 0: summary.ratings[k].meanBefore += 0.04
      case 1: summary.ratings[k].meanAfter += 0.5
      case 2: summary.ratings[k].worsened2 += 1
      default: summary.ratings.remove(at: k)
      }
    }
    return summary
  }

  @Test("over random rows, the figures are exactly SummaryBuilder's")
  func sameAsBuilder() throws {
    var rng = SeededRandom(seed: 16)
    var disagreeing = 0
    for _ in 0..<3000 {
      let summary = Self.randomSummary(&rng)
      let rows = try #require(summary.sessions)
      let figures = ReviewFigures(rows.map(ReviewFigures.Row.init), period: summary.period)
      let again = try #require(Self.builderFigures(summary))
      #expect(figures.sessions == again.totals.sessions)
      #expect(figures.stopped == again.totals.stopped)
      #expect(figures.rated == again.totals.rated)
      #expect(figures.worseAfter == again.redFlags.worseAfter)
      // Equal to the last bit (the means are divided the same way).
      #expect(figures.ratings == again.ratings)
      let found = ReviewCheck.disagreements(summary)
      #expect(found == Self.builderDisagreements(summary), "\(rows)")
      if !found.isEmpty { disagreeing += 1 }
    }
    // The generator does make files whose figures disagree, and files whose figures agree.
    #expect(disagreeing > 500 && disagreeing < 2900, "\(disagreeing)")
  }

  @Test("the scale names the figures-only reader compares raw keys with are SummaryScale's")
  func scaleNames() {
    #expect(SummaryReader.scaleNames.map { "\($0)" } == SummaryScale.allCases.map(\.rawValue))
  }

  static func export(_ data: SummaryData) -> [UInt8] {
    Array(
      SummaryRendering.export(
        data, as: .json, RenderOptions(localizer: Fixtures.english, checksum: true)
      ).text.utf8)
  }

  /// The outcome of reading `bytes` as review does, for comparing the two readings.
  static func outcome(_ bytes: [UInt8], rows: Bool) -> String {
    let file = Review.read(bytes: bytes, path: "x.json", rows: rows)
    var summary = file.summary
    summary?.sessions = nil
    summary?.feelings = nil
    summary?.notes = nil
    let status: String
    switch file.status {
    case .unreadable(let why): status = "unreadable: " + Fixtures.english.render(why)
    default: status = "\(file.status)"
    }
    return "\(status) | \(String(describing: summary)) | \(file.disagreements)"
  }

  /// Fixture exports, plain and with figures that disagree with their rows.
  static var seeds: [[UInt8]] {
    var edited = SummaryFixtures.data
    edited.totals.sessions += 1
    edited.totals.rated -= 1
    if !edited.ratings.isEmpty { edited.ratings[0].meanAfter += 1 }
    return (SummaryReaderTests.fixtures + [edited]).map(export)
  }

  @Test("figures only: every fixture reads as the full reading does, disagreements and all")
  func fixturesBothWays() throws {
    for bytes in Self.seeds {
      #expect(Self.outcome(bytes, rows: false) == Self.outcome(bytes, rows: true))
      let lean = Review.read(bytes: bytes, path: "x.json", rows: false)
      #expect(lean.summary?.sessions == nil && lean.summary?.feelings == nil)
    }
    let edited = Review.read(bytes: Self.seeds.last!, path: "x.json", rows: false)
    #expect(edited.disagreements.map(\.figure).contains("sessions"))
    // A row's ratings with 20,000 other keys (kept in a set for their duplicates), and then one
    // of them again: read the same both ways, then refused the same way.
    let text = String(decoding: Self.seeds[0], as: UTF8.self)
    let many = (0..<20_000).map { "\"k\($0)\" : 1, " }.joined()
    let wide = text.replacingOccurrences(of: "\"before\" : {", with: "\"before\" : {" + many)
    #expect(
      Self.outcome(Array(wide.utf8), rows: false) == Self.outcome(Array(wide.utf8), rows: true))
    let twice = text.replacingOccurrences(
      of: "\"before\" : {", with: "\"before\" : {" + many + "\"k7\" : 2, ")
    let refused = Self.outcome(Array(twice.utf8), rows: false)
    #expect(refused == Self.outcome(Array(twice.utf8), rows: true))
    #expect(refused.contains("before.k7: given twice"), "\(refused.prefix(200))")
  }

  /// Edits of a row that keep the file JSON (some keep it a valid export, with other figures;
  /// some make it one review refuses): as text to find, and what to put in its place.
  static let rowEdits: [(String, String)] = [
    ("\"status\" : \"completed\"", "\"status\" : \"stopped\""),
    ("\"status\" : \"completed\"", "\"status\" : \"st\\u006fpped\""),
    ("\"status\" : \"stopped\"", "\"status\" : \"done\""),
    ("\"status\" : \"completed\"", "\"status\" : 1"),
    ("\"before\" : {", "\"before\" : {\"joy\" : 2, "),
    ("\"before\" : {", "\"before\" : {\"joy\" : 2, \"joy\" : 3, "),
    ("\"after\" : {", "\"after\" : {\"p\\u0061in\" : 11, "),
    ("\"after\" : {", "\"after\" : {\"comfort\" : -1, "),
    ("\"after\" : {", "\"after\" : {\"nausea\" : 4, "),
    ("\"before\" : {", "\"before\" : {\"nausea\" : 9, "),
    ("\"before\" : {", "\"before\" : {\"pain\" : 1.5, "),
    ("\"after\" : {", "\"after\" : {\"x\" : \"y\", "),
    ("\"pain\" : ", "\"pain\" : 1, \"pain\" : "),
    ("\"at\" : \"", "\"at\" : \"2026-13"),
    ("\"at\" : \"2026", "\"at\" : \"2025"),
    ("\"number\" : ", "\"number\" : -"),
    ("\"number\" : ", "\"number\" : 0.5, \"x\" : "),
    ("\"sites\" : [", "\"sites\" : [\"\\ud800\", "),
    ("\"sites\" : [", "\"sites\" : [7, "),
    ("\"precautions\" : [", "\"precautions\" : [\"a\\tb\", "),
    ("\"routine\" : ", "\"routine\" : null, \"y\" : "),
    ("\"beforeBy\" : \"", "\"beforeBy\" : \"x"),
    ("\"minutes\" : ", "\"minutes\" : 1e3, \"z\" : "),
    ("\"status\" : ", "\"status\" : \"stopped\", \"status\" : "),
  ]

  @Test(
    "figures only: damaged and edited exports read the same, refused with the same line, field and reason"
  )
  func mutationsBothWays() {
    let seeds = Self.seeds
    var refused = 0
    var accepted = 0
    let report = FuzzDriver.run("review-figures-only") { rng in
      var input = rng.pick(seeds)
      if rng.chance(30) {
        input = Mutate.bytes(input, &rng)
      } else {
        // Edits aimed at the rows, the part read differently: at a random place of each kind.
        for _ in 0...rng.below(3) {
          let (find, put) = rng.pick(Self.rowEdits)
          let places = input.ranges(of: Array(find.utf8))
          guard !places.isEmpty else { continue }
          input.replaceSubrange(rng.pick(places), with: Array(put.utf8))
        }
      }
      let lean = Self.outcome(input, rows: false)
      let full = Self.outcome(input, rows: true)
      if lean.hasPrefix("unreadable") { refused += 1 } else { accepted += 1 }
      return lean == full ? nil : "figures only: \(lean)\nfull: \(full)"
    }
    print("fuzz review-figures-only: \(accepted) read, \(refused) refused")
    #expect(report.findings.isEmpty, "\(report)")
    #expect(refused > 0 && accepted > 0)
  }

  @Test("the table of several files is the same whether their rows are kept or not")
  func sameTable() {
    let files = Self.seeds.enumerated().map { k, bytes in
      (
        Review.read(bytes: bytes, path: "f\(k).json", rows: true),
        Review.read(bytes: bytes, path: "f\(k).json", rows: false)
      )
    }
    let options = RenderOptions(localizer: Fixtures.english)
    let full = ReviewReport.render(files.map(\.0), options)
    #expect(ReviewReport.render(files.map(\.1), options) == full)
    #expect(full.contains("MISMATCH"))
  }
}
