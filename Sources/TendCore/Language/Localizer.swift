import Foundation

/// Renders messages in one language, falling back to English for a key a translation lacks.
///
/// `%{name}` placeholders take the message's arguments; a plural value picks its form from the
/// `count` argument by the language's CLDR rules. Numbers and lists are formatted with an
/// explicit `Locale`, since `Locale.current` on Linux ignores `LANG`.
public struct Localizer: Sendable {
  public let table: LocaleTable
  public let fallback: LocaleTable?
  public private(set) var locale: Locale

  /// A table that holds only recognizer vocabulary (`vocab.*`, as `es.json` does until its
  /// interface is translated) renders every sentence from the fallback, so lists and numbers
  /// are formatted the fallback's way too ("a and b", not "a y b" inside English text).
  public init(table: LocaleTable, fallback: LocaleTable? = nil) {
    self.table = table
    self.fallback = fallback
    let hasInterface = fallback == nil || table.values.keys.contains { !$0.hasPrefix("vocab.") }
    let lang = hasInterface ? table.lang : fallback?.lang ?? table.lang
    self.locale = Locale(identifier: lang.replacingOccurrences(of: "-", with: "_"))
  }

  public var lang: String { table.lang }

  /// The same words with dates and numbers in a country's way (`en_GB`: "1 Dec 2026", not
  /// "Dec 1, 2026"); unchanged for no country.
  public func inRegion(_ region: String?) -> Localizer {
    guard let region, region.count == 2, region.allSatisfy(\.isLetter) else { return self }
    var copy = self
    copy.locale = Locale(identifier: locale.identifier + "_" + region.uppercased())
    return copy
  }

  /// Whether the key exists in this language or in the fallback.
  public func has(_ key: String) -> Bool { table[key] != nil || fallback?[key] != nil }

  /// The text for a key with arguments.
  public func callAsFunction(_ key: String, _ args: [String: Message.Argument] = [:]) -> String {
    render(Message(key, args))
  }

  /// The phrases of a vocabulary key (empty when missing).
  public func list(_ key: String) -> [String] {
    if case .list(let phrases) = table[key] { return phrases }
    return []
  }

  public func render(_ message: Message) -> String {
    guard let value = table[message.key] ?? fallback?[message.key] else { return message.key }
    let template: String
    switch value {
    case .text(let s):
      template = s
    case .plural(let forms):
      var count = 0
      if case .number(let n)? = message.args["count"] { count = n }
      let category = PluralRules.category(count, lang: lang).rawValue
      template = forms[category] ?? forms["other"] ?? message.key
    case .list(let phrases):
      template = phrases.first ?? message.key
    }
    return fill(template, message.args)
  }

  /// Replaces each `%{name}` with its argument; an unknown name is left as written, and text
  /// from an unclosed `%{` on is kept once, as it stands. Works on the UTF-8 bytes (no
  /// Foundation string search: this runs for every line Tend prints).
  func fill(_ template: String, _ args: [String: Message.Argument]) -> String {
    var template = template
    return template.withUTF8 { bytes -> String in
      let count = bytes.count
      var i = 0
      // The common case: no placeholder at all.
      while i + 1 < count, !(bytes[i] == 0x25 && bytes[i + 1] == 0x7B) { i += 1 }
      guard i + 1 < count else { return String(decoding: bytes, as: UTF8.self) }
      var out = ""
      out.reserveCapacity(count + 16)
      var copied = 0
      while i + 1 < count {
        guard bytes[i] == 0x25, bytes[i + 1] == 0x7B else {
          i += 1
          continue
        }
        var end = i + 2
        while end < count, bytes[end] != 0x7D { end += 1 }
        guard end < count else { break }
        out += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<i]), as: UTF8.self)
        let name = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<end]), as: UTF8.self)
        out += args[name].map(text) ?? "%{\(name)}"
        i = end + 1
        copied = i
      }
      out += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<count]), as: UTF8.self)
      return out
    }
  }

  /// One argument as text.
  public func text(_ argument: Message.Argument) -> String {
    switch argument {
    case .text(let s): return s
    case .number(let n): return n.formatted(.number.locale(locale).grouping(.automatic))
    case .key(let k): return render(Message(k))
    case .keys(let keys): return list(keys.map { render(Message($0)) })
    case .region(let site, let side): return regionName(BodyRegion(site, side: side))
    case .reason(let reason): return ReasonText.render(reason, self)
    case .regions(let regions): return list(regions.map(regionName))
    }
  }

  /// "left forearm", "hand (both sides)", "belly".
  public func regionName(_ region: BodyRegion) -> String {
    let site = Message.Argument.key("site.\(region.site.rawValue)")
    guard region.site.isPaired else { return text(site) }
    return render(Message("region.\(region.side?.rawValue ?? "both")", ["site": site]))
  }

  /// A date and time for people, in this language's usual form ("Nov 29, 2026, 10:15 AM",
  /// "29 nov. 2026, 10:15", "2026年11月29日 10:15"), in the given time zone.
  public func dateTime(_ date: Date, timeZone: TimeZone = .current) -> String {
    var style = Date.FormatStyle(
      date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone)
    style.calendar = Calendar(identifier: .gregorian)
    return date.formatted(style)
  }

  /// Joins items as "a, b and c" in this language.
  public func list(_ items: [String]) -> String {
    items.formatted(.list(type: .and).locale(locale))
  }
}
