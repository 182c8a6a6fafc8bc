import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Refusal and bleeding said during a step stop it in every language (the words are the
/// locale's `guide.refusalWords` and `guide.bleedingWords`; docs/CONVERSATION-SAFETY.md).
@Suite("Conversation safety in every language")
struct ConversationSafetyLanguageTests {
  static let said: [(lang: String, refusal: String, bleeding: String)] = [
    (
      "en", "he says he doesn't want this, he's pulling his hand away",
      "bleeding from her gums a bit"
    ),
    ("es", "dice que no quiere, retira la mano", "le sangran un poco las encías"),
    ("fr", "elle ne veut pas, elle retire sa main", "ses gencives saignent un peu"),
    ("zh-Hans", "她说不想要，把手抽回去了", "她牙龈有点出血"),
    ("vi", "bà nói không muốn, rụt tay lại", "bà bị chảy máu chân răng"),
  ]

  /// Chooses Ann, starts calm-hands with nothing new today and no ratings, up to step 1.
  static func toFirstStep(_ h: inout Harness) {
    h.send("1", "start calm-hands", "no", "skip", "")
  }

  @Test("refusal during a step stops at once, logged with the words", arguments: said)
  func refusal(_ words: (lang: String, refusal: String, bleeding: String)) {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")], lang: words.lang)
    Self.toFirstStep(&h)
    #expect(h.conversation.isGuiding, "\(h.text)")
    h.send(words.refusal)
    #expect(!h.conversation.isGuiding)
    #expect(h.sessions.count == 1)
    #expect(h.sessions.first?.stoppedEarly == true)
    #expect(h.sessions.first?.stopReason == words.refusal)
  }

  @Test("bleeding during a step stops with the red flag's call", arguments: said)
  func bleeding(_ words: (lang: String, refusal: String, bleeding: String)) {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")], lang: words.lang)
    let t = Fixtures.catalog.localizer(words.lang)
    Self.toFirstStep(&h)
    #expect(h.conversation.isGuiding, "\(h.text)")
    let out = h.send(words.bleeding)
    #expect(out.contains(t("chat.redFlag.stop")), "\(out)")
    #expect(!h.conversation.isGuiding)
    #expect(h.sessions.first?.stopReason == words.bleeding)
  }
}
