import Foundation
import TendCore
import TendTestSupport
import Testing

/// The real binary, through a terminal, about the languages of red flags and of the chat
/// (outside tester, round 5, F17 and F18).
@Suite("Languages of red flags and of the chat, end to end")
struct LanguageFollowEndToEndTests {
  static func environment(_ home: URL, locale: String) -> [String: String] {
    [
      "TEND_HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
      "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
      "TEND_CLOCK_SCALE": "1000", "TEND_ESPEAK": "", "LC_MESSAGES": locale, "LANG": locale,
    ]
  }

  func tend(_ arguments: [String], _ home: URL, locale: String = "en_US.UTF-8") throws -> TendRun {
    try RunTend.run(arguments, environment: Self.environment(home, locale: locale))
  }

  @Test("a French red flag said in the French chat and not saved holds in English, check and chat")
  func frenchRedFlagHoldsInEnglish() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try tend(["receivers", "add", "Jeanne", "--language", "fr"], home).status == 0)
    let steps: [PseudoTerminal.Step] = [
      .expect("nom> "), .line("1"), .expect("> "), .line(""),
      .expect("tend> "), .line("il n'arrive plus à respirer"),
      .expect("Appelez le 15"), .expect("> "), .line("non"),
      .expect("Pas enregistré"), .expect("tend> "), .line("quitter"), .expect("Au revoir"),
    ]
    let french = try PseudoTerminal.run(
      steps, environment: Self.environment(home, locale: "fr_FR.UTF-8"))
    #expect(french.status == 0, "\(french.stderr)\n\(french.stdout)")
    let journal = try String(
      contentsOf: home.appendingPathComponent("receivers/jeanne/journal.jsonl"), encoding: .utf8)
    #expect(journal.contains(#""lang":"fr""#), "\(journal)")
    // Someone else, in English.
    let check = try tend(["check", "--receiver", "Jeanne", "--lang", "en"], home)
    #expect(check.stdout.contains("Red flag said "), "\(check.stdout)")
    #expect(check.stdout.contains("Do not massage"))
    #expect(!check.stdout.contains("Good to go"))
    let english: [PseudoTerminal.Step] = [
      .expect("name> "), .line("1"),
      .expect("Red flag said "), .expect("> "), .line(""),
      .expect("tend> "), .line("suggest"), .expect("Do not massage"),
      .expect("tend> "), .line("start 1"), .pause(0.5),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let chat = try PseudoTerminal.run(
      english, arguments: ["--lang", "en"],
      environment: Self.environment(home, locale: "en_US.UTF-8"))
    #expect(chat.status == 0, "\(chat.stderr)\n\(chat.stdout)")
    #expect(!chat.stdout.contains("Step 1 of"))
  }

  @Test("an older journal line without a language holds in every language")
  func oldLineHoldsEverywhere() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try tend(["receivers", "add", "Pat"], home).status == 0)
    let at = Timestamp(Date().addingTimeInterval(-600)).description
    let line = #"{"at":"\#(at)","text":"il a l'impression d'étouffer","type":"feeling","v":1}"#
    try (line + "\n").write(
      to: home.appendingPathComponent("receivers/pat/journal.jsonl"), atomically: true,
      encoding: .utf8)
    for lang in ["en", "es", "fr", "vi", "zh-Hans"] {
      let json = try tend(["check", "--receiver", "Pat", "--lang", lang, "--json"], home)
      let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
      #expect(object?["verdict"] as? String == "stop-call-provider", "\(lang): \(json.stdout)")
    }
    let summary = try tend(["summary", "--receiver", "Pat", "--lang", "en"], home)
    #expect(summary.stdout.contains("Sudden shortness of breath"), "\(summary.stdout)")
  }

  @Test("the chat speaks Spanish after choosing a Spanish speaker; sugerir runs suggest in English")
  func followsAndForeignWords() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try tend(["receivers", "add", "Luis", "--language", "es"], home).status == 0)
    #expect(try tend(["receivers", "add", "Ann"], home).status == 0)
    let steps: [PseudoTerminal.Step] = [
      .expect("name> "), .line("Luis"),
      .expect("A partir de ahora hablo español, el idioma de Luis."),
      .expect("Cuidando a Luis."), .expect("> "), .line(""),
      .expect("tend> "), .line("sugerir"), .expect("Rutinas para hoy"),
      .expect("tend> "), .line("quién"), .expect("> "), .line("Ann"),
      .expect("From now on I speak English again"), .expect("Caring for Ann."),
      .expect("> "), .line(""),
      .expect("tend> "), .line("sugerir"), .expect("Routines for today"),
      .expect("tend> "), .line("quit"), .expect("Goodbye"),
    ]
    let run = try PseudoTerminal.run(
      steps, environment: Self.environment(home, locale: "en_US.UTF-8"))
    #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
    #expect(!run.stdout.contains("could not place"))
  }
}
