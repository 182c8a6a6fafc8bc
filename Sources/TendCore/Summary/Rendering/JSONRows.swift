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

  static let pads = (0..<8).map { String(repeating: "  ", count: $0) }

  /// A session row, as an item of the top-level `sessions` list (level 2).
  static func row(_ r: SummaryData.Row) -> String {
    var o = Object(level: 2)
    o.raw("after", scores(r.after, level: 3))
    if let v = r.afterBy { o.string("afterBy", v.rawValue) }
    if let v = r.at { o.string("at", v.description) }
    o.raw("before", scores(r.before, level: 3))
    if let v = r.beforeBy { o.string("beforeBy", v.rawValue) }
    if let v = r.breaches { o.raw("breaches", array(v.map { breach($0, level: 4) }, level: 3)) }
    if let v = r.by { o.string("by", v) }
    if let v = r.minutes { o.int("minutes", v) }
    if let v = r.note { o.string("note", v) }
    o.int("number", r.number)
    o.raw("precautions", strings(r.precautions, level: 3))
    if let v = r.pressure { o.int("pressure", v) }
    if let v = r.routine { o.string("routine", v) }
    o.raw("sites", strings(r.sites, level: 3))
    o.string("status", r.status)
    if let v = r.stopReason { o.string("stopReason", v) }
    if let v = r.water { o.string("water", v) }
    return pads[2] + o.close()
  }

  /// An item of `safety.against` (level 3).
  static func against(_ a: SummaryData.AgainstPrecautions) -> String {
    var o = Object(level: 3)
    o.raw("breaches", array(a.breaches.map { breach($0, level: 5) }, level: 4))
    if let v = a.routine { o.string("routine", v) }
    o.int("session", a.session)
    o.string("when", a.when)
    return pads[3] + o.close()
  }

  /// An item of `safety.worse` (level 3).
  static func worse(_ w: SummaryData.WorseSession) -> String {
    var o = Object(level: 3)
    let changes = w.changes.map { c -> String in
      var x = Object(level: 5)
      x.int("after", c.after)
      x.int("before", c.before)
      x.string("scale", c.scale.rawValue)
      return x.close()
    }
    o.raw("changes", array(changes, level: 4))
    if let v = w.routine { o.string("routine", v) }
    o.int("session", w.session)
    o.string("when", w.when)
    return pads[3] + o.close()
  }

  static let feelingsMark = "\"feelings\" : [\n\n  ]"
  static let notesMark = "\"notes\" : [\n\n  ]"

  /// An item of the top-level `feelings` list (level 2).
  static func feeling(_ f: SummaryData.Feeling) -> String {
    var o = Object(level: 2)
    if let v = f.ratedBy { o.string("ratedBy", v.rawValue) }
    o.raw("scores", scores(f.scores, level: 3))
    if let v = f.text { o.string("text", v) }
    o.string("when", f.when)
    return pads[2] + o.close()
  }

  /// An item of the top-level `notes` list (level 2).
  static func note(_ n: SummaryData.Note) -> String {
    var o = Object(level: 2)
    o.string("text", n.text)
    o.string("when", n.when)
    return pads[2] + o.close()
  }

  static func breach(_ b: SessionBreach, level: Int) -> String {
    var o = Object(level: level)
    o.raw("because", strings(b.because, level: level + 1))
    o.string("kind", b.kind.rawValue)
    if let v = b.limit { o.int("limit", v) }
    if let v = b.value { o.int("value", v) }
    if let v = b.what { o.string("what", v) }
    return o.close()
  }

  static func scores(_ d: [String: Int], level: Int) -> String {
    var o = Object(level: level)
    for key in d.keys.sorted() { o.int(key, d[key]!) }
    return o.close()
  }

  static func strings(_ items: [String], level: Int) -> String {
    array(items.map { quoted($0) }, level: level)
  }

  /// Items already written at `level + 1`.
  static func array(_ items: [String], level: Int) -> String {
    guard !items.isEmpty else { return "[\n\n" + pads[level] + "]" }
    var out = "[\n"
    for (i, item) in items.enumerated() {
      if i > 0 { out += ",\n" }
      out += pads[level + 1]
      out += item
    }
    return out + "\n" + pads[level] + "]"
  }

  struct Object {
    let level: Int
    var text = "{\n"
    var empty = true

    init(level: Int) { self.level = level }

    mutating func raw(_ key: String, _ value: String) {
      if !empty { text += ",\n" }
      empty = false
      text += pads[level + 1]
      text += "\""
      text += key
      text += "\" : "
      text += value
    }

    mutating func string(_ key: String, _ value: String) { raw(key, quoted(value)) }
    mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }

    func close() -> String {
      empty ? "{\n\n" + pads[level] + "}" : text + "\n" + pads[level] + "}"
    }
  }

  static let hex = Array("0123456789abcdef".utf8)

  /// A JSON string as `JSONEncoder` writes it (slashes as they are).
  static func quoted(_ s: String) -> String {
    var plain = true
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
      plain = false
      break
    }
    if plain { return "\"" + s + "\"" }
    var out: [UInt8] = [0x22]
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
    return String(decoding: out, as: UTF8.self)
  }
}
