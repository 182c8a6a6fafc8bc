import Foundation
import TendCore
import TendTestSupport
import Testing

/// Step keys and routine words in the user's language, through the real `tend`.
@Suite("Spanish keys and routine words, end to end")
struct LocalKeysSessionTests {
  @Test("through a terminal, a Spanish guided session steered by single Spanish keys")
  func spanishKeysSession() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [
      .expect("¿A quién cuidamos"), .expect("nombre> "), .line("Ana"),
    ]
    for answer in LocalizedSessionTests.intake { steps += [.expect("> "), .line(answer)] }
    steps += [
      .expect("¿Quién da el masaje a Ana?"), .expect("tend> "), .line("Luis"),
      .expect("tend> "), .line("sugerir"), .expect("cabeza-en-calma  Cabeza en calma · 5 min"),
      .expect("tend> "),
      // The routine by its Spanish word, completed with Tab.
      .send("empezar manos-en-c\t"), .pause(0.3), .line(""),
      .expect("hoy> "), .line("no"), .expect("1 o 2> "), .line("yo"),
      .expect("dolor 0-10> "), .line("omitir"),
      .expect("Enter para empezar> "), .line(""),
      .expect("Paso 1 de"),
      // The legend, wrapped to the window: the Spanish keys.
      .expect("Teclas: p pausa, a atrás, r repetir, o omitir,"), .expect("t terminar, d"),
      .expect("duele."),
      // Single keys, no Enter: o skips, a goes back, English s still skips, p pauses.
      .pause(0.5), .send("o"), .expect("Paso 2 de"), .pause(0.5), .send("a"),
      .expect("Paso 1 de"), .pause(0.5), .send("o"), .expect("Paso 2 de"), .pause(0.5),
      .send("s"), .expect("Paso 3 de"), .pause(0.5), .send("p"),
      .expect("En pausa. Pulsa p para seguir."), .pause(0.5), .send("p"), .expect("Seguimos."),
      .pause(0.5), .send("d"), .expect("Pulsa d otra vez"), .pause(0.5), .send("d"),
      .expect("qué pasó> "), .line("se quejó de la muñeca"),
      .expect("dolor 0-10> "), .line("omitir"), .expect("nota> "), .line(""),
      .expect("más tarde> "), .line("no"), .expect("tend> "), .line("salir"), .expect("Adiós"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: LocalizedSessionTests.environment(home: home), columns: 60)
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    let entries = try JournalCheck.lines(home, "ana")
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    let calm = try #require(Fixtures.catalog.routine("calm-hands"))
    #expect(session["routine"] as? String == "calm-hands")
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stopReason"] as? String == "se quejó de la muñeca")
    #expect(session["stoppedAtStep"] as? String == calm.steps[2].id)
    let plan = session["plan"] as? [String: Any]
    let skipped = plan?["skipped"] as? [String] ?? []
    #expect(skipped.contains(calm.steps[0].id) && skipped.contains(calm.steps[1].id), "\(skipped)")
    let kept = (plan?["kept"] as? [String] ?? []) + (plan?["adapted"] as? [String] ?? [])
    #expect(!kept.contains(calm.steps[0].id))
  }

  @Test(
    "tend routines and check show the language's routine words; check --routine takes them",
    arguments: [
      ("es_ES.UTF-8", "manos-en-calma", "Manos en calma", "mano-en-calma"),
      ("fr_FR.UTF-8", "mains-apaisées", "Mains apaisées", "mains-apaises"),
      ("zh_CN.UTF-8", "安心手部按摩", "安心手部按摩", "安心手部"),
      ("vi_VN.UTF-8", "bàn-tay-thư-thái", "Bàn tay thư thái", "ban-tay-thu-tha"),
    ])
  func routineWordsOnTheCommandLine(
    locale: String, word: String, title: String, typo: String
  ) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = LocalizedSessionTests.environment(home: home, lang: locale)
    let ids = Fixtures.catalog.routines.map(\.id)
    let list = try RunTend.run(["routines"], environment: env)
    #expect(list.status == 0 && list.stdout.contains(word + " "), "\(list.stdout)")
    let check = try RunTend.run(["check"], environment: env)
    #expect(check.stdout.contains(title))
    for output in [list.stdout, check.stdout] {
      for id in ids { #expect(!output.contains(id), "\(locale): \(id) shown") }
    }
    let one = try RunTend.run(["check", "--routine", word], environment: env)
    #expect(one.status == 0 && one.stdout.contains(title), "\(one.stderr)")
    let english = try RunTend.run(["check", "--routine", "calm-hands"], environment: env)
    #expect(english.stdout == one.stdout, "the English id keeps working")
    let show = try RunTend.run(["routines", "show", word], environment: env)
    #expect(show.status == 0 && show.stdout.contains(title))
    let json = try RunTend.run(["check", "--routine", word, "--json"], environment: env)
    #expect(
      json.stdout.contains("\"id\" : \"calm-hands\"") || json.stdout.contains("\"calm-hands\""))
    if word != title { #expect(!json.stdout.contains("\"\(word)\""), "--json keeps the id") }
    let wrong = try RunTend.run(["check", "--routine", typo], environment: env)
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("\"\(word)\""), "\(wrong.stderr)")
  }
}
