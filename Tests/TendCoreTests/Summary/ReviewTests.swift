import Foundation
import TendCore
import TendTestSupport
import Testing

/// `tend review`'s core: exports read back, checksums verified, FHIR round trip.
@Suite("Review")
struct ReviewTests {
  static let options = SummaryFixtures.options()
  static var data: SummaryData {
    SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryFixtures.journal), options: options)
  }
  static func export(_ format: SummaryFormat, _ data: SummaryData = data) -> String {
    SummaryRendering.export(
      data, as: format, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
  }

  @Test("a JSON export reads back intact and equal")
  func json() {
    let file = Review.read(bytes: Array(Self.export(.json).utf8), path: "a.json")
    #expect(file.status == .intact && file.format == .json)
    var back = file.summary
    back?.checksum = nil
    #expect(back == Self.data)
  }

  @Test("a FHIR export reads back into the same numbers (round trip)")
  func fhirRoundTrip() throws {
    let file = Review.read(
      bytes: Array(Self.export(.fhir).utf8), path: "a.fhir.json",
      redFlagConditions: Self.options.redFlagConditions)
    #expect(file.status == .intact && file.format == .fhir)
    let back = try #require(file.summary)
    let original = Self.data
    var totals = original.totals
    totals.feelings = 0  // feelings are not part of the FHIR mapping
    #expect(back.totals == totals)
    #expect(back.ratings == original.ratings)
    #expect(back.trend == original.trend)
    #expect(back.precautions.map(\.id) == original.precautions.map(\.id))
    #expect(back.stopped == original.stopped)
    #expect(
      back.routines == original.routines && back.sites == original.sites
        && back.pressure == original.pressure)
    #expect(back.receiver.name == "Rosa Example" && back.receiver.birthYear == 1948)
    #expect(Set(back.caregivers.map(\.name)) == ["Ana", "Luis"])
    #expect(back.version == SummaryFixtures.version)
  }

  @Test(
    "a FHIR export made before the seal moved to the Bundle's end still verifies and reads the same",
    arguments: ["legacy-compact-meta-first.fhir.json", "legacy-indented-meta-first.fhir.json"])
  func fhirLegacySeal(name: String) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("Snapshots/" + name)))
    // Made by earlier versions: `meta`, with the checksum, on the Bundle's first lines.
    let head = String(decoding: bytes.prefix(1200), as: UTF8.self)
    #expect(head.contains("\"meta\"") && head.contains("content-sha256"))
    let options = Self.options.redFlagConditions
    let old = Review.read(bytes: bytes, path: name, redFlagConditions: options)
    #expect(old.status == .intact && old.format == .fhir)
    // Its checksum still catches a changed byte.
    let text = String(decoding: bytes, as: UTF8.self)
    let changed = text.replacingOccurrences(of: "\"Rosa Example\"", with: "\"Rosa Exampel\"")
    #expect(changed != text)
    #expect(Review.read(bytes: Array(changed.utf8), path: name).status == .altered)
    // The same summary as an export made now, with `meta` last.
    let new = Self.export(.fhir)
    let tail = new.split(separator: "\n").last.map(String.init) ?? ""
    #expect(tail.hasPrefix("],\"meta\":{\"extension\":[") && tail.contains("content-sha256"))
    #expect(!new.split(separator: "\n")[0].contains("\"meta\""))
    let now = Review.read(bytes: Array(new.utf8), path: "a.fhir.json", redFlagConditions: options)
    #expect(now.status == .intact)
    let a = try #require(old.summary)
    let b = try #require(now.summary)
    #expect(a.period == b.period && a.version == b.version && a.made == b.made)
    #expect(a.totals == b.totals && a.ratings == b.ratings && a.trend == b.trend)
    #expect(a.stopped == b.stopped && a.routines == b.routines && a.sites == b.sites)
    #expect(a.pressure == b.pressure && a.receiver == b.receiver)
  }

  @Test("a changed byte marks the file altered; no checksum is unverified; junk is unreadable")
  func statuses() {
    let altered = Self.export(.json).replacingOccurrences(
      of: "\"sessions\" : 14", with: "\"sessions\" : 15"
    )
    .replacingOccurrences(of: "\"sessions\": 14", with: "\"sessions\": 15")
    #expect(altered != Self.export(.json))
    #expect(Review.read(bytes: Array(altered.utf8), path: "x").status == .altered)
    let sealed = Self.export(.fhir)
    #expect(sealed.contains("\"value\":6,"))
    let fhir = sealed.replacingOccurrences(of: "\"value\":6,", with: "\"value\":2,")
    #expect(Review.read(bytes: Array(fhir.utf8), path: "y").status == .altered)
    let plain = SummaryRendering.render(
      Self.data, as: .json, RenderOptions(localizer: Fixtures.english))
    #expect(Review.read(bytes: Array(plain.utf8), path: "z").status == .unverified)
    guard case .unreadable = Review.read(bytes: Array("hello".utf8), path: "w").status else {
      Issue.record("junk was read")
      return
    }
    guard
      case .unreadable = Review.read(
        bytes: Array("{\"resourceType\": \"Patient\"}".utf8), path: "v"
      ).status
    else {
      Issue.record("a lone Patient was read")
      return
    }
  }

  @Test("several files make a table naming altered and unreadable ones")
  func table() {
    let files = [
      Review.read(bytes: Array(Self.export(.json).utf8), path: "/x/rosa.json"),
      Review.read(bytes: Array(Self.export(.fhir).utf8), path: "/x/rosa.fhir.json"),
      Review.read(bytes: Array("nope".utf8), path: "/x/broken.json"),
    ]
    let text = ReviewReport.render(files, RenderOptions(localizer: Fixtures.english))
    #expect(text.contains("rosa.json") && text.contains("Rosa Example"))
    #expect(text.contains("−2.3") || text.contains("−2.2"))
    #expect(text.contains("UNREADABLE: /x/broken.json"))
    #expect(text.contains("3 files: 2 intact, 0 altered"))
  }

  @Test("every format and the review table say which Tend and which rules made the summary")
  func madeWith() {
    let line = "Made with Tend 0.1.0, rules v1, data 0123456789ab."
    for format in [SummaryFormat.text, .markdown, .html] {
      #expect(Self.export(format).contains(line), "\(format)")
    }
    let token = "tend 0.1.0; rules v1; data 0123456789ab"
    #expect(Self.export(.csv).contains("," + token + ","), "made_with comes after water")
    #expect(Self.export(.fhir).contains(token))
    #expect(Self.export(.json).contains("\"rules\" : 1"))
    let files = [
      Review.read(bytes: Array(Self.export(.json).utf8), path: "/x/rosa.json"),
      Review.read(bytes: Array(Self.export(.fhir).utf8), path: "/x/rosa.fhir.json"),
    ]
    let table = ReviewReport.render(files, RenderOptions(localizer: Fixtures.english))
    #expect(table.contains("Tend, rules"))
    #expect(
      table.split(separator: "\n").filter { $0.contains("0.1.0 v1 0123456789ab") }.count == 2)
    var old = Self.data
    old.version = nil
    #expect(!Self.export(.text, old).contains("Made with"))
  }
}

/// `tend review` does not take a file's word for its figures, and names a Bundle Tend did not
/// make instead of reading it as an empty Tend summary.
@Suite("Review: recomputed figures and foreign Bundles")
struct ReviewCheckTests {
  @Test("an export whose red-flag count was edited and re-hashed is intact but flagged")
  func edited() throws {
    var data = SessionSafetyTests.summary()
    #expect(data.redFlags.worseAfter == 2)
    let honest = SummaryRendering.export(
      data, as: .json, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
    #expect(Review.read(bytes: Array(honest.utf8), path: "a.json").disagreements.isEmpty)
    data.redFlags.worseAfter = 0
    data.safety?.worse = []
    data.ratings[0].worsened2 = 0
    let forged = SummaryRendering.export(
      data, as: .json, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
    let file = Review.read(bytes: Array(forged.utf8), path: "forged.json")
    #expect(file.status == .intact, "re-hashed: the checksum cannot catch this")
    #expect(file.disagreements.contains { $0.figure == "worse-after" && $0.recomputed == "2" })
    #expect(file.disagreements.contains { $0.figure == "pain" })
    let page = ReviewReport.render([file], RenderOptions(localizer: Fixtures.english))
    #expect(page.contains("FIGURES DO NOT MATCH THE SESSION ROWS"))
    #expect(page.contains("worse-after: the file says 0, its session rows give 2"))
    #expect(page.contains("does not prove who made the file"))
  }

  @Test("a FHIR Bundle from another tool is named as not made by Tend and its contents listed")
  func foreign() throws {
    let bundle = """
      {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:0b7c1f52-5d1e-4a8e-9d59-2c1e8c0b7a11", "resource": {
          "resourceType": "Patient", "name": [{"given": ["Ada"], "family": "Lovelace"}],
          "birthDate": "1950-12-10"}},
        {"fullUrl": "urn:uuid:5d2a4c77-2f7e-4c5a-8b0e-7f7c3c9e6b22", "resource": {
          "resourceType": "Observation", "status": "final",
          "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4",
                               "display": "Heart rate"}]},
          "effectiveDateTime": "2026-11-03T10:00:00+00:00",
          "valueQuantity": {"value": 72, "unit": "/min"}}}
      ]}
      """
    let file = Review.read(bytes: Array(bundle.utf8), path: "other.json")
    #expect(file.summary == nil)
    let lines = try #require(file.foreign)
    #expect(lines.count == 2)
    #expect(lines[0].contains("Patient Ada Lovelace born 1950-12-10"))
    #expect(
      lines[1].contains("loinc.org 8867-4 \"Heart rate\" = 72 /min (2026-11-03T10:00:00+00:00)"))
    let page = ReviewReport.render([file], RenderOptions(localizer: Fixtures.english))
    #expect(page.contains("NOT MADE BY TEND"))
    #expect(!page.contains("Made on") && !page.contains("No sessions in this period"))
  }
}
