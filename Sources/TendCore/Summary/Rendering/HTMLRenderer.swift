import Foundation

/// The summary as one self-contained printable HTML page: inline CSS and SVG, no scripts, no
/// fonts, images or links to fetch, so it works offline and prints to one A4 or Letter page.
/// Readable in greyscale: marks differ by shape and line style, not colour.
struct HTMLRenderer {
  let data: SummaryData
  let options: RenderOptions
  let w: SummaryWords

  /// Renders `data.forDisplay()`: family-written text is one line, without control characters.
  init(_ data: SummaryData, _ options: RenderOptions) {
    self.data = data.forDisplay()
    self.options = options
    w = SummaryWords(self.data, options.localizer)
  }

  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Sized so 30 days fit one A4 and one US Letter page (186 mm × 253 mm of content);
  /// longer periods flow onto more pages, each with the running head from `pageHead`.
  static let style = """
    @page { size: auto; margin: 13mm 12mm 11mm; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 186mm; padding: 0; background: #fff; color: #111;
      font: 8.6pt/1.28 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    header { border-bottom: 2px solid #111; padding-bottom: 1mm; }
    header p { margin: 0; }
    h1 { font-size: 12pt; margin: 0 0 .5mm; display: flex; justify-content: space-between; }
    h1 small { font-size: 9pt; font-weight: bold; letter-spacing: .05em; }
    h2 { font-size: 9pt; text-transform: uppercase; letter-spacing: .04em; margin: 0 0 .5mm;
      break-after: avoid; page-break-after: avoid; }
    section { border-bottom: 1px solid #999; padding: 1mm 0; }
    p, ul { margin: 0; } ul { padding-left: 4.5mm; }
    li, tr, figure { break-inside: avoid; page-break-inside: avoid; }
    .family { font-style: italic; }
    .two { columns: 2; column-gap: 6mm; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }
    .pair section { border-bottom: none; }
    table { border-collapse: collapse; width: 100%; }
    th, td { padding: .2mm 2mm; text-align: right; border-bottom: 1px solid #ddd; }
    th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
    .charts { display: grid; grid-template-columns: 88mm 88mm; gap: .5mm 6mm; }
    figure { margin: 0; width: 88mm; } figcaption { font-weight: bold; }
    figcaption span { font-weight: normal; }
    svg { width: 88mm; height: auto; display: block; }
    svg .grid { stroke: #bbb; stroke-width: .5; } svg .tick { stroke: #333; stroke-width: .8; }
    svg .axis { font-size: 10px; fill: #222; }
    svg .trend { fill: none; stroke: #555; stroke-width: 1; stroke-dasharray: 3 2; }
    svg .change { stroke: #111; stroke-width: 1.4; }
    svg .before { fill: #fff; stroke: #111; stroke-width: 1; } svg .after { fill: #111; }
    .legend { font-size: 8pt; }
    footer { font-size: 8pt; color: #222; padding-top: 1mm; } .sum { font-family: monospace; word-break: break-all; }
    """

  /// The running head of every printed page: who, which period, CONFIDENTIAL, page x of y.
  func pageHead() -> String {
    let t = options.localizer
    func css(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ")
        .replacingOccurrences(of: "<", with: "\\3C ")
        + "\""
    }
    let who =
      data.deidentified
      ? t("summary.receiver.deidentified") : data.receiver.name ?? t("summary.receiver.unnamed")
    let period =
      data.period.yearsOnly
      ? "\(data.period.fromText)–\(data.period.toText)"
      : "\(w.day(data.period.fromText)) – \(w.day(data.period.toText))"
    // "page %{page} of %{pages}" becomes CSS strings around the page counters.
    let template = t("summary.print.pageOf", ["page": .text("\u{1}"), "pages": .text("\u{2}")])
    let counters = template.split(separator: "\u{1}", omittingEmptySubsequences: false)
    var pageContent = css(w.confidential + " · ")
    if counters.count == 2 {
      let rest = counters[1].split(separator: "\u{2}", omittingEmptySubsequences: false)
      pageContent += " " + css(String(counters[0])) + " counter(page) "
      if rest.count == 2 {
        pageContent += css(String(rest[0])) + " counter(pages) " + css(String(rest[1]))
      }
    }
    return """
      @page { @top-left { content: \(css(who + " · " + period)); font: 8pt sans-serif; color: #222; }
        @top-right { content: \(pageContent); font: bold 8pt sans-serif; color: #222; } }
      """
  }

  func render() -> String {
    let t = options.localizer
    let e = Self.escape
    func list(_ lines: [String]) -> String {
      "<ul>" + lines.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
    }
    var out = [
      "<!DOCTYPE html>", "<html lang=\"\(e(t.lang))\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(e(w.title))</title>", "<style>", Self.style, pageHead(), "</style>", "</head>",
      "<body>",
      "<header>",
      "<h1><span>\(e(w.title))</span><small>\(e(w.confidential))</small></h1>",
    ]
    // Two facts a line, so the head takes four lines, not seven.
    out.append("<p>\(e(w.receiverLine)) · \(e(w.periodLine))</p>")
    for line in [w.caregiversLine, w.omittedLine].compactMap({ $0 }) {
      out.append("<p>\(e(line))</p>")
    }
    out.append(
      "<p>\(w.madeLine.map { e($0) + " · " } ?? "")<span class=\"family\">\(e(w.familyLine))</span></p>"
    )
    out.append("</header>")
    // Red flags first: what a nurse must see in the first second.
    if w.hasRedFlags {
      out.append(
        "<section><h2>\(e(t("summary.section.redFlags")))</h2><ul>"
          + w.redFlagLines.map { "<li><strong>\(e($0))</strong></li>" }.joined() + "</ul></section>"
      )
    }
    out.append(
      "<section><h2>\(e(t("summary.section.glance")))</h2><div class=\"two\">\(list(w.glance))</div></section>"
    )
    if !data.ratings.isEmpty {
      out.append("<section><h2>\(e(t("summary.section.change")))</h2><table>")
      out.append(
        "<tr>" + w.ratingHeader.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr>")
      for row in w.ratingRows {
        out.append("<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>")
      }
      out.append("</table></section>")
    }
    if !data.trend.isEmpty {
      out.append("<section><h2>\(e(t("summary.section.trend")))</h2>")
      if data.deidentified {
        out.append(list(data.trend.map { "\(w.scaleName($0.scale)): \(w.trendNote($0))" }))
        out.append("<p>\(e(t("summary.trend.deidentified")))</p>")
      } else {
        out.append("<div class=\"charts\">")
        let chart = SVGChart()
        for s in data.trend.prefix(4) {
          let name = w.scaleName(s.scale)
          let note = w.trendNote(s)
          out.append(
            "<figure><figcaption>\(e(name)) (\(e(w.scaleAnchor(s.scale)))) <span>\(e(note))</span></figcaption>"
          )
          let start = CivilDay.parse(s.start) ?? data.period.from
          out.append(
            chart.render(s, title: name, description: note) { w.shortDay(start + $0) })
          out.append("</figure>")
        }
        out.append("</div><p class=\"legend\">\(e(t("summary.trend.chartLegend")))</p>")
      }
      out.append("</section>")
    }
    let precautions = w.precautionLines
    let stopped = w.stoppedLines(limit: 5)
    out.append("<section><h2>\(e(t("summary.section.safety")))</h2>")
    out.append(
      "<p><strong>\(e(t("summary.safety.precautions")))</strong> \(precautions.isEmpty ? e(t("summary.none")) : "")</p>"
    )
    if !precautions.isEmpty { out.append(list(precautions)) }
    out.append(
      "<p><strong>\(e(t("summary.safety.stopped")))</strong> \(stopped.isEmpty ? e(t("summary.none")) : "")</p>"
    )
    if !stopped.isEmpty { out.append(list(stopped)) }
    for (label, lines) in w.safetyLists {
      out.append(
        "<p><strong>\(e(label))</strong> \(lines.isEmpty ? e(t("summary.none")) : "")</p>")
      if !lines.isEmpty { out.append(list(lines)) }
    }
    if let line = w.notCheckedLine { out.append("<p>\(e(line))</p>") }
    out.append("<p>\(e(w.redFlagLine))</p></section>")
    let waterDays = w.waterDayLines
    if !waterDays.isEmpty {
      out.append(
        "<section><h2>\(e(t("summary.section.water")))</h2><p>\(e(w.cut(waterDays, limit: 60).joined(separator: " · ")))</p></section>"
      )
    }
    // The shorter parts side by side, two to a row.
    var small: [String] = []
    let done = [w.routinesLine, w.pressureLine, w.sitesLine].compactMap { $0 }
    if !done.isEmpty {
      small.append("<section><h2>\(e(t("summary.section.done")))</h2>\(list(done))</section>")
    }
    for (title, lines) in [
      ("summary.section.feelings", w.feelingLines), ("summary.section.notes", w.noteLines),
    ] where !lines.isEmpty {
      small.append("<section><h2>\(e(t(title)))</h2>\(list(lines))</section>")
    }
    small.append(
      "<section><h2>\(e(t("summary.section.consent")))</h2>\(list(w.consentLines))</section>")
    out.append("<div class=\"pair\">" + small.joined(separator: "\n") + "</div>")
    out.append("<footer><p>\(e(w.scalesFooter))</p><p>\(e(w.coachFooter))</p>")
    if let line = w.versionLine { out.append("<p class=\"made\">\(e(line))</p>") }
    if options.checksum {
      out.append(
        "<p class=\"sum\">\(e(t("summary.checksum", ["digest": .text(Checksum.placeholder)])))</p>")
    }
    out += ["</footer>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }
}
