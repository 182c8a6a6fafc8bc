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
    switch self {
    case .string(let s): return Self.quote(s)
    case .int(let n): return String(n)
    case .bool(let b): return b ? "true" : "false"
    case .array(let items):
      if items.isEmpty { return "[]" }
      if items.allSatisfy({
        if case .object = $0 {
          return false
        } else if case .array = $0 {
          return false
        } else {
          return true
        }
      }) {
        return "[" + items.map { $0.text() }.joined(separator: ", ") + "]"
      }
      let pad = String(repeating: "  ", count: indent + 1)
      return "[\n" + items.map { pad + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n"
        + String(repeating: "  ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      let pad = String(repeating: "  ", count: indent + 1)
      return "{\n"
        + members.map { pad + Self.quote($0.0) + ": " + $0.1.text(indent: indent + 1) }.joined(
          separator: ",\n")
        + "\n" + String(repeating: "  ", count: indent) + "}"
    }
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
