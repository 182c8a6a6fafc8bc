import Foundation

/// A moment with the UTC offset it was recorded in, written as ISO 8601
/// (`2026-11-29T10:15:00+01:00`; UTC is `+00:00`).
///
/// Keeping the offset keeps the caregiver's own clock time and calendar day in the journal;
/// comparisons use the absolute instant. Parsing is a fixed-format scanner (no formatter), so
/// reading a million lines stays fast.
public struct Timestamp: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  public var date: Date
  /// Seconds east of UTC.
  public var offsetSeconds: Int

  public init(_ date: Date, offsetSeconds: Int) {
    self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
    self.offsetSeconds = offsetSeconds
  }

  /// `date` in the machine's time zone.
  public init(_ date: Date, timeZone: TimeZone = .current) {
    self.init(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.date < b.date }

  /// The local calendar day it was recorded on, `YYYY-MM-DD`.
  public var day: String { String(description.prefix(10)) }

  public var description: String {
    let local = Int(date.timeIntervalSince1970) + offsetSeconds
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let seconds = local - days * 86_400
    let (y, m, d) = Self.civil(fromDays: days)
    let off = abs(offsetSeconds) / 60
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year = y < 1000 ? String(repeating: "0", count: 4 - "\(y)".count) + "\(y)" : "\(y)"
    return "\(year)-\(two(m))-\(two(d))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):"
      + "\(two(seconds % 60))\(offsetSeconds < 0 ? "-" : "+")\(two(off / 60)):\(two(off % 60))"
  }

  /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`; nil for anything else.
  public static func parse(_ text: String) -> Timestamp? {
    let b = Array(text.utf8)
    func num(_ at: Int, _ count: Int) -> Int? {
      guard at + count <= b.count else { return nil }
      var n = 0
      for i in at..<(at + count) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        n = n * 10 + Int(b[i] - 48)
      }
      return n
    }
    guard b.count >= 17, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45,
      let d = num(8, 2), b[10] == 84 || b[10] == 32, let h = num(11, 2), b[13] == 58,
      let mi = num(14, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60
    else { return nil }
    var i = 16
    var s = 0
    if i < b.count, b[i] == 58 {
      guard let sec = num(17, 2), sec < 61 else { return nil }
      s = sec
      i = 19
      if i < b.count, b[i] == 46 {
        i += 1
        while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
      }
    }
    guard i < b.count else { return nil }
    var offset = 0
    if b[i] == 90 {
      i += 1
    } else if b[i] == 43 || b[i] == 45 {
      let negative = b[i] == 45
      guard let oh = num(i + 1, 2) else { return nil }
      let om: Int
      if i + 3 < b.count, b[i + 3] == 58, let m = num(i + 4, 2) {
        om = m
        i += 6
      } else if let m = num(i + 3, 2) {
        om = m
        i += 5
      } else {
        return nil
      }
      offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
    } else {
      return nil
    }
    guard i == b.count, days(year: y, month: mo, day: d).1 == d else { return nil }
    let local = days(year: y, month: mo, day: d).0 * 86_400 + h * 3600 + mi * 60 + s
    return Timestamp(Date(timeIntervalSince1970: Double(local - offset)), offsetSeconds: offset)
  }

  /// Days since 1970-01-01 for a civil date, and the day it normalises to (to reject Feb 30).
  static func days(year: Int, month: Int, day: Int) -> (Int, Int) {
    let total = CivilDay.days(year: year, month: month, day: day)
    return (total, CivilDay.components(total).day)
  }

  /// The civil date of a day count since 1970-01-01.
  static func civil(fromDays days: Int) -> (Int, Int, Int) {
    let c = CivilDay.components(days)
    return (c.year, c.month, c.day)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let parsed = Timestamp.parse(text) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "\"\(text)\" is not an ISO 8601 time with an offset")
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
