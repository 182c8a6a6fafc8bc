import Foundation
import TendCore
import TendTestSupport
import Testing

/// The care team's records on disk: read strictly, written back the same, sealed advice.
@Suite("Care team records")
struct CareTeamRecordTests {
  static let clearance = """
    {"id": "c1", "from": "Dr Lee", "rules": ["anticoagulants"], "maxPressure": 1,
     "avoid": ["left-arm"], "given": "2026-11-20", "until": "2026-12-20", "note": "gentle"}
    """

  func profile(_ clearances: String) -> [UInt8] {
    Array(
      """
      {"id": "mum", "name": "Mum", "conditions": ["anticoagulants"], "clearances": [\(clearances)]}
      """.utf8)
  }

  @Test("a profile's clearances read strictly and round-trip")
  func roundTrip() throws {
    let p = try ProfileReader.read(profile(Self.clearance), file: "p.json", folderID: "mum")
    let c = try #require(p.clearances?.first)
    #expect(c.limits.maxPressure == .light)
    #expect(c.limits.avoid == [BodyRegion(.arm, side: .left)])
    let again = try ProfileReader.read(
      [UInt8](try ProfileStore.encode(p)), file: "p.json", folderID: "mum")
    #expect(again == p)
  }

  @Test(
    "a broken clearance names its field",
    arguments: [
      ("\"maxPressure\": 1", "\"maxPressure\": 4", "clearances[0].maxPressure"),
      ("\"until\": \"2026-12-20\"", "\"until\": \"2026-11-01\"", "clearances[0].until"),
      ("\"left-arm\"", "\"left-wing\"", "clearances[0].avoid[0]"),
      ("\"note\"", "\"nots\"", "clearances[0].nots"),
      ("[\"anticoagulants\"]", "[]", "clearances[0].rules"),
    ])
  func strict(old: String, new: String, field: String) throws {
    let bytes = profile(Self.clearance.replacingOccurrences(of: old, with: new))
    #expect {
      _ = try ProfileReader.read(bytes, file: "p.json", folderID: "mum")
    } throws: { error in
      guard case .badProfile(let file, _, _, let f, _) = error as? ReceiverError else {
        return false
      }
      return file == "p.json" && f == field
    }
  }

  @Test("advice is sealed: any changed byte is refused; both forms read back the same")
  func sealed() throws {
    let advice = CareAdvice(
      id: "", receiver: "Mum", from: "Nurse Kim", role: "nurse", why: "low platelets",
      issued: "2026-11-20", start: "2026-11-20", until: "2026-12-15",
      limits: CareLimits(
        maxPressure: .light, avoid: [BodyRegion(.leg, side: .right)], avoidPositions: [.faceDown],
        noJointMovement: true, maxMinutes: 10), checksum: "")
    let today = CalendarDay.parse("2026-11-25")!
    for (text, sealed) in [AdviceFile.json(advice), AdviceFile.fhir(advice)] {
      let read = try AdviceFile.read(Array(text.utf8), file: "a.json", today: today)
      #expect(read.limits == advice.limits)
      #expect(read.checksum == sealed.checksum)
      #expect((read.from, read.why, read.until) == ("Nurse Kim", "low platelets", "2026-12-15"))
      let changed = text.replacingOccurrences(of: "2026-12-15", with: "2026-12-31")
      #expect(throws: AdviceFile.Problem.altered(file: "a.json")) {
        try AdviceFile.read(Array(changed.utf8), file: "a.json", today: today)
      }
      #expect(throws: AdviceFile.Problem.ended(file: "a.json", until: "2026-12-15")) {
        try AdviceFile.read(
          Array(text.utf8), file: "a.json", today: CalendarDay.parse("2027-01-01")!)
      }
      let unsealed = text.replacingOccurrences(of: sealed.checksum, with: Checksum.placeholder)
      #expect(throws: AdviceFile.Problem.unsealed(file: "a.json")) {
        try AdviceFile.read(Array(unsealed.utf8), file: "a.json", today: today)
      }
    }
  }

  @Test("a clearance answers only the rules it may; its limits only add")
  func apply() throws {
    let checker = SafetyChecker(catalog: Fixtures.catalog)
    let day = CalendarDay.parse("2026-11-25")!
    let conditions = [Condition(id: "anticoagulants"), Condition(id: "fever")]
    let team = CareTeam(clearances: [
      Clearance(
        id: "c1", from: "Dr Lee", rules: ["anticoagulants", "fever"],
        limits: CareLimits(maxPressure: .firm), given: "2026-11-20", until: "2026-12-20")
    ])
    let r = try checker.check(conditions, careTeam: team, on: day).restrictions
    #expect(r.verdict == .postpone)
    #expect(!r.clearance.contains("anticoagulants"))
    #expect(r.maxPressure == .firm)
    let later = try checker.check(conditions, careTeam: team, on: CalendarDay.parse("2027-01-01")!)
    #expect(later.restrictions.clearance.contains("anticoagulants"))
  }
}
