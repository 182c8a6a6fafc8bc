import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every shipped language has exactly the keys English has, with the same placeholders and the
/// plural categories its CLDR rules use.
@Suite("Locale completeness")
struct LocaleCompletenessTests {
  static let languages = Catalog.availableLanguages(in: Fixtures.packageRoot).filter { $0 != "en" }

  @Test("the four translations ship")
  func shipped() {
    #expect(Set(Self.languages) == ["es", "fr", "zh-Hans", "vi"])
  }

  @Test("same keys as English, no more, no fewer", arguments: languages)
  func keys(_ lang: String) throws {
    let english = Fixtures.catalog.english
    let table = try #require(Fixtures.catalog.locales[lang])
    let missing = Set(english.values.keys).subtracting(table.values.keys)
    let extra = Set(table.values.keys).subtracting(english.values.keys)
    #expect(
      missing.isEmpty, "\(lang) misses \(missing.count) keys, e.g. \(missing.sorted().prefix(5))")
    #expect(extra.isEmpty, "\(lang) has keys English lacks: \(extra.sorted().prefix(5))")
  }

  @Test("same placeholders and the right kind of value", arguments: languages)
  func placeholders(_ lang: String) throws {
    let english = Fixtures.catalog.english
    let table = try #require(Fixtures.catalog.locales[lang])
    let allowed = Set(["zero", "one", "two", "few", "many", "other"])
    let needed: Set<String> = lang == "zh-Hans" || lang == "vi" ? ["other"] : ["one", "other"]
    for (key, value) in table.values {
      guard let reference = english[key] else { continue }
      #expect(
        LocaleTable.placeholders(in: value) == LocaleTable.placeholders(in: reference),
        "\(lang) \(key): placeholders differ from English")
      switch (reference, value) {
      case (.list, .list(let phrases)):
        #expect(
          !phrases.isEmpty || LocaleTable.scriptSpecificLists.contains(key),
          "\(lang) \(key): empty list")
      case (.text, .text(let s)), (.plural, .text(let s)):
        #expect(!s.isEmpty, "\(lang) \(key): empty")
      case (.plural, .plural(let forms)), (.text, .plural(let forms)):
        #expect(Set(forms.keys).isSubset(of: allowed))
        #expect(needed.isSubset(of: Set(forms.keys)), "\(lang) \(key): needs \(needed)")
      default:
        Issue.record("\(lang) \(key): a \(value) where English has a \(reference)")
      }
    }
  }

  @Test("plural categories follow CLDR")
  func plurals() {
    #expect(PluralRules.category(1, lang: "en") == .one)
    #expect(PluralRules.category(0, lang: "en") == .other)
    #expect(PluralRules.category(0, lang: "fr") == .one)
    #expect(PluralRules.category(1, lang: "es") == .one)
    #expect(PluralRules.category(1_000_000, lang: "es") == .many)
    #expect(PluralRules.category(1, lang: "zh-Hans") == .other)
    #expect(PluralRules.category(1, lang: "vi") == .other)
    let t = Fixtures.catalog.localizer("fr")
    #expect(t("check.daysAgo", ["count": .number(0)]).contains("0"))
  }

  @Test("the language is chosen by flag, then profile, then LC_ALL, LC_MESSAGES, LANG")
  func choice() {
    let available = ["en", "es", "fr", "vi", "zh-Hans"]
    #expect(
      LanguageChoice.choose(
        flag: "fr", profile: "es", environment: ["LANG": "vi_VN.UTF-8"], available: available)
        == "fr")
    #expect(
      LanguageChoice.choose(
        flag: nil, profile: "es", environment: ["LANG": "vi_VN.UTF-8"], available: available)
        == "es")
    #expect(
      LanguageChoice.choose(
        flag: nil, environment: ["LC_ALL": "zh_CN.UTF-8", "LANG": "fr_FR"], available: available)
        == "zh-Hans")
    #expect(
      LanguageChoice.choose(flag: nil, environment: ["LANG": "vi_VN.UTF-8"], available: available)
        == "vi")
    #expect(
      LanguageChoice.choose(flag: nil, environment: ["LANG": "C.UTF-8"], available: available)
        == "en")
    #expect(
      LanguageChoice.choose(flag: nil, environment: ["LANG": "zh_TW.UTF-8"], available: available)
        == "en")
  }
}
