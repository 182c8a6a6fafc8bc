#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// A forward-only reader over the bytes of one JSON value: just enough JSON to pull a few known
/// fields out of a journal line without building a tree.
///
/// It accepts exactly RFC 8259 JSON (strict strings: valid UTF-8, no raw control characters, only
/// JSON escapes, no lone surrogates; strict numbers: no leading zeros), nested at most
/// `maxDepth` deep; anything else makes a method return nil or false (the line is then set aside
/// and counted, never guessed at). It never reads past `end`, and its recursion is bounded by
/// `maxDepth`, so no line (200,000 `[` included) can exhaust the stack.
struct ByteCursor {
  let base: UnsafePointer<UInt8>
  var i: Int
  let end: Int
  /// Containers currently open around the cursor.
  var depth = 0
  /// A journal line nests 4 deep at most (line → ratings → scores); 32 leaves room.
  static let maxDepth = 32

  init(_ base: UnsafePointer<UInt8>, start: Int, end: Int) {
    self.base = base
    self.i = start
    self.end = end
  }

  mutating func skipSpace() {
    while i < end {
      let c = base[i]
      guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
      i += 1
    }
  }

  /// Consumes `byte` (after whitespace) if it is next.
  mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard i < end, base[i] == byte else { return false }
    i += 1
    return true
  }

  var peek: UInt8? {
    mutating get {
      skipSpace()
      return i < end ? base[i] : nil
    }
  }

  /// The raw bytes of a string (between the quotes, escapes untouched) and whether it has escapes;
  /// nil unless the string is valid JSON text in valid UTF-8.
  mutating func rawString() -> (start: Int, end: Int, escaped: Bool)? {
    guard take(0x22) else { return nil }
    let start = i
    var escaped = false
    var highSurrogate = false  // the previous escape was \uD800-\uDBFF
    while i < end {
      let c = base[i]
      if c == 0x22 {
        guard !highSurrogate else { return nil }
        i += 1
        return (start, i - 1, escaped)
      }
      if c == 0x5C {
        escaped = true
        guard i + 1 < end else { return nil }
        let e = base[i + 1]
        if e == 0x75 {
          guard let unit = hex4(at: i + 2) else { return nil }
          let low = (0xDC00...0xDFFF).contains(unit)
          guard low == highSurrogate else { return nil }
          highSurrogate = (0xD800...0xDBFF).contains(unit)
          i += 6
          continue
        }
        guard !highSurrogate else { return nil }
        switch e {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
        default: return nil
        }
        continue
      }
      guard !highSurrogate, c >= 0x20 else { return nil }
      if c < 0x80 {
        i += 1
      } else {
        guard let n = utf8Length(at: i) else { return nil }
        i += n
      }
    }
    return nil
  }

  private func hex4(at k: Int) -> UInt32? {
    guard k + 4 <= end else { return nil }
    var v: UInt32 = 0
    for j in k..<(k + 4) {
      let h = base[j]
      let d: UInt8
      switch h {
      case 0x30...0x39: d = h - 0x30
      case 0x41...0x46: d = h - 0x41 + 10
      case 0x61...0x66: d = h - 0x61 + 10
      default: return nil
      }
      v = v << 4 | UInt32(d)
    }
    return v
  }

  /// The length of the well-formed UTF-8 sequence at `k` (RFC 3629: no overlongs, no
  /// surrogates, nothing above U+10FFFF), or nil.
  private func utf8Length(at k: Int) -> Int? {
    let b0 = base[k]
    func cont(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      k + j < end && range.contains(base[k + j])
    }
    switch b0 {
    case 0xC2...0xDF: return cont(1) ? 2 : nil
    case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : nil
    case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : nil
    case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : nil
    case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
    case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : nil
    default: return nil
    }
  }

  /// Whether a raw key equals `name` (ASCII).
  func equals(_ raw: (start: Int, end: Int, escaped: Bool), _ name: StaticString) -> Bool {
    guard !raw.escaped, raw.end - raw.start == name.utf8CodeUnitCount else { return false }
    let p = name.utf8Start
    for k in 0..<name.utf8CodeUnitCount where base[raw.start + k] != p[k] { return false }
    return true
  }

  mutating func string() -> String? {
    guard let raw = rawString() else { return nil }
    let bytes = UnsafeBufferPointer(start: base + raw.start, count: raw.end - raw.start)
    return raw.escaped ? Self.unescape(bytes) : String(decoding: bytes, as: UTF8.self)
  }

  /// A string, or nil for JSON `null` (both consumed); `.none` for anything else.
  mutating func optionalString() -> String?? {
    if peek == 0x6E { return skipValue() ? .some(nil) : .none }
    return string().map { .some($0) }
  }

  /// A whole number in strict JSON form (no leading zeros, no fraction or exponent).
  mutating func int() -> Int? {
    skipSpace()
    var negative = false
    if i < end, base[i] == 0x2D {
      negative = true
      i += 1
    }
    var n = 0
    let start = i
    while i < end, base[i] >= 0x30, base[i] <= 0x39 {
      n = n &* 10 &+ Int(base[i] - 0x30)
      i += 1
    }
    guard i > start, i - start < 18, base[start] != 0x30 || i - start == 1 else { return nil }
    if i < end, base[i] == 0x2E || base[i] == 0x65 || base[i] == 0x45 { return nil }
    return negative ? -n : n
  }

  /// A number in strict JSON form, correctly rounded (exact powers of ten when the digits fit
  /// in 53 bits, as the shortest form of a double usually does; else `strtod`); nil when it is
  /// not a number or not finite.
  mutating func double() -> Double? {
    skipSpace()
    let start = i
    guard skipNumber() else { return nil }
    var k = start
    var negative = false
    if base[k] == 0x2D {
      negative = true
      k += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var scale = 0
    var fraction = false
    while k < i {
      let b = base[k]
      if b == 0x2E {
        fraction = true
      } else if b == 0x65 || b == 0x45 {
        break
      } else {
        if mantissa != 0 || b != 0x30 { digits += 1 }
        guard digits <= 19 else { return Self.slowDouble(base, start, i) }
        mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
        if fraction { scale -= 1 }
      }
      k += 1
    }
    if k < i {
      k += 1
      var sign = 1
      if base[k] == 0x2D || base[k] == 0x2B {
        sign = base[k] == 0x2D ? -1 : 1
        k += 1
      }
      var e = 0
      while k < i {
        e = e * 10 + Int(base[k] - 0x30)
        guard e < 10_000 else { return Self.slowDouble(base, start, i) }
        k += 1
      }
      scale += sign * e
    }
    guard mantissa <= 1 << 53, (-22...22).contains(scale) else {
      return mantissa == 0 ? (negative ? -0.0 : 0.0) : Self.slowDouble(base, start, i)
    }
    let m = Double(mantissa)
    let x = scale < 0 ? m / Self.powersOfTen[-scale] : m * Self.powersOfTen[scale]
    return negative ? -x : x
  }

  private static let powersOfTen: [Double] = (0...22).map {
    (0..<$0).reduce(1.0) { x, _ in x * 10 }
  }

  /// `strtod` over a copy of the number's bytes (the line is not NUL-terminated).
  private static func slowDouble(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double?
  {
    let n = end - start
    guard n < 400 else { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
      for k in 0..<n { buf[k] = CChar(bitPattern: base[start + k]) }
      buf[n] = 0
      let x = strtod(buf.baseAddress!, nil)
      return x.isFinite ? x : nil
    }
  }

  mutating func bool() -> Bool? {
    skipSpace()
    if matchWord("true") { return true }
    if matchWord("false") { return false }
    return nil
  }

  private mutating func matchWord(_ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= end else { return false }
    for k in 0..<n where base[i + k] != word.utf8Start[k] { return false }
    i += n
    return true
  }

  /// Skips any value; false if it is not valid JSON or nests deeper than `maxDepth`.
  mutating func skipValue() -> Bool {
    guard let c = peek else { return false }
    switch c {
    case 0x22: return rawString() != nil
    case 0x7B, 0x5B:
      let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
      guard depth < Self.maxDepth else { return false }
      depth += 1
      defer { depth -= 1 }
      i += 1
      if take(close) { return true }
      repeat {
        if c == 0x7B {
          guard rawString() != nil, take(0x3A) else { return false }
        }
        guard skipValue() else { return false }
      } while take(0x2C)
      return take(close)
    case 0x74: return matchWord("true")
    case 0x66: return matchWord("false")
    case 0x6E: return matchWord("null")
    default: return skipNumber()
    }
  }

  /// Skips a number in strict JSON form: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func skipNumber() -> Bool {
    func digits() -> Int {
      let start = i
      while i < end, base[i] >= 0x30, base[i] <= 0x39 { i += 1 }
      return i - start
    }
    if i < end, base[i] == 0x2D { i += 1 }
    guard i < end, base[i] >= 0x30, base[i] <= 0x39 else { return false }
    if base[i] == 0x30 { i += 1 } else { _ = digits() }
    if i < end, base[i] == 0x2E {
      i += 1
      guard digits() > 0 else { return false }
    }
    if i < end, base[i] == 0x65 || base[i] == 0x45 {
      i += 1
      if i < end, base[i] == 0x2B || base[i] == 0x2D { i += 1 }
      guard digits() > 0 else { return false }
    }
    return true
  }

  /// Calls `body` for each member of an object with the cursor on its value; `body` must consume
  /// the value and return false to stop on an error. Returns false on malformed JSON.
  mutating func members(_ body: (inout ByteCursor, (start: Int, end: Int, escaped: Bool)) -> Bool)
    -> Bool
  {
    guard depth < Self.maxDepth, take(0x7B) else { return false }
    depth += 1
    defer { depth -= 1 }
    if take(0x7D) { return true }
    repeat {
      guard let key = rawString(), take(0x3A), body(&self, key) else { return false }
    } while take(0x2C)
    return take(0x7D)
  }

  /// Calls `body` for each element of an array (or nothing for `null`).
  mutating func elements(_ body: (inout ByteCursor) -> Bool) -> Bool {
    if peek == 0x6E { return matchWord("null") }
    guard depth < Self.maxDepth, take(0x5B) else { return false }
    depth += 1
    defer { depth -= 1 }
    if take(0x5D) { return true }
    repeat {
      guard body(&self) else { return false }
    } while take(0x2C)
    return take(0x5D)
  }

  mutating func stringArray() -> [String]? {
    var out: [String] = []
    let ok = elements { c in
      guard let s = c.string() else { return false }
      out.append(s)
      return true
    }
    return ok ? out : nil
  }

  static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var k = 0
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= bytes.count else { return nil }
      var v: UInt32 = 0
      for j in at..<(at + 4) {
        guard let d = Character(UnicodeScalar(bytes[j])).hexDigitValue else { return nil }
        v = v * 16 + UInt32(d)
      }
      return v
    }
    while k < bytes.count {
      let c = bytes[k]
      guard c == 0x5C, k + 1 < bytes.count else {
        out.append(c)
        k += 1
        continue
      }
      let e = bytes[k + 1]
      k += 2
      switch e {
      case 0x6E: out.append(0x0A)
      case 0x74: out.append(0x09)
      case 0x72: out.append(0x0D)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x75:
        guard var scalar = hex4(k) else { return nil }
        k += 4
        if (0xD800..<0xDC00).contains(scalar), k + 6 <= bytes.count, bytes[k] == 0x5C,
          bytes[k + 1] == 0x75,
          let low = hex4(k + 2), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          k += 6
        }
        out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8))
      default: out.append(e)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
