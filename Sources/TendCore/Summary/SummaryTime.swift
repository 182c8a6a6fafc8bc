import Foundation

/// A moment with the UTC offset it was written in (`2026-11-20T18:00:00-05:00`).
///
/// The local calendar day is the caregiver's own day, so a session at 23:30 counts on that
/// evening's date. Parsing is a fixed-format byte scanner: no formatter, no allocation.
public struct SummaryTime: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64
  /// Seconds east of UTC.
  public var offset: Int32

  public init(seconds: Int64, offset: Int32) {
    self.seconds = seconds
    self.offset = offset
  }

  public init(_ date: Date, offset: Int32 = 0) {
    self.init(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), offset: offset)
  }

  public static func < (a: SummaryTime, b: SummaryTime) -> Bool { a.seconds < b.seconds }

  public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

  /// Days since 1970-01-01 of the local calendar day.
  public var localDay: Int {
    let local = seconds + Int64(offset)
    return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
  }

  public func adding(minutes: Int) -> SummaryTime {
    SummaryTime(seconds: seconds + Int64(minutes) * 60, offset: offset)
  }

  /// `YYYY-MM-DD` of the local day.
  public var day: String { CivilDay.string(localDay) }
  public var year: Int { CivilDay.components(localDay).year }

  public var description: String {
    let local = seconds + Int64(offset)
    let secs = Int(local - Int64(localDay) * 86_400)
    let off = abs(Int(offset)) / 60
    return
      "\(day)T\(CivilDay.two(secs / 3600)):\(CivilDay.two(secs / 60 % 60)):\(CivilDay.two(secs % 60))"
      + "\(offset < 0 ? "-" : "+")\(CivilDay.two(off / 60)):\(CivilDay.two(off % 60))"
  }

  /// `description`'s bytes, appended to `out` without making a string (an export writes two
  /// times for every session).
  func writeDescription(into out: inout [UInt8]) {
    let days = localDay
    let (y, m, d) = CivilDay.components(days)
    let local = seconds + Int64(offset)
    let secs = Int(local - Int64(days) * 86_400)
    let off = abs(Int(offset)) / 60
    Self.decimal(y, into: &out)
    out.append(0x2D)
    Self.two(m, into: &out)
    out.append(0x2D)
    Self.two(d, into: &out)
    out.append(0x54)
    Self.two(secs / 3600, into: &out)
    out.append(0x3A)
    Self.two(secs / 60 % 60, into: &out)
    out.append(0x3A)
    Self.two(secs % 60, into: &out)
    out.append(offset < 0 ? 0x2D : 0x2B)
    Self.two(off / 60, into: &out)
    out.append(0x3A)
    Self.two(off % 60, into: &out)
  }

  /// As `CivilDay.two`: a leading 0 below 10, else the decimal digits.
  private static func two(_ n: Int, into out: inout [UInt8]) {
    if (0..<10).contains(n) {
      out.append(0x30)
      out.append(0x30 + UInt8(n))
    } else {
      decimal(n, into: &out)
    }
  }

  /// As `"\(n)"`.
  private static func decimal(_ n: Int, into out: inout [UInt8]) {
    if (10..<100).contains(n) {
      out.append(0x30 + UInt8(n / 10))
      out.append(0x30 + UInt8(n % 10))
    } else if (1000..<10000).contains(n) {
      out.append(0x30 + UInt8(n / 1000))
      out.append(0x30 + UInt8(n / 100 % 10))
      out.append(0x30 + UInt8(n / 10 % 10))
      out.append(0x30 + UInt8(n % 10))
    } else {
      out.append(contentsOf: String(n).utf8)
    }
  }

  /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`; nil for anything else.
  public static func parse<C: RandomAccessCollection>(_ b: C) -> SummaryTime?
  where C.Element == UInt8, C.Index == Int {
    let base = b.startIndex
    let count = b.count
    func num(_ at: Int, _ n: Int) -> Int? {
      guard at + n <= count else { return nil }
      var v = 0
      for i in at..<(at + n) {
        let c = b[base + i]
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard count >= 17, let y = num(0, 4), b[base + 4] == 45, let mo = num(5, 2), b[base + 7] == 45,
      let d = num(8, 2), b[base + 10] == 84 || b[base + 10] == 32, let h = num(11, 2),
      b[base + 13] == 58, let mi = num(14, 2), (1...12).contains(mo), (1...31).contains(d), h < 24,
      mi < 60
    else { return nil }
    var i = 16
    var s = 0
    if i < count, b[base + i] == 58 {
      guard let sec = num(17, 2), sec < 61 else { return nil }
      s = sec
      i = 19
      if i < count, b[base + i] == 46 {
        i += 1
        while i < count, b[base + i] >= 48, b[base + i] <= 57 { i += 1 }
      }
    }
    guard i < count else { return nil }
    var off = 0
    switch b[base + i] {
    case 90: i += 1  // Z
    case 43, 45:
      let sign = b[base + i] == 45 ? -1 : 1
      guard let oh = num(i + 1, 2) else { return nil }
      var j = i + 3
      if j < count, b[base + j] == 58 { j += 1 }
      guard let om = num(j, 2), oh < 24, om < 60 else { return nil }
      off = sign * (oh * 3600 + om * 60)
      i = j + 2
    default: return nil
    }
    guard i == count else { return nil }
    let days = CivilDay.days(year: y, month: mo, day: d)
    let local = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    return SummaryTime(seconds: local - Int64(off), offset: Int32(off))
  }

  public static func parse(_ text: String) -> SummaryTime? { parse(Array(text.utf8)) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let t = Self.parse(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
    }
    self = t
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
