#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Reads a Tend JSON export (`SummaryData`) straight from its bytes, for `tend review`, without
/// `JSONDecoder` (which was three quarters of a review's time) and without building a tree.
///
/// Guarantees: whatever it accepts, `JSONDecoder` accepts too and decodes to the same value (a
/// test compares the two on every fixture and on many mutated files). It is stricter in three
/// ways, each failing closed: a known key repeated in one object, containers nested deeper than
/// `ByteCursor.maxDepth`, and a whole number written with a fraction or exponent (`5.0`) are
/// refused. Unknown keys are skipped as `JSONDecoder` skips them, but must still be valid JSON.
/// A refusal names the line and the field: `line 14: totals.sessions: expected a whole number`.
struct SummaryReader {
  /// Why a file was refused: where (byte offset), which field (`sessions[3].before.pain`), why.
  struct Failure: Error, Equatable {
    var offset: Int
    var field: String
    var reason: String

    /// The same failure one level further out (`name` is a key or `[index]`).
    func under(_ name: String) -> Failure {
      var f = self
      f.field = field.isEmpty ? name : name + (field.hasPrefix("[") ? "" : ".") + field
      return f
    }

    /// `line 14: totals.sessions: expected a whole number`.
    func message(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
      "line \(Self.line(offset, in: bytes)): " + (field.isEmpty ? "" : field + ": ") + reason
    }

    /// Why review refuses the file, in words from `Locales/` (`review.reason.notSummary`):
    /// the line, the field and the reader's reason, as `message` says them.
    func notSummary(_ bytes: UnsafeBufferPointer<UInt8>) -> Message {
      let line = Message.Argument.text(String(Self.line(offset, in: bytes)))
      return field.isEmpty
        ? Message("review.reason.notSummaryAt", ["line": line, "reason": .reason(reason)])
        : Message(
          "review.reason.notSummary",
          ["line": line, "field": .text(field), "reason": .reason(reason)])
    }

    /// The line (from 1) that byte `offset` is on.
    static func line(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
      var line = 1
      for b in bytes[0..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
      return line
    }
  }

  /// A member an object may have; `required` ones must be present (not `Optional` in Swift).
  struct Key {
    let name: StaticString
    let required: Bool
    static func r(_ name: StaticString) -> Key { Key(name: name, required: true) }
    static func o(_ name: StaticString) -> Key { Key(name: name, required: false) }
  }

  var c: ByteCursor
  /// Session rows are read as figures only, into `figureRows` (`readFigures`).
  var figuresOnly = false
  var figureRows: [ReviewFigures.Row]?

  init(_ base: UnsafePointer<UInt8>, count: Int) {
    c = ByteCursor(base, start: 0, end: count)
  }

  /// Reads the whole of `bytes` as one `SummaryData`.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<SummaryData, Failure> {
    guard let base = bytes.baseAddress, bytes.count > 0 else {
      return .failure(Failure(offset: 0, field: "", reason: "the file is empty"))
    }
    var r = SummaryReader(base, count: bytes.count)
    do throws(Failure) {
      let data = try r.summary()
      r.c.skipSpace()
      guard r.c.i == bytes.count else { throw r.fail("unexpected text after the end") }
      return .success(data)
    } catch {
      return .failure(error)
    }
  }

  /// The top-level `kind` and `v` of a JSON object, read leniently (every other value skipped),
  /// to tell a damaged Tend summary from other JSON; nil when the object cannot be walked.
  static func kindAndVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> (kind: String?, v: Int?)? {
    guard let base = bytes.baseAddress else { return nil }
    var c = ByteCursor(base, start: 0, end: bytes.count)
    var kind: String?
    var v: Int?
    let ok = c.members { c, key in
      if c.equals(key, "kind"), c.peek == 0x22 {
        kind = c.string()
        return kind != nil
      }
      if c.equals(key, "v"), let n = c.int() {
        v = n
        return true
      }
      return c.skipValue()
    }
    return ok || kind != nil ? (kind, v) : nil
  }

  /// The line where `bytes` stop being one JSON value, or nil when they are one.
  static func syntaxFailure(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var c = ByteCursor(base, start: 0, end: bytes.count)
    if c.skipValue() {
      c.skipSpace()
      if c.i == bytes.count { return nil }
    }
    return Failure.line(c.i, in: bytes)
  }

  func fail(_ reason: String) -> Failure { Failure(offset: c.i, field: "", reason: reason) }

  // MARK: Containers

  /// Reads an object whose members are `keys`: `body` gets the index of each known key, with
  /// the cursor on its value, and must consume it. Unknown members are skipped.
  mutating func object(_ keys: [Key], _ body: (inout SummaryReader, Int) throws(Failure) -> Void)
    throws(Failure)
  {
    let start = c.i
    guard c.depth < ByteCursor.maxDepth else { throw fail("nested too deeply") }
    guard c.take(0x7B) else { throw fail("expected an object") }
    c.depth += 1
    var seen: UInt64 = 0
    var members = 0
    if !c.take(0x7D) {
      repeat {
        members += 1
        c.skipSpace()
        let keyStart = c.i
        guard let raw = c.rawString() else {
          throw fail(
            c.peek == 0x7D && members > 1 ? "a trailing comma" : "expected a key in quotes")
        }
        guard c.take(0x3A) else { throw fail("expected ':' after the key") }
        guard let k = index(raw, keys) else {
          guard c.skipValue() else { throw fail("not valid JSON") }
          continue
        }
        guard seen & (1 << k) == 0 else {
          throw Failure(offset: keyStart, field: "\(keys[k].name)", reason: "given twice")
        }
        seen |= 1 << k
        do { try body(&self, k) } catch { throw error.under("\(keys[k].name)") }
      } while c.take(0x2C)
      guard c.take(0x7D) else { throw fail("expected ',' or '}'") }
    }
    c.depth -= 1
    for (k, key) in keys.enumerated() where key.required && seen & (1 << k) == 0 {
      throw Failure(offset: start, field: "\(key.name)", reason: "missing")
    }
  }

  /// The index of the key `raw` names in `keys` (an escaped key is unescaped first).
  private func index(_ raw: (start: Int, end: Int, escaped: Bool), _ keys: [Key]) -> Int? {
    if raw.escaped {
      let text = ByteCursor.unescape(
        UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
      return keys.firstIndex { "\($0.name)" == text }
    }
    return keys.firstIndex { c.equals(raw, $0.name) }
  }

  /// Reads an array, calling `body` for each element (failures name the index).
  mutating func array(_ body: (inout SummaryReader) throws(Failure) -> Void) throws(Failure) {
    guard c.depth < ByteCursor.maxDepth else { throw fail("nested too deeply") }
    guard c.take(0x5B) else { throw fail("expected an array") }
    c.depth += 1
    var n = 0
    if !c.take(0x5D) {
      repeat {
        if n > 0, c.peek == 0x5D { throw fail("a trailing comma") }
        do { try body(&self) } catch { throw error.under("[\(n)]") }
        n += 1
      } while c.take(0x2C)
      guard c.take(0x5D) else { throw fail("expected ',' or ']'") }
    }
    c.depth -= 1
  }

  mutating func list<T>(_ element: (inout SummaryReader) throws(Failure) -> T) throws(Failure)
    -> [T]
  {
    var out: [T] = []
    try array { r throws(Failure) in out.append(try element(&r)) }
    return out
  }

  /// `null` as nil, else the value `read` reads.
  mutating func optional<T>(_ read: (inout SummaryReader) throws(Failure) -> T) throws(Failure)
    -> T?
  {
    if c.peek == 0x6E {
      guard c.skipValue() else { throw fail("expected a value") }
      return nil
    }
    return try read(&self)
  }

  /// An object of whole numbers by name (a row's ratings).
  mutating func intsByName() throws(Failure) -> [String: Int] {
    guard c.depth < ByteCursor.maxDepth else { throw fail("nested too deeply") }
    guard c.take(0x7B) else { throw fail("expected an object") }
    c.depth += 1
    var out: [String: Int] = [:]
    if !c.take(0x7D) {
      repeat {
        guard let key = c.string() else {
          throw fail(c.peek == 0x7D ? "a trailing comma" : "expected a key in quotes")
        }
        guard c.take(0x3A) else { throw fail("expected ':' after the key") }
        guard out[key] == nil else { throw fail("given twice").under(key) }
        do { out[key] = try int() } catch { throw error.under(key) }
      } while c.take(0x2C)
      guard c.take(0x7D) else { throw fail("expected ',' or '}'") }
    }
    c.depth -= 1
    return out
  }

  // MARK: Values

  mutating func int() throws(Failure) -> Int {
    guard let n = c.int() else { throw fail("expected a whole number") }
    return n
  }

  mutating func double() throws(Failure) -> Double {
    guard let x = c.double() else { throw fail("expected a number") }
    return x
  }

  mutating func bool() throws(Failure) -> Bool {
    guard let b = c.bool() else { throw fail("expected true or false") }
    return b
  }

  mutating func string() throws(Failure) -> String {
    guard let s = c.string() else { throw fail("expected a string") }
    return s
  }

  mutating func strings() throws(Failure) -> [String] {
    try list { r throws(Failure) in try r.string() }
  }

  /// A string that must be one of an enum's raw values.
  mutating func word<E: RawRepresentable & CaseIterable>(_: E.Type) throws(Failure) -> E
  where E.RawValue == String {
    c.skipSpace()
    let at = c.i
    let text = try string()
    guard let value = E(rawValue: text) else {
      throw Failure(
        offset: at, field: "",
        reason: "\"\(text)\" is not one of "
          + E.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return value
  }

  mutating func time() throws(Failure) -> SummaryTime {
    c.skipSpace()
    let at = c.i
    guard let raw = c.rawString() else { throw fail("expected a string") }
    let bytes = UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start)
    let text = raw.escaped ? ByteCursor.unescape(bytes) : nil
    let parsed =
      raw.escaped ? text.flatMap { SummaryTime.parse(Array($0.utf8)) } : SummaryTime.parse(bytes)
    guard let t = parsed else {
      let shown = text ?? String(decoding: bytes, as: UTF8.self)
      throw Failure(offset: at, field: "", reason: "not an ISO 8601 time: \(shown)")
    }
    return t
  }
}
