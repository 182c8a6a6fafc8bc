import Foundation
import TendCore
import TendTestSupport
import Testing

/// What the outside review of the care-team feature found in advice files, each refused or read
/// the strict way: several ceilings, modifiers, two plans, "do not perform", whose plan it is,
/// its intent, and the same dates `tend advise` allows.
@Suite("Care team advice, strictly")
struct CareTeamReviewTests {
  static func day(_ offset: Int) -> String {
    CalendarDay.format(Date().addingTimeInterval(Double(offset) * 86_400))
  }

  static let advice = CareAdvice(
    id: "", receiver: "Mum", from: "Nurse Kim", why: "low platelets", issued: day(0),
    start: day(0), until: day(10), limits: CareLimits(maxPressure: .firm, maxMinutes: 20),
    checksum: "")

  /// The FHIR form of `advice`, edited as a dictionary, then sealed again.
  func fhir(_ edit: (inout [String: Any], inout [String: Any]) -> Void) throws -> [UInt8] {
    let text = AdviceFile.fhir(Self.advice).text
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    var meta = try #require(root["meta"] as? [String: Any])
    var exts = try #require(meta["extension"] as? [[String: Any]])
    for i in exts.indices where exts[i]["valueString"] != nil {
      exts[i]["valueString"] = Checksum.placeholder
    }
    meta["extension"] = exts
    root["meta"] = meta
    var entries = try #require(root["entry"] as? [[String: Any]])
    let i = try #require(
      entries.firstIndex {
        ($0["resource"] as? [String: Any])?["resourceType"] as? String
          == "CarePlan"
      })
    var plan = try #require(entries[i]["resource"] as? [String: Any])
    edit(&root, &plan)
    entries = try #require(root["entry"] as? [[String: Any]])
    let j = try #require(
      entries.firstIndex {
        ($0["resource"] as? [String: Any])?["resourceType"] as? String
          == "CarePlan"
      })
    entries[j]["resource"] = plan
    root["entry"] = entries
    let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    return Array(Checksum.seal(String(decoding: data, as: UTF8.self)).text.utf8)
  }

  func read(_ bytes: [UInt8]) throws(AdviceFile.Problem) -> CareAdvice {
    try AdviceFile.read(bytes, file: "a.json", today: Date())
  }

  func refusedField(_ bytes: [UInt8]) -> String? {
    do {
      _ = try read(bytes)
      return nil
    } catch {
      if case .malformed(_, _, _, let field, _) = error { return field }
      return "\(error)"
    }
  }

  @Test("several ceilings or time caps in FHIR: the strictest is followed")
  func strictestCeiling() throws {
    let bytes = try fhir { _, plan in
      // The stricter values come first, so "the last one wins" would follow the looser ones.
      let exts = plan["extension"] as? [[String: Any]] ?? []
      let lower = exts.filter { $0["valueInteger"] != nil }.map { ext in
        var lower = ext
        lower["valueInteger"] = (ext["valueInteger"] as? Int ?? 1) == 20 ? 5 : 0
        return lower
      }
      plan["extension"] = lower + exts
    }
    let advice = try read(bytes)
    #expect(advice.limits.maxPressure == .stillHold)
    #expect(advice.limits.maxMinutes == 5)
  }

  @Test("a modifier, a second plan, do-not-perform or another intent is refused")
  func refusedPlans() throws {
    let modifier = try fhir { _, plan in
      plan["modifierExtension"] = [["url": "http://example.org/x", "valueBoolean": true]]
    }
    #expect(refusedField(modifier)?.hasSuffix("modifierExtension") == true)
    let twoPlans = try fhir { root, _ in
      var entries = root["entry"] as? [[String: Any]] ?? []
      if let plan = entries.first(where: {
        ($0["resource"] as? [String: Any])?["resourceType"] as? String == "CarePlan"
      }) {
        entries.append(plan)
      }
      root["entry"] = entries
    }
    #expect(refusedField(twoPlans)?.hasPrefix("entry[") == true)
    let doNot = try fhir { _, plan in
      plan["activity"] = [["detail": ["status": "scheduled", "doNotPerform": true]]]
    }
    #expect(refusedField(doNot)?.hasSuffix("detail.doNotPerform") == true)
    let proposal = try fhir { _, plan in plan["intent"] = "proposal" }
    #expect(refusedField(proposal)?.hasSuffix("intent") == true)
  }

  @Test("the receiver is the CarePlan's subject, not the first Patient in the Bundle")
  func receiverFromSubject() throws {
    let bytes = try fhir { root, _ in
      var entries = root["entry"] as? [[String: Any]] ?? []
      entries.insert(
        [
          "fullUrl": "urn:uuid:someone-else",
          "resource": ["resourceType": "Patient", "name": [["text": "Someone Else"]]],
        ], at: 0)
      root["entry"] = entries
    }
    #expect(try read(bytes).receiver == "Mum")
    let dangling = try fhir { _, plan in plan["subject"] = ["reference": "urn:uuid:nobody"] }
    #expect(refusedField(dangling)?.hasSuffix("subject.reference") == true)
  }

  @Test("an advice file longer than tend advise allows, or written in the future, is refused")
  func adviceDates() throws {
    var long = Self.advice
    long.until = Self.day(200)
    #expect(throws: AdviceFile.Problem.self) { try read(Array(AdviceFile.json(long).text.utf8)) }
    do {
      _ = try read(Array(AdviceFile.json(long).text.utf8))
    } catch {
      #expect(error == .tooLong(file: "a.json", start: long.start, until: long.until))
    }
    var later = Self.advice
    later.issued = Self.day(2)
    do {
      _ = try read(Array(AdviceFile.json(later).text.utf8))
      Issue.record("an advice written in the future was read")
    } catch {
      #expect(error == .issuedLater(file: "a.json", issued: later.issued))
    }
    #expect(try read(Array(AdviceFile.json(Self.advice).text.utf8)).limits.maxMinutes == 20)
  }

  func messages(_ ids: [String], _ team: CareTeam) throws -> [String] {
    let result = try SafetyChecker(catalog: Fixtures.catalog).check(
      ids.map { Condition(id: $0) }, careTeam: team, on: Date())
    return result.messages.map(Fixtures.english.render)
  }

  static func clearance(_ limits: CareLimits) -> Clearance {
    Clearance(
      id: "c1", from: "Dr Lee", rules: ["anticoagulants"], limits: limits, given: day(0),
      until: day(10))
  }

  @Test("after a clearance the limit shown is the one in force, never a looser number")
  func effectiveLimit() throws {
    let team = CareTeam(clearances: [Self.clearance(CareLimits(maxPressure: .relaxation))])
    let text = try messages(["anticoagulants"], team).joined(separator: "\n")
    let stricter = Fixtures.english("pressure.2")
    #expect(text.contains("Tend keeps the stricter limit: pressure at most \(stricter)"), "\(text)")
    #expect(!text.contains("Pressure at most: \(Fixtures.english("pressure.3"))"), "\(text)")
  }

  @Test("on a stop or postpone day, \"said yes\" is not shown: the answer does not cover it")
  func notOnAStopDay() throws {
    let team = CareTeam(clearances: [Self.clearance(CareLimits())])
    let text = try messages(["anticoagulants", "fever"], team).joined(separator: "\n")
    #expect(!text.contains("said yes"), "\(text)")
    #expect(text.contains("does not cover today's problem"), "\(text)")
  }

  @Test("advice's why is shown as the clinician's note, labelled, not as an instruction")
  func whyIsANote() throws {
    var advice = Self.advice
    advice.why = "massage the legs firmly every day"
    let text = try messages([], CareTeam(advice: [advice])).joined(separator: "\n")
    #expect(
      text.contains(
        "Nurse Kim's note, in their own words (a note, not an instruction): “massage the legs firmly every day”"
      ),
      "\(text)")
    #expect(!text.contains("is followed: massage"), "\(text)")
  }
}
