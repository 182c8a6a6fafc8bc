/// Typed, path-aware access to a parsed data file: every failure becomes a
/// `CatalogError.malformed` naming file, line, column and field.
struct DataReader {
  let file: String
  let locator: SourceLocator

  /// Parses a file's bytes, turning syntax errors into located errors.
  static func parse(_ bytes: [UInt8], file: String) throws(CatalogError) -> (DataReader, JSONNode) {
    let reader = DataReader(file: file, locator: SourceLocator(bytes))
    do {
      return (reader, try JSONParser.parse(bytes))
    } catch {
      let found = error.reason.hasPrefix("expected") ? Self.found(bytes, at: error.offset) : ""
      throw reader.error(at: error.offset, field: "syntax", error.reason + found)
    }
  }

  /// What stands where a value was expected, when it is not plain to see: a byte-order mark,
  /// an invisible or non-ASCII character by code point, or the ASCII character itself.
  static func found(_ bytes: [UInt8], at offset: Int) -> String {
    guard bytes.indices.contains(offset) else { return "" }
    if bytes[offset...].starts(with: ByteOrderMark.bytes) {
      return ", found a byte-order mark (U+FEFF, bytes EF BB BF); save the file as UTF-8 without it"
    }
    let b = bytes[offset]
    if (0x21...0x7E).contains(b) { return ", found \"\(Character(Unicode.Scalar(b)))\"" }
    let tail = bytes[offset..<min(bytes.count, offset + 4)]
    let scalar = String(decoding: tail, as: UTF8.self).unicodeScalars.first
    let code = b < 0x80 ? UInt32(b) : (scalar?.value ?? UInt32(b))
    return ", found U+" + String(code, radix: 16, uppercase: true).leftPadded(4)
  }

  func error(at offset: Int, field: String, _ reason: String) -> CatalogError {
    let (line, column) = locator.location(of: offset)
    return .malformed(file: file, line: line, column: column, field: field, reason: reason)
  }

  func error(_ node: JSONNode, _ path: String, _ reason: String) -> CatalogError {
    error(at: node.offset, field: path, reason)
  }

  func line(of node: JSONNode) -> Int { locator.location(of: node.offset).line }

  /// The members of an object, rejecting keys that are not in `allowed`.
  func object(_ node: JSONNode, _ path: String, allowed: Set<String>) throws(CatalogError)
    -> JSONNode
  {
    guard case .object(let members) = node.kind else {
      throw error(node, path, "expected an object, found \(node.typeName)")
    }
    for member in members where !allowed.contains(member.key) {
      let hint =
        Suggest.nearest(to: member.key, in: allowed.sorted(), limit: 1).first.map {
          "; did you mean \"\($0)\"?"
        } ?? ""
      throw error(member.value, join(path, member.key), "unknown field \"\(member.key)\"\(hint)")
    }
    return node
  }

  func member(_ node: JSONNode, _ path: String, _ key: String) throws(CatalogError) -> JSONNode {
    guard let value = node[key] else { throw error(node, join(path, key), "missing field") }
    return value
  }

  func string(_ node: JSONNode, _ path: String, _ key: String) throws(CatalogError) -> String {
    let value = try member(node, path, key)
    guard case .string(let s) = value.kind, !s.isEmpty else {
      throw error(value, join(path, key), "expected a non-empty string, found \(value.typeName)")
    }
    return s
  }

  func optionalString(_ node: JSONNode, _ path: String, _ key: String) throws(CatalogError)
    -> String?
  {
    guard let value = node[key], !value.isNull else { return nil }
    return try string(node, path, key)
  }

  func int(_ node: JSONNode, _ path: String, _ key: String, in range: ClosedRange<Int>)
    throws(CatalogError) -> Int
  {
    let value = try member(node, path, key)
    guard case .number(let d) = value.kind, d == d.rounded(), abs(d) < 1e9 else {
      throw error(value, join(path, key), "expected a whole number, found \(value.typeName)")
    }
    let n = Int(d)
    guard range.contains(n) else {
      let reason =
        n > range.upperBound
        ? "\(n) is above the maximum \(range.upperBound)"
        : "\(n) is below the minimum \(range.lowerBound)"
      throw error(value, join(path, key), reason)
    }
    return n
  }

  func optionalInt(_ node: JSONNode, _ path: String, _ key: String, in range: ClosedRange<Int>)
    throws(CatalogError) -> Int?
  {
    guard let value = node[key], !value.isNull else { return nil }
    return try int(node, path, key, in: range)
  }

  func bool(_ node: JSONNode, _ path: String, _ key: String) throws(CatalogError) -> Bool {
    let value = try member(node, path, key)
    guard case .bool(let b) = value.kind else {
      throw error(value, join(path, key), "expected true or false, found \(value.typeName)")
    }
    return b
  }

  func array(_ node: JSONNode, _ path: String, _ key: String) throws(CatalogError) -> [JSONNode] {
    let value = try member(node, path, key)
    guard case .array(let items) = value.kind else {
      throw error(value, join(path, key), "expected an array, found \(value.typeName)")
    }
    return items
  }

  /// A string member that must be one of an enum's raw values.
  func choice<T: RawRepresentable & CaseIterable>(
    _ node: JSONNode, _ path: String, _ key: String, as type: T.Type
  ) throws(CatalogError) -> T where T.RawValue == String {
    let value = try member(node, path, key)
    return try choice(value, join(path, key), as: type)
  }

  func choice<T: RawRepresentable & CaseIterable>(
    _ value: JSONNode, _ path: String, as type: T.Type
  ) throws(CatalogError) -> T where T.RawValue == String {
    guard case .string(let s) = value.kind else {
      throw error(value, path, "expected a string, found \(value.typeName)")
    }
    guard let result = T(rawValue: s) else {
      let names = T.allCases.map(\.rawValue)
      let hint = Suggest.nearest(to: s, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
      throw error(
        value, path,
        "unknown value \"\(s)\"\(hint) (expected one of \(names.joined(separator: ", ")))")
    }
    return result
  }

  func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

extension JSONNode {
  var isNull: Bool {
    if case .null = kind { return true }
    return false
  }

  var stringValue: String? {
    if case .string(let s) = kind { return s }
    return nil
  }
}

extension String {
  /// The string with leading zeros up to `width` characters (`"FEFF"`, `"0007"`).
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
