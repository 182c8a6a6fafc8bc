import Foundation
import TendTestSupport
import Testing

/// The emergency number comes from where the user is, never from the language: the region
/// set with `tend settings region`, else the locale's country; unknown means "the emergency
/// number" and how to set it, and the conversation asks once.
@Suite("Emergency number by region")
struct EmergencyRegionTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(
    "check: the locale's country gives the number, whatever the language",
    arguments: [
      ("zh-Hans", "en_US.UTF-8", "911"), ("vi", "en_US.UTF-8", "911"),
      ("zh-Hans", "zh_CN.UTF-8", "120"), ("vi", "vi_VN.UTF-8", "115"),
      ("en", "en_GB.UTF-8", "999"), ("fr", "fr_FR.UTF-8", "15"), ("es", "es_MX.UTF-8", "911"),
      ("es", "es_AR.UTF-8", "107"), ("en", "en_AU.UTF-8", "000"), ("zh-Hans", "zh_TW.UTF-8", "119"),
      ("en", "ja_JP.UTF-8", "119"), ("es", "es_ES.UTF-8", "112"),
    ])
  func checkByLocale(lang: String, locale: String, number: String) throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["LANG": locale, "TEND_HOME": home.path]
    let text = try RunTend.run(
      ["check", "--lang", lang, "--condition", "chest-pain"], environment: env)
    #expect(text.status == 0, "\(text.stderr)")
    let first = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.contains(number), "\(first)")
    let run = try RunTend.run(
      ["check", "--lang", lang, "--condition", "chest-pain", "--json"], environment: env)
    let object = try json(run.stdout)
    #expect(object["emergencyNumber"] as? String == number)
    #expect(object["emergency"] as? Bool == true)
    let messages = object["messages"] as? [String] ?? []
    #expect(messages.first?.contains(number) == true, "\(messages)")
  }

  @Test("check: no country anywhere says so and how to set it; nothing is guessed")
  func unknownRegion() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    for lang in ["en", "zh-Hans", "vi"] {
      let run = try RunTend.run(
        ["check", "--lang", lang, "--condition", "chest-pain", "--json"],
        environment: ["LANG": "C.UTF-8", "TEND_HOME": home.path])
      let object = try json(run.stdout)
      #expect(object["emergencyNumber"] is NSNull)
      #expect(object["region"] is NSNull)
      let messages = (object["messages"] as? [String] ?? []).joined(separator: "\n")
      #expect(!messages.contains("911") && !messages.contains("112"), "\(messages)")
      #expect(messages.contains("tend settings region"))
    }
  }

  @Test("settings region: stored 0600, wins over the locale, `none` forgets it")
  func settingWins() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["LANG": "en_US.UTF-8", "TEND_HOME": home.path]
    let set = try RunTend.run(["settings", "region", "cn"], environment: env)
    #expect(set.status == 0, "\(set.stderr)")
    #expect(set.stdout.contains("Emergency number: 120"))
    #expect(set.stdout.contains("Source: https://"))
    let file = home.appendingPathComponent("settings.json").path
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let check = try RunTend.run(
      ["check", "--condition", "sudden-weakness-or-numbness", "--json"], environment: env)
    #expect(try json(check.stdout)["emergencyNumber"] as? String == "120", "\(check.stdout)")
    let bad = try RunTend.run(["settings", "region", "china"], environment: env)
    #expect(bad.status == 2)
    _ = try RunTend.run(["settings", "region", "none"], environment: env)
    let shown = try RunTend.run(["settings", "region", "--json"], environment: env)
    let object = try json(shown.stdout)
    #expect(object["region"] as? String == "US")
    #expect(object["origin"] as? String == "locale")
  }

  @Test("the summary's red flags give the number when an emergency rule is in force")
  func summaryRedFlags() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["LANG": "en_GB.UTF-8", "TEND_HOME": home.path]
    _ = try RunTend.run(["receivers", "add", "Bo"], environment: env)
    let calm = try RunTend.run(["summary", "--receiver", "Bo"], environment: env)
    #expect(!calm.stdout.contains("call 999"))
    _ = try RunTend.run(["receivers", "condition", "add", "Bo", "chest-pain"], environment: env)
    let run = try RunTend.run(["summary", "--receiver", "Bo"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("call 999"), "\(run.stdout)")
    let zh = try RunTend.run(
      ["summary", "--receiver", "Bo", "--lang", "zh-Hans"],
      environment: ["LANG": "zh_CN.UTF-8", "TEND_HOME": home.path])
    #expect(zh.stdout.contains("拨打 120"), "\(zh.stdout)")
  }

  @Test("a settings file that cannot be read is reported and left alone")
  func brokenSettings() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let file = home.appendingPathComponent("settings.json")
    try Data("{not json".utf8).write(to: file)
    let env = ["LANG": "en_GB.UTF-8", "TEND_HOME": home.path]
    let check = try RunTend.run(["check", "--condition", "chest-pain"], environment: env)
    #expect(check.stderr.contains("settings.json"))
    #expect(check.stdout.contains("Call 999 now"))
    let set = try RunTend.run(["settings", "region", "fr"], environment: env)
    #expect(set.status != 0)
    #expect(try String(contentsOf: file, encoding: .utf8) == "{not json")
  }

  @Test("the conversation asks once when nothing names a country, and uses the answer")
  func chatAsksOnce() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = [
      "TEND_HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
      "TEND_ESPEAK": "", "LANG": "C.UTF-8",
    ]
    _ = try RunTend.run(["receivers", "add", "Bo"], environment: env)
    let first = try PseudoTerminal.run(
      [
        .expect("Which country are you in?"), .expect("country> "), .line("china"),
        .expect("not a two-letter country code"), .expect("country> "), .line("cn"),
        .expect("Emergency number: 120"), .expect("name> "), .line(""), .expect("tend> "),
        .line("her face is drooping and her speech is slurred"), .expect("Call 120 now"),
        .expect("yes or no> "), .line("no"), .expect("tend> "),
        .line("quit"), .expect("Goodbye"),
      ], environment: env)
    #expect(first.status == 0, "\(first.stderr)\n\(first.stdout)")
    let second = try PseudoTerminal.run(
      [.expect("name> "), .line(""), .expect("tend> "), .line("quit"), .expect("Goodbye")],
      environment: env)
    #expect(second.status == 0, "\(second.stderr)\n\(second.stdout)")
    #expect(!second.stdout.contains("Which country"))
  }
}
