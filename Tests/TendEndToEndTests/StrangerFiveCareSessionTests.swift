import Foundation
import TendCore
import TendTestSupport
import Testing

/// Stranger 5's F25 and F20 through the real `tend` on a pseudo-terminal: after pain 10 the
/// steps are the gentler plan Tend announced; hearsay and an empty "who says so?" never close
/// a red flag; family is not the care team; the red-flag hint does not say "tell tell".
@Suite("Stranger 5: what Tend says and does, end to end")
struct StrangerFiveCareSessionTests {
  @Test("F25: pain 10 before: pressure 1 everywhere, no squeezing, no wrist circles")
  func gentlerAfterSeverePain() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps =
      ConversationSafetyTests.intake("Mia") + [
        .line("start calm-hands"), .expect("today> "), .line("no"), .expect("1 or 2> "),
        .line("1"), .expect("pain 0-10> "), .line("10"), .expect("0-10> "), .line("skip"),
        .expect("the lightest touch (pressure 1), no squeezing and no joint movement"),
        .expect("begin> "), .line(""), .expect("Step 1 of 9"),
      ]
    for n in 2...9 { steps += [.pause(0.5), .send("s"), .expect("Step \(n) of 9")] }
    steps += [
      .pause(0.5), .send("x"), .expect("what happened> "), .line(""),
      .expect("pain 0-10> "), .line("skip"), .expect("note> "), .line(""), .expect("later> "),
      .line("declined"),
    ]
    let run = try ConversationSafetyTests.run(steps, home)
    let shown = run.stdout.components(separatedBy: "Step 1 of 9").last ?? ""
    #expect(!shown.contains("pressure 2"), "\(shown)")
    // No step is done as squeezing or joint circles (the step headers name the technique).
    #expect(!shown.contains("squeeze and let go, pressure"), "\(shown)")
    #expect(!shown.contains("joint circles, pressure"), "\(shown)")
    #expect(shown.contains("No squeeze and let go today: use long strokes instead"))
    #expect(shown.contains("left forearm, long strokes, pressure 1"))
    let journal = try ConversationSafetyTests.journal(home, "mia")
    #expect(journal.contains("\"pressure\":1") || journal.contains("\"pressure\":0"), "\(journal)")
  }

  @Test("F20: family is not the care team; hearsay asks first; Enter closes nothing")
  func careTeamWords() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Mia") + [
        .line("tell she is on warfarin"), .expect("yes or no> "), .line("yes"),
        .expect("tend> "), .line("tell she has chest pain"), .expect("yes or no> "),
        .line("yes"), .expect("Saved: Chest pain"), .expect("tend> "),
        .line("my sister is a nurse and said it is fine"),
        .expect("family and friends are not their care team"), .expect("tend> "),
        .line("the doctor said it's fine to massage her, she's ok now"),
        .expect("Has a doctor or nurse seen or examined Mia"), .expect("yes or no> "),
        .line("yes"), .expect("who says so> "), .line(""),
        .expect("This stays in force for Mia"), .expect("tend> "), .line("suggest"),
        .expect("Call 911 now"),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    #expect(!run.stdout.contains("Taken off"))
    #expect(!run.stdout.contains("Which ones did they say yes to"))
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/mia/profile.json"), encoding: .utf8)
    #expect(profile.contains("chest-pain"))
  }

  @Test("F27: the red-flag hint after 'tell ...' says tell once")
  func tellOnce() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Mia") + [
        .line("feel"), .expect("note> "), .line("tell she has chest pain right now"),
        .expect("Saved in the journal"),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    #expect(!run.stdout.contains("tell tell"), "\(run.stdout)")
  }
}
