import Foundation

/// What `tend review` prints: one file's full page, or for several a table with one row per
/// file, followed by a plain list of the files that were altered, unverified or unreadable.
public enum ReviewReport {
  public static func render(_ files: [Review.File], _ options: RenderOptions) -> String {
    let t = options.localizer
    var out: [String] = []
    if files.count == 1, let file = files.first, let summary = file.summary {
      out.append(statusLine(file, t))
      out.append(t("review.checksumMeaning"))
      out += mismatchLines(file, t)
      out.append("")
      out.append(TextRenderer(summary, options).render())
    } else if files.count == 1, let file = files.first, let lines = file.foreign {
      out += foreignLines(file, lines, t)
    } else {
      out += table(files, options)
      for file in files where !file.disagreements.isEmpty {
        out.append("")
        out.append(file.path)
        out += mismatchLines(file, t)
      }
      for file in files {
        if let lines = file.foreign {
          out.append("")
          out += foreignLines(file, lines, t)
        }
      }
      out.append(t("review.checksumMeaning"))
    }
    let problems = files.filter { $0.status != .intact }
    if files.count > 1 || problems.contains(where: { $0.summary == nil }) {
      out.append("")
      out.append(
        t(
          "review.counts",
          [
            "count": .number(files.count),
            "intact": .number(files.filter { $0.status == .intact }.count),
            "altered": .number(files.filter { $0.status == .altered }.count),
            "unverified": .number(files.filter { $0.status == .unverified }.count),
            "unreadable": .number(
              files.filter { if case .unreadable = $0.status { true } else { false } }.count),
          ]))
      for file in problems { out.append("  " + statusLine(file, t)) }
    }
    return out.joined(separator: "\n") + (out.last?.hasSuffix("\n") == true ? "" : "\n")
  }

  static func mismatchLines(_ file: Review.File, _ t: Localizer) -> [String] {
    guard !file.disagreements.isEmpty else { return [] }
    return [t("review.mismatch")]
      + file.disagreements.map {
        "  • "
          + t(
            "review.mismatch.item",
            [
              "figure": .text($0.figure), "claimed": .text($0.claimed),
              "recomputed": .text($0.recomputed),
            ])
      }
  }

  static func foreignLines(_ file: Review.File, _ lines: [String], _ t: Localizer) -> [String] {
    [t("review.foreign", ["path": .text(file.path), "count": .number(lines.count)])]
      + lines.map { "  • " + $0 }
  }

  static func statusLine(_ file: Review.File, _ t: Localizer) -> String {
    switch file.status {
    case .intact: t("review.status.intactLine", ["path": .text(file.path)])
    case .altered: t("review.status.alteredLine", ["path": .text(file.path)])
    case .unverified: t("review.status.unverifiedLine", ["path": .text(file.path)])
    case .unreadable(let why):
      t("review.status.unreadableLine", ["path": .text(file.path), "reason": .text(t.render(why))])
    }
  }

  static func statusWord(_ status: Review.Status, _ t: Localizer) -> String {
    switch status {
    case .intact: t("review.status.intact")
    case .altered: t("review.status.altered")
    case .unverified: t("review.status.unverified")
    case .unreadable: t("review.status.unreadable")
    }
  }

  static let scales: [SummaryScale] = [.pain, .anxiety, .tiredness, .comfort]

  static func table(_ files: [Review.File], _ options: RenderOptions) -> [String] {
    let t = options.localizer
    var rows: [[String]] = [
      [
        t("review.col.status"), t("review.col.receiver"), t("review.col.period"),
        t("review.col.sessions"),
      ]
        // Whole words: "Tiredness", not "Tiredne" (the column is as wide as its longest cell).
        + scales.map { t("summary.scale.\($0.rawValue)") }
        + [
          t("review.col.stopped"), t("review.col.redFlags"), t("review.col.madeWith"),
          t("review.col.file"),
        ]
    ]
    // The same mean change is often in many files: formatted once.
    var changeTexts: [UInt64: String] = [:]
    for file in files {
      let name = fileName(file.path)
      // The table shows no session row, feeling or note: they are left out before the text
      // is made safe (making every feeling's words safe was most of the table's time).
      var shown = file.summary
      shown?.sessions = nil
      shown?.feelings = nil
      shown?.notes = nil
      guard let s = shown?.forDisplay() else {
        let word = file.foreign != nil ? t("review.status.foreign") : statusWord(file.status, t)
        rows.append([word, "-", "-", "-"] + scales.map { _ in "-" } + ["-", "-", "-", name])
        continue
      }
      let w = SummaryWords(s, t)
      let who = s.deidentified ? t("review.deidentified") : s.receiver.name ?? s.receiver.id ?? "?"
      let period =
        "\(s.period.fromText)…\(s.period.toText.dropFirst(s.period.fromText.prefix(5) == s.period.toText.prefix(5) ? 5 : 0))"
      let changes = scales.map { scale in
        s.ratings.first { $0.scale == scale }.map { r in
          if let made = changeTexts[r.meanChange.bitPattern] { return made }
          let made = w.number(r.meanChange, signed: true)
          changeTexts[r.meanChange.bitPattern] = made
          return made
        } ?? "-"
      }
      let word =
        file.disagreements.isEmpty ? statusWord(file.status, t) : t("review.status.mismatch")
      rows.append(
        [word, String(who.prefix(18)), period, String(s.totals.sessions)]
          + changes
          + [
            String(s.totals.stopped), String(s.redFlags.count),
            s.version.map { "\($0.tend) v\($0.rules) \($0.data)" } ?? "-", name,
          ])
    }
    let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
    let numeric = Set(3..<(4 + scales.count + 2))
    return rows.map { row in
      row.indices.map { i in
        numeric.contains(i)
          ? String(repeating: " ", count: widths[i] - row[i].count) + row[i]
          : i == row.count - 1
            ? row[i] : padded(row[i], widths[i])
      }.joined(separator: "  ")
    } + ["", t("review.legend")]
  }

  /// `URL(fileURLWithPath: path).lastPathComponent`, without making a URL when the path is
  /// plain: not empty, no trailing `/`, no `.` or `..` as its last part.
  static func fileName(_ path: String) -> String {
    let utf8 = path.utf8
    guard let last = utf8.last, last != UInt8(ascii: "/") else {
      return URL(fileURLWithPath: path).lastPathComponent
    }
    let name =
      utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
    guard name != ".", name != ".." else { return URL(fileURLWithPath: path).lastPathComponent }
    return String(name)
  }

  /// `text.padding(toLength: width, withPad: " ", startingAt: 0)` (which counts UTF-16 units),
  /// without Foundation when the text is not longer than `width`.
  static func padded(_ text: String, _ width: Int) -> String {
    let count = text.utf16.count
    guard count <= width else { return text.padding(toLength: width, withPad: " ", startingAt: 0) }
    return count == width ? text : text + String(repeating: " ", count: width - count)
  }
}
