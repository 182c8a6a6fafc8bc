/// The JSON export's streamed items (session rows and SAFETY items) written by hand exactly as
/// `JSONEncoder` writes them with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`:
/// `"key" : value`, two spaces a level, members in key order, nil members left out, an empty
/// array or object as an opening line, an empty line and the closing one. A test compares every
/// field, empty and full, with `JSONEncoder`'s own output.
enum JSONRows {
  /// The empty lists in the encoded skeleton that the streamed items go into.
  static let againstMark = "\"against\" : [\n\n    ]"
  static let worseMark = "\"worse\" : [\n\n    ]"
  static let sessionsMark = "\"sessions\" : [\n\n  ]"

  /// The mark's opening (`"key" : [` and its newline).
  static func opening(_ mark: String) -> String {
    String(mark.prefix(while: { $0 != "[" })) + "[\n"
  }

  static let pads: [[UInt8]] = (0..<8).map { Array(String(repeating: "  ", count: $0).utf8) }

  /// A session row, as an item of the top-level `sessions` list (level 2).
  static func row(_ r: SummaryData.Row) -> String { text { row(r, into: &$0) } }

  /// The items are written straight into one byte buffer (no string per member).
  static func row(_ r: SummaryData.Row, into out: inout [UInt8]) {
    out.append(contentsOf: pads[2])
    var o = Object(level: 2, into: &out)
    o.key("after", &out)
    scores(r.after, level: 3, into: &out)
    if let v = r.afterBy { o.string("afterBy", v.rawValue, &out) }
    if let v = r.at { o.string("at", v.description, &out) }
    o.key("before", &out)
    scores(r.before, level: 3, into: &out)
    if let v = r.beforeBy { o.string("beforeBy", v.rawValue, &out) }
    if let v = r.breaches {
      o.key("breaches", &out)
      array(v, level: 3, into: &out) { breach($0, level: 4, into: &$1) }
    }
    if let v = r.by { o.string("by", v, &out) }
    if let v = r.minutes { o.int("minutes", v, &out) }
    if let v = r.note { o.string("note", v, &out) }
    o.int("number", r.number, &out)
    o.key("precautions", &out)
    strings(r.precautions, level: 3, into: &out)
    if let v = r.pressure { o.int("pressure", v, &out) }
    if let v = r.routine { o.string("routine", v, &out) }
    o.key("sites", &out)
    strings(r.sites, level: 3, into: &out)
    o.string("status", r.status, &out)
    if let v = r.stopReason { o.string("stopReason", v, &out) }
    if let v = r.water { o.string("water", v, &out) }
    o.close(&out)
  }

  /// An item of `safety.against` (level 3).
  static func against(_ a: SummaryData.AgainstPrecautions) -> String {
    text { against(a, into: &$0) }
  }

  static func against(_ a: SummaryData.AgainstPrecautions, into out: inout [UInt8]) {
    out.append(contentsOf: pads[3])
    var o = Object(level: 3, into: &out)
    o.key("breaches", &out)
    array(a.breaches, level: 4, into: &out) { breach($0, level: 5, into: &$1) }
    if let v = a.routine { o.string("routine", v, &out) }
    o.int("session", a.session, &out)
    o.string("when", a.when, &out)
    o.close(&out)
  }

  /// An item of `safety.worse` (level 3).
  static func worse(_ w: SummaryData.WorseSession) -> String { text { worse(w, into: &$0) } }

  static func worse(_ w: SummaryData.WorseSession, into out: inout [UInt8]) {
    out.append(contentsOf: pads[3])
    var o = Object(level: 3, into: &out)
    o.key("changes", &out)
    array(w.changes, level: 4, into: &out) { c, out in
      var x = Object(level: 5, into: &out)
      x.int("after", c.after, &out)
      x.int("before", c.before, &out)
      x.string("scale", c.scale.rawValue, &out)
      x.close(&out)
    }
    if let v = w.routine { o.string("routine", v, &out) }
    o.int("session", w.session, &out)
    o.string("when", w.when, &out)
    o.close(&out)
  }

  static let feelingsMark = "\"feelings\" : [\n\n  ]"
  static let notesMark = "\"notes\" : [\n\n  ]"

  /// An item of the top-level `feelings` list (level 2).
  static func feeling(_ f: SummaryData.Feeling) -> String {
    text { out in
      out.append(contentsOf: pads[2])
      var o = Object(level: 2, into: &out)
      if let v = f.by { o.string("by", v, &out) }
      if f.own == true { o.key("own", &out); out.append(contentsOf: "true".utf8) }
      if let v = f.ratedBy { o.string("ratedBy", v.rawValue, &out) }
      o.key("scores", &out)
      scores(f.scores, level: 3, into: &out)
      if let v = f.text { o.string("text", v, &out) }
      o.string("when", f.when, &out)
      o.close(&out)
    }
  }

  /// An item of the top-level `notes` list (level 2).
  static func note(_ n: SummaryData.Note) -> String {
    text { out in
      out.append(contentsOf: pads[2])
      var o = Object(level: 2, into: &out)
      o.string("text", n.text, &out)
      o.string("when", n.when, &out)
      o.close(&out)
    }
  }

  static func text(_ body: (inout [UInt8]) -> Void) -> String {
    var out: [UInt8] = []
    body(&out)
    return String(decoding: out, as: UTF8.self)
  }

  static func breach(_ b: SessionBreach, level: Int, into out: inout [UInt8]) {
    var o = Object(level: level, into: &out)
    o.key("because", &out)
    strings(b.because, level: level + 1, into: &out)
    o.string("kind", b.kind.rawValue, &out)
    if let v = b.limit { o.int("limit", v, &out) }
    if let v = b.value { o.int("value", v, &out) }
    if let v = b.what { o.string("what", v, &out) }
    o.close(&out)
  }

  static func scores(_ d: [String: Int], level: Int, into out: inout [UInt8]) {
    var o = Object(level: level, into: &out)
    if d.count == 1, let (key, value) = d.first {
      o.int(key, value, &out)
    } else {
      for key in d.keys.sorted() { o.int(key, d[key]!, &out) }
    }
    o.close(&out)
  }

  static func strings(_ items: [String], level: Int, into out: inout [UInt8]) {
    array(items, level: level, into: &out) { quoted($0, into: &$1) }
  }

  /// An array at `level` whose items `item` writes at `level + 1`; empty as `JSONEncoder`
  /// writes it (its opening line, an empty line, its closing one).
  static func array<T>(
    _ items: [T], level: Int, into out: inout [UInt8], _ item: (T, inout [UInt8]) -> Void
  ) {
    out.append(contentsOf: [UInt8(ascii: "["), 0x0A])
    for (i, x) in items.enumerated() {
      if i > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
      out.append(contentsOf: pads[level + 1])
      item(x, &out)
    }
    out.append(0x0A)
    out.append(contentsOf: pads[level])
    out.append(UInt8(ascii: "]"))
  }

  /// An object being written: `{` and its newline at once, `"key" : ` before each member,
  /// `,` and a newline between them, then its closing line (an empty object has an empty
  /// line, as `JSONEncoder` writes it).
  struct Object {
    let level: Int
    var empty = true

    init(level: Int, into out: inout [UInt8]) {
      self.level = level
      out.append(contentsOf: [UInt8(ascii: "{"), 0x0A])
    }

    mutating func key(_ key: String, _ out: inout [UInt8]) {
      if !empty { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
      empty = false
      out.append(contentsOf: pads[level + 1])
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: key.utf8)
      out.append(contentsOf: JSONRows.colon)
    }

    mutating func string(_ key: String, _ value: String, _ out: inout [UInt8]) {
      self.key(key, &out)
      quoted(value, into: &out)
    }

    mutating func int(_ key: String, _ value: Int, _ out: inout [UInt8]) {
      self.key(key, &out)
      OrderedJSON.digits(value, into: &out)
    }

    func close(_ out: inout [UInt8]) {
      out.append(0x0A)
      out.append(contentsOf: pads[level])
      out.append(UInt8(ascii: "}"))
    }
  }

  static let colon = Array("\" : ".utf8)

  static let hex = Array("0123456789abcdef".utf8)

  /// A JSON string as `JSONEncoder` writes it (slashes as they are).
  static func quoted(_ s: String) -> String { text { quoted(s, into: &$0) } }

  static func quoted(_ s: String, into out: inout [UInt8]) {
    var plain = true
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
      plain = false
      break
    }
    if plain {
      out.append(0x22)
      out.append(contentsOf: s.utf8)
      out.append(0x22)
      return
    }
    out.append(0x22)
    for b in s.utf8 {
      switch b {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0x08: out += [0x5C, 0x62]
      case 0x0C: out += [0x5C, 0x66]
      case 0..<0x20:
        out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      default: out.append(b)
      }
    }
    out.append(0x22)
  }
}
