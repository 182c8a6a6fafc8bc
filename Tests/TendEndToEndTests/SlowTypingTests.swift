import Foundation
import TendCore
import TendTestSupport
import Testing

/// Words typed during a step one key at a time (oily hands), through the real `tend` on a
/// terminal: a step key's letter that begins a word is never lost (stranger 8, F6).
@Suite("Slow typing during a step, end to end")
struct SlowTypingTests {
  /// The tester's phrase sent a key at a time, `gap` seconds apart, then Enter.
  static func typed(_ text: String, gap: Double) -> [PseudoTerminal.Step] {
    text.flatMap { [PseudoTerminal.Step.send(String($0)), .pause(gap)] } + [.send("\r")]
  }

  static func stopped(_ home: URL, _ id: String, reason: String) throws {
    let entries = try JournalCheck.lines(home, id)
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stopReason"] as? String == reason)
  }

  @Test(
    "en: the tester's sentences at 0.3 s a key stop the session with the call",
    arguments: ["pain in her chest", "numb on one side", "blood in her pee", "swollen hot calf"])
  func english(_ sentence: String) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [.pause(0.5)] + Self.typed(sentence, gap: 0.3)
    steps += [
      .expect("Stop. Do not massage today"), .expect("The session is stopped"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Noted. Going on with the step"))
    try Self.stopped(home, "bo", reason: sentence)
  }

  @Test("es: «dolor fuerte en el pecho» at 0.3 s a key (d, o are keys) stops with 112")
  func spanish() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [.expect("nombre> "), .line("Ana")]
    for answer in LocalizedSessionTests.intake { steps += [.expect("> "), .line(answer)] }
    steps += [
      .expect("tend> "), .line("Luis"), .expect("tend> "), .line("empezar manos-en-calma"),
      .expect("hoy> "), .line("no"), .expect("1 o 2> "), .line("yo"),
      .expect("dolor 0-10> "), .line("omitir"), .expect("Enter para empezar> "), .line(""),
      .expect("Paso 1 de"), .pause(0.5),
    ]
    steps += Self.typed("dolor fuerte en el pecho", gap: 0.3)
    steps += [
      .expect("Llama al 112 ahora"), .expect("La sesión está parada"), .expect("tend> "),
      .line("salir"), .expect("Adiós"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: LocalizedSessionTests.environment(home: home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("Anotado. Seguimos con el paso"))
    try Self.stopped(home, "ana", reason: "dolor fuerte en el pecho")
  }

  @Test("slower than a key's wait: the key acts, and its letter is put back in front of the words")
  func putBack() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [
      .pause(0.5), .send("s"), .expect("Step 2 of"), .pause(0.2), .send("w"),
      .expect("what is happening> sw"), .line("ollen hot calf"),
      .expect("Stop. Do not massage today"), .expect("tend> "), .line("quit"),
      .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    try Self.stopped(home, "bo", reason: "swollen hot calf")
  }

  @Test("a pause pressed on purpose, then words at once: read without the key too (p + chest pain)")
  func bothReadings() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps = PseudoTerminal.toFirstStep(name: "Bo", routine: "feet-quick")
    steps += [
      .pause(0.5), .send("p"), .expect("Paused."), .pause(0.2), .send("c"),
      .expect("what is happening> pc"), .line("hest pain"),
      .expect("Call 911 now"), .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: REPLSessionTests.environment(home: home, scale: 1))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    try Self.stopped(home, "bo", reason: "pchest pain")
  }
}
