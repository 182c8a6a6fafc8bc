import Foundation
import TendCore
import TendTestSupport
import Testing

/// Caregivers' own words (Narratives/<lang>.json), each with the conditions and the verdict
/// Tend must reach. A narrative passes when:
/// - every expected condition is found (with its site and side when the spec names a site,
///   and its days when the spec has `+Nd`);
/// - nothing else is found, except conditions listed in `alsoOK` (defensible extra readings);
/// - the check of what was found gives the expected verdict;
/// - every id in `notCounted` is reported as denied or past, and the unknown words reported
///   are exactly `unknown` (none when absent).
@Suite("Narratives")
struct NarrativeTests {
  struct Narrative: Decodable, Sendable {
    var text: String
    var expect: [String]
    var verdict: String
    var notCounted: [String]?
    var unknown: [String]?
    var alsoOK: [String]?
  }

  struct File: Decodable, Sendable {
    var v: Int
    var today: String
    var narratives: [Narrative]
  }

  static func load(_ lang: String) -> File {
    let url = Fixtures.packageRoot.appendingPathComponent(
      "Tests/TendDataTests/Narratives/\(lang).json")
    do {
      return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    } catch {
      fatalError("cannot read \(url.path): \(error)")
    }
  }

  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]
  static let files = Dictionary(uniqueKeysWithValues: languages.map { ($0, load($0)) })
  static let cases: [String] = languages.flatMap { lang in
    files[lang]!.narratives.indices.map { "\(lang)#\($0)" }
  }

  static let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  static func recognizer(_ lang: String) throws -> Recognizer {
    try Recognizer(
      localizer: Fixtures.catalog.localizer(lang), catalog: Fixtures.catalog, calendar: utc)
  }

  static func today(_ file: File) -> Date {
    let parts = file.today.split(separator: "-").compactMap { Int($0) }
    return utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
  }

  /// What one narrative gave: (expected specs found, expected specs missed, unexpected ids).
  struct Outcome {
    var found: [Condition]
    var hits: Int
    var missed: [String]
    var unexpected: [String]
    var verdict: Verdict
    var recognition: Recognition
  }

  static func run(_ narrative: Narrative, _ recognizer: Recognizer, today: Date) throws -> Outcome {
    let recognition = recognizer.recognize(narrative.text, today: today)
    let found = recognition.conditions
    var hits = 0
    var missed: [String] = []
    for spec in narrative.expect {
      let want = try ConditionSpec.parse(spec)
      let ok = found.contains {
        $0.id == want.id && (want.site == nil || ($0.site == want.site && $0.side == want.side))
          && (want.daysSince == nil || $0.daysSince == want.daysSince)
      }
      if ok { hits += 1 } else { missed.append(spec) }
    }
    let allowed = Set(
      try narrative.expect.map { try ConditionSpec.parse($0).id } + (narrative.alsoOK ?? []))
    let unexpected = found.map(\.id).filter { !allowed.contains($0) }
    let verdict = try SafetyChecker(catalog: Fixtures.catalog).check(found).restrictions.verdict
    return Outcome(
      found: found, hits: hits, missed: missed, unexpected: unexpected, verdict: verdict,
      recognition: recognition)
  }

  @Test("narrative", arguments: cases)
  func narrative(_ name: String) throws {
    let parts = name.split(separator: "#")
    let file = Self.files[String(parts[0])]!
    let narrative = file.narratives[Int(parts[1])!]
    let outcome = try Self.run(
      narrative, Self.recognizer(String(parts[0])), today: Self.today(file))
    let seen = outcome.found.map { ConditionSpec.format($0) }
    #expect(outcome.missed.isEmpty, "“\(narrative.text)”: missed \(outcome.missed); found \(seen)")
    #expect(outcome.unexpected.isEmpty, "“\(narrative.text)”: unexpected \(outcome.unexpected)")
    #expect(
      outcome.verdict.rawValue == narrative.verdict,
      "“\(narrative.text)”: verdict \(outcome.verdict)")
    let denied = Set(outcome.recognition.negated.map(\.id))
    for id in narrative.notCounted ?? [] {
      #expect(denied.contains(id), "“\(narrative.text)”: \(id) should be reported as not counted")
    }
    #expect(
      outcome.recognition.unknownTerms.map { $0.lowercased() }
        == (narrative.unknown ?? []).map { $0.lowercased() },
      "“\(narrative.text)”: unknown words \(outcome.recognition.unknownTerms)")
  }

  @Test("precision, recall and verdict accuracy over every narrative", arguments: languages)
  func scores(_ lang: String) throws {
    let file = Self.files[lang]!
    let recognizer = try Self.recognizer(lang)
    var hits = 0
    var missed = 0
    var unexpected = 0
    var verdicts = 0
    for narrative in file.narratives {
      let outcome = try Self.run(narrative, recognizer, today: Self.today(file))
      hits += outcome.hits
      missed += outcome.missed.count
      unexpected += outcome.unexpected.count
      if outcome.verdict.rawValue == narrative.verdict { verdicts += 1 }
    }
    let precision = Double(hits) / Double(max(1, hits + unexpected))
    let recall = Double(hits) / Double(max(1, hits + missed))
    let accuracy = Double(verdicts) / Double(file.narratives.count)
    print(
      String(
        format:
          "narratives[%@]: %d texts, %d expected conditions; precision %.3f, recall %.3f, verdict accuracy %.3f",
        lang, file.narratives.count, hits + missed, precision, recall, accuracy))
    #expect(file.narratives.count >= ["en": 80, "es": 30][lang, default: 10])
    #expect(precision >= 0.95 && recall >= 0.95 && accuracy >= 0.95)
  }
}
