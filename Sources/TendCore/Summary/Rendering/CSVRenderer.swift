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

  /// Appends `field(raw)`: the text as it is when it needs neither a leading `'` nor quotes
  /// (no byte of `,`, `"`, CR or LF, which no character equal to one of them can lack, and a
  /// first byte that is not a formula's), else `field` itself. The same bytes, without making a
  /// string per cell.
  static func append(field raw: String, into out: inout [UInt8]) {
    let plain = raw.utf8.withContiguousStorageIfAvailable { b -> Bool in
      guard let first = b.first else { return true }
      switch first {
      case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
        return false
      default: break
      }
      for c in b where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D { return false }
      out.append(contentsOf: b)
      return true
    }
    if plain != true { out.append(contentsOf: field(raw).utf8) }
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
      var out: [UInt8] = []
      line(r, into: &out)
      return String(decoding: out, as: UTF8.self)
    }

    /// Appends one session's line to `out`, cell by cell (`append(field:into:)`).
    mutating func line(_ r: SummaryData.Row, into out: inout [UInt8]) {
      let day = r.at?.day
      if let day { sessionDays.insert(day) }
      var first = true
      func cell(_ text: String) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        CSVRenderer.append(field: text, into: &out)
      }
      cell(String(r.number))
      cell(day ?? "")
      cell(r.at?.description ?? "")
      cell(r.minutes.map(String.init) ?? "")
      cell(r.routine ?? "")
      cell(r.sites.joined(separator: ";"))
      cell(r.pressure.map(String.init) ?? "")
      cell(r.by ?? "")
      cell(r.status)
      cell(r.stopReason ?? "")
      for scale in SummaryScale.allCases {
        cell(r.before[scale.rawValue].map(String.init) ?? "")
        cell(r.after[scale.rawValue].map(String.init) ?? "")
      }
      cell(r.beforeBy?.rawValue ?? "")
      cell(r.afterBy?.rawValue ?? "")
      cell(r.water ?? "")
      cell(token)
      cell(r.precautions.joined(separator: ";"))
      cell((r.breaches ?? []).map { "\($0.kind.rawValue):\($0.what ?? "")" }.joined(separator: ";"))
      for text in waterCells(day) { cell(text) }
      cell(r.redFlags.joined(separator: ";"))
      out.append(contentsOf: [0x0D, 0x0A])
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
