import Foundation

/// The summary as terminal text: fits `width` columns (80 by default), sparklines for the
/// trend, bold headings only when colour is allowed.
struct TextRenderer {
  let data: SummaryData
  let options: RenderOptions
  let w: SummaryWords

  /// Renders `data.forDisplay()`: family-written text is one line, without control characters.
  init(_ data: SummaryData, _ options: RenderOptions) {
    self.data = data.forDisplay()
    self.options = options
    w = SummaryWords(self.data, options.localizer)
  }

  func heading(_ text: String) -> String {
    options.color ? "\u{1B}[1m\(text.uppercased())\u{1B}[0m" : text.uppercased()
  }

  /// Wraps `text` to the width with a hanging indent.
  func wrap(_ text: String, indent: Int = 2) -> [String] {
    let pad = String(repeating: " ", count: indent)
    let lines = TerminalText.wrap(text, indent: pad + "  ", firstIndent: pad, width: options.width)
    return lines.isEmpty ? [pad] : lines
  }

  func render() -> String {
    let t = options.localizer
    var out: [String] = []
    let top = w.title.uppercased()
    let gap = max(1, options.width - TerminalText.width(top) - TerminalText.width(w.confidential))
    out.append(heading(top) + String(repeating: " ", count: gap) + w.confidential)
    for line in [
      w.receiverLine, w.caregiversLine, w.periodLine, w.madeLine, w.familyLine, w.omittedLine,
    ].compactMap({ $0 }) {
      out += wrap(line, indent: 0)
    }
    // Red flags first: what a nurse must see in the first second.
    if w.hasRedFlags {
      out.append("")
      out.append(heading(t("summary.section.redFlags")))
      for line in w.redFlagLines { out += wrap("• " + line, indent: 2) }
    }
    out.append("")
    out.append(heading(t("summary.section.glance")))
    for line in w.glance { out += wrap(line) }
    if !data.ratings.isEmpty {
      out.append("")
      out.append(heading(t("summary.section.change")))
      out += table([w.ratingHeader] + w.ratingRows)
    }
    if !data.trend.isEmpty {
      out.append("")
      out.append(heading(t("summary.section.trend")))
      let nameWidth = data.trend.map { TerminalText.width(w.scaleName($0.scale)) }.max() ?? 8
      for s in data.trend {
        let name = TerminalText.pad(w.scaleName(s.scale), to: nameWidth)
        let note = w.trendNote(s)
        let room = max(10, options.width - nameWidth - TerminalText.width(note) - 6)
        let spark = s.days.isEmpty ? "" : TrendBins.sparkline(s.days, width: room)
        out.append(
          "  \(name)  \(spark.padding(toLength: min(room, max(spark.count, 1)), withPad: " ", startingAt: 0))  \(note)"
        )
      }
      out += wrap(data.deidentified ? t("summary.trend.deidentified") : t("summary.trend.legend"))
    }
    out.append("")
    out.append(heading(t("summary.section.safety")))
    let precautions = w.precautionLines
    out += wrap(
      t("summary.safety.precautions") + " " + (precautions.isEmpty ? t("summary.none") : ""))
    for line in precautions { out += wrap("• " + line, indent: 4) }
    let stopped = w.stoppedLines
    out += wrap(t("summary.safety.stopped") + " " + (stopped.isEmpty ? t("summary.none") : ""))
    for line in stopped { out += wrap("• " + line, indent: 4) }
    for (label, lines) in w.safetyLists {
      out += wrap(label + " " + (lines.isEmpty ? t("summary.none") : ""))
      for line in lines { out += wrap("• " + line, indent: 4) }
    }
    if let line = w.notCheckedLine { out += wrap(line) }
    out += wrap(w.redFlagLine)
    let waterDays = w.waterDayLines
    if !waterDays.isEmpty {
      out.append("")
      out.append(heading(t("summary.section.water")))
      out += wrap(w.cut(waterDays, limit: 60).joined(separator: " · "))
    }
    let done = [w.routinesLine, w.pressureLine, w.sitesLine].compactMap { $0 }
    if !done.isEmpty {
      out.append("")
      out.append(heading(t("summary.section.done")))
      for line in done { out += wrap(line) }
    }
    for (title, lines) in [
      ("summary.section.feelings", w.feelingLines), ("summary.section.notes", w.noteLines),
    ] where !lines.isEmpty {
      out.append("")
      out.append(heading(t(title)))
      for line in lines { out += wrap(line, indent: 2) }
    }
    out.append("")
    out.append(heading(t("summary.section.consent")))
    for line in w.consentLines { out += wrap(line) }
    out.append("")
    out += wrap(w.scalesFooter, indent: 0)
    out += wrap(w.coachFooter, indent: 0)
    if let line = w.versionLine { out += wrap(line, indent: 0) }
    if options.checksum {
      out.append(t("summary.checksum", ["digest": .text(Checksum.placeholder)]))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A left-aligned first column and right-aligned numbers, trimmed to fit the width.
  func table(_ rows: [[String]]) -> [String] {
    guard let first = rows.first else { return [] }
    var widths = first.indices.map { i in rows.map { TerminalText.width($0[i]) }.max() ?? 0 }
    // Drop the anchor column ("10 = worst") when the table would not fit.
    var skip = Set<Int>()
    if widths.reduce(0, +) + 2 * widths.count + 2 > options.width { skip.insert(1) }
    widths[0] = min(widths[0], 16)
    return rows.map { row in
      "  "
        + row.indices.filter { !skip.contains($0) }.map { i in
          let cell = String(row[i].prefix(widths[i]))
          return i <= 1
            ? TerminalText.pad(cell, to: widths[i])
            : String(repeating: " ", count: max(0, widths[i] - TerminalText.width(cell))) + cell
        }.joined(separator: "  ")
    }
  }
}
