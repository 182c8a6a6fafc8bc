import Foundation

/// One row per session, RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote
/// or line break). A stable machine interface: columns are only ever added at the end.
///
/// Columns: number, date, start, minutes, routine, sites (`;`-separated), pressure, given_by,
/// status, stop_reason, then `<scale>_before`/`<scale>_after` for every scale, then who rated
/// before and after, the water answer, and which Tend and rules made it (`TendVersion.token`);
/// then the condition ids in force that day (`;`-separated), how the session went against them
/// (`kind:what`, `;`-separated), the water noted that whole day in mL, the fluid limit in mL and
/// `yes` when the day was over it; then the red-flag rule ids in force that day or said in the
/// session's words (`red_flags`, `;`-separated). A day with water noted but no session gets a
/// row of its own with status `no-session`; a red flag said in a feeling gets one with status
/// `red-flag-said` (its day, its rule ids; never its words). Free-text notes are never in the CSV. Text is
/// `PlainText.display`ed and every cell passes `PlainText.csvCell` (a cell beginning with `=`,
/// `+`, `-`, `@`, tab or CR gets a leading `'`), so no cell runs as a spreadsheet formula.
enum CSVRenderer {
  static var header: [String] {
    [
      "number", "date", "start", "minutes", "routine", "sites", "pressure", "given_by", "status",
      "stop_reason",
    ]
      + SummaryScale.allCases.flatMap { ["\($0.rawValue)_before", "\($0.rawValue)_after"] }
      + ["rated_by_before", "rated_by_after", "water", "made_with"]
      + [
        "precautions", "against_precautions", "day_water_ml", "fluid_limit_ml",
        "over_fluid_limit",
      ]
      + ["red_flags"]
  }

  static func field(_ raw: String) -> String {
    let text = PlainText.csvCell(raw)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func render(_ raw: SummaryData) -> String {
    let out = StringText()
    var writer = Writer(raw)
    out.write(writer.head())
    for r in raw.sessions ?? [] { out.write(writer.line(SummaryData.displayRow(r))) }
    out.write(writer.tail())
    return out.text
  }

  /// Writes the CSV a row at a time (a streamed export sends each session as it is read).
  struct Writer {
    let data: SummaryData
    let waterDays: [SummaryData.WaterDay]
    let byDay: [String: SummaryData.WaterDay]
    let limit: String
    let token: String
    var sessionDays = Set<String>()

    /// `data` is the summary with its privacy choices applied (its rows are not read).
    init(_ data: SummaryData) {
      self.data = data
      waterDays = data.deidentified ? [] : data.water?.days ?? []
      byDay = Dictionary(waterDays.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
      limit = data.water?.fluidLimitML.map(String.init) ?? ""
      token = data.version?.token ?? ""
    }

    func waterCells(_ day: String?) -> [String] {
      guard let day, let d = byDay[day] else { return ["", limit, ""] }
      return [String(d.totalML), limit, d.over ? "yes" : "no"]
    }

    func head() -> String { header.joined(separator: ",") + "\r\n" }

    /// One session's line; `r` is already made safe to show (`SummaryData.displayRow`).
    mutating func line(_ r: SummaryData.Row) -> String {
      if let day = r.at?.day { sessionDays.insert(day) }
      var cells = [
        String(r.number), r.at?.day ?? "", r.at?.description ?? "",
        r.minutes.map(String.init) ?? "", r.routine ?? "",
        r.sites.joined(separator: ";"), r.pressure.map(String.init) ?? "", r.by ?? "", r.status,
        r.stopReason ?? "",
      ]
      for scale in SummaryScale.allCases {
        cells.append(r.before[scale.rawValue].map(String.init) ?? "")
        cells.append(r.after[scale.rawValue].map(String.init) ?? "")
      }
      cells += [r.beforeBy?.rawValue ?? "", r.afterBy?.rawValue ?? "", r.water ?? ""]
      cells.append(token)
      cells.append(r.precautions.joined(separator: ";"))
      cells.append(
        (r.breaches ?? []).map { "\($0.kind.rawValue):\($0.what ?? "")" }.joined(separator: ";"))
      cells += waterCells(r.at?.day)
      cells.append(r.redFlags.joined(separator: ";"))
      return cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// The days with water noted and no session, after the sessions.
    func tail() -> String {
      guard data.sessions != nil else { return "" }
      let width = header.count
      var out = ""
      for d in waterDays where !sessionDays.contains(d.day) {
        var cells = [String](repeating: "", count: width)
        cells[1] = d.day
        cells[8] = "no-session"
        cells[width - 7] = token
        let tail = waterCells(d.day)
        for (i, v) in tail.enumerated() { cells[width - 4 + i] = v }
        out += cells.map(field).joined(separator: ",") + "\r\n"
      }
      // A red flag said in a feeling has no session row: it gets its own (never its words).
      for f in data.redFlags.said ?? [] where f.source == "feeling" {
        var cells = [String](repeating: "", count: width)
        cells[1] = data.deidentified ? "" : f.when
        cells[8] = "red-flag-said"
        cells[width - 7] = token
        cells[width - 1] = f.rules.joined(separator: ";")
        out += cells.map(field).joined(separator: ",") + "\r\n"
      }
      return out
    }
  }
}

/// The summary as JSON (`SummaryData`, keys sorted, two-space indent), with a `checksum` member
/// holding the SHA-256 placeholder when asked (the caller seals it).
enum JSONRenderer {
  static func render(_ data: SummaryData, checksum: Bool) -> String {
    var copy = data
    copy.checksum = checksum ? Checksum.placeholder : nil
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let bytes = try? encoder.encode(copy) else { return "{}\n" }
    return String(decoding: bytes, as: UTF8.self) + "\n"
  }
}
