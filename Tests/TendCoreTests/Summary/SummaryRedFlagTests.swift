import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// The summary's red flags as the outside nurse read them (review 4, items 10 and 15): a red
/// flag that stopped a session, said in a note or a feeling, or in force from the profile is in
/// "Red flags", first, with its words, in every format; a cleared one reads as cleared
/// everywhere (FHIR `inactive`); de-identified keeps the red flags (as codes) and years only.
@Suite("Summary: red flags first, in force or cleared")
struct SummaryRedFlagTests {
  static let recognizer = try! Recognizer(localizer: Fixtures.english, catalog: Fixtures.catalog)

  static var words: RedFlagWords {
    RedFlagWords(catalog: Fixtures.catalog) { text, date, stored in
      recognizer.recognize(text, today: date, profile: stored).conditions
    }
  }

  /// Rosa (December 2026, UTC): a session stopped for a nosebleed at 10:00, a session at 12:00
  /// (within the 24 hours), a feeling with chest tightness at 13:00, a note about a warm calf
  /// on the 3rd that was cleared on the 4th, and two profile red flags added and taken off.
  static let journal = """
    {"at":"2026-12-01T09:00:00+00:00","change":"added","condition":{"id":"breathing-trouble-sudden"},"type":"condition","v":1}
    {"at":"2026-12-01T09:30:00+00:00","change":"removed","condition":{"id":"breathing-trouble-sudden"},"type":"condition","v":1}
    {"at":"2026-12-01T10:00:00+00:00","minutes":0,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"stopReason":"her nose is bleeding and won't stop","stoppedEarly":true,"type":"session","v":1}
    {"at":"2026-12-01T12:00:00+00:00","minutes":5,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}
    {"at":"2026-12-01T13:00:00+00:00","text":"her chest feels tight and she can't catch her breath","type":"feeling","v":1}
    {"at":"2026-12-03T18:00:00+00:00","minutes":5,"note":"his left calf is swollen and warm since the massage","pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}
    {"at":"2026-12-04T09:00:00+00:00","change":"removed","condition":{"id":"dvt-suspected"},"type":"condition","v":1}
    {"at":"2026-12-05T18:00:00+00:00","minutes":5,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}

    """

  static func summary(
    deidentify: Bool = false, keepSessions: Bool = true, omit: Set<SummaryPart> = [],
    readWords: Bool = true
  ) -> SummaryData {
    var options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-12-01")!, to: CivilDay.parse("2026-12-31")!),
      omit: omit, deidentify: deidentify, now: SummaryTime(seconds: 1_796_774_400, offset: 0),
      keepSessions: keepSessions,
      redFlagConditions: Set(Fixtures.catalog.rules.filter(\.isRedFlag).map(\.id)),
      catalog: Fixtures.catalog)
    options.emergencyConditions = Set(Fixtures.catalog.rules.filter(\.emergency).map(\.id))
    options.emergencyNumber = "911"
    if readWords { options.redFlagWords = words }
    var receiver = SummaryReceiver(id: "rosa", name: "Rosa")
    receiver.careTeam = CareTeam()
    return SummaryBuilder.summarize(receiver, JournalScan.entries(journal), options: options)
  }

  static func render(_ format: SummaryFormat, deidentify: Bool = false) -> String {
    let data = summary(deidentify: deidentify, keepSessions: format.needsRows)
    let options = RenderOptions(localizer: Fixtures.english, ids: UUIDSource(seed: 7))
    return SummaryRendering.export(data, as: format, options).text
  }

  @Test("a session stopped for a red flag is in Red flags with its words, and stopped with it")
  func stoppedForRedFlag() throws {
    let data = Self.summary()
    let said = try #require(data.redFlags.said)
    let stop = try #require(said.first { $0.source == "stopped" })
    #expect(stop.words == "her nose is bleeding and won't stop")
    #expect(stop.rules == ["bleeding-signs"])
    #expect(stop.session == 1)
    #expect(stop.cleared == nil)
    #expect(data.stopped.first?.redFlags == ["bleeding-signs"])
    #expect(data.redFlags.count > 0)
  }

  @Test("red flags in a feeling's words and in a note are listed, the note cleared when taken off")
  func feelingAndNote() throws {
    let said = try #require(Self.summary().redFlags.said)
    let feeling = try #require(said.first { $0.source == "feeling" })
    #expect(feeling.words == "her chest feels tight and she can't catch her breath")
    #expect(feeling.rules.contains("breathing-trouble-sudden"))
    #expect(feeling.cleared == nil)
    let note = try #require(said.first { $0.source == "note" })
    #expect(note.rules == ["dvt-suspected"])
    #expect(note.words == "his left calf is swollen and warm since the massage")
    #expect(note.cleared == "2026-12-04")
    // The emergency number, for a breathing red flag that still stands.
    #expect(Self.summary().redFlags.emergencyNumber == "911")
  }

  @Test("a session within 24 hours of a red flag said, not cleared, went against the precautions")
  func sessionAfterRedFlag() throws {
    let safety = try #require(Self.summary().safety)
    // Session 2 (two hours after the nosebleed stop) went against it; session 1 (the stop
    // itself), session 3 (two days later) and session 4 (after the clearance) did not.
    #expect(safety.against.map(\.session) == [2])
    let stop = try #require(safety.against.first?.breaches.first)
    #expect(stop.kind == .stop && stop.because == ["bleeding-signs"])
  }

  @Test("a red flag taken off in the period is cleared, never in force, as FHIR's inactive")
  func clearedProfileFlag() throws {
    let data = Self.summary()
    #expect(!data.redFlags.conditions.contains("breathing-trouble-sudden"))
    #expect(!data.redFlags.conditions.contains("dvt-suspected"))
    // The profile's red flag taken off, and the rule taken off that closed the note's red flag.
    #expect(data.redFlags.cleared?.map(\.id) == ["breathing-trouble-sudden", "dvt-suspected"])
    #expect(data.redFlags.cleared?.first?.until == "2026-12-01")
    let text = Self.render(.text)
    #expect(text.contains("Sudden shortness of breath: cleared on Dec 1, 2026, no longer in force"))
    let fhir = Self.render(.fhir)
    let flags = try Self.flags(fhir)
    let precaution = try #require(
      flags.first {
        Self.codes($0).contains("breathing-trouble-sudden")
          && !Self.codes($0).contains("said-red-flag")
      })
    #expect(precaution["status"] as? String == "inactive")
    let note = try #require(flags.first { Self.codes($0) == ["said-red-flag", "dvt-suspected"] })
    #expect(note["status"] as? String == "inactive")
    let stop = try #require(flags.first { Self.codes($0) == ["said-red-flag", "bleeding-signs"] })
    #expect(stop["status"] as? String == "active")
    #expect(Self.text(stop).contains("her nose is bleeding and won't stop"))
  }

  @Test(
    "Red flags come first on every page, with the words",
    arguments: [SummaryFormat.text, .markdown, .html])
  func firstOnThePage(format: SummaryFormat) throws {
    let page = Self.render(format)
    let flags = try #require(page.range(of: format == .text ? "RED FLAGS" : "Red flags"))
    let glance = try #require(page.range(of: format == .text ? "AT A GLANCE" : "At a glance"))
    #expect(flags.lowerBound < glance.lowerBound)
    let section = String(page[flags.lowerBound..<glance.lowerBound])
    for words in ["her nose is bleeding", "her chest feels tight", "his left calf is swollen"] {
      #expect(section.contains(words), "\(format): \(words)")
    }
    #expect(section.contains("call 911"))
    // The one-line summary under SAFETY agrees: in force, cleared.
    #expect(page.contains("New unexplained bleeding or bruising"))
  }

  @Test("CSV names each session's red flags and gives a feeling's red flag a row of its own")
  func csv() throws {
    let rows = Self.render(.csv).components(separatedBy: "\r\n").dropLast()
    let header = try #require(rows.first).split(separator: ",").map(String.init)
    #expect(header.last == "red_flags")
    let first = try #require(rows.dropFirst().first).split(
      separator: ",", omittingEmptySubsequences: false)
    #expect(first.last == "bleeding-signs")
    let said = try #require(rows.first { $0.contains(",red-flag-said,") })
    #expect(
      said.hasSuffix("breathing-trouble-sudden;chest-pain")
        || said.contains("breathing-trouble-sudden"))
    #expect(!Self.render(.csv).contains("catch her breath"))  // never the words
  }

  @Test("JSON carries the red flags and reads back the same")
  func json() throws {
    let data = Self.summary()
    let text = SummaryRendering.export(
      data, as: .json, RenderOptions(localizer: Fixtures.english, ids: UUIDSource(seed: 7))
    ).text
    let read = try JSONDecoder().decode(SummaryData.self, from: Data(text.utf8))
    #expect(read.redFlags == data.redFlags)
    #expect(read.stopped == data.stopped)
  }

  @Test("de-identified keeps the stop's red flag and every red flag said, with years only")
  func deidentified() throws {
    let data = Self.summary(deidentify: true)
    #expect(data.stopped.first?.reason == nil)
    #expect(data.stopped.first?.redFlags == ["bleeding-signs"])
    let said = try #require(data.redFlags.said)
    #expect(said.count == 3)
    #expect(said.allSatisfy { $0.words == nil && $0.when == "2026" })
    #expect(said.first { $0.source == "note" }?.cleared == "2026")
    #expect(data.redFlags.cleared?.first?.until == "2026")
    let day = try Regex("20[0-9]{2}-[0-9]{2}-[0-9]{2}")
    for format in [SummaryFormat.text, .json, .fhir, .markdown, .html, .csv] {
      let page = Self.render(format, deidentify: true)
      #expect(page.firstMatch(of: day) == nil, "\(format) has a full date")
      #expect(!page.contains("nose is bleeding"), "\(format) has free text")
      // The pages name the rule; the machine formats give its id.
      let named = format == .json || format == .csv ? "bleeding-signs" : "New unexplained bleeding"
      #expect(page.contains(named), "\(format)")
    }
    #expect(Self.render(.text, deidentify: true).contains("red flag: New unexplained bleeding"))
  }

  @Test("tend review reads the red flags said back from the FHIR export (active or cleared)")
  func fhirReview() throws {
    let file = Review.read(bytes: Array(Self.render(.fhir).utf8), path: "rosa.fhir.json")
    let read = try #require(file.summary?.redFlags.said)
    let made = try #require(Self.summary().redFlags.said)
    #expect(read.map(\.rules) == made.map(\.rules))
    #expect(read.map(\.source) == made.map(\.source))
    #expect(read.map(\.cleared) == made.map(\.cleared))
    #expect(read.allSatisfy { $0.words == nil })
  }

  @Test("without a word reader the summary is as before (profile red flags only)")
  func withoutWords() {
    let data = Self.summary(readWords: false)
    #expect(data.redFlags.said == nil)
    #expect(data.stopped.first?.redFlags == nil)
  }

  @Test("notes left out: the red flag said in a note stays, its words go")
  func notesOmitted() throws {
    let said = try #require(Self.summary(omit: [.notes]).redFlags.said)
    #expect(said.first { $0.source == "note" }?.words == nil)
    #expect(said.first { $0.source == "note" }?.rules == ["dvt-suspected"])
    #expect(said.first { $0.source == "feeling" }?.words != nil)
  }

  @Test("'1 session on 1 day', never '1 days'")
  func dayPlural() {
    let text = Self.render(.text)
    #expect(text.contains("4 sessions on 3 days"))
    let one = SummaryBuilder.summarize(
      SummaryReceiver(id: "r", name: "R"),
      JournalScan.entries(
        """
        {"at":"2026-12-01T10:00:00+00:00","minutes":5,"routine":"calm-hands","type":"session","v":1}

        """),
      options: SummaryOptions(
        period: SummaryPeriod(
          from: CivilDay.parse("2026-12-01")!, to: CivilDay.parse("2026-12-31")!),
        now: SummaryTime(seconds: 1_796_774_400, offset: 0), keepSessions: false))
    let page = SummaryRendering.export(
      one, as: .text, RenderOptions(localizer: Fixtures.english)
    ).text
    #expect(page.contains("1 session on 1 day ("))
  }

  @Test("de-identified care team advice says 'the care team', with years only")
  func careTeamUnnamed() throws {
    var data = Self.summary()
    data.careTeam = [
      SummaryCareTeam(
        kind: "advice", from: "Dr Lee", rules: [], limits: CareLimits(maxMinutes: 10),
        start: "2026-12-01", until: "2026-12-31", note: "gentle")
    ]
    data.applyPrivacy(omit: [], deidentify: true)
    #expect(data.careTeam?.first?.start == "2026")
    #expect(data.careTeam?.first?.until == "2026")
    let page = SummaryRendering.export(
      data, as: .text, RenderOptions(localizer: Fixtures.english)
    ).text
    #expect(!page.contains("the care team's advice"))
    #expect(page.contains("the care team"))
  }

  // MARK: FHIR helpers

  static func flags(_ fhir: String) throws -> [[String: Any]] {
    let bundle = try #require(
      try JSONSerialization.jsonObject(with: Data(fhir.utf8)) as? [String: Any])
    let entries = (bundle["entry"] as? [[String: Any]]) ?? []
    return entries.compactMap { $0["resource"] as? [String: Any] }.filter {
      $0["resourceType"] as? String == "Flag"
    }
  }

  static func codes(_ flag: [String: Any]) -> [String] {
    (((flag["code"] as? [String: Any])?["coding"] as? [[String: Any]]) ?? []).compactMap {
      $0["code"] as? String
    }
  }

  static func text(_ flag: [String: Any]) -> String {
    ((flag["code"] as? [String: Any])?["text"] as? String) ?? ""
  }
}
