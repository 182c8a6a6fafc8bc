import Foundation

/// The summary as Markdown (CommonMark plus a GFM table), the same page as the text.
struct MarkdownRenderer {
  let data: SummaryData
  let options: RenderOptions
  let w: SummaryWords

  /// Renders `data.forDisplay()`: family-written text is one line, without control characters.
  init(_ data: SummaryData, _ options: RenderOptions) {
    self.data = data.forDisplay()
    self.options = options
    w = SummaryWords(self.data, options.localizer)
  }

  /// Escapes characters Markdown would read as markup in family-written text.
  static func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
      out.append(ch)
    }
    return out
  }

  func render() -> String {
    let t = options.localizer
    let e = Self.escape
    var out = ["# \(e(w.title))", "", "**\(e(w.confidential))**", ""]
    for line in [w.receiverLine, w.caregiversLine, w.periodLine, w.madeLine, w.omittedLine]
      .compactMap({ $0 })
    {
      out.append(e(line) + "  ")
    }
    out += ["", "*\(e(w.familyLine))*"]
    // Red flags first: what a nurse must see in the first second.
    if w.hasRedFlags {
      out += ["", "## \(e(t("summary.section.redFlags")))", ""]
      out += w.redFlagLines.map { "- **" + e($0) + "**" }
    }
    out += ["", "## \(e(t("summary.section.glance")))", ""]
    out += w.glance.map { "- " + e($0) }
    if !data.ratings.isEmpty {
      out += ["", "## \(e(t("summary.section.change")))", ""]
      let header = w.ratingHeader
      out.append("| " + header.map(e).joined(separator: " | ") + " |")
      out.append("|" + header.indices.map { $0 <= 1 ? " --- |" : " ---: |" }.joined())
      for row in w.ratingRows { out.append("| " + row.map(e).joined(separator: " | ") + " |") }
    }
    if !data.trend.isEmpty {
      out += ["", "## \(e(t("summary.section.trend")))", ""]
      for s in data.trend {
        let spark = s.days.isEmpty ? "" : " `\(TrendBins.sparkline(s.days, width: 40))`"
        out.append("- **\(e(w.scaleName(s.scale)))**\(spark) \(e(w.trendNote(s)))")
      }
      out += [
        "", e(data.deidentified ? t("summary.trend.deidentified") : t("summary.trend.legend")),
      ]
    }
    out += ["", "## \(e(t("summary.section.safety")))", ""]
    let precautions = w.precautionLines
    out.append(
      "- \(e(t("summary.safety.precautions")))\(precautions.isEmpty ? " " + e(t("summary.none")) : "")"
    )
    out += precautions.map { "  - " + e($0) }
    let stopped = w.stoppedLines
    out.append(
      "- \(e(t("summary.safety.stopped")))\(stopped.isEmpty ? " " + e(t("summary.none")) : "")")
    out += stopped.map { "  - " + e($0) }
    for (label, lines) in w.safetyLists {
      out.append("- **\(e(label))**\(lines.isEmpty ? " " + e(t("summary.none")) : "")")
      out += lines.map { "  - " + e($0) }
    }
    if let line = w.notCheckedLine { out.append("- " + e(line)) }
    out.append("- " + e(w.redFlagLine))
    let waterDays = w.waterDayLines
    if !waterDays.isEmpty {
      out += ["", "## \(e(t("summary.section.water")))", ""]
      out.append(e(w.cut(waterDays, limit: 60).joined(separator: " · ")))
    }
    let done = [w.routinesLine, w.pressureLine, w.sitesLine].compactMap { $0 }
    if !done.isEmpty {
      out += ["", "## \(e(t("summary.section.done")))", ""]
      out += done.map { "- " + e($0) }
    }
    for (title, lines) in [
      ("summary.section.feelings", w.feelingLines), ("summary.section.notes", w.noteLines),
    ] where !lines.isEmpty {
      out += ["", "## \(e(t(title)))", ""]
      out += lines.map { "- " + e($0) }
    }
    out += ["", "## \(e(t("summary.section.consent")))", ""]
    out += w.consentLines.map { "- " + e($0) }
    out += ["", "---", "", e(w.scalesFooter) + "  ", e(w.coachFooter)]
    if let line = w.versionLine { out += ["", e(line)] }
    if options.checksum {
      out += ["", e(t("summary.checksum", ["digest": .text(Checksum.placeholder)]))]
    }
    return out.joined(separator: "\n") + "\n"
  }
}
