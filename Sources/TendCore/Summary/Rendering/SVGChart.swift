/// A small inline SVG chart of one 0-10 scale over the period: for each day, a bar from the
/// mean "before" score (open circle) to the mean "after" score (filled circle), and a dashed
/// line through the "before" means that breaks at days without a rating.
///
/// Meaning never rests on colour alone (open vs filled marks, solid vs dashed lines), days
/// without a rating stay empty, and the chart carries a `<title>` and `<desc>` text alternative.
///
/// Printed at 88 mm wide, one viewBox unit is 0.29 mm, so the 10-unit axis text is 8.3 pt.
/// The x axis has a tick every week (from the period's first day) and a date under as many of
/// them as fit without overlapping.
struct SVGChart {
  var width = 300
  var height = 68
  let left = 24
  let bottom = 14
  /// Axis text size in viewBox units (at least 8 pt printed; see above).
  static let axisFont = 10

  func render(
    _ s: SummaryData.TrendSeries, title: String, description: String,
    dayLabel: (Int) -> String
  ) -> String {
    let columns = max(1, min(s.days.count, 120))
    let before = TrendBins.bin(s.days, width: columns)
    let after = TrendBins.bin(s.after, width: columns)
    let plotW = Double(width - left - 4)
    let plotH = Double(height - bottom - 6)
    func x(_ i: Int) -> Double { Double(left) + (Double(i) + 0.5) * plotW / Double(columns) }
    func y(_ v: Double) -> Double { 6 + plotH * (1 - v / 10) }
    func f(_ v: Double) -> String { trim(v) }
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"t-\(s.scale.rawValue) d-\(s.scale.rawValue)\">",
      "<title id=\"t-\(s.scale.rawValue)\">\(HTMLRenderer.escape(title))</title>",
      "<desc id=\"d-\(s.scale.rawValue)\">\(HTMLRenderer.escape(description))</desc>",
    ]
    for v in [0.0, 5, 10] {
      out.append(
        "<line x1=\"\(left)\" x2=\"\(width - 4)\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" class=\"grid\"/>"
      )
      out.append(
        "<text x=\"\(left - 4)\" y=\"\(f(y(v) + 3))\" class=\"axis\" text-anchor=\"end\">\(Int(v))</text>"
      )
    }
    // Weekly ticks; a date under every `step`-th tick so labels (about 32 units) never overlap.
    let days = max(1, s.days.count)
    func dayX(_ d: Int) -> Double { Double(left) + (Double(d) + 0.5) * plotW / Double(days) }
    let weeks = (days + 6) / 7
    let step = max(1, Int((Double(weeks) * 36 / plotW).rounded(.up)))
    for (k, d) in stride(from: 0, to: days, by: 7).enumerated() {
      let tx = f(dayX(d))
      out.append(
        "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0) + 3))\" class=\"tick\"/>"
      )
      guard k % step == 0, dayX(d) + 16 <= Double(width) else { continue }
      out.append(
        "<text x=\"\(tx)\" y=\"\(height - 2)\" class=\"axis\" text-anchor=\"middle\">\(HTMLRenderer.escape(dayLabel(d)))</text>"
      )
    }
    // The trend: dashed runs through consecutive days with a "before" mean; a gap breaks it.
    var run: [String] = []
    func flush() {
      if run.count > 1 {
        out.append("<polyline points=\"\(run.joined(separator: " "))\" class=\"trend\"/>")
      }
      run = []
    }
    for (i, v) in before.enumerated() {
      guard let v else {
        flush()
        continue
      }
      run.append("\(f(x(i))),\(f(y(v)))")
    }
    flush()
    let r = columns > 60 ? 1.5 : 2.5
    for i in 0..<columns {
      let b = before[i]
      let a = i < after.count ? after[i] : nil
      if let b, let a {
        out.append(
          "<line x1=\"\(f(x(i)))\" x2=\"\(f(x(i)))\" y1=\"\(f(y(b)))\" y2=\"\(f(y(a)))\" class=\"change\"/>"
        )
      }
      if let b {
        out.append(
          "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(b)))\" r=\"\(trim(r))\" class=\"before\"/>")
      }
      if let a {
        out.append("<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(a)))\" r=\"\(trim(r))\" class=\"after\"/>")
      }
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  /// One decimal at most, no trailing zero: "12", "12.5".
  func trim(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
  }
}
