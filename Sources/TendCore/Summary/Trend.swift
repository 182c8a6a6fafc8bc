/// Day-by-day sums of before and after scores over a period: the longer trend, kept apart from
/// per-session change.
///
/// A day without a rating stays empty: it becomes `nil` in the series and a gap in every chart,
/// never a zero. Storage is one flat array sized by the period (not by the journal), so memory
/// does not grow with the number of entries; two grids over the same period add up.
public struct DayGrid: Sendable, Equatable {
  public let period: SummaryPeriod
  /// Per day: 7 scales × (before sum, before n, after sum, after n), then the session count.
  private var cells: [Int32]
  private static let stride = SummaryScale.allCases.count * 4 + 1
  /// Longer periods are not charted day by day (100 years is plenty).
  public static let maxDays = 36_600

  public init(period: SummaryPeriod) {
    self.period = period
    cells = Array(repeating: 0, count: min(period.days, Self.maxDays) * Self.stride)
  }

  private func base(_ day: Int) -> Int? {
    let i = day - period.from
    return i >= 0 && i < cells.count / Self.stride ? i * Self.stride : nil
  }

  public mutating func add(day: Int, before: Scores?, after: Scores?) {
    guard let b = base(day) else { return }
    cells[b + Self.stride - 1] += 1
    for scale in SummaryScale.allCases {
      let k = b + scale.rank * 4
      if let v = before?[scale] {
        cells[k] += Int32(v)
        cells[k + 1] += 1
      }
      if let v = after?[scale] {
        cells[k + 2] += Int32(v)
        cells[k + 3] += 1
      }
    }
  }

  public mutating func merge(_ other: DayGrid) {
    guard other.cells.count == cells.count else { return }
    for i in cells.indices { cells[i] += other.cells[i] }
  }

  public var dayCount: Int { cells.count / Self.stride }

  /// Days with at least one session.
  public var activeDays: Int {
    (0..<dayCount).reduce(0) { $0 + (cells[$1 * Self.stride + Self.stride - 1] > 0 ? 1 : 0) }
  }

  /// Mean before (or after) score of each day; nil where the day has none.
  public func means(_ scale: SummaryScale, after: Bool = false) -> [Double?] {
    (0..<dayCount).map { i in
      let k = i * Self.stride + scale.rank * 4 + (after ? 2 : 0)
      return cells[k + 1] > 0 ? Double(cells[k]) / Double(cells[k + 1]) : nil
    }
  }

  /// The trend of one scale, or nil when it was never rated before a session.
  public func series(_ scale: SummaryScale) -> SummaryData.TrendSeries? {
    let before = means(scale)
    guard let first = before.firstIndex(where: { $0 != nil }),
      let last = before.lastIndex(where: { $0 != nil })
    else { return nil }
    return SummaryData.TrendSeries(
      scale: scale, start: CivilDay.string(period.from), days: before,
      after: means(scale, after: true),
      firstWeekBefore: Self.mean(before[first..<min(first + 7, before.count)]),
      lastWeekBefore: Self.mean(before[max(last - 6, 0)...last]))
  }

  static func mean(_ values: ArraySlice<Double?>) -> Double? {
    let present = values.compactMap { $0 }
    return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
  }
}

/// Turns a day series into a fixed number of columns for a sparkline or a chart.
public enum TrendBins {
  /// Averages `values` into at most `width` bins; a bin with no value is nil (a gap).
  public static func bin(_ values: [Double?], width: Int) -> [Double?] {
    guard values.count > width, width > 0 else { return values }
    return (0..<width).map { b in
      let lo = b * values.count / width
      let hi = max((b + 1) * values.count / width, lo + 1)
      return DayGrid.mean(values[lo..<hi])
    }
  }

  /// A sparkline of 0-10 scores: ▁ to █, a space for a gap.
  public static func sparkline(_ values: [Double?], width: Int) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(
      bin(values, width: width).map { v in
        guard let v else { return " " }
        return bars[min(bars.count - 1, max(0, Int((v / 10 * Double(bars.count - 1)).rounded())))]
      })
  }
}
