import Foundation
import TendCore

/// The emergency number to call for chest pain, sudden breathlessness or stroke signs, from the
/// region of the user's locale (`en_GB.UTF-8` → GB → 999).
///
/// The table is data: `chat.emergency.<REGION>` keys in `Locales/en.json` (other languages may
/// override), with `chat.emergency.default.en` for English without a region (911) and
/// `chat.emergency.default` otherwise (112, the number most phones route anywhere).
public enum EmergencyNumber {
  /// The region part of a locale name: `en_US.UTF-8` → `US`, `zh-Hans-CN` → `CN`; nil when none.
  public static func region(of locale: String) -> String? {
    let base = locale.split(separator: ".").first.map(String.init) ?? locale
    let base2 = base.split(separator: "@").first.map(String.init) ?? base
    let parts = base2.replacingOccurrences(of: "_", with: "-").split(separator: "-")
    return parts.dropFirst().last { $0.count == 2 && $0.allSatisfy(\.isLetter) }.map {
      $0.uppercased()
    }
  }

  /// The number for the first locale variable set among `LC_ALL`, `LC_MESSAGES`, `LANG`.
  public static func lookup(environment: [String: String], localizer t: Localizer) -> String {
    let raw = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first {
      !$0.isEmpty
    }
    return lookup(locale: raw ?? "", localizer: t)
  }

  public static func lookup(locale: String, localizer t: Localizer) -> String {
    if let region = region(of: locale), t.has("chat.emergency.\(region)") {
      return t("chat.emergency.\(region)")
    }
    let language = locale.prefix { $0.isLetter }.lowercased()
    if language == "en" || language.isEmpty || language == "c" || language == "posix" {
      return t("chat.emergency.default.en")
    }
    return t("chat.emergency.default")
  }
}
