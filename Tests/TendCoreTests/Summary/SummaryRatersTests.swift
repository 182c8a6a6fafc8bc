import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// Who rated, by name, and sessions shorter than a minute, on the pages people read; the
/// machine formats keep their shape.
@Suite("Summary: who rated, and short sessions")
struct SummaryRatersTests {
  /// Three sessions on 2-4 Nov 2026: Rosa rates one herself, Ana rates two for her, Luis one,
  /// and one caregiver rating has no name (an older entry); each session lasted `minutes`.
  static func journal(minutes: Int) -> String {
    func set(_ who: String?, _ pain: Int) -> String {
      guard let who else { return "{\"ratedBy\":\"caregiver\",\"scores\":{\"pain\":\(pain)}}" }
      return who == "receiver"
        ? "{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":\(pain)}}"
        : "{\"ratedBy\":\"caregiver\",\"rater\":\"\(who)\",\"scores\":{\"pain\":\(pain)}}"
    }
    let rows: [(Int, String?, String?, String)] = [
      (2, "receiver", "Ana", "Ana"), (3, "Ana", "Luis", "Ana"), (4, nil, nil, "Luis"),
    ]
    return rows.map { day, before, after, by in
      "{\"after\":\(after.map { set($0, 3) } ?? "null"),\"at\":\"2026-11-0\(day)T18:00:00-05:00\","
        + "\"before\":\(set(before, 5)),\"by\":\"\(by)\",\"minutes\":\(minutes),"
        + "\"routine\":\"calm-hands\",\"type\":\"session\",\"v\":1}"
    }.joined(separator: "\n") + "\n"
  }

  static func summary(
    minutes: Int = 10, omit: Set<SummaryPart> = [], deidentify: Bool = false
  ) -> SummaryData {
    SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(journal(minutes: minutes)),
      options: SummaryFixtures.options(omit: omit, deidentify: deidentify))
  }

  static func render(_ data: SummaryData, _ format: SummaryFormat, lang: String = "en") -> String {
    SummaryRendering.render(
      data, as: format, RenderOptions(localizer: Fixtures.catalog.localizer(lang), width: 1000))
  }

  @Test("the raters are counted by name, most first, and the unnamed apart")
  func counts() {
    let totals = Self.summary().totals
    #expect(totals.ratedByReceiver == 1 && totals.ratedByCaregiver == 4)
    #expect(totals.raters.map(\.id) == ["Ana", "Luis"])
    #expect(totals.raters.map(\.count) == [2, 1])
  }

  @Test("totals compare every field but the raters, which the JSON and FHIR cannot carry")
  func equality() {
    let a = Self.summary().totals
    var b = a
    b.raters = []
    #expect(a == b)
    for change in [
      { (t: inout SummaryData.Totals) in t.notes += 1 },
      { (t: inout SummaryData.Totals) in t.ratedByCaregiver += 1 },
      { (t: inout SummaryData.Totals) in t.maxMinutes = 99 },
      { (t: inout SummaryData.Totals) in t.sessions += 1 },
    ] {
      var c = a
      change(&c)
      #expect(a != c)
    }
  }

  @Test("text, Markdown and HTML say who rated, by name", arguments: SummaryFormat.allCases)
  func namesInEveryFormat(format: SummaryFormat) {
    let text = Self.render(Self.summary(), format)
    let line =
      "Rated by: Rosa Example (their own, 1 time), Ana (for them, 2 times), Luis (for them, 1 "
      + "time), and a caregiver (for them, 1 time)"
    switch format {
    case .text, .markdown, .html:
      #expect(text.contains(line), "\(format)")
    case .json, .csv, .fhir:
      // Machine formats: no sentence (the JSON keeps the names as data, `totals.raters`).
      #expect(!text.contains("Rated by"), "\(format)")
    }
  }

  @Test("FHIR: a rating's performer is the caregiver who rated, when named, else the giver")
  func fhirPerformer() throws {
    let text = Self.render(Self.summary(), .fhir)
    let bundle = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let entries = (bundle["entry"] as? [[String: Any]] ?? []).compactMap {
      entry -> (String, [String: Any])? in
      guard let url = entry["fullUrl"] as? String, let r = entry["resource"] as? [String: Any]
      else { return nil }
      return (url, r)
    }
    var person: [String: String] = [:]
    var patient = ""
    for (url, r) in entries {
      if r["resourceType"] as? String == "Patient" { patient = url }
      guard r["resourceType"] as? String == "RelatedPerson",
        let name = (r["name"] as? [[String: Any]])?.first?["text"] as? String
      else { continue }
      person[name] = url
    }
    var by: [String: Int] = [:]
    for (_, r) in entries where r["resourceType"] as? String == "Observation" {
      guard let ref = (r["performer"] as? [[String: Any]])?.first?["reference"] as? String,
        (r["partOf"] as? [[String: Any]]) != nil
      else { continue }
      let who = ref == patient ? "patient" : person.first { $0.value == ref }?.key ?? ref
      by[who, default: 0] += 1
    }
    // Day 2: Rosa before, Ana after; day 3: Ana before, Luis after (Ana gave it); day 4: an
    // unnamed caregiver before, in Luis's session.
    #expect(by == ["patient": 1, "Ana": 2, "Luis": 2], "\(by)")
  }

  @Test("in every language", arguments: ["es", "fr", "zh-Hans", "vi"])
  func inEveryLanguage(lang: String) {
    let text = Self.render(Self.summary(), .text, lang: lang)
    let t = Fixtures.catalog.localizer(lang)
    let ana = t("summary.glance.raters.caregiver", ["name": .text("Ana"), "count": .number(2)])
    let rosa = t(
      "summary.glance.raters.receiver", ["name": .text("Rosa Example"), "count": .number(1)])
    #expect(text.contains(ana) && text.contains(rosa), "\(lang)")
    #expect(!text.contains("Rated by"))
  }

  @Test("de-identified: the raters by the givers' aliases; without the name, no name")
  func privacy() {
    let deid = Self.render(Self.summary(deidentify: true), .text)
    #expect(!deid.contains("Ana") && !deid.contains("Luis") && !deid.contains("Rosa"))
    #expect(deid.contains("the person cared for (their own, 1 time)"))
    #expect(
      deid.contains("caregiver 1 (for them, 2 times)")
        && deid.contains("caregiver 2 (for them, 1 time)"))
    let noName = Self.render(Self.summary(omit: [.name]), .text)
    #expect(
      noName.contains(
        "Rated by: the person cared for (their own, 1 time), Ana (for them, 2 times)"))
  }

  @Test("sessions shorter than a minute are under a minute, never 0 minutes")
  func underAMinute() {
    for lang in ["en", "es", "fr", "zh-Hans", "vi"] {
      let t = Fixtures.catalog.localizer(lang)
      let text = Self.render(Self.summary(minutes: 0), .text, lang: lang)
      // All under a minute: no "usual length" line at all.
      #expect(!text.contains(t("summary.glance.length.underMinute", ["max": .number(0)])))
      let sessions = t(
        "summary.glance.sessions.underMinute",
        ["count": .number(3), "days": .number(3), "perWeek": .text("")])
      let parts = sessions.components(separatedBy: CharacterSet(charactersIn: "()（）"))
      #expect(text.contains(parts.first ?? "-") && text.contains(parts.last ?? "-"), "\(lang)")
      #expect(!text.contains(t("summary.minutes", ["count": .number(0)])), "\(lang): \(text)")
    }
    let en = Self.render(Self.summary(minutes: 0), .text)
    #expect(en.contains("under a minute in all") && !en.contains("0 minutes"))
    #expect(!en.contains("Usual length"))
  }

  @Test("JSON keeps the raters' names: read back, the text says who rated (round 7, F9)")
  func jsonKeepsRaters() throws {
    let data = Self.summary()
    let json = Self.render(data, .json)
    let back = try Array(json.utf8).withUnsafeBufferPointer { SummaryReader.read($0) }.get()
    #expect(back.totals.raters == data.totals.raters)
    let line = Self.render(back, .text)
    #expect(line.contains("Ana (for them, 2 times), Luis (for them, 1 time)"), "\(line)")
    let decoded = try JSONDecoder().decode(SummaryData.self, from: Data(json.utf8))
    #expect(decoded.totals.raters.map(\.id) == ["Ana", "Luis"])
    // De-identified: the aliases, never the names.
    let deid = Self.render(Self.summary(deidentify: true), .json)
    #expect(!deid.contains("\"Ana\"") && deid.contains("\"caregiver 1\""), "\(deid)")
  }

  @Test("an older JSON export without totals.raters still reads, with no names")
  func olderJSONReads() throws {
    let json = Self.render(Self.summary(), .json)
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    var totals = try #require(object["totals"] as? [String: Any])
    #expect(totals["raters"] != nil)
    totals["raters"] = nil
    object["totals"] = totals
    object["checksum"] = nil
    let old = String(
      decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
      as: UTF8.self)
    let back = try Array(old.utf8).withUnsafeBufferPointer { SummaryReader.read($0) }.get()
    #expect(back.totals.raters.isEmpty)
    #expect(Self.render(back, .text).contains("a caregiver (for them, 4 times)"))
    let decoded = try JSONDecoder().decode(SummaryData.self, from: Data(old.utf8))
    #expect(decoded.totals.raters.isEmpty)
  }
}
