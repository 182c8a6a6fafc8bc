import Foundation
import TendTestSupport
import Testing

/// The machine-readable outputs give the same bytes for the same input on every run (each
/// command is run twice, as separate processes: Foundation's encoder orders an object's members
/// by a hash that changes from one process to the next). Only what is generated fresh on
/// purpose differs: FHIR's `urn:uuid` ids, and so its checksum.
@Suite("Deterministic output")
struct DeterministicOutputTests {
  let home: URL

  init() throws {
    home = try SummaryFixtures.install(in: Fixtures.temporaryDirectory("tend-determinism"))
  }

  func twice(_ args: [String]) throws -> (String, String) {
    let env = ["TEND_HOME": home.path, "SOURCE_DATE_EPOCH": SummaryFixtures.nowEpoch]
    let a = try RunTend.run(args, environment: env)
    let b = try RunTend.run(args, environment: env)
    #expect(a.status == 0 && b.status == 0, "\(args): \(a.stderr) \(b.stderr)")
    #expect(!a.stdout.isEmpty)
    return (a.stdout, b.stdout)
  }

  /// Fresh ids and the checksum that covers them, masked.
  static func masked(_ text: String) -> String {
    var out = text.replacingOccurrences(
      of: "urn:uuid:[0-9a-f-]{36}", with: "urn:uuid:ID", options: .regularExpression)
    out = out.replacingOccurrences(
      of: "\"[0-9a-f]{64}\"", with: "\"DIGEST\"", options: .regularExpression)
    return out
  }

  @Test(
    "routines --json, check --json and the JSON, CSV and FHIR summaries",
    arguments: [
      ["routines", "--json"],
      ["routines", "show", "calm-hands", "--json"],
      ["check", "--json", "--condition", "anticoagulants", "--condition", "iv-line@left-forearm"],
      ["check", "--json", "--text", "mum is on warfarin and had her left knee done 10 days ago"],
      ["summary", "--format", "json", "--from", "2026-11-01", "--to", "2026-11-28"],
      ["summary", "--format", "csv", "--from", "2026-11-01", "--to", "2026-11-28"],
      ["summary", "--format", "fhir", "--from", "2026-11-01", "--to", "2026-11-28"],
      [
        "summary", "--format", "json", "--deidentify", "--from", "2026-11-01", "--to", "2026-11-28",
      ],
    ])
  func sameBytes(args: [String]) throws {
    let (a, b) = try twice(args)
    if args.contains("fhir") {
      #expect(a != b, "FHIR ids are fresh on every export")
      #expect(Self.masked(a) == Self.masked(b))
    } else {
      #expect(a == b, "\(args)")
    }
  }
}
