import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Issue 17, the screen half, without a terminal: wrapping by display width, what the history
/// keeps, who gave the massage, skipped and stopped steps, water on a fluid limit, the short
/// `suggest`, the audible cue and the receiver's own voice.
@Suite("Conversation screen")
struct ScreenTests {
  @Test("display width: CJK takes two columns, Vietnamese marks none, escapes none")
  func widths() {
    #expect(ScreenText.width("Tend") == 4)
    #expect(ScreenText.width("按摩") == 4)
    #expect(ScreenText.width("Xoa bóp nhẹ nhàng") == 17)
    // The same words with combining marks (NFD) take the same columns.
    #expect(ScreenText.width("Xoa bo\u{301}p nhe\u{323} nha\u{300}ng") == 17)
    #expect(ScreenText.width("\u{1B}[1mbold\u{1B}[0m") == 4)
  }

  @Test("wrapping never cuts a word, keeps lines within the width and hangs list indents")
  func wrapsAtSpaces() {
    let text =
      "  → Turn their left hand palm up, if they can, and make small circles with your thumbs."
    let lines = ScreenText.wrap(text, width: 30)
    #expect(lines.allSatisfy { ScreenText.width($0) <= 30 })
    #expect(lines.count > 2)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
    let words = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    #expect(words == text.trimmingCharacters(in: .whitespaces))
    // A number keeps its unit.
    let step = ScreenText.wrap(
      "Step 1 of 11: hand (both sides), still hold, pressure 0 · 30 s", width: 60)
    #expect(step.last?.hasSuffix("30 s") == true && step.last != "s")
    // A numbered routine line hangs under its text.
    let routine = ScreenText.wrap(
      "10.  ok      hand-and-arm-warmth  Warm hands and arms · 11 min", width: 50)
    #expect(routine.count == 2 && routine[1].hasPrefix("     ") && routine[1].hasSuffix("11 min"))
  }

  @Test("Chinese wraps between characters, never before closing punctuation; Vietnamese at spaces")
  func wrapsOtherScripts() {
    let zh = "轻轻握住他们的双手，慢慢呼吸几次。保持不动，感受手的温暖。如果有任何不适，请马上停下。"
    let lines = ScreenText.wrap(zh, width: 20)
    #expect(lines.allSatisfy { ScreenText.width($0) <= 20 })
    #expect(lines.joined() == zh)
    #expect(lines.allSatisfy { !"，。".contains($0.first!) })
    let vi =
      "Xoa bo\u{301}p nhe\u{323} nha\u{300}ng ca\u{300}ng tay tra\u{301}i, tư\u{300} cô\u{309} tay đê\u{301}n khuy\u{ea}u tay."
    let wrapped = ScreenText.wrap(vi, width: 16)
    #expect(wrapped.allSatisfy { ScreenText.width($0) <= 16 })
    #expect(wrapped.joined(separator: " ") == vi)
  }

  @Test("a word wider than the line is the only thing cut, at the edge")
  func longWord() {
    let lines = ScreenText.wrap(
      "see /a/very/long/path/to/a/file/that/never/ends.json now", width: 12)
    #expect(lines.allSatisfy { ScreenText.width($0) <= 12 })
    #expect(lines.first == "see")
  }

  @Test("history keeps commands and free text, never one-word answers")
  func history() {
    var h = Harness()
    #expect(!h.conversation.remembers("Ann"))
    #expect(h.conversation.remembers("suggest"))
    h.send("Ann")
    // The intake: numbers and no are answers.
    #expect(!h.conversation.remembers("no"))
    #expect(!h.conversation.remembers("1 3"))
    #expect(!h.conversation.remembers("she is on warfarin"))
    h.send("no", "no", "no", "no", "no", "no", "no", "no", "Ana")
    #expect(h.conversation.phase == .idle)
    #expect(h.conversation.remembers("suggest"))
    #expect(h.conversation.remembers("start quick-hands"))
    #expect(h.conversation.remembers("she seems tired today"))
    #expect(!h.conversation.remembers("no"))
    #expect(!h.conversation.remembers("yes"))
    #expect(!h.conversation.remembers("3"))
    h.send("feel")
    #expect(h.conversation.remembers("a little tired but calm"))
    #expect(!h.conversation.remembers("tired"))
  }

  /// Ann added, intake answered, Ana named as the giver.
  static func annWithAna() -> Harness {
    var h = Harness()
    h.send("Ann", "no", "no", "no", "no", "no", "no", "no", "no")
    #expect(h.text.contains("Who is giving the massage to Ann?"))
    h.send("Ana")
    return h
  }

  @Test("who gives the massage: asked once, kept in the profile, said back next time, changeable")
  func giver() {
    var h = Self.annWithAna()
    #expect(h.store.profiles[0].caregivers == ["Ana"])
    var again = Harness(store: h.store)
    let text = again.send("")
    #expect(text.contains("Ana is giving the massage"))
    #expect(!text.contains("Who is giving the massage"))
    again.send("giver Luis")
    #expect(h.store.profiles[0].caregivers == ["Luis", "Ana"])
    #expect(again.send("giver").contains("Luis is giving the massage"))
    #expect(again.send("help").contains("giver NAME: who is giving the massage"))
    // A command typed at the question is read as a command; the question is not asked again.
    var other = Harness()
    other.send("Bo", "no", "no", "no", "no", "no", "no", "no", "no")
    #expect(other.send("suggest").contains("Routines for today"))
    #expect(other.store.profiles[0].caregivers.isEmpty)
    #expect(other.conversation.phase == .idle)
    // A "no" at the question skips it, it is not an unknown command.
    var declined = Harness(profiles: [Profile(id: "cy", name: "Cy")])
    let no = declined.send("1", "no")
    #expect(no.contains("That is fine. I will ask next time."), "\(no)")
    #expect(!no.contains("I do not know"), "\(no)")
    h.send("feel", "a bit sore", "2", "4", "skip")
    let feeling = h.entries("ann").last
    guard case .feeling(let ratings, let words, let by, _)? = feeling else {
      Issue.record("no feeling: \(String(describing: feeling))")
      return
    }
    #expect(by == "Ana" && words == "a bit sore")
    #expect(ratings?.ratedBy == .caregiver && ratings?.rater == "Ana")
  }

  @Test("a skipped step is not worked on; the stop step, the giver and the rater are recorded")
  func sessionTruth() {
    var h = Self.annWithAna()
    h.send("start calm-hands", "no", "2", "3", "skip", "")
    #expect(h.conversation.isGuiding)
    h.key(.skip)
    h.wait(.seconds(45))
    h.wait(.seconds(5))
    h.key(.hurts)
    h.key(.confirm)
    h.send("her palm", "2", "skip", "", "given")
    let session = try? #require(h.sessions.first)
    #expect(session?.by == "Ana")
    #expect(session?.skipped.contains("greet-hold") == true)
    #expect(session?.kept.contains("greet-hold") == false)
    // Given: the step that ran to its end and the one under way; the rest was never reached.
    #expect(session?.kept == ["left-forearm-glide", "left-palm"])
    #expect(session?.skipped.contains("right-palm") == true)
    #expect(session?.sites == ["left-forearm"])
    #expect(session?.stoppedAtStep == "left-palm")
    #expect(session?.stoppedEarly == true)
    #expect(session?.before?.rater == "Ana" && session?.after?.rater == "Ana")
    #expect(session?.stepsDone == 1)
  }

  @Test("water on a fluid limit asks how much, saves it, and says today's total against the limit")
  func waterAmount() throws {
    var h = Harness()
    h.send("Ann", "no", "no", "no", "no", "no", "no", "no", "1500", "Ana")
    #expect(h.store.profiles[0].fluidLimitML == 1500)
    h.send("start quick-hands", "no", "skip", "")
    h.wait(.seconds(600))
    h.send("skip", "")
    #expect(h.send("given").contains("How much did they drink, in ml?"))
    #expect(h.send("lots").contains("a number from 0 to 5000"))
    #expect(h.send("150 ml").contains("150 ml of the 1,500 ml limit"))
    let water = h.entries("ann").compactMap { entry -> (WaterAnswer, Int?, String?)? in
      if case .water(let a, _, let ml, let by) = entry { (a, ml, by) } else { nil }
    }
    #expect(water.count == 1)
    #expect(water.first?.0 == .given && water.first?.1 == 150 && water.first?.2 == "Ana")
  }

  @Test("suggest: verdict and warnings first, five routines, the rest with more")
  func shortSuggest() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("Ana")
    let text = h.send("suggest")
    let verdict = try? #require(
      text.range(of: "Ask the care team first. If they agree, go ahead gently"))
    let list = text.range(of: "Routines for today:")
    #expect(verdict != nil && list != nil && verdict!.lowerBound < list!.lowerBound)
    #expect(text.contains(" 5.") && !text.contains(" 6."))
    #expect(text.contains("type more to see them"))
    let more = h.send("more")
    #expect(more.contains(" 6."))
    #expect(h.send("more").contains("Nothing more to show"))
    // start 6 still means the sixth routine offered.
    #expect(h.send("start 6").contains("Before we start"))
  }

  @Test("a step change cues a sound; the end does too")
  func cue() {
    var h = Self.annWithAna()
    var cues = 0
    h.send("start quick-hands", "no", "skip")
    for action in h.conversation.handle(.line("")) where action == .cue { cues += 1 }
    #expect(cues == 1)
    let later = h.conversation.handle(.tick(elapsed: .seconds(600), now: Date()))
    #expect(later.filter { $0 == .cue }.count >= 2)
  }

  @Test("it's me: the receiver is spoken to directly, rates for herself, and logs as herself")
  func receiverVoice() {
    var h = Self.annWithAna()
    #expect(h.send("it's me").contains("Hello, Ann. I will talk to you directly now."))
    let ask = h.send("feel")
    #expect(ask.contains("How do you feel?") && !ask.contains("Ann feel"))
    let rate = h.send("calm and warm")
    #expect(!rate.contains("Who is answering?"))
    h.send("1", "", "", "8")
    guard case .feeling(let ratings, _, let by, _)? = h.entries("ann").last else {
      Issue.record("no feeling")
      return
    }
    #expect(by == "Ann" && ratings?.ratedBy == .receiver && ratings?.scores["comfort"] == 8)
    #expect(h.send("not me").contains("talk to the person giving the massage again"))
    #expect(h.send("feel").contains("How does Ann feel?"))
  }
}
