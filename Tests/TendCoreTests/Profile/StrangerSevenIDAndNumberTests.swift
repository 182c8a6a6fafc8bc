import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// Outside tester, round 7: ids keep a name's letters (F11), numbers are in the language's own
/// format (F10), the review table's headings are whole words (F11).
@Suite("Stranger 7: ids and numbers")
struct StrangerSevenIDAndNumberTests {
  @Test(
    "an id keeps the name's letters, in Latin letters without marks",
    arguments: [
      ("Zoë", "zoe"), ("José María", "jose-maria"), ("Nguyễn Thị Hoa", "nguyen-thi-hoa"),
      ("王芳", "wang-fang"), ("Łukasz", "lukasz"), ("Straße", "strasse"), ("Mum", "mum"),
      ("../x", "x"), ("😀", ""),
    ])
  func slug(_ name: String, _ id: String) {
    #expect(Receivers.slug(name) == id)
    if !id.isEmpty { #expect(Receivers.isValidID(id)) }
  }

  @Test("ids stay unique: Zoë and Zoe are zoe and zoe-2; a long name leaves room for -2")
  func unique() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    let a = try store.add(Profile(id: "", name: "Zoë"))
    let b = try store.add(Profile(id: "", name: "Zoe"))
    let c = try store.add(Profile(id: "", name: "😀"))
    #expect([a.id, b.id, c.id] == ["zoe", "zoe-2", "receiver"])
    let long = String(repeating: "王", count: 60)
    let d = try store.add(Profile(id: "", name: long))
    let e = try store.add(Profile(id: "", name: String(long.dropLast()) + "李"))
    #expect(Receivers.isValidID(d.id) && d.id != e.id, "\(d.id) \(e.id)")
  }

  @Test("the locale's country formats numbers only when the locale speaks the chat's language")
  func formatsRegion() {
    let us = ["LANG": "en_US.UTF-8"]
    #expect(RegionSetting.formats(for: "en", us) == "US")
    #expect(RegionSetting.formats(for: "fr", us) == nil)
    #expect(RegionSetting.formats(for: "es", ["LC_ALL": "es_MX.UTF-8"]) == "MX")
    #expect(RegionSetting.formats(for: "zh-Hans", ["LANG": "zh_CN.UTF-8"]) == "CN")
    #expect(RegionSetting.formats(for: "vi", ["LANG": "C.UTF-8"]) == nil)
  }

  @Test("1500 in each language's own format (what Foundation on Linux gives from CLDR)")
  func numbers() {
    let expected = [
      "en": "1,500", "es": "1500", "fr": "1\u{202F}500", "zh-Hans": "1,500", "vi": "1.500",
    ]
    for (lang, text) in expected {
      let t = Fixtures.catalog.localizer(lang)
      let region = RegionSetting.formats(for: lang, ["LC_MESSAGES": "en_US.UTF-8"])
      #expect(t.inRegion(region).text(.number(1500)) == text, "\(lang)")
    }
    // A Spanish speaker in Mexico writes it Mexico's way.
    let mx = Fixtures.catalog.localizer("es").inRegion(
      RegionSetting.formats(for: "es", ["LANG": "es_MX.UTF-8"]))
    #expect(mx.text(.number(1500)) == "1,500")
    #expect(Fixtures.catalog.localizer("es").text(.number(15000)) == "15.000")
  }
}
