import Foundation
import TendCore
import TendTestSupport
import Testing

/// The region is known, not guessed; the number comes from the data table, with a source.
@Suite("Emergency contact")
struct EmergencyContactTests {
  let table = Fixtures.catalog.emergencyNumbers

  @Test(
    "the locale's country, first of LC_ALL, LC_MESSAGES, LANG",
    arguments: [
      (["LANG": "en_US.UTF-8"], "US"), (["LANG": "zh_CN.UTF-8"], "CN"),
      (["LANG": "en_US.UTF-8", "LC_ALL": "en_GB.UTF-8"], "GB"),
      (["LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"], "CA"),
      (["LANG": "zh_Hans_SG"], "SG"), (["LANG": "sr_RS@latin"], "RS"),
      (["LANG": "C.UTF-8"], nil), (["LANG": "en"], nil), (["LANG": "POSIX"], nil), ([:], nil),
    ] as [([String: String], String?)])
  func fromLocale(env: [String: String], region: String?) {
    #expect(RegionSetting.fromLocale(env) == region)
  }

  @Test("a stored region wins over the locale; none stored falls back to it")
  func storedWins() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["LANG": "en_US.UTF-8"]
    #expect(RegionSetting.resolve(environment: env, home: home).region == "US")
    try RegionSetting.store("vn", home: home)
    let setting = RegionSetting.resolve(environment: env, home: home)
    #expect(setting.region == "VN" && setting.origin == .setting)
    #expect(EmergencyContact(setting, table: table).number == "115")
    try RegionSetting.store(nil, home: home)
    #expect(RegionSetting.resolve(environment: env, home: home).origin == .locale)
  }

  @Test("answers: a code, UK as GB, Enter skips, anything else is asked again")
  func answers() {
    #expect(RegionSetting.answer(" fr ") == .region("FR"))
    #expect(RegionSetting.answer("uk") == .region("GB"))
    #expect(RegionSetting.answer("") == .skip)
    #expect(RegionSetting.answer("France") == .invalid)
    #expect(RegionSetting.answer("1A") == .invalid)
  }

  @Test("the table covers every region the five languages imply, each with an https source")
  func coverage() {
    let needed = [
      "US", "CA", "MX", "GB", "IE", "AU", "NZ", "FR", "BE", "CH", "ES", "AR", "CO", "CL", "PE",
      "DE", "IT", "CN", "HK", "TW", "SG", "VN", "JP", "KR", "IN", "PH",
    ]
    for region in needed {
      let entry = table[region]
      #expect(entry != nil, "no number for \(region)")
      #expect(entry?.source.hasPrefix("https://") == true)
    }
    #expect(table["US"]?.number == "911")
    #expect(table["CN"]?.number == "120")
    #expect(table["GB"]?.number == "999")
  }

  @Test("the emergency verdict names the number, and only when it is known")
  func verdictLine() throws {
    let t = Fixtures.english
    let result = try SafetyChecker(catalog: Fixtures.catalog).check(
      Fixtures.conditions(["chest-pain"]))
    let known = EmergencyContact(region: "GB", entry: table["GB"])
    let text = CheckText(localizer: t, emergency: known).render(result, detailed: false)
    #expect(text.hasPrefix("Do not massage. Call 999 now."))
    let unknown = CheckText(localizer: t).render(result, detailed: false)
    #expect(unknown.hasPrefix("Do not massage. Call the emergency number now."))
    #expect(unknown.contains("tend settings region"))
    let zh = CheckText(localizer: Fixtures.catalog.localizer("zh-Hans"), emergency: known)
    #expect(zh.render(result, detailed: false).hasPrefix("不要按摩。马上拨打 999。"))
    let notInTable = EmergencyContact(region: "ZZ", entry: nil)
    #expect(notInTable.hint == Message("region.notInTable", ["region": .text("ZZ")]))
  }

  @Test("status words, quotes and asides follow the language")
  func typography() throws {
    let result = try SafetyChecker(catalog: Fixtures.catalog).check(
      Fixtures.conditions(["iv-line@left-forearm"]))
    let fr = CheckText(localizer: Fixtures.catalog.localizer("fr"))
    let zh = CheckText(localizer: Fixtures.catalog.localizer("zh-Hans"))
    let plan = try #require(result.plans.first)
    #expect(!fr.summaryLine(plan).contains(" ok "))
    #expect(!zh.summaryLine(plan).contains("adjust"))
    #expect(zh.t.quote("左臂") == "“左臂”")
    #expect(zh.t.aside("x") == "（x）")
    #expect(zh.t.series(["a", "b"]) == "a、b")
    #expect(fr.t.quote("bras") == "«\u{00A0}bras\u{00A0}»")
    #expect(zh.t.list(["a", "b", "c"]) == "a、b和c")
    // The three status words line up in one column, wide characters counted twice.
    let widths = [Plan.Verdict.ok, .adjust, .excluded].map { TerminalText.width(zh.statusWord($0)) }
    #expect(Set(widths).count == 1)
  }
}
