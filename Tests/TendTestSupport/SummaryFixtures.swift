import Foundation
import TendCore

/// A fixed receiver with four weeks of journal, for summary tests: Rosa Example, cared for by
/// Ana and Luis, 1-28 Nov 2026 in UTC-5, 14 sessions (one stopped early, two without an
/// "after" rating), feelings, water answers, an IV line in the left forearm from 18 Nov.
public enum SummaryFixtures {
  public static let receiverID = "rosa"
  public static let profileJSON = """
    {"v": 1, "id": "rosa", "name": "Rosa Example", "caregivers": ["Ana", "Luis"],
     "conditions": [{"id": "iv-line", "site": "forearm", "side": "left", "since": "2026-11-18"},
                    {"id": "anticoagulants"}]}
    """

  /// "Now" for every fixture summary: 29 Nov 2026 09:00 UTC-5 (SOURCE_DATE_EPOCH in e2e tests).
  public static let now = SummaryTime(seconds: 1_795_960_800, offset: -5 * 3600)
  public static let nowEpoch = "1795960800"

  public static var period: SummaryPeriod {
    SummaryPeriod(from: CivilDay.parse("2026-11-01")!, to: CivilDay.parse("2026-11-28")!)
  }

  public static var receiver: SummaryReceiver {
    SummaryReceiver(
      id: receiverID, name: "Rosa Example", birthYear: 1948, caregivers: ["Ana", "Luis"],
      relationships: ["Ana": "daughter", "Luis": "son"],
      conditions: [
        SummaryCondition(id: "iv-line", site: "forearm", side: "left", since: "2026-11-18"),
        SummaryCondition(id: "anticoagulants"),
      ])
  }

  public static func options(
    keepSessions: Bool = true, omit: Set<SummaryPart> = [], deidentify: Bool = false
  ) -> SummaryOptions {
    var options = SummaryOptions(
      period: period, omit: omit, deidentify: deidentify, now: now, keepSessions: keepSessions,
      redFlagConditions: ["dvt-suspected", "chest-pain", "bleeding-signs"],
      catalog: Fixtures.catalog)
    options.version = version
    return options
  }

  /// A fixed "made with" (the real one changes with every data edit).
  public static let version = TendVersion(tend: "0.1.0", rules: 1, data: "0123456789ab")

  /// The journal as JSON Lines in the journal's schema v1 (sorted keys, one entry a line).
  public static var journal: String {
    // day, hour, routine, minutes, by, before (pain, anxiety, tiredness, comfort), after, stop
    let sessions: [(Int, Int, String, Int, String, [Int], [Int]?, String?)] = [
      (2, 18, "calm-hands", 12, "Ana", [6, 5, 7, 3], [3, 2, 6, 7], nil),
      (4, 18, "soothing-feet", 10, "Ana", [6, 4, 6, 4], [4, 2, 6, 6], nil),
      (5, 10, "quick-shoulders", 5, "Luis", [5, 5, 7, 4], [4, 3, 6, 6], nil),
      (8, 18, "calm-hands", 12, "Ana", [7, 6, 6, 3], [4, 3, 5, 7], nil),
      (9, 18, "calm-hands", 11, "Ana", [6, 5, 6, 4], nil, nil),
      (11, 19, "soothing-feet", 10, "Luis", [5, 4, 6, 5], [3, 2, 5, 7], nil),
      (14, 18, "calm-hands", 12, "Ana", [6, 5, 7, 3], [3, 2, 6, 8], nil),
      (15, 18, "evening-wind-down", 15, "Ana", [5, 4, 6, 4], [3, 2, 5, 7], nil),
      (18, 18, "calm-hands", 10, "Ana", [6, 6, 7, 3], [4, 4, 6, 6], nil),
      (20, 18, "quick-hands", 6, "Ana", [6, 5, 6, 4], [3, 2, 5, 7], nil),
      (
        22, 10, "soothing-feet", 4, "Luis", [5, 5, 6, 4], nil,
        "felt light-headed; sat 10 min, then fine"
      ),
      (24, 18, "calm-hands", 12, "Ana", [5, 4, 6, 5], [3, 2, 5, 8], nil),
      (26, 18, "scalp-calm", 8, "Luis", [4, 4, 5, 5], [2, 2, 5, 8], nil),
      (28, 18, "calm-hands", 12, "Ana", [5, 3, 6, 5], [3, 2, 6, 8], nil),
    ]
    let scales = ["pain", "anxiety", "tiredness", "comfort"]
    func ratings(_ v: [Int], by: String) -> String {
      let scores = zip(scales, v).sorted { $0.0 < $1.0 }.map { "\"\($0.0)\":\($0.1)" }.joined(
        separator: ",")
      return by == "receiver"
        ? "{\"ratedBy\":\"receiver\",\"scores\":{\(scores)}}"
        : "{\"ratedBy\":\"caregiver\",\"rater\":\"\(by)\",\"scores\":{\(scores)}}"
    }
    func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> String {
      "2026-11-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00-05:00"
    }
    var lines: [String] = [
      "{\"at\":\"2026-10-20T09:00:00-05:00\",\"change\":\"added\",\"condition\":{\"id\":\"anticoagulants\"},\"type\":\"condition\",\"v\":1}"
    ]
    for (i, s) in sessions.enumerated() {
      let before = ratings(s.5, by: i == 2 ? "Luis" : "receiver")
      let after = s.6.map { ratings($0, by: "receiver") }
      let precautions = s.0 >= 18 ? "[\"anticoagulants\",\"iv-line\"]" : "[\"anticoagulants\"]"
      var fields = [
        "\"after\":\(after ?? "null")", "\"at\":\"\(at(s.0, s.1))\"", "\"before\":\(before)",
        "\"by\":\"\(s.4)\"",
        "\"minutes\":\(s.3)",
      ]
      if s.0 == 20 { fields.append("\"note\":\"Felt warm and sleepy; hand less stiff.\"") }
      if s.0 == 8 { fields.append("\"note\":\"Said \\\"that's the spot\\\", asked for more.\"") }
      fields += [
        "\"plan\":{\"adapted\":[],\"kept\":[\"a\",\"b\",\"c\"],\"skipped\":[]}",
        "\"precautions\":\(precautions)",
        "\"pressure\":\(s.2 == "scalp-calm" ? 2 : 1)", "\"routine\":\"\(s.2)\"",
        "\"sites\":\(s.2.contains("hands") ? "[\"left-hand\",\"right-hand\"]" : s.2.contains("feet") ? "[\"left-foot\",\"right-foot\"]" : "[\"neck\"]")",
      ]
      if let stop = s.7 { fields += ["\"stopReason\":\"\(stop)\"", "\"stoppedEarly\":true"] }
      fields += ["\"type\":\"session\"", "\"v\":1"]
      lines.append("{" + fields.joined(separator: ",") + "}")
      let answer = i % 5 == 3 ? "declined" : i % 7 == 6 ? "later" : "given"
      lines.append(
        "{\"answer\":\"\(answer)\",\"at\":\"\(at(s.0, s.1, 30))\",\"by\":\"\(s.4)\",\"type\":\"water\",\"v\":1}"
      )
    }
    lines.append(
      "{\"at\":\"\(at(12, 15))\",\"ratings\":{\"ratedBy\":\"receiver\",\"scores\":{\"pain\":4}},\"text\":\"Good day, walked to the shop.\",\"type\":\"feeling\",\"v\":1}"
    )
    lines.append(
      "{\"at\":\"\(at(21, 9))\",\"ratings\":{\"ratedBy\":\"receiver\",\"scores\":{\"anxiety\":6,\"pain\":6}},\"text\":\"Worried about the scan.\",\"type\":\"feeling\",\"v\":1}"
    )
    lines.append(
      "{\"at\":\"2026-12-01T10:00:00-05:00\",\"minutes\":10,\"routine\":\"calm-hands\",\"type\":\"session\",\"v\":1}"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the receiver's folder under `home` and returns the home.
  @discardableResult
  public static func install(in home: URL, journal text: String = journal) throws -> URL {
    let folder = home.appendingPathComponent("receivers/\(receiverID)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(profileJSON.utf8).write(to: folder.appendingPathComponent("profile.json"))
    try Data(text.utf8).write(to: folder.appendingPathComponent("journal.jsonl"))
    return home
  }
}
