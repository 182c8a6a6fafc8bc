import Foundation
import TendCore
import TendTestSupport
import Testing

/// The words about what must never touch the skin are exact in every language.
@Suite("Safety words")
struct SafetyWordsTests {
  static let oils: [String: [String]] = [
    "en": ["almond", "walnut", "hazelnut", "macadamia", "peanut"],
    "es": ["almendra", "nogal", "avellana", "macadamia", "cacahuate"],
    "fr": ["amande", "noix", "noisette", "macadamia", "arachide"],
    "zh-Hans": ["杏仁", "核桃", "榛子", "夏威夷果", "花生"],
    "vi": ["hạnh nhân", "óc chó", "hạt phỉ", "mắc ca", "đậu phộng"],
  ]

  @Test("the nut-allergy advice names each oil and its label name", arguments: oils.keys.sorted())
  func nutOils(lang: String) throws {
    let t = Fixtures.catalog.localizer(lang)
    let advice = t("rule.lotion-allergy-nut.advice").lowercased()
    for oil in Self.oils[lang] ?? [] {
      #expect(advice.contains(oil), "\(lang) advice does not name \(oil)")
    }
    for latin in ["prunus amygdalus", "juglans", "corylus", "macadamia", "arachis"] {
      #expect(advice.contains(latin), "\(lang) advice does not give the label name \(latin)")
    }
    let question = t("rule.lotion-allergy-nut.question").lowercased()
    #expect(Self.oils[lang]?.filter { question.contains($0) }.count ?? 0 >= 4, "\(question)")
  }

  @Test("no locale hard-codes an emergency number; the table gives it")
  func noNumberInWords() {
    for lang in Self.oils.keys.sorted() {
      let table = Fixtures.catalog.locales[lang] ?? Fixtures.catalog.english
      for (key, value) in table.values where !key.hasPrefix("vocab.") {
        guard case .text(let text) = value else { continue }
        for number in ["911", "999", "112", "120", "115", "000"] {
          #expect(!text.contains(" \(number)"), "\(lang) \(key) hard-codes \(number)")
        }
      }
    }
  }
}
