import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// A bounded fuzz run in every CI build (seeded, a few seconds per target): the journal line
/// reader, the profile reader, the condition SPEC parser and the recognizer. Each run prints
/// its executions and findings; a finding fails the test with the input that broke it.
@Suite("Fuzz (seeded, time-bounded)")
struct FuzzTests {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  /// A random valid entry of any kind.
  static func entry(_ rng: inout SeededRandom) -> JournalEntry {
    func text() -> String? {
      rng.chance(50) ? nil : rng.pick(["Ana", "calm", "“quoted”", "a\nb", "é", "妈妈", "", "\\"])
    }
    func ratings() -> Ratings? {
      guard rng.chance(70) else { return nil }
      var scores: [String: Int] = [:]
      for kind in RatingKind.allCases where rng.chance(40) { scores[kind.rawValue] = rng.below(11) }
      return Ratings(
        ratedBy: rng.chance(50) ? .receiver : .caregiver, rater: text(), scores: scores)
    }
    let body: JournalEntry.Body
    switch rng.below(5) {
    case 0:
      body = .session(
        Session(
          routine: rng.chance(80) ? "calm-hands" : nil,
          plan: rng.chance(50) ? FollowedPlan(kept: ["a"], adapted: [], skipped: ["b", "c"]) : nil,
          sites: rng.chance(50) ? ["left-hand"] : nil,
          pressure: rng.chance(70) ? rng.below(4) : nil,
          minutes: rng.chance(70) ? rng.below(601) : nil, by: text(), before: ratings(),
          after: ratings(), stoppedEarly: rng.chance(20) ? true : nil, stopReason: text(),
          note: text(), precautions: rng.chance(50) ? ["anticoagulants"] : nil))
    case 1: body = .feeling(Feeling(ratings: ratings(), text: text()))
    case 2:
      body = .water(
        Water(
          rng.pick(Water.Answer.allCases), amountML: rng.chance(50) ? rng.below(5001) : nil,
          remindAt: rng.chance(30) ? at : nil, by: text(), note: text()))
    case 3:
      body = .consent(
        Consent(sharedWith: "Dr Lee", what: ["sessions"], from: text(), to: text(), format: "html"))
    default:
      body = .condition(
        ConditionChange(
          rng.chance(50) ? .added : .removed,
          ProfileCondition(
            id: "iv-line", site: rng.chance(50) ? .forearm : nil,
            side: rng.chance(50) ? .left : nil,
            since: rng.chance(50) ? "2026-11-20" : nil), by: text()))
    }
    return JournalEntry(at: at, body)
  }

  @Test("journal lines: whatever JournalLine accepts, JournalEntry decodes and validates")
  func journalLines() throws {
    let decoder = JSONDecoder()
    var accepted = 0
    let report = FuzzDriver.run("journal-line") { rng in
      let valid = try? Self.entry(&rng).line().dropLast()
      guard let valid else { return "the writer failed" }
      let input = rng.chance(10) ? [UInt8](valid) : Mutate.bytes([UInt8](valid), &rng)
      let verdict = input.withUnsafeBufferPointer { b in
        JournalLine.parse(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, start: 0, end: b.count)
      }
      guard case .entry(let summary) = verdict else { return nil }
      accepted += 1
      do {
        let entry = try decoder.decode(JournalEntry.self, from: Data(input))
        try entry.validate()
        let sameKind: Bool
        switch (summary, entry.body) {
        case (.session, .session), (.feeling, .feeling), (.water, .water), (.consent, .consent),
          (.condition, .condition):
          sameKind = true
        default: sameKind = false
        }
        if !sameKind { return "kinds differ: \(String(decoding: input, as: UTF8.self))" }
        // What Tend writes back for the entry is valid too.
        let again = try entry.line().dropLast()
        if case .unreadable(let why) = [UInt8](again).withUnsafeBufferPointer({
          JournalLine.parse($0.baseAddress!, start: 0, end: $0.count)
        }) {
          return "rewritten line refused (\(why)): \(String(decoding: again, as: UTF8.self))"
        }
        return nil
      } catch {
        return "accepted by JournalLine, refused by JournalEntry (\(error)): "
          + String(decoding: input.prefix(300), as: UTF8.self).debugDescription
      }
    }
    print("fuzz journal-line: \(accepted) of the inputs were accepted and cross-checked")
    #expect(report.findings.isEmpty, "\(report)")
  }

  @Test("profiles: no crash; whatever is accepted is in range and reads back the same")
  func profiles() throws {
    let good = Array(
      """
      {"v": 1, "id": "mum", "name": "Mum", "caregivers": ["Ana"], "allergies": [],
       "conditions": ["anticoagulants", {"id": "iv-line", "site": "forearm", "side": "left",
       "since": "2026-11-20", "note": "PICC"}, {"id": "fever", "daysSince": 2}],
       "fluidLimitML": 1500, "language": "es", "reminderMinutes": 30}
      """.utf8)
    let report = FuzzDriver.run("profile") { rng in
      let input = Mutate.bytes(good, &rng)
      guard let p = try? ProfileReader.read(input, file: "p", folderID: "mum") else { return nil }
      let text = String(decoding: input, as: UTF8.self).debugDescription
      if p.id != "mum" { return "id \(p.id) accepted: \(text)" }
      if let problem = ReceiverName.problem(p.name) { return "name \(problem): \(text)" }
      if let f = p.fluidLimitML, !ProfileReader.fluidLimitRange.contains(f) {
        return "fluid \(text)"
      }
      if let m = p.reminderMinutes, !WaterReminder.minutesRange.contains(m) {
        return "minutes \(text)"
      }
      for c in p.conditions {
        if let d = c.daysSince, !ProfileReader.daysSinceRange.contains(d) { return "days \(text)" }
        if let s = c.since, CalendarDay.parse(s) == nil { return "since \(text)" }
      }
      guard let written = try? ProfileStore.encode(p),
        let back = try? ProfileReader.read([UInt8](written), file: "p", folderID: "mum")
      else { return "does not read back: \(text)" }
      return back == p ? nil : "reads back differently: \(text)"
    }
    #expect(report.findings.isEmpty, "\(report)")
  }

  @Test("condition SPECs: no crash; a parsed spec is a plain id and formats back to itself")
  func specs() {
    let pieces = [
      "iv-line", "anticoagulants", "joint-replacement-knee", "@", "+", "d", "left-", "right-",
      "forearm", "knee", "10", "-3", " ", "", "0", "99999999999999999999", "é", "\u{0}", "@@",
      "hand", "+0d", "IV-Line", "\t",
    ]
    let report = FuzzDriver.run("condition-spec") { rng in
      let text = (0..<(1 + rng.below(5))).map { _ in rng.pick(pieces) }.joined()
      guard let c = try? ConditionSpec.parse(text) else { return nil }
      if !ConditionSpec.isPlainID(c.id) {
        return "id \(c.id.debugDescription) from \(text.debugDescription)"
      }
      if let d = c.daysSince, d < 0 { return "negative days from \(text.debugDescription)" }
      guard let back = try? ConditionSpec.parse(ConditionSpec.format(c)) else {
        return "format does not parse back: \(text.debugDescription)"
      }
      return back == c ? nil : "round trip differs: \(text.debugDescription)"
    }
    #expect(report.findings.isEmpty, "\(report)")
  }

  @Test("the recognizer: any text, no crash, answers within a second")
  func recognizer() throws {
    let recognizer = try Recognizer(localizer: Fixtures.english, catalog: Fixtures.catalog)
    let words = [
      "no", "fever", "not", "on", "blood", "thinners", "anymore", "warfarin", "IV", "in", "her",
      "left", "arm", "temp", "38.5", "37.1", "since", "Monday", "calf", "warm", "swollen", "chest",
      "pain", "knee", "replaced", "10", "days", "ago", "she", "had", "used", "to", "take", "but",
      "stopped", "fiebre", "妈妈", "发烧", "sốt", "\u{202E}", "\u{0}", ",", ".", "!", "?", "'", "-",
      "—", "°C", "°F", "102", "port", "drain", "n't", "never", "lymphedema", "pregnant", "weeks",
      "99999999999999999999", "1e308", "-5", "0.000001", "in", "2019", "years", "months", "ten",
    ]
    // Found by this run (seed 99): "since 99999999999999999999" trapped converting the year.
    _ = recognizer.recognize("since 99999999999999999999", today: Date())
    _ = recognizer.recognize("in 1e308 years", today: Date())
    var slowest = 0.0
    let today = Date(timeIntervalSince1970: 1_795_000_000)
    let report = FuzzDriver.run("recognizer") { rng in
      var text = (0..<rng.below(60)).map { _ in rng.pick(words) }.joined(
        separator: rng.chance(80) ? " " : "")
      if rng.chance(20) {
        text = String(decoding: Mutate.bytes(Array(text.utf8), &rng), as: UTF8.self)
      }
      let start = Date()
      _ = recognizer.recognize(text, today: today)
      let took = Date().timeIntervalSince(start)
      slowest = max(slowest, took)
      return took > 1 ? "took \(took) s: \(text.debugDescription)" : nil
    }
    print("fuzz recognizer: slowest call \(String(format: "%.2f", slowest * 1000)) ms")
    #expect(report.findings.isEmpty, "\(report)")
  }
}
