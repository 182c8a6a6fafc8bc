/// CLDR plural categories for whole numbers, for the languages Tend ships.
public enum PluralCategory: String, Sendable, CaseIterable {
  case zero, one, two, few, many, other
}

public enum PluralRules {
  /// The category of a whole number `n` in language `lang` (CLDR rules for integers).
  public static func category(_ n: Int, lang: String) -> PluralCategory {
    let base = lang.split(separator: "-").first.map(String.init) ?? lang
    switch base {
    case "zh", "vi", "ja", "ko": return .other
    case "fr": return n == 0 || n == 1 ? .one : (n != 0 && n % 1_000_000 == 0 ? .many : .other)
    case "es", "it", "pt":
      if n == 1 { return .one }
      return n != 0 && n % 1_000_000 == 0 ? .many : .other
    default: return n == 1 ? .one : .other
    }
  }
}
