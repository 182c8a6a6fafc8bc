import Foundation
import TendCore
import TendTestSupport
import Testing

/// Stranger 5's F27 through the real `tend` on a pseudo-terminal: a red flag names the call
/// once (at a rating, with `tell`, with `feel`, in English and Spanish); `--home` is refused at
/// the prompt; `summary --output` says where it wrote; a fluid limit with other words is
/// confirmed before it is saved.
@Suite("Conversation wording (F27), end to end")
struct ConversationWordingSessionTests {
  /// How many times `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test("English: a red flag at the pain rating, by tell and by feel: 911 said once each time")
  func callOnceEnglish() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let steps =
      ConversationSafetyTests.intake("Mia") + [
        .line("start calm-hands"), .expect("today> "), .line("no"), .expect("1 or 2> "),
        .line("1"), .expect("pain 0-10> "), .line("6 - she says her chest feels tight"),
        .expect("The session has not started"), .expect("tend> "), .line("echo-mark-1"),
        .expect("tend> "), .line("tell she has chest pain"), .expect("yes or no> "),
        .line("no"), .expect("tend> "), .line("echo-mark-2"), .expect("tend> "), .line("feel"),
        .expect("note> "), .line("her left calf is hot and swollen"),
        .expect("Saved in the journal"),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    let out = run.stdout
    let rating =
      out.components(separatedBy: "pain 0-10> ").last?.components(
        separatedBy: "echo-mark-1"
      ).first ?? ""
    #expect(Self.count("911", in: rating) == 1, "\(rating)")
    #expect(Self.count("Do not massage. Call", in: rating) == 0, "\(rating)")
    #expect(Self.count("Stop. Do not massage today.", in: rating) == 1, "\(rating)")
    let tell =
      out.components(separatedBy: "echo-mark-1").last?.components(
        separatedBy: "echo-mark-2"
      ).first ?? ""
    #expect(Self.count("911", in: tell) == 1, "\(tell)")
    // A suspected clot: the care team once, and the advice the call does not say.
    let feel = out.components(separatedBy: "note> ").last ?? ""
    #expect(Self.count("Call their care team now.", in: feel) == 1, "\(feel)")
    #expect(feel.contains("Never rub that arm or leg."), "\(feel)")
    #expect(try ConversationSafetyTests.journal(home, "mia").contains("chest feels tight"))
  }

  @Test("Spanish: a red flag at the pain rating says 112 once, and the session never starts")
  func callOnceSpanish() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("nombre> "), .line("Ana")]
    for answer in LocalizedSessionTests.intake { steps += [.expect("> "), .line(answer)] }
    steps += [
      .expect("tend> "), .line(""), .expect("tend> "), .line("empezar manos-en-calma"),
      .expect("hoy> "), .line("no"), .expect("1 o 2> "), .line("1"), .expect("dolor 0-10> "),
      .line("6 - tiene dolor de pecho"), .expect("La sesión no ha empezado"),
      .expect("tend> "), .line("salir"), .expect("Adiós"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: LocalizedSessionTests.environment(home: home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let rating = run.stdout.components(separatedBy: "dolor 0-10> ").last ?? ""
    #expect(Self.count("112", in: rating) == 1, "\(rating)")
    #expect(!rating.contains("No des masaje. Llama ahora"), "\(rating)")
    #expect(!rating.contains("Paso 1 de"))
  }

  @Test("--home at the prompt is refused; summary --output says where it wrote")
  func homeAndOutput() throws {
    let home = Fixtures.temporaryDirectory()
    let other = Fixtures.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: home)
      try? FileManager.default.removeItem(at: other)
    }
    let file = home.appendingPathComponent("x5.txt").path
    let elsewhere = other.appendingPathComponent("x6.txt").path
    let steps =
      ConversationSafetyTests.intake("Qu") + [
        .line("summary --home \(other.path) --output \(elsewhere)"),
        .expect("is not taken inside a conversation"), .expect("tend> "),
        .line("summary --output \(file)"), .expect("Wrote the summary to \(file)."),
      ]
    let run = try ConversationSafetyTests.run(steps, home)
    #expect(!run.stdout.contains("there is no one called"), "\(run.stdout)")
    #expect(!FileManager.default.fileExists(atPath: elsewhere))
    let written = try String(contentsOfFile: file, encoding: .utf8)
    #expect(written.contains("Qu"))
  }

  @Test("a fluid limit 'but only on weekdays' is said back; no asks again; plain is saved")
  func fluidLimit() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Mia")]
    for _ in 0..<7 { steps += [.expect("no> "), .line("no")] }
    steps += [
      .expect("ml a day or no> "), .line("1500 ml but only on weekdays"),
      .expect("I did not use “but only on weekdays”"), .expect("yes or no> "), .line("no"),
      .expect("Not saved."), .expect("ml a day or no> "), .line("1500"),
      .expect("Saved: a limit of 1,500 ml a day."),
    ]
    _ = try ConversationSafetyTests.run(steps, home)
    let profile = try String(
      contentsOf: home.appendingPathComponent("receivers/mia/profile.json"), encoding: .utf8)
    #expect(profile.contains("\"fluidLimitML\" : 1500"), "\(profile)")
  }
}
