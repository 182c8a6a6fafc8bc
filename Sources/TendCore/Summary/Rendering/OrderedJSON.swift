/// A JSON value that keeps its members in the order written, for outputs people read and
/// diff (FHIR puts `resourceType` first). Serialized with two-space indents, short arrays of
/// scalars on one line.
indirect enum OrderedJSON: Equatable, Sendable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case array([OrderedJSON])
  case object([(String, OrderedJSON)])

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
