import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every format of the fixture summary, compared with golden files in `Snapshots/`
/// (TEND_RECORD_SNAPSHOTS=1 re-records).
@Suite("Summary snapshots")
struct SummarySnapshotTests {
  static func render(_ format: SummaryFormat, deidentify: Bool = false, checksum: Bool = false)
    -> String
  {
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryFixtures.journal),
      options: SummaryFixtures.options(keepSessions: format.needsRows, deidentify: deidentify))
    let options = RenderOptions(
      localizer: Fixtures.english, checksum: checksum, ids: UUIDSource(seed: 42))
    return SummaryRendering.export(data, as: format, options).text
  }

  @Test("each format matches its snapshot", arguments: SummaryFormat.allCases)
  func formats(format: SummaryFormat) {
    Snapshot.assert(
      Self.render(format, checksum: format == .json || format == .fhir),
      named: "fixture.\(format.fileExtension)")
  }

  @Test(
    "de-identified text and FHIR match their snapshots", arguments: [SummaryFormat.text, .fhir])
  func deidentified(format: SummaryFormat) {
    Snapshot.assert(
      Self.render(format, deidentify: true), named: "fixture-deidentified.\(format.fileExtension)")
  }

  @Test("terminal text fits 80 columns and has no colour codes unless asked")
  func width() {
    let text = Self.render(.text)
    for line in text.split(separator: "\n") { #expect(line.count <= 80, "too wide: \(line)") }
    #expect(!text.contains("\u{1B}["))
    #expect(text.contains("Reported by the family at home, not clinically validated."))
  }

  @Test("the HTML page is self-contained: no scripts, no links to fetch")
  func selfContained() {
    let html = Self.render(.html)
    for banned in ["<script", "src=", "href=", "@import", "url("] {
      #expect(!html.contains(banned), "\(banned)")
    }
    #expect(html.contains("<svg") && html.contains("<title") && html.contains("@page"))
  }

  @Test("CSV is RFC 4180: CRLF, a fixed header, quoted fields")
  func csv() throws {
    let csv = Self.render(.csv)
    let rows = csv.components(separatedBy: "\r\n").dropLast()
    #expect(rows.count == 15)
    #expect(
      rows.first?.hasPrefix(
        "number,date,start,minutes,routine,sites,pressure,given_by,status,stop_reason,pain_before,pain_after"
      ) == true)
    #expect(rows.contains { $0.contains(",stopped,\"felt light-headed; sat 10 min, then fine\",") })
    #expect(
      rows.filter { !$0.contains("\"") }.allSatisfy {
        $0.split(separator: ",", omittingEmptySubsequences: false).count == 34
      })
    #expect(!csv.contains("sleepy"))  // notes never go into the CSV
  }
}
