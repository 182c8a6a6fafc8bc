import Foundation

/// One row per session, RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote
/// or line break). A stable machine interface: columns are only ever added at the end.
///
/// Columns: number, date, start, minutes, routine, sites (`;`-separated), pressure, given_by,
/// status, stop_reason, then `<scale>_before`/`<scale>_after` for every scale, then who rated
/// before and after, the water answer, and which Tend and rules made it (`TendVersion.token`);
/// then the condition ids in force that day (`;`-separated), how the session went against them
/// (`kind:what`, `;`-separated), the water noted that whole day in mL, the fluid limit in mL and
/// `yes` when the day was over it. A day with water noted but no session gets a row of its own
/// with status `no-session`. Free-text notes are never in the CSV. Text is
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
  }

  static func field(_ raw: String) -> String {
    let text = PlainText.csvCell(raw)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func render(_ raw: SummaryData) -> String {
    let data = raw.forDisplay()
    var lines = [header.joined(separator: ",")]
    let waterDays = data.deidentified ? [] : data.water?.days ?? []
    let byDay = Dictionary(waterDays.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
    let limit = data.water?.fluidLimitML.map(String.init) ?? ""
    func waterCells(_ day: String?) -> [String] {
      guard let day, let d = byDay[day] else { return ["", limit, ""] }
      return [String(d.totalML), limit, d.over ? "yes" : "no"]
    }
    var sessionDays = Set<String>()
    for r in data.sessions ?? [] {
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
      cells.append(data.version?.token ?? "")
      cells.append(r.precautions.joined(separator: ";"))
      cells.append(
        (r.breaches ?? []).map { "\($0.kind.rawValue):\($0.what ?? "")" }.joined(separator: ";"))
      cells += waterCells(r.at?.day)
      lines.append(cells.map(field).joined(separator: ","))
    }
    let width = header.count
    for d in waterDays where !sessionDays.contains(d.day) && data.sessions != nil {
      var cells = [String](repeating: "", count: width)
      cells[1] = d.day
      cells[8] = "no-session"
      cells[width - 6] = data.version?.token ?? ""
      let tail = waterCells(d.day)
      for (i, v) in tail.enumerated() { cells[width - 3 + i] = v }
      lines.append(cells.map(field).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
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
