import Foundation

/// Picks the interface language: `--lang`, then the receiver's profile, then `LC_ALL`,
/// `LC_MESSAGES`, `LANG`; English when none names a shipped language.
///
/// `Locale.current` on Linux ignores these variables, so Tend reads them itself.
public enum LanguageChoice {
  public static func choose(
    flag: String?, profile: String? = nil, environment: [String: String], available: [String]
  ) -> String {
    let candidates = [
      flag, profile, environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"],
    ]
    for case let raw? in candidates where !raw.isEmpty {
      if let match = normalize(raw, available: available) { return match }
      if raw == flag || raw == profile { continue }
    }
    return "en"
  }

  /// Maps `es_MX.UTF-8`, `zh_CN`, `zh-Hans`, `fr` to a shipped code, or nil.
  public static func normalize(_ raw: String, available: [String]) -> String? {
    let base = raw.split(separator: ".").first.map(String.init) ?? raw
    let parts = base.replacingOccurrences(of: "_", with: "-").split(separator: "-").map(String.init)
    guard let language = parts.first?.lowercased(), language != "c", language != "posix" else {
      return nil
    }
    if language == "zh" {
      let rest = parts.dropFirst().map { $0.lowercased() }
      let traditional = rest.contains("hant") || rest.contains("tw") || rest.contains("hk")
      return !traditional && available.contains("zh-Hans") ? "zh-Hans" : nil
    }
    return available.first { $0.lowercased() == language }
  }
}
