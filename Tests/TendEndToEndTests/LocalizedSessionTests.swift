import Foundation
import TendCore
import TendTestSupport
import Testing

/// The conversation in the user's language, end to end, and commands typed at the prompt
/// behaving exactly as on the command line.
@Suite("Localized sessions and prompt commands")
struct LocalizedSessionTests {
  static func environment(home: URL, lang: String = "es_ES.UTF-8", scale: Int = 1)
    -> [String: String]
  {
    [
      "TEND_HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
      "TEND_CLOCK_SCALE": String(scale), "TEND_ESPEAK": "", "LANG": lang,
      "SOURCE_DATE_EPOCH": "1764590400",
    ]
  }

  static let intake = Array(repeating: "no", count: 8)

  @Test("through a terminal, in Spanish: ayuda, sugerir, empezar N, omitir, parar, salir")
  func spanishSession() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var steps: [PseudoTerminal.Step] = [
      .expect("¿A quién cuidamos"), .expect("nombre> "), .line("Ana"),
    ]
    for answer in Self.intake { steps += [.expect("> "), .line(answer)] }
    steps += [
      .expect("Escribe sugerir"), .expect("¿Quién da el masaje a Ana?"), .expect("tend> "),
      .line("Luis"), .expect("Gracias, Luis"), .expect("tend> "), .line("ayuda"),
      .expect("sugerir: rutinas para hoy"), .expect("tend> "), .line("sugerir"),
      .expect("Rutinas para hoy"), .expect("empezar 1"), .expect("tend> "),
      // Tab completes a Spanish command word.
      .send("empez\t"), .pause(0.2), .line("1"),
      .expect("hoy> "), .line("no"),
      .expect("1 o 2> "), .line("yo"),
      .expect("dolor 0-10> "), .line("5"), .expect("preocupación 0-10> "), .line("omitir"),
      // The preparation before step 1, in Spanish, with its own words to skip or cancel.
      .expect("Antes de empezar (menos de un minuto)"), .expect("Lávate las manos"),
      .expect("Escribe saltar para empezar sin esto, o cancelar"),
      .expect("Enter para empezar> "), .line(""),
      .expect("Paso 1 de"), .pause(0.5), .line("omitir"), .expect("Paso 2 de"), .pause(0.5),
      .line("parar"),
      .expect("qué pasó> "), .line("se cansó"),
      .expect("dolor 0-10> "), .line("3"), .expect("preocupación 0-10> "), .line("omitir"),
      .expect("nota> "), .line("le gustó"),
      .expect("más tarde> "), .line("luego"), .expect("Te lo recuerdo"),
      .expect("tend> "), .line("resumen"), .expect("agua: más tarde"),
      .expect("tend> "), .line("empezar 1 --rapido"), .expect("«--rapido» no es una opción"),
      .expect("tend> "), .line("salir"), .expect("Adiós"),
    ]
    let run = try PseudoTerminal.run(steps, environment: Self.environment(home: home))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    // The journal says exactly what happened.
    let entries = try JournalCheck.lines(home, "ana")
    let types = entries.compactMap { $0["type"] as? String }
    #expect(types == ["session", "water"], "\(types)")
    let session = try #require(entries.first { $0["type"] as? String == "session" })
    // Spanish lists are in the order of the routines' Spanish words.
    let es = Fixtures.catalog.localizer("es")
    let first = try #require(
      Fixtures.catalog.routines.map(\.id).min {
        RoutineWords.sortKey($0, es) < RoutineWords.sortKey($1, es)
      }, "the first routine in the list")
    #expect(session["routine"] as? String == first)
    #expect(session["stoppedEarly"] as? Bool == true)
    #expect(session["stopReason"] as? String == "se cansó")
    #expect(session["note"] as? String == "le gustó")
    #expect(session["by"] as? String == "Luis")
    #expect(session["preparation"] as? String == "prepared")
    let second = Fixtures.catalog.routine(first)?.steps.dropFirst().first?.id
    #expect(session["stoppedAtStep"] as? String == second)
    let before = session["before"] as? [String: Any]
    #expect(before?["ratedBy"] as? String == "caregiver")
    #expect(before?["rater"] as? String == "Luis")
    #expect(before?["scores"] as? [String: Int] == ["pain": 5])
    let after = session["after"] as? [String: Any]
    #expect(after?["scores"] as? [String: Int] == ["pain": 3])
    let water = entries.first { $0["type"] as? String == "water" }
    #expect(water?["answer"] as? String == "later")
  }

  /// Runs `tend` with lines on standard input: a receiver added, the intake answered, then
  /// `lines`, then quit.
  static func chat(_ lines: [String], home: URL, lang: String) throws -> TendRun {
    let script = ["Ana"] + intake + lines + ["salir"]
    return try RunTend.run(
      [], stdin: script.joined(separator: "\n") + "\n",
      environment: environment(home: home, lang: lang, scale: 1000))
  }

  @Test(
    "each command line command typed at the prompt prints what the command line prints",
    arguments: [
      ["check", "--condition", "fever"],
      ["check", "--condition", "iv-line@left-forearm", "--json"],
      ["routines"], ["routines", "show", "calm-hands", "--json"], ["receivers"],
      ["receivers", "show", "ana"], ["settings", "region", "--json"],
      ["summary", "--receiver", "ana", "--format", "markdown"],
      ["summary", "--receiver", "ana", "--format", "csv"], ["data", "check"],
    ])
  func samePrinted(command: [String]) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.environment(home: home, scale: 1000)
    let chat = try Self.chat([command.joined(separator: " ")], home: home, lang: "es_ES.UTF-8")
    #expect(chat.status == 0, "\(chat.stderr)")
    let direct = try RunTend.run(command, environment: env)
    #expect(!direct.stdout.isEmpty, "\(direct.stderr)")
    if command.contains("--json") {
      // JSON objects' keys come in any order from one run to the next: compare the lines.
      func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
          .sorted()
      }
      let printed = Set(lines(chat.stdout))
      #expect(lines(direct.stdout).allSatisfy(printed.contains), "\(command)")
    } else {
      #expect(
        chat.stdout.contains(direct.stdout), "\(command)\n\(direct.stdout)\n--\n\(chat.stdout)")
    }
    #expect(chat.stderr == direct.stderr, "\(command)")
  }

  @Test("summary --format html --output FILE at the prompt writes the same file as tend summary")
  func summaryToFile() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.environment(home: home, scale: 1000)
    // (FHIR bundles get fresh ids every time, so they are never equal byte for byte.)
    for format in ["html", "markdown", "csv"] {
      let atPrompt = home.appendingPathComponent("prompt.\(format)")
      let direct = home.appendingPathComponent("direct.\(format)")
      let chat = try Self.chat(
        ["summary --format \(format) --output \(atPrompt.path)"], home: home, lang: "es_ES.UTF-8")
      #expect(chat.status == 0, "\(chat.stderr)")
      let run = try RunTend.run(
        ["summary", "--receiver", "ana", "--format", format, "--output", direct.path],
        environment: env)
      #expect(run.status == 0, "\(run.stderr)")
      let a = try Data(contentsOf: atPrompt)
      let b = try Data(contentsOf: direct)
      #expect(!a.isEmpty && a == b, "\(format)\n\(String(decoding: a, as: UTF8.self))")
      let mode = try FileManager.default.attributesOfItem(atPath: atPrompt.path)[.posixPermissions]
      #expect(mode as? Int == 0o600)
    }
  }

  @Test("an unknown option at the prompt is an error with a message, in every language")
  func unknownOptionAtPrompt() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let chat = try Self.chat(
      ["summary --formato html", "sugerir --todo", "routines --bogus"], home: home,
      lang: "es_ES.UTF-8")
    #expect(chat.status == 0)
    #expect(chat.stderr.contains("--formato"), "\(chat.stderr)")
    #expect(chat.stderr.contains("error: opción desconocida '--bogus'"), "\(chat.stderr)")
    #expect(chat.stdout.contains("«--todo» no es una opción de sugerir"), "\(chat.stdout)")
  }

  @Test(
    "command errors are in the user's language, with a guess from the condition's own name",
    arguments: [
      ("es_ES.UTF-8", "fiebre", "error: condición desconocida «fiebre»"),
      ("fr_FR.UTF-8", "fievre", "erreur\u{A0}: condition inconnue «\u{A0}fievre\u{A0}»"),
      ("en_US.UTF-8", "fevr", "error: unknown condition \"fevr\""),
    ])
  func localizedErrors(locale: String, word: String, message: String) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try RunTend.run(
      ["check", "--condition", word], environment: Self.environment(home: home, lang: locale))
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    #expect(run.stderr.contains("\"fever\""), "\(run.stderr)")
  }

  @Test("in French too: aide, suggérer, commencer N, passer, quitter")
  func frenchPiped() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try Self.chat(
      // While the steps run, "5" waits (it is not a guide word), and every line after it.
      [
        "aide", "suggérer", "commencer 1", "non", "moi", "passer", "", "5", "passer", "",
        "plus tard", "résumé",
      ],
      home: home, lang: "fr_FR.UTF-8")
    #expect(run.status == 0, "\(run.stderr)")
    // French puts a no-break space before a colon.
    #expect(run.stdout.contains("suggérer\u{A0}: les massages du jour"))
    #expect(run.stdout.contains("Routines du jour"))
    #expect(run.stdout.contains("Étape 1 sur"))
    #expect(run.stdout.contains("eau\u{A0}: plus tard"), "\(run.stdout)")
    #expect(run.stdout.hasSuffix("Au revoir. Prenez soin de vous aussi.\n"))
  }
}

extension LocalizedSessionTests {
  @Test("settings region: a region Tend has no number for is refused, in the user's language")
  func regionWithoutNumber() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.environment(home: home)
    let run = try RunTend.run(["settings", "region", "ng"], environment: env)
    #expect(run.status == 2)
    #expect(run.stderr.contains("Tend no conoce el número de emergencias de NG"), "\(run.stderr)")
    #expect(run.stderr.contains("JP"))
    #expect(
      !FileManager.default.fileExists(atPath: home.appendingPathComponent("settings.json").path))
    let ok = try RunTend.run(["settings", "region", "jp", "--json"], environment: env)
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("\"emergencyNumber\":\"119\""), "\(ok.stdout)")
  }
}

extension LocalizedSessionTests {
  @Test(
    "the parser's own errors are in the user's language; English stays as the parser wrote it",
    arguments: [
      (["summary", "--format", "htm"], "es_ES.UTF-8", "error: el valor 'htm' no vale para"),
      (
        ["check", "--conditon", "fever"], "es_ES.UTF-8",
        "error: opción desconocida '--conditon'; ¿quisiste decir \"--condition\"?"
      ),
      (["log", "water"], "zh_CN.UTF-8", "错误：缺少参数 '<answer>'"),
      (["share", "--with", ""], "fr_FR.UTF-8", "erreur\u{A0}: --with demande un nom"),
      (["routines", "--bogus"], "en_US.UTF-8", "Error: Unknown option '--bogus'"),
      (["routines", "--bogus", "--lang", "vi"], "en_US.UTF-8", "lỗi: tùy chọn không rõ '--bogus'"),
    ])
  func parserErrors(arguments: [String], locale: String, start: String) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try RunTend.run(arguments, environment: Self.environment(home: home, lang: locale))
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix(start), "\(run.stderr)")
  }
}

extension LocalizedSessionTests {
  @Test("a command line command typed with Spanish words prints what the English one prints")
  func spanishWordsForPlainCommands() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = Self.environment(home: home, scale: 1000)
    let chat = try Self.chat(
      ["rutinas ver calm-hands", "comprobar --condition fever"], home: home, lang: "es_ES.UTF-8")
    #expect(chat.status == 0, "\(chat.stderr)")
    for command in [["routines", "show", "calm-hands"], ["check", "--condition", "fever"]] {
      let direct = try RunTend.run(command, environment: env)
      #expect(!direct.stdout.isEmpty && chat.stdout.contains(direct.stdout), "\(command)")
    }
  }
}
