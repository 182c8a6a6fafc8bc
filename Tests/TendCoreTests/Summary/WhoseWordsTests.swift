import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// Stranger 5's F27: a summary says whose words a feeling is. "In their own words" only when the
/// receiver wrote them down; "as told by Ana, the caregiver" or "in the caregiver's words"
/// otherwise, in every format; and minutes take their own plural ("1 minute in all").
@Suite("Summary: whose words, and minutes in all")
struct WhoseWordsTests {
  /// Rosa: one session of 1 minute; a feeling Ana typed (a red flag), one Rosa typed herself,
  /// one with no name.
  static let journal = """
    {"at":"2026-12-01T10:00:00+00:00","by":"Ana","minutes":1,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}
    {"at":"2026-12-01T13:00:00+00:00","by":"Ana","text":"she has chest pain, it came on suddenly","type":"feeling","v":1}
    {"at":"2026-12-02T13:00:00+00:00","by":"rosa","text":"I slept better","type":"feeling","v":1}
    {"at":"2026-12-03T13:00:00+00:00","text":"tired after lunch","type":"feeling","v":1}

    """

  static func summary(deidentify: Bool = false, keepSessions: Bool = false) -> SummaryData {
    var options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-12-01")!, to: CivilDay.parse("2026-12-31")!),
      deidentify: deidentify, now: SummaryTime(seconds: 1_796_774_400, offset: 0),
      keepSessions: keepSessions,
      redFlagConditions: Set(Fixtures.catalog.rules.filter(\.isRedFlag).map(\.id)),
      catalog: Fixtures.catalog)
    options.redFlagWords = SummaryRedFlagTests.words
    var receiver = SummaryReceiver(id: "rosa", name: "Rosa")
    receiver.careTeam = CareTeam()
    return SummaryBuilder.summarize(receiver, JournalScan.entries(journal), options: options)
  }

  static func render(_ format: SummaryFormat, lang: String = "en", deidentify: Bool = false)
    -> String
  {
    let data = summary(deidentify: deidentify, keepSessions: format.needsRows)
    let options = RenderOptions(
      localizer: Fixtures.catalog.localizer(lang), ids: UUIDSource(seed: 7))
    return SummaryRendering.export(data, as: format, options).text
  }

  /// A page with its lines joined again (the text page wraps at 80 columns).
  static func unwrapped(_ page: String) -> String {
    page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }

  @Test("the data says who wrote each feeling down, and when it was the receiver")
  func data() {
    let feelings = Self.summary().feelings ?? []
    #expect(feelings.map(\.by) == ["Ana", nil, nil])
    #expect(feelings.map(\.own) == [nil, true, nil])
    let said = Self.summary().redFlags.said ?? []
    #expect(said.count == 1 && said.first?.by == "Ana" && said.first?.own == nil, "\(said)")
    // De-identified: no name, but whether the receiver wrote it stays.
    let plain = Self.summary(deidentify: true)
    #expect((plain.feelings ?? []).allSatisfy { $0.by == nil })
    #expect((plain.feelings ?? []).map(\.own) == [nil, true, nil])
    #expect(plain.redFlags.said?.first?.by == nil)
  }

  @Test(
    "text, Markdown and HTML label the words honestly",
    arguments: [
      SummaryFormat.text, .markdown, .html,
    ])
  func pages(format: SummaryFormat) {
    let page = Self.unwrapped(Self.render(format))
    #expect(page.contains("as told by Ana, the caregiver"), "\(page)")
    #expect(
      page.contains("in the caregiver’s words") || page.contains("in the caregiver's words")
        || page.contains("in the caregiver&#39;s words")
        || page.contains("in the caregiver&apos;s words"),
      "\(page)")
    // Only Rosa's own line is "in their own words".
    #expect(page.components(separatedBy: "in their own words").count == 2, "\(page)")
    #expect(!page.contains("In their own words"))
    #expect(page.lowercased().contains("how they felt, as written down"))
  }

  @Test("FHIR's red-flag text and the JSON fields say the same; output stays the same bytes")
  func machineFormats() throws {
    let fhir = Self.render(.fhir)
    #expect(fhir.contains("as told by Ana, the caregiver"), "\(fhir)")
    #expect(!fhir.contains("in their own words: “she has chest pain"))
    let json = Self.render(.json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let feelings = try #require(object["feelings"] as? [[String: Any]])
    #expect(feelings.first?["by"] as? String == "Ana")
    #expect(feelings.dropFirst().first?["own"] as? Bool == true)
    #expect(feelings.last?["by"] == nil && feelings.last?["own"] == nil)
    #expect(Self.render(.json) == json && Self.render(.html) == Self.render(.html))
    // What review reads back is what was written.
    let result = Array(json.utf8).withUnsafeBufferPointer { SummaryReader.read($0) }
    let read = try result.get()
    #expect(read.feelings == Self.summary().feelings)
    #expect(read.redFlags.said == Self.summary().redFlags.said)
  }

  @Test("de-identified pages name no one and still say when the receiver wrote it")
  func deidentified() {
    let page = Self.render(.text, deidentify: true)
    #expect(!page.contains("Ana"))
  }

  @Test(
    "every language labels the caregiver's words, never as the receiver's own",
    arguments: ["en", "es", "fr", "zh-Hans", "vi"])
  func languages(lang: String) {
    let t = Fixtures.catalog.localizer(lang)
    let page = Self.unwrapped(Self.render(.text, lang: lang))
    #expect(page.contains(t("summary.words.toldBy", ["name": .text("Ana")])), "\(lang)\n\(page)")
    #expect(page.contains(t("summary.words.caregiver")), "\(lang)")
    #expect(
      page.components(separatedBy: t("summary.redFlags.source.feeling")).count == 2,
      "\(lang)\n\(page)")
  }

  @Test(
    "one minute in all is singular, in every language's plural",
    arguments: [
      ("en", "1 minute in all"), ("es", "1 min en total"), ("fr", "1 min au total"),
      ("vi", "tổng cộng 1 phút"), ("zh-Hans", "合计 1 分钟"),
    ])
  func minutes(lang: String, expected: String) {
    let page = Self.unwrapped(Self.render(.text, lang: lang))
    #expect(page.contains(expected), "\(lang)\n\(page)")
    #expect(!page.contains("1 minutes"))
  }
}
