import Foundation

/// Which entries a reader wants: a day range (inclusive, by each entry's own local day) and a
/// type. `accepts` looks at the raw line first, so entries outside the range are skipped without
/// being decoded.
public struct JournalFilter: Sendable {
  public var from: String?
  public var to: String?
  public var kind: JournalEntry.Kind?

  public init(from: String? = nil, to: String? = nil, kind: JournalEntry.Kind? = nil) {
    self.from = from
    self.to = to
    self.kind = kind
  }

  /// Whether a decoded entry is wanted.
  public func matches(_ entry: JournalEntry) -> Bool {
    let day = entry.at.day
    if let from, day < from { return false }
    if let to, day > to { return false }
    if let kind, entry.kind != kind { return false }
    return true
  }

  /// Whether an entry of this type on this local day is wanted (`matches` without decoding).
  public func matches(kind: JournalEntry.Kind, day: String) -> Bool {
    if let from, day < from { return false }
    if let to, day > to { return false }
    if let want = self.kind, kind != want { return false }
    return true
  }

  /// A stored line with a `"receiver"` field added first, as one line (the line's own bytes
  /// otherwise, as `tend journal --json` prints them); nil for a line that does not begin
  /// with `{` (spaces before it), which the caller writes through `jsonLine`.
  public static func storedLine(
    _ line: UnsafeBufferPointer<UInt8>, receiverPrefix prefix: [UInt8], into out: inout [UInt8]
  ) -> Bool {
    guard line.first == 0x7B else { return false }
    out.append(contentsOf: prefix)
    out.append(contentsOf: UnsafeBufferPointer(rebasing: line[1...]))
    out.append(0x0A)
    return true
  }

  /// `{"receiver":"<id>",` for `storedLine`.
  public static func receiverPrefix(_ receiver: String) throws -> [UInt8] {
    Array("{\"receiver\":".utf8) + Array(try JSONEncoder().encode(receiver)) + [0x2C]
  }

  /// A cheap look at the raw line: false only when it surely does not match (lines written by
  /// hand in another layout are passed on to be decoded and checked by `matches`).
  public func accepts(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    if from == nil && to == nil && kind == nil { return true }
    if let kind, let found = Self.value(after: Self.typeKey, in: line) {
      if !found.elementsEqual(kind.rawValue.utf8) { return false }
    }
    if from != nil || to != nil, let at = Self.value(after: Self.atKey, in: line), at.count >= 10 {
      let day = String(decoding: at.prefix(10), as: UTF8.self)
      if let from, day < from { return false }
      if let to, day > to { return false }
    }
    return true
  }

  private static let typeKey = Array("\"type\":\"".utf8)
  private static let atKey = Array("\"at\":\"".utf8)

  /// The bytes of a string value after `key` (up to the next quote), if the key is present.
  static func value(after key: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Slice<
    UnsafeBufferPointer<UInt8>
  >? {
    guard line.count > key.count else { return nil }
    var i = 0
    let last = line.count - key.count
    while i <= last {
      if line[i] == key[0], line[i..<(i + key.count)].elementsEqual(key) {
        let start = i + key.count
        var end = start
        while end < line.count, line[end] != 0x22 { end += 1 }
        return line[start..<end]
      }
      i += 1
    }
    return nil
  }

  /// The entry as stored, with a `"receiver"` field added first, as one line.
  public static func jsonLine(_ entry: JournalEntry, receiver: String) throws -> Data {
    let line = try entry.line()
    var out = Data("{\"receiver\":".utf8)
    out.append(try JSONEncoder().encode(receiver))
    out.append(0x2C)
    out.append(line.dropFirst())
    return out
  }
}
