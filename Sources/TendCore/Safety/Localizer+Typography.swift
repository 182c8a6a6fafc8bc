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

  /// Items joined with the language's list separator and no conjunction: "a, b", "a、b".
  public func series(_ items: [String]) -> String {
    items.joined(separator: self("format.series"))
  }
}
