import Foundation

/// The summary as one self-contained printable HTML page: inline CSS and SVG, no scripts, no
/// fonts, images or links to fetch, so it works offline and prints to one A4 or Letter page.
/// Readable in greyscale: marks differ by shape and line style, not colour.
struct HTMLRenderer {
  let data: SummaryData
  let options: RenderOptions
  let w: SummaryWords

  init(_ data: SummaryData, _ options: RenderOptions) {
    self.data = data
    self.options = options
    w = SummaryWords(data, options.localizer)
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

  static let style = """
    @page { margin: 12mm; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 186mm; padding: 6mm 0; background: #fff; color: #111;
      font: 9.5pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    header { border-bottom: 2px solid #111; padding-bottom: 2mm; }
    h1 { font-size: 14pt; margin: 0 0 1mm; display: flex; justify-content: space-between; }
    h1 small { font-size: 9pt; font-weight: bold; letter-spacing: .05em; }
    h2 { font-size: 10pt; text-transform: uppercase; letter-spacing: .04em; margin: 0 0 1mm; }
    section { border-bottom: 1px solid #999; padding: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
    p, ul { margin: 0; } ul { padding-left: 5mm; }
    .family { font-style: italic; }
    table { border-collapse: collapse; width: 100%; }
    th, td { padding: .5mm 2mm; text-align: right; border-bottom: 1px solid #ddd; }
    th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
    .charts { display: flex; flex-wrap: wrap; gap: 1mm 4mm; }
    figure { margin: 0; width: 88mm; } figcaption { font-weight: bold; }
    svg { width: 88mm; height: auto; }
    svg .grid { stroke: #bbb; stroke-width: .5; } svg .axis { font-size: 7px; fill: #333; }
    svg .trend { fill: none; stroke: #555; stroke-width: 1; stroke-dasharray: 3 2; }
    svg .change { stroke: #111; stroke-width: 1.4; }
    svg .before { fill: #fff; stroke: #111; stroke-width: 1; } svg .after { fill: #111; }
    footer { font-size: 8pt; color: #333; padding-top: 2mm; } .sum { font-family: monospace; word-break: break-all; }
    @media print { body { padding: 0; } }
    """

  func render() -> String {
    let t = options.localizer
    let e = Self.escape
    func list(_ lines: [String]) -> String {
      "<ul>" + lines.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
    }
    var out = [
      "<!DOCTYPE html>", "<html lang=\"\(e(t.lang))\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(e(w.title))</title>", "<style>", Self.style, "</style>", "</head>", "<body>",
      "<header>",
      "<h1><span>\(e(w.title))</span><small>\(e(w.confidential))</small></h1>",
    ]
    for line in [w.receiverLine, w.caregiversLine, w.periodLine, w.madeLine, w.omittedLine]
      .compactMap({ $0 })
    {
      out.append("<p>\(e(line))</p>")
    }
    out.append("<p class=\"family\">\(e(w.familyLine))</p>")
    out.append("</header>")
    out.append("<section><h2>\(e(t("summary.section.glance")))</h2>\(list(w.glance))</section>")
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
            "<figure><figcaption>\(e(name)) <small>(\(e(w.scaleAnchor(s.scale))))</small></figcaption>"
          )
          out.append(
            chart.render(
              s, title: name, description: note, startLabel: w.day(data.period.fromText),
              endLabel: w.day(data.period.toText)))
          out.append("<p>\(e(note))</p></figure>")
        }
        out.append("</div><p>\(e(t("summary.trend.chartLegend")))</p>")
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
    let done = [w.routinesLine, w.pressureLine, w.sitesLine].compactMap { $0 }
    if !done.isEmpty {
      out.append("<section><h2>\(e(t("summary.section.done")))</h2>\(list(done))</section>")
    }
    for (title, lines) in [
      ("summary.section.feelings", w.feelingLines), ("summary.section.notes", w.noteLines),
    ] where !lines.isEmpty {
      out.append("<section><h2>\(e(t(title)))</h2>\(list(lines))</section>")
    }
    out.append(
      "<section><h2>\(e(t("summary.section.consent")))</h2>\(list(w.consentLines))</section>")
    out.append("<footer><p>\(e(w.scalesFooter))</p><p>\(e(w.coachFooter))</p>")
    if options.checksum {
      out.append(
        "<p class=\"sum\">\(e(t("summary.checksum", ["digest": .text(Checksum.placeholder)])))</p>")
    }
    out += ["</footer>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }
}
