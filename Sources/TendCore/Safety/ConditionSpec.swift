import Foundation

/// Parses and prints the command-line form of a condition: `ID`, `ID@SITE`, `ID@SIDE-SITE`,
/// each optionally followed by `+Nd` (days since it began).
///
/// Examples: `anticoagulants`, `iv-line@left-forearm`, `joint-replacement-knee@left-knee+10d`.
/// Parsing checks the syntax, that the id is plain (`a-z`, `0-9`, inner `-`: no spaces, control
/// characters or other letters) and the site; whether the id is a known rule is the checker's job.
public enum ConditionSpec {
  /// Why a spec could not be read.
  public enum ParseError: Error, Equatable, Sendable {
    case empty
    case badDays(String)
    case unknownSite(String)
    /// An id that is not a plain condition id (`a-z`, `0-9` and inner `-`).
    case badID(String)
  }

  /// Whether `id` is a plain condition id: a letter or digit, then letters, digits and `-`, at
  /// most 64 bytes.
  public static func isPlainID(_ id: some StringProtocol) -> Bool {
    guard let first = id.utf8.first, first != UInt8(ascii: "-"), id.utf8.count <= 64 else {
      return false
    }
    return id.utf8.allSatisfy {
      (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-")
    }
  }

  public static func parse(_ text: String) throws(ParseError) -> Condition {
    var body = trimmed(text).lowercased()
    guard !body.isEmpty else { throw .empty }
    var days: Int?
    // `+` and `@` are ASCII, so their UTF-8 positions are character boundaries (searching the
    // bytes is what the rule examples at every start can afford).
    if let plus = body.utf8.lastIndex(of: UInt8(ascii: "+")) {
      let tail = body[body.utf8.index(after: plus)...]
      guard tail.hasSuffix("d"), let n = Int(tail.dropLast()), n >= 0 else {
        throw .badDays(String(tail))
      }
      days = n
      body = String(body[..<plus])
    }
    let parts: [String] =
      if let at = body.utf8.firstIndex(of: UInt8(ascii: "@")) {
        [String(body[..<at]), String(body[body.utf8.index(after: at)...])]
      } else {
        [body]
      }
    guard let id = parts.first, !id.isEmpty else { throw .empty }
    guard isPlainID(id) else { throw .badID(id) }
    guard parts.count == 2 else { return Condition(id: id, daysSince: days) }
    guard let region = BodyRegion(token: parts[1]) else { throw .unknownSite(parts[1]) }
    return Condition(id: id, site: region.site, side: region.side, daysSince: days)
  }

  /// `text` without the white space around it (`CharacterSet.whitespaces`); only asked of
  /// Foundation when it begins or ends with something other than a plain ASCII character.
  static func trimmed(_ text: String) -> String {
    guard let first = text.utf8.first, let last = text.utf8.last else { return text }
    func plain(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }
    return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
  }

  /// The spec that parses back to the same condition (without `matched`).
  public static func format(_ condition: Condition) -> String {
    var text = condition.id
    if let region = condition.region { text += "@" + region.token }
    if let days = condition.daysSince { text += "+\(days)d" }
    return text
  }
}
