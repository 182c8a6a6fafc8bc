import Foundation
import TendCore
import TendTestSupport
import Testing

/// Stranger 5's F27: a red flag tells the person once whom to call, in every language, and
/// keeps every distinct piece of each rule's advice (`RedFlagCall`).
@Suite("Red-flag call said once")
struct RedFlagCallTests {
  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]
  static var redFlags: [PrecautionRule] { Fixtures.catalog.rules.filter(\.isRedFlag) }

  /// The English sentences that the stop and the call already say.
  static let saidByTheCall: Set<String> = [
    "Do not massage.", "Do not massage today.", "Do not massage at all today.",
    "Call the emergency number now.",
    "Call the emergency number now, and do not wait to see if it passes.",
    "Call their care team now.",
  ]

  @Test("a red-flag rule with no further advice says only what the stop and the call say")
  func nothingLost() {
    let t = Fixtures.english
    for rule in Self.redFlags where !t.has(RedFlagCall.moreKey(rule.id)) {
      let advice = t("rule.\(rule.id).advice")
      let sentences = advice.split(separator: ".", omittingEmptySubsequences: true).map {
        $0.trimmingCharacters(in: .whitespaces) + "."
      }
      for sentence in sentences {
        #expect(
          Self.saidByTheCall.contains(sentence),
          "\(rule.id): “\(sentence)” is advice the call does not say: give it a .more key")
      }
    }
  }

  @Test(
    "each red flag, alone and with all the others: the call once, no rule advice repeated",
    arguments: languages)
  func callOnce(lang: String) {
    let t = Fixtures.catalog.localizer(lang)
    let sets = Self.redFlags.map { [$0] } + [Self.redFlags]
    for rules in sets {
      for number in ["911", nil] as [String?] {
        let lines = RedFlagCall.messages(rules, number: number, t).map(t.render)
        let ids = rules.map(\.id).joined(separator: "+")
        #expect(lines.first == t("chat.redFlag.stop"), "\(lang) \(ids)")
        let calls = lines.filter {
          $0 == t("chat.redFlag.careTeam") || $0.hasPrefix(t("chat.redFlag.emergency.unknown"))
            || $0 == t("chat.redFlag.emergency", ["number": .text(number ?? "")])
        }
        #expect(calls.count == 1, "\(lang) \(ids): \(lines)")
        // The rules' whole advice (which repeats the stop and the call) is never said.
        for rule in rules {
          let whole = t.render(
            EmergencyContact.line(Message("rule.\(rule.id).advice"), number: number, t))
          #expect(!lines.contains(whole), "\(lang) \(rule.id)")
        }
        if let number {
          // The number stands once for the call, and again only in a conditional line of its
          // own ("if they are bleeding a lot, call the emergency number (911)").
          let withNumber = lines.filter { $0.contains(number) }
          let conditional = rules.filter { t.has(RedFlagCall.moreKey($0.id) + ".number") }
          let emergency = rules.contains(where: \.emergency) ? 1 : 0
          #expect(withNumber.count == emergency + conditional.count, "\(lang) \(ids): \(lines)")
        }
      }
    }
  }

  @Test(
    "every further advice is said: each rule's .more line is among the lines",
    arguments: languages)
  func moreKept(lang: String) {
    let t = Fixtures.catalog.localizer(lang)
    for rule in Self.redFlags where t.has(RedFlagCall.moreKey(rule.id)) {
      let lines = RedFlagCall.messages([rule], number: "112", t).map(t.render)
      let more = t.render(
        EmergencyContact.line(Message(RedFlagCall.moreKey(rule.id)), number: "112", t))
      #expect(lines.contains(more), "\(lang) \(rule.id): \(lines)")
    }
  }

  @Test(
    "tend check's text says the call in its headline and no red flag's whole advice again",
    arguments: languages)
  func checkTextOnce(lang: String) throws {
    let t = Fixtures.catalog.localizer(lang)
    let contact = EmergencyContact(region: "US", entry: Fixtures.catalog.emergencyNumbers["US"])
    let text = CheckText(localizer: t, emergency: contact)
    for rule in Self.redFlags {
      let result = try SafetyChecker(catalog: Fixtures.catalog).check(
        Fixtures.conditions([rule.site == .required ? "\(rule.id)@left-arm" : rule.id]))
      let page = text.render(result, detailed: false)
      let whole = t.render(contact.line(Message("rule.\(rule.id).advice"), t))
      // Wrapped at 80 columns: compared with the spaces and line breaks taken out.
      let bare = { (s: String) in s.filter { !$0.isWhitespace } }
      #expect(!bare(page).contains(bare(whole)), "\(lang) \(rule.id):\n\(page)")
      if t.has(RedFlagCall.moreKey(rule.id)) {
        let more = t.render(contact.line(Message(RedFlagCall.moreKey(rule.id)), t))
        #expect(bare(page).contains(bare(more)), "\(lang) \(rule.id):\n\(page)")
      }
    }
  }
}
