/// The figures `tend review` recomputes from a file's own session rows (sessions, stopped,
/// rated, worse after, and per scale the count, means and 2-point changes), made the way
/// `SummaryBuilder` makes them for those figures and nothing else: a session counts when its
/// local day is in the period (a row without a time counts on the period's first day, as
/// before), it is stopped when its status is `stopped`, and a scale counts when the row rates
/// it 0-10 both before and after (a score outside 0-10 is dropped, as `Scores` drops it). `ReviewFiguresTests` checks, over random rows, that these are
/// exactly the figures `SummaryBuilder` gives for the same rows.
///
/// Rows are kept as `ReviewFigures.Row` (a day, a flag and two sets of scores, no text), so a
/// reader can tally a file without making its rows (`SummaryReader`'s figures-only mode).
public struct ReviewFigures: Equatable, Sendable {
  /// One session row, reduced to what the figures read.
  public struct Row: Equatable, Sendable {
    /// The local day of the row's time; nil when it has none.
    public var day: Int?
    public var stopped: Bool
    /// Scores by `SummaryScale.rank`; a scale is rated when its bit is set in the mask.
    public var before = SIMD8<Int>()
    public var after = SIMD8<Int>()
    public var beforeMask: UInt8 = 0
    public var afterMask: UInt8 = 0

    public init(day: Int?, stopped: Bool) {
      self.day = day
      self.stopped = stopped
    }

    /// A row of an export, as the figures read it (ratings of unknown scales are left out).
    public init(_ row: SummaryData.Row) {
      self.init(day: row.at?.localDay, stopped: row.status == "stopped")
      for (key, value) in row.before {
        if let scale = SummaryScale(rawValue: key) { setBefore(scale.rank, value) }
      }
      for (key, value) in row.after {
        if let scale = SummaryScale(rawValue: key) { setAfter(scale.rank, value) }
      }
    }

    /// A score outside 0-10 is no rating at all (as `Scores` keeps it: not counted).
    public mutating func setBefore(_ rank: Int, _ value: Int) {
      guard (0...10).contains(value) else { return }
      before[rank] = value
      beforeMask |= 1 << UInt8(rank)
    }

    public mutating func setAfter(_ rank: Int, _ value: Int) {
      guard (0...10).contains(value) else { return }
      after[rank] = value
      afterMask |= 1 << UInt8(rank)
    }
  }

  struct Scale: Equatable, Sendable {
    var n = 0
    var before = 0
    var after = 0
    var improved2 = 0
    var worsened2 = 0
  }

  public private(set) var sessions = 0
  public private(set) var stopped = 0
  public private(set) var rated = 0
  public private(set) var worseAfter = 0
  var scales = [Scale](repeating: Scale(), count: SummaryScale.allCases.count)

  /// The figures of `rows` over `period` (as `SummaryBuilder` counts them).
  public init(_ rows: some Sequence<Row>, period: SummaryPeriod) {
    // A row without a time: noon UTC on the period's first day (`ReviewCheck` always did so).
    let fallback = SummaryTime(seconds: Int64(period.from) * 86_400 + 43_200, offset: 0).localDay
    let all = SummaryScale.allCases
    for row in rows {
      guard period.contains(day: row.day ?? fallback) else { continue }
      sessions += 1
      if row.stopped { stopped += 1 }
      let both = row.beforeMask & row.afterMask
      guard both != 0 else { continue }
      rated += 1
      var worse = false
      for (rank, scale) in all.enumerated() where both & (1 << UInt8(rank)) != 0 {
        let x = row.before[rank]
        let y = row.after[rank]
        let better = scale.improvement(before: x, after: y)
        scales[rank].n += 1
        scales[rank].before += x
        scales[rank].after += y
        if better >= 2 { scales[rank].improved2 += 1 }
        if better <= -2 {
          scales[rank].worsened2 += 1
          worse = true
        }
      }
      if worse { worseAfter += 1 }
    }
  }

  /// The rating table as `SummaryBuilder.finish` makes it: one entry per scale rated.
  public var ratings: [SummaryData.RatingChange] {
    SummaryScale.allCases.enumerated().compactMap { rank, scale in
      let c = scales[rank]
      guard c.n > 0 else { return nil }
      let b = Double(c.before) / Double(c.n)
      let a = Double(c.after) / Double(c.n)
      return SummaryData.RatingChange(
        scale: scale, tenMeans: scale.higherIsBetter ? "best" : "worst", sessions: c.n,
        meanBefore: b, meanAfter: a, meanChange: a - b, improved2: c.improved2,
        worsened2: c.worsened2)
    }
  }

  /// The rating of one scale, nil when no row rates it both before and after.
  func rating(_ scale: SummaryScale) -> SummaryData.RatingChange? {
    ratings.first { $0.scale == scale }
  }
}
