import Foundation

/// Quotes, asides and plain series in each language's own punctuation, from `format.*` keys:
/// “…” and ASCII parentheses in English, « … » with no-break spaces in French, «…» in Spanish,
/// “…” with full-width （…） and 、 in Chinese. Lists with a conjunction ("a, b and c") use
/// `Localizer.list`, which is Foundation's list format with the language's explicit `Locale`.
///
/// Kept here, beside the safety text that needed it, so the recognizer's `Language/` folder
/// stays untouched.
extension Localizer {
  /// The caregiver's own words, quoted the way this language quotes.
  public func quote(_ text: String) -> String { self("format.quote", ["text": .text(text)]) }

  /// An aside after a phrase, with its leading space where the language wants one:
  /// " (text)" in English, "（text）" in Chinese.
  public func aside(_ text: String) -> String { self("format.aside", ["text": .text(text)]) }

  /// A place said as an aside after a phrase, with no brackets inside brackets: a region whose
  /// name carries its own aside ("mano (lado izquierdo)", "hand (both sides)") has it joined
  /// as a series instead: " (mano, lado izquierdo)", "（手、两侧）" (outside tester, round 7).
  public func aside(_ region: BodyRegion) -> String {
    let name = regionName(region)
    let parts = self("format.aside", ["text": .text("\u{1}")]).split(
      separator: "\u{1}", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return aside(name) }
    let open = parts[0].trimmingCharacters(in: .whitespaces)
    let close = String(parts[1])
    guard !open.isEmpty, !close.isEmpty, name.hasSuffix(close),
      let start = name.range(of: open, options: .backwards)
    else { return aside(name) }
    let head = name[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
    let inner = name[start.upperBound..<name.index(name.endIndex, offsetBy: -close.count)]
    guard !head.isEmpty, !inner.isEmpty else { return aside(name) }
    return aside(series([head, String(inner)]))
  }

  /// Items joined with the language's list separator and no conjunction: "a, b", "a、b".
  public func series(_ items: [String]) -> String {
    items.joined(separator: self("format.series"))
  }
}
