/// A parsed JSON value that remembers where it stood in its file.
///
/// Tend's data files are read with this strict parser rather than `JSONDecoder`, so that every
/// error, from a missing comma to a pressure of 4, names the file, line and column. It accepts
/// exactly RFC 8259 JSON: no comments, no trailing commas, no bare words.
public struct JSONNode: Sendable {
  /// Not `indirect`: arrays already hold their elements out of line, and a box per value made
  /// loading the data files mostly allocation and release.
  public enum Kind: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    /// Members in file order (duplicate keys are rejected by the parser).
    case object([(key: String, value: JSONNode)])
  }

  public let kind: Kind
  /// Byte offset of the value's first character.
  public let offset: Int

  /// The member named `key`, for an object.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = kind else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short name of the value's type, for error messages.
  public var typeName: String {
    switch kind {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A syntax error at a byte offset.
public struct JSONSyntaxError: Error, Sendable {
  public let offset: Int
  public let reason: String
}

/// A strict recursive-descent JSON parser over UTF-8 bytes.
public struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let node = try parser.value()
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.fail("unexpected text after the end") }
    return node
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func fail(_ reason: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: min(index, bytes.count), reason: reason)
  }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
    guard current == byte else { throw fail("expected \(what)") }
    index += 1
  }

  private mutating func value() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    guard let b = current else { throw fail("unexpected end of file") }
    switch b {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return JSONNode(kind: .string(try string()), offset: start)
    case UInt8(ascii: "t"): try literal("true"); return JSONNode(kind: .bool(true), offset: start)
    case UInt8(ascii: "f"): try literal("false"); return JSONNode(kind: .bool(false), offset: start)
    case UInt8(ascii: "n"): try literal("null"); return JSONNode(kind: .null, offset: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(kind: .number(try number()), offset: start)
    default: throw fail("expected a value")
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let text = word.utf8Start
    for i in 0..<word.utf8CodeUnitCount {
      guard current == text[i] else { throw fail("expected a value") }
      index += 1
    }
  }

  private mutating func nested() throws(JSONSyntaxError) {
    depth += 1
    guard depth < 200 else { throw fail("nested too deeply") }
  }

  private mutating func object() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    try nested()
    index += 1
    var members: [(key: String, value: JSONNode)] = []
    // Keys seen, once the object is large (a locale file has over a thousand): a linear scan
    // is cheapest for the small objects of routine files but quadratic for a locale.
    var seen: Set<String> = []
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return JSONNode(kind: .object(members), offset: start)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw fail(
          members.isEmpty ? "expected a key in quotes" : "expected a key (trailing comma?)")
      }
      let keyOffset = index
      let key = try string()
      if members.count == 16 { seen = Set(members.map(\.key)) }
      let duplicate =
        members.count < 16 ? members.contains(where: { $0.key == key }) : !seen.insert(key).inserted
      guard !duplicate else {
        throw JSONSyntaxError(offset: keyOffset, reason: "duplicate key \"\(key)\"")
      }
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "':' after the key")
      skipWhitespace()
      members.append((key, try value()))
      skipWhitespace()
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "',' or '}'")
      depth -= 1
      return JSONNode(kind: .object(members), offset: start)
    }
  }

  private mutating func array() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    try nested()
    index += 1
    var items: [JSONNode] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return JSONNode(kind: .array(items), offset: start)
    }
    while true {
      skipWhitespace()
      if current == UInt8(ascii: "]") { throw fail("expected a value (trailing comma?)") }
      items.append(try value())
      skipWhitespace()
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "',' or ']'")
      depth -= 1
      return JSONNode(kind: .array(items), offset: start)
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> Double {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, (0x30...0x39).contains(first) else { throw fail("bad number") }
    if first == 0x30 {
      index += 1
    } else {
      while let d = current, (0x30...0x39).contains(d) { index += 1 }
    }
    if current == UInt8(ascii: ".") {
      index += 1
      guard let d = current, (0x30...0x39).contains(d) else { throw fail("bad number") }
      while let d = current, (0x30...0x39).contains(d) { index += 1 }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard let d = current, (0x30...0x39).contains(d) else { throw fail("bad number") }
      while let d = current, (0x30...0x39).contains(d) { index += 1 }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else { throw fail("bad number") }
    return value
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    index += 1
    // Fast path: no escapes, so the text is a slice of the file.
    let start = index
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      index += 1
    }
    var out = Array(bytes[start..<index])
    while true {
      guard let b = current else { throw fail("unterminated string") }
      switch b {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        guard let e = current else { throw fail("unterminated string") }
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard current == UInt8(ascii: "\\") else { throw fail("lone surrogate") }
            index += 1
            try expect(UInt8(ascii: "u"), "a low surrogate")
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("bad surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let u = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw fail("bad escape")
        }
      case 0..<0x20:
        throw fail("control character in string")
      default:
        out.append(b)
        index += 1
      }
    }
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let h = current else { throw fail("bad \\u escape") }
      let digit: UInt32
      switch h {
      case 0x30...0x39: digit = UInt32(h - 0x30)
      case 0x41...0x46: digit = UInt32(h - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(h - 0x61 + 10)
      default: throw fail("bad \\u escape")
      }
      v = v * 16 + digit
      index += 1
    }
    return v
  }
}
