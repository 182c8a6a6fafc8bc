/// A JSON value that keeps its members in the order written, for outputs people read and
/// diff (FHIR puts `resourceType` first). Serialized with two-space indents, short arrays of
/// scalars on one line.
indirect enum OrderedJSON: Equatable, Sendable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case array([OrderedJSON])
  case object([(String, OrderedJSON)])
  /// A place in a `JSONTemplate`, filled in at each use (written `null` anywhere else).
  case hole(JSONHole)

  static func == (a: OrderedJSON, b: OrderedJSON) -> Bool { a.text() == b.text() }

  /// Builds an object, dropping members whose value is nil or an empty array.
  static func obj(_ members: [(String, OrderedJSON?)]) -> OrderedJSON {
    .object(
      members.compactMap { key, value in
        guard let value else { return nil }
        if case .array(let items) = value, items.isEmpty { return nil }
        return (key, value)
      })
  }

  static func str(_ s: String?) -> OrderedJSON? { s.map { .string($0) } }

  func text(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  static let pads = (0..<16).map { String(repeating: "  ", count: $0) }

  static func pad(_ level: Int) -> String {
    level < pads.count ? pads[level] : String(repeating: "  ", count: level)
  }

  /// Appends the text to `out` (one buffer for a whole Bundle, not a string per value).
  func write(into out: inout String, indent: Int) {
    switch self {
    case .string(let s): Self.quote(s, into: &out)
    case .int(let n): out += String(n)
    case .bool(let b): out += b ? "true" : "false"
    case .hole: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      if items.allSatisfy({
        if case .object = $0 {
          return false
        } else if case .array = $0 {
          return false
        } else {
          return true
        }
      }) {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += ", " }
          item.write(into: &out, indent: 0)
        }
        out += "]"
        return
      }
      let pad = Self.pad(indent + 1)
      out += "[\n"
      for (i, item) in items.enumerated() {
        if i > 0 { out += ",\n" }
        out += pad
        item.write(into: &out, indent: indent + 1)
      }
      out += "\n"
      out += Self.pad(indent)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      let pad = Self.pad(indent + 1)
      out += "{\n"
      for (i, member) in members.enumerated() {
        if i > 0 { out += ",\n" }
        out += pad
        Self.quote(member.0, into: &out)
        out += ": "
        member.1.write(into: &out, indent: indent + 1)
      }
      out += "\n"
      out += Self.pad(indent)
      out += "}"
    }
  }

  /// Appends the text without any space between tokens (FHIR's Bundle, one entry a line). A
  /// `.hole` is written as a 0 byte and its number: no other text has a 0 byte (a string's
  /// control characters are escaped), so `JSONTemplate` can find them.
  func compact(into out: inout [UInt8]) {
    switch self {
    case .string(let s): Self.quote(s, into: &out)
    case .int(let n): Self.digits(n, into: &out)
    case .bool(let b): out.append(contentsOf: b ? Self.trueText : Self.falseText)
    case .hole(let h):
      out.append(0)
      out.append(h.rawValue)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        item.compact(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        Self.quote(member.0, into: &out)
        out.append(UInt8(ascii: ":"))
        member.1.compact(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static let trueText = Array("true".utf8)
  static let falseText = Array("false".utf8)

  /// The decimal digits of `n`, as `String(n)` writes them (a small string: no allocation).
  static func digits(_ n: Int, into out: inout [UInt8]) {
    if (0..<10).contains(n) {
      out.append(UInt8(ascii: "0") + UInt8(n))
    } else {
      out.append(contentsOf: String(n).utf8)
    }
  }

  static func quote(_ s: String, into out: inout [UInt8]) {
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: s.utf8)
      out.append(UInt8(ascii: "\""))
      return
    }
    out.append(contentsOf: quote(s).utf8)
  }

  static func quote(_ s: String, into out: inout String) {
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      out += "\""
      out += s
      out += "\""
      return
    }
    out += quote(s)
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

/// What fills a hole of a `JSONTemplate`.
enum JSONHole: UInt8, Sendable {
  case id = 1, partOf, time, rater, value
  /// A second number (the care team's limit of a day's water).
  case limit
}

/// Compact JSON text with holes: made once from an `OrderedJSON` with `.hole` values, then
/// written as often as needed with only the holes to fill. What it writes is byte for byte what
/// the same value with the holes' values in place writes (`compact`), because the pieces are
/// that text, cut where the holes are.
struct JSONTemplate {
  private(set) var pieces: [[UInt8]] = []
  private(set) var holes: [JSONHole] = []

  init(_ value: OrderedJSON) {
    var text: [UInt8] = []
    value.compact(into: &text)
    var piece: [UInt8] = []
    var i = 0
    while i < text.count {
      if text[i] == 0, i + 1 < text.count, let hole = JSONHole(rawValue: text[i + 1]) {
        pieces.append(piece)
        piece = []
        holes.append(hole)
        i += 2
      } else {
        piece.append(text[i])
        i += 1
      }
    }
    pieces.append(piece)
  }

  /// Writes the text, `fill` writing each hole's value (as `compact` would) in its place.
  func write(into out: inout [UInt8], _ fill: (JSONHole, inout [UInt8]) -> Void) {
    for (i, hole) in holes.enumerated() {
      out.append(contentsOf: pieces[i])
      fill(hole, &out)
    }
    out.append(contentsOf: pieces[holes.count])
  }
}
