import Foundation
import TendCore
import TendTestSupport
import Testing

/// SAFETY names what a nurse must act on: sessions that went against the precautions in force
/// on their own date (from the journal's condition history), sessions rated 2+ points worse,
/// days over the fluid limit. Expected values are worked out by hand from the journal below.
@Suite("Summary safety: what was in force then")
struct SessionSafetyTests {
  /// Blood thinners all along (ceiling 2); an IV line in the left arm from 20 Oct (added that
  /// day in the history); a fever from 5 to 7 Nov (added, then removed); an inflamed right knee
  /// (no joint movement) in the profile from 1 Nov, never in the history.
  static let journal = """
    {"at":"2026-10-01T09:00:00-05:00","change":"added","condition":{"id":"anticoagulants"},"type":"condition","v":1}
    {"at":"2026-10-10T18:00:00-05:00","minutes":10,"plan":{"adapted":[],"kept":[],"skipped":[]},"pressure":2,"routine":"forearm-ease","sites":["left-forearm"],"type":"session","v":1}
    {"at":"2026-10-18T18:00:00-05:00","after":{"ratedBy":"receiver","scores":{"pain":8}},"before":{"ratedBy":"receiver","scores":{"pain":5}},"minutes":10,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}
    {"at":"2026-10-20T08:00:00-05:00","change":"added","condition":{"id":"iv-line","side":"left","site":"arm"},"type":"condition","v":1}
    {"at":"2026-10-25T18:00:00-05:00","minutes":10,"pressure":3,"routine":"forearm-ease","sites":["left-forearm"],"type":"session","v":1}
    {"amountML":900,"answer":"given","at":"2026-10-25T12:00:00-05:00","type":"water","v":1}
    {"amountML":600,"answer":"given","at":"2026-10-25T18:30:00-05:00","type":"water","v":1}
    {"amountML":700,"answer":"given","at":"2026-10-26T18:30:00-05:00","type":"water","v":1}
    {"at":"2026-11-03T18:00:00-05:00","minutes":8,"plan":{"adapted":[],"kept":["right-wrist-circles"],"skipped":[]},"pressure":1,"routine":"calm-hands","type":"session","v":1}
    {"at":"2026-11-05T08:00:00-05:00","change":"added","condition":{"id":"fever"},"type":"condition","v":1}
    {"at":"2026-11-06T18:00:00-05:00","minutes":5,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}
    {"at":"2026-11-07T08:00:00-05:00","change":"removed","condition":{"id":"fever"},"type":"condition","v":1}
    {"after":{"ratedBy":"receiver","scores":{"comfort":3}},"at":"2026-11-09T18:00:00-05:00","before":{"ratedBy":"receiver","scores":{"comfort":6}},"minutes":5,"pressure":1,"routine":"calm-hands","sites":["right-hand"],"type":"session","v":1}

    """

  static var receiver: SummaryReceiver {
    SummaryReceiver(
      id: "rosa-ruiz", name: "Rosa Ruiz",
      conditions: [
        SummaryCondition(id: "anticoagulants", since: "2026-10-01"),
        SummaryCondition(id: "iv-line", site: "arm", side: "left", since: "2026-10-20"),
        SummaryCondition(id: "inflamed-joint", site: "knee", side: "right", since: "2026-11-01"),
      ],
      fluidLimitML: 1200)
  }

  static func summary(omit: Set<SummaryPart> = [], deidentify: Bool = false) -> SummaryData {
    let options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-10-01")!, to: CivilDay.parse("2026-11-30")!),
      omit: omit, deidentify: deidentify, now: SummaryFixtures.now, catalog: Fixtures.catalog)
    return SummaryBuilder.summarize(receiver, JournalScan.entries(journal), options: options)
  }

  @Test("a session on the IV arm at pressure 3 under blood thinners is named with date and what")
  func against() throws {
    let s = try #require(Self.summary().safety)
    #expect(s.checked)
    #expect(s.against.map(\.when) == ["2026-10-25", "2026-11-03", "2026-11-06"])
    let iv = s.against[0]
    #expect(iv.routine == "forearm-ease")
    #expect(
      iv.breaches.contains {
        $0.kind == .avoidedSite && $0.what == "left-forearm" && $0.because == ["iv-line"]
      })
    #expect(iv.breaches.contains { $0.kind == .pressure && $0.value == 3 && $0.limit == 2 })
    // 10 Oct: same arm, pressure 2, but the line dates from 20 Oct: nothing against.
    #expect(!s.against.contains { $0.when == "2026-10-10" })
    // 3 Nov: wrist circles move a joint while the inflamed knee excludes joint movement.
    #expect(s.against[1].breaches.map(\.kind) == [.jointMovement])
    // 6 Nov: the fever (added 5 Nov, removed 7 Nov) allowed no massage; 9 Nov is clear.
    #expect(s.against[2].breaches.map(\.kind) == [.stop])
    // The fever-with-hot-joint escalation is stricter than the fever rule alone.
    #expect(s.against[2].breaches[0].because == ["fever-with-hot-joint"])
  }

  @Test("precautions on each row are those in force on its date, from the condition history")
  func asOfDate() throws {
    let rows = try #require(Self.summary().sessions)
    #expect(rows[0].precautions == ["anticoagulants"])  // 10 Oct: no IV line yet
    #expect(rows[2].precautions == ["anticoagulants", "iv-line"])  // 25 Oct
    #expect(rows[4].precautions.contains("fever"))  // 6 Nov
    #expect(!rows[5].precautions.contains("fever"))  // 9 Nov, after it was removed
    #expect(rows[2].breaches?.isEmpty == false && rows[1].breaches == [])
  }

  @Test("sessions rated 2+ points worse carry date, scale and values; comfort counts downwards")
  func worse() throws {
    let w = try #require(Self.summary().safety).worse
    #expect(w.map(\.when) == ["2026-10-18", "2026-11-09"])
    #expect(w[0].changes.map { "\($0.scale) \($0.before)→\($0.after)" } == ["pain 5→8"])
    #expect(w[1].changes.map { "\($0.scale) \($0.before)→\($0.after)" } == ["comfort 6→3"])
  }

  @Test("daily water totals against the limit; the day over it is in SAFETY")
  func water() throws {
    let data = Self.summary()
    let days = try #require(data.water?.days)
    #expect(days.map(\.totalML) == [1500, 700])
    #expect(days.map(\.over) == [true, false])
    #expect(data.safety?.fluidDays.map(\.day) == ["2026-10-25"])
    #expect(data.safety?.fluidDays.first?.limitML == 1200)
  }

  @Test("every format names the sessions, the values and the day over the limit")
  func formats() throws {
    let data = Self.summary()
    let t = Fixtures.english
    for format in [SummaryFormat.text, .markdown, .html] {
      let text = SummaryRendering.export(data, as: format, RenderOptions(localizer: t)).text
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
      #expect(text.contains("Went against the precautions in force that day"), "\(format)")
      #expect(text.contains("pressure 3, above the ceiling of 2"), "\(format)")
      #expect(text.contains("Pain 5→8"), "\(format)")
      #expect(text.contains("Comfort 6→3 (10 = best)"), "\(format)")
      #expect(text.contains("1,500 mL, limit 1,200 mL"), "\(format)")
      #expect(text.contains("no massage was advised that day"), "\(format)")
    }
    let csv = SummaryRendering.export(data, as: .csv, RenderOptions(localizer: t)).text
    #expect(csv.contains("avoided-site:left-forearm"))
    #expect(csv.contains(",1500,1200,yes"))
    #expect(csv.contains(",no-session,"))  // 26 Oct: water but no session
    let fhir = SummaryRendering.export(data, as: .fhir, RenderOptions(localizer: t)).text
    #expect(fhir.contains("\"9000-1\""))
    #expect(fhir.components(separatedBy: "\"9000-1\"").count - 1 == 2)
    #expect(fhir.contains("\"value\":1500"))
  }

  @Test("FHIR: water Observations, Patient identifier and birth date, allergies; all validate")
  func fhir() throws {
    var receiver = Self.receiver
    receiver.birthDate = "1948-03-02"
    receiver.identifiers = [SummaryIdentifier(system: "urn:oid:1.2.3.4", value: "MRN-4471")]
    receiver.allergies = ["latex"]
    receiver.conditions.append(SummaryCondition(id: "lotion-allergy-nut", since: "2026-10-01"))
    receiver.relationships = ["Ana": "daughter"]
    let options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-10-01")!, to: CivilDay.parse("2026-11-30")!),
      now: SummaryFixtures.now, catalog: Fixtures.catalog)
    let data = SummaryBuilder.summarize(
      receiver, JournalScan.entries(Self.journal), options: options)
    let text = SummaryRendering.export(
      data, as: .fhir, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
    let bundle = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let resources = ((bundle["entry"] as? [[String: Any]]) ?? []).compactMap {
      $0["resource"] as? [String: Any]
    }
    let patient = try #require(resources.first { $0["resourceType"] as? String == "Patient" })
    #expect(patient["birthDate"] as? String == "1948-03-02")
    #expect(((patient["identifier"] as? [[String: Any]])?.first?["value"] as? String) == "MRN-4471")
    let allergies = resources.filter { $0["resourceType"] as? String == "AllergyIntolerance" }
    #expect(allergies.count == 2)  // latex (their words) and the nut-oil precaution
    #expect(text.contains("\"latex\""))
    for flag in resources where flag["resourceType"] as? String == "Flag" {
      let codings = ((flag["code"] as? [String: Any])?["coding"] as? [[String: Any]]) ?? []
      #expect(codings.count == 1, "one meaning per CodeableConcept")
    }
    guard let result = try FHIRValidationTests.validate(["safety.json": text]) else { return }
    #expect(result.status == 0, "\(result.output)")
  }

  @Test("a long list on the page says how many more; JSON carries them all")
  func cut() throws {
    var data = Self.summary()
    let one = try #require(data.safety?.against.first)
    data.safety?.against = Array(repeating: one, count: 11)
    let t = Fixtures.english
    let text = SummaryRendering.export(data, as: .text, RenderOptions(localizer: t)).text
    #expect(text.contains("and 3 more"))
    let json = SummaryRendering.export(data, as: .json, RenderOptions(localizer: t)).text
    let back = try JSONDecoder().decode(SummaryData.self, from: Data(json.utf8))
    #expect(back.safety?.against.count == 11)
  }

  @Test("the one-page formats keep the first 20 of a SAFETY list in memory and count the rest")
  func bounded() {
    var lines: [String] = []
    for d in 1...30 {
      lines.append(
        "{\"after\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":9}},\"at\":\"2026-11-\(d < 10 ? "0" : "")\(d)T18:00:00-05:00\",\"before\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":4}},\"pressure\":3,\"sites\":[\"left-hand\"],\"type\":\"session\",\"v\":1}"
      )
    }
    let options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-11-01")!, to: CivilDay.parse("2026-11-30")!),
      now: SummaryFixtures.now, keepSessions: false, catalog: Fixtures.catalog)
    let data = SummaryBuilder.summarize(
      Self.receiver, JournalScan.entries(lines.joined(separator: "\n")), options: options)
    #expect(data.safety?.worse.count == 20 && data.safety?.worseCount == 30)
    #expect(data.safety?.against.count == 20 && data.safety?.againstCount == 30)
    let text = SummaryRendering.export(
      data, as: .text, RenderOptions(localizer: Fixtures.english)
    ).text
    #expect(text.components(separatedBy: "and 22 more").count - 1 == 2)
  }

  @Test("--omit name drops the name-derived receiver id too; de-identified lists keep no dates")
  func privacy() throws {
    let t = Fixtures.english
    let omitted = Self.summary(omit: [.name])
    #expect(omitted.receiver.id == nil && omitted.receiver.name == nil)
    for format in SummaryFormat.allCases {
      let text = SummaryRendering.export(omitted, as: format, RenderOptions(localizer: t)).text
      #expect(!text.lowercased().contains("rosa"), "\(format)")
      #expect(!text.lowercased().contains("ruiz"), "\(format)")
    }
    let deid = Self.summary(deidentify: true)
    let json = SummaryRendering.export(deid, as: .json, RenderOptions(localizer: t)).text
    #expect(!json.contains("2026-1"))
    #expect(deid.safety?.against.first?.when == "session 3")
  }

  @Test("without the rules, the page says sessions were not checked (never a silent none)")
  func notChecked() {
    let options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-10-01")!, to: CivilDay.parse("2026-11-30")!),
      now: SummaryFixtures.now)
    let data = SummaryBuilder.summarize(
      Self.receiver, JournalScan.entries(Self.journal), options: options)
    let text = SummaryRendering.export(
      data, as: .text, RenderOptions(localizer: Fixtures.english)
    ).text
    #expect(text.contains("were not checked against the precautions"))
    #expect(!text.contains("Went against the precautions"))
  }

  @Test("SessionAudit: sites, ceilings, positions and joint movement, strictest rule wins")
  func audit() throws {
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let (r, _, _) = try checker.restrictions(for: [
      Condition(id: "anticoagulants"), Condition(id: "iv-line", site: .arm, side: .left),
    ])
    let ok = SessionAudit.breaches(
      SessionDone(routine: "calm-hands", sites: ["right-hand"], pressure: 2), under: r,
      catalog: Fixtures.catalog)
    #expect(ok.isEmpty)
    let bad = SessionAudit.breaches(
      SessionDone(sites: ["left-hand"], pressure: 3), under: r, catalog: Fixtures.catalog)
    #expect(Set(bad.map(\.kind)) == [.avoidedSite, .pressure])
    #expect(bad.map(\.code).contains("avoided-site:left-hand"))
  }
}

/// The printed page's charts: axis text at least 8 pt, a tick every week, directions stated.
@Suite("Summary print layout")
struct PrintLayoutTests {
  @Test("chart text is at least 8 pt at print size and the x axis has weekly ticks")
  func charts() throws {
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryFixtures.journal),
      options: SummaryFixtures.options())
    let html = SummaryRendering.export(
      data, as: .html, RenderOptions(localizer: Fixtures.english)
    ).text
    // The SVG is 300 units wide printed at 88 mm; axis text is font-size 10px in those units.
    #expect(html.contains("svg { width: 88mm;") && html.contains("svg .axis { font-size: 10px;"))
    #expect(html.contains("viewBox=\"0 0 300 "))
    let points = 10.0 * 88 / 300 / 25.4 * 72
    #expect(points >= 8, "axis text prints at \(points) pt")
    // 28 days: ticks on days 1, 8, 15, 22 of each of the four charts, each with its date.
    #expect(html.components(separatedBy: "class=\"tick\"").count - 1 == 4 * 4)
    for label in ["Nov 1<", "Nov 8<", "Nov 15<", "Nov 22<"] { #expect(html.contains(label)) }
    // Every scale's direction is printed beside it.
    #expect(html.contains("Pain (10 = worst)") && html.contains("Comfort (10 = best)"))
    // The running head of each printed page.
    #expect(html.contains("counter(page)") && html.contains("counter(pages)"))
    #expect(html.contains("@top-left { content: \"Rosa Example · Nov 1, 2026 – Nov 28, 2026\""))
  }
}
