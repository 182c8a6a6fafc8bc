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

  @Test("a changed byte marks the file altered; no checksum is unverified; junk is unreadable")
  func statuses() {
    let altered = Self.export(.json).replacingOccurrences(
      of: "\"sessions\" : 14", with: "\"sessions\" : 15"
    )
    .replacingOccurrences(of: "\"sessions\": 14", with: "\"sessions\": 15")
    #expect(altered != Self.export(.json))
    #expect(Review.read(bytes: Array(altered.utf8), path: "x").status == .altered)
    let fhir = Self.export(.fhir).replacingOccurrences(of: "\"value\": 6,", with: "\"value\": 2,")
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
    #expect(Self.export(.csv).contains("," + token + "\r\n"))
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
