import Foundation

/// Reads the family's words (a stop reason, a session note, a feeling) for red flags, for the
/// summary and the `tend log` commands.
///
/// Guarantees: words read as a red flag when the recognizer finds a condition whose rule is a
/// red flag, or when what it finds, added to what was in force then, rules out massage where
/// that alone did not (chills on chemotherapy): the same reading as `SaidRedFlags` in the
/// conversation. Each distinct text (with what was in force) is read once; safe to share
/// between threads.
public final class RedFlagWords: @unchecked Sendable {
  /// Reads `text` said on `date` with `stored` in force; the conditions it finds.
  public typealias Read = (_ text: String, _ date: Date, _ stored: [Condition]) throws ->
    [Condition]
  /// The same, told the language the words were read in when they were said (`Feeling.lang`,
  /// `Session.lang`; nil in older lines).
  public typealias ReadIn = (
    _ text: String, _ lang: String?, _ date: Date, _ stored: [Condition]
  ) throws -> [Condition]

  let catalog: Catalog
  let read: ReadIn
  let lock = NSLock()
  var cache: [String: [String]] = [:]

  public init(catalog: Catalog, read: @escaping Read) {
    self.catalog = catalog
    self.read = { text, _, date, stored in try read(text, date, stored) }
  }

  public init(catalog: Catalog, readIn: @escaping ReadIn) {
    self.catalog = catalog
    self.read = readIn
  }

  /// The red-flag rule ids `text` reads as (sorted, unique), empty when none.
  /// - Throws: what `read` throws (words that could not be read are never "no red flag").
  public func rules(
    in text: String, at date: Date, stored: [Condition] = [], lang: String? = nil
  ) throws -> [String] {
    let trimmed = Self.trimmed(text)
    guard !trimmed.isEmpty else { return [] }
    let key =
      trimmed + "\u{0}" + (lang ?? "") + "\u{0}"
      + stored.map { "\($0.id)|\($0.site?.rawValue ?? "")|\($0.side?.rawValue ?? "")" }.sorted()
      .joined(separator: ";")
    lock.lock()
    let hit = cache[key]
    lock.unlock()
    if let hit { return hit }
    let found = try read(trimmed, lang, date, stored)
    var ids = Set(found.filter { catalog.rule($0.id)?.isRedFlag == true }.map(\.id))
    if ids.isEmpty, !found.isEmpty {
      let checker = SafetyChecker(catalog: catalog)
      if let before = try? checker.restrictions(for: stored).0,
        let after = try? checker.restrictions(for: stored + found).0,
        after.verdict == .stopCallProvider, before.verdict != .stopCallProvider
      {
        ids = Set(found.map(\.id))
      }
    }
    let out = ids.sorted()
    lock.lock()
    cache[key] = out
    lock.unlock()
    return out
  }

  /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation when the text
  /// begins and ends with a printable ASCII character other than a space (nothing to trim:
  /// every whitespace or newline character is a space, a control byte or beyond ASCII).
  static func trimmed(_ text: String) -> String {
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first),
      (0x21...0x7E).contains(last)
    {
      return text
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The same for a summary: `day` is the local day, `stored` the conditions then in force.
  func rules(
    in text: String, at time: SummaryTime, stored: [SummaryCondition], lang: String? = nil
  ) -> [String] {
    let day = time.localDay
    let list = stored.map { c -> Condition in
      let since = c.since.flatMap(CivilDay.parse)
      return Condition(
        id: c.id, site: c.site.flatMap(BodySite.init(rawValue:)),
        side: c.side.flatMap(Side.init(rawValue:)), daysSince: since.map { max(0, day - $0) })
    }
    let date = Date(timeIntervalSince1970: TimeInterval(time.seconds))
    // Fail closed: words that cannot be read count as not read, and the summary says how many.
    return (try? rules(in: text, at: date, stored: list, lang: lang)) ?? [Self.unread]
  }

  /// The languages to read a journal entry's words in for red flags, the same for the
  /// conversation, `tend check --receiver`, `tend log` and the summary: the language they were
  /// read in when they were said (`Feeling.lang`, `Session.lang`), and the family's language
  /// (the profile's) when it is another. Fail closed: words with no recorded language (lines
  /// written before Tend recorded it) or one Tend does not have are read in every language in
  /// `available`; a red flag found in any of them counts.
  public static func languages(recorded: String?, family: String?, available: [String])
    -> [String]
  {
    guard let recorded, available.contains(recorded) else { return available }
    guard let family, family != recorded, available.contains(family) else { return [recorded] }
    return [recorded, family]
  }

  /// Stands for words that could not be read (never shown as a rule).
  static let unread = "\u{0}unread"
}
