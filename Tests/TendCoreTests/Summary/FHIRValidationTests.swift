import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every FHIR export Tend makes passes fhir.resources (R4B models) plus Tend's own checks
/// (.ci/validate_fhir.py). Skipped, with a recorded message, only when python3 or
/// fhir.resources is missing (CI installs both).
@Suite("FHIR validation")
struct FHIRValidationTests {
  static func validate(_ bundles: [String: String]) throws -> (status: Int32, output: String)? {
    let dir = Fixtures.temporaryDirectory("tend-fhir")
    defer { try? FileManager.default.removeItem(at: dir) }
    var paths: [String] = []
    for (name, text) in bundles.sorted(by: { $0.key < $1.key }) {
      let file = dir.appendingPathComponent(name)
      try Data(text.utf8).write(to: file)
      paths.append(file.path)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      ["python3", Fixtures.packageRoot.appendingPathComponent(".ci/validate_fhir.py").path] + paths
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    do { try p.run() } catch { return nil }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    if p.terminationStatus == 2 || p.terminationStatus == 127 {
      Issue.record(Comment(rawValue: "skipped: python3 or fhir.resources missing: \(out)"))
      return nil
    }
    return (p.terminationStatus, out)
  }

  static func bundle(
    omit: Set<SummaryPart> = [], deidentify: Bool = false, entries: [SummaryEntry]? = nil
  ) -> String {
    var all = entries ?? JournalScan.entries(SummaryFixtures.journal)
    all.append(
      .consent(
        SummaryConsent(
          at: SummaryFixtures.now, sharedWith: "Dr Lee, oncology", what: ["sessions"],
          from: "2026-11-01", to: "2026-11-28",
          format: "fhir")))
    let data = SummaryBuilder.summarize(
      SummaryFixtures.receiver, all,
      options: SummaryFixtures.options(omit: omit, deidentify: deidentify))
    return SummaryRendering.export(
      data, as: .fhir, RenderOptions(localizer: Fixtures.english, checksum: true)
    ).text
  }

  @Test("identified, shortened and de-identified Bundles all validate")
  func valid() throws {
    guard
      let result = try Self.validate([
        "full.json": Self.bundle(), "omit.json": Self.bundle(omit: [.notes, .name, .water]),
        "deid.json": Self.bundle(deidentify: true), "empty.json": Self.bundle(entries: []),
      ])
    else { return }
    #expect(result.status == 0, "\(result.output)")
  }

  @Test("the gate catches what it should: a missing status, a dangling reference, a bad code")
  func catchesErrors() throws {
    var broken = Self.bundle()
    broken = broken.replacingOccurrences(of: "\"status\":\"completed\",", with: "")
    broken = broken.replacingOccurrences(of: "\"code\":\"72514-3\"", with: "\"code\":\"72514-4\"")
    if let range = broken.range(of: "\"partOf\":[") {
      let after = broken[range.upperBound...]
      if let uuid = after.range(of: "urn:uuid:") {
        broken.replaceSubrange(
          uuid.upperBound..<broken.index(uuid.upperBound, offsetBy: 8), with: "ffffffff")
      }
    }
    guard let result = try Self.validate(["broken.json": broken]) else { return }
    #expect(result.status == 1)
    #expect(result.output.contains("status"))
    #expect(result.output.contains("does not resolve"))
    #expect(result.output.contains("mod-10"))
  }
}
