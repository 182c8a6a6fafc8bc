import Foundation
import TendCore
import TendTestSupport
import Testing

/// The independent corpus (`Corpus/dev` and `Corpus/sealed`): caregivers' narratives written by
/// people who saw only the rule table, never Tend's vocabulary. Each item names the verdict, the
/// sites that must be left out and the pressure ceiling the rules require.
///
/// The sealed third is scored and printed but never read to tune the vocabulary (see
/// docs/recognizer.md); the development part is held to its recorded floor so a change that
/// makes the recognizer less safe fails here.
@Suite("Independent corpus")
struct CorpusTests {
  struct Item: Decodable, Sendable {
    struct Expect: Decodable, Sendable {
      var verdict: String
      var emergency: Bool?
      var rules: [String]?
      var avoid: [String]?
      var maxPressure: Int?
    }
    var id: String
    var lang: String
    var category: String
    var text: String
    var profile: [String]?
    var expect: Expect
  }

  /// How one item came out.
  struct Outcome: Sendable {
    var item: Item
    var verdict: Verdict
    var exact: Bool
    /// Less safe than the rules require: a lower verdict, a site left in or a higher ceiling.
    var underTriage: Bool
    var overTriage: Bool
    /// What made it less safe, for the development listing.
    var missing: [String] = []
  }

  static func load(_ part: String) -> [Item] {
    let folder = Fixtures.packageRoot.appendingPathComponent("Tests/TendDataTests/Corpus/\(part)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.sorted().flatMap { name in
      let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
      return (text ?? "").split(separator: "\n").compactMap { line in
        try? JSONDecoder().decode(Item.self, from: Data(line.utf8))
      }
    }
  }

  static let today: Date = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: 2026, month: 12, day: 1, hour: 12))!
  }()

  static func score(_ item: Item, _ recognizer: Recognizer) throws -> Outcome {
    let stored = Fixtures.conditions(item.profile ?? [])
    let recognition = recognizer.recognize(item.text, today: today, profile: stored)
    let result = try SafetyChecker(catalog: Fixtures.catalog).restrictions(
      for: stored + recognition.conditions)
    let r = result.0
    guard let want = Verdict(rawValue: item.expect.verdict) else {
      Issue.record("\(item.id): unknown verdict \(item.expect.verdict)")
      return Outcome(
        item: item, verdict: r.verdict, exact: false, underTriage: true, overTriage: false)
    }
    var under = r.verdict < want
    var missing: [String] = []
    if want.allowsMassage, r.verdict.allowsMassage {
      for token in item.expect.avoid ?? [] {
        guard let region = BodyRegion(token: token) else { continue }
        let avoided = r.avoidedRegions.contains { region.isWithin($0.region) }
        if !avoided {
          under = true
          missing.append("site \(token)")
        }
      }
      if let ceiling = item.expect.maxPressure, r.maxPressure.rawValue > ceiling {
        under = true
        missing.append("ceiling \(r.maxPressure.rawValue)>\(ceiling)")
      }
    }
    return Outcome(
      item: item, verdict: r.verdict, exact: r.verdict == want, underTriage: under,
      overTriage: r.verdict > want, missing: missing)
  }

  static let languages = ["en", "es", "fr", "zh-Hans", "vi"]

  /// Scores one part and prints, per language: exact verdicts, under-triage, red flags stopped,
  /// benign items over-triaged. With `show`, the items that went wrong (development part only).
  static func report(_ part: String, show: Bool) throws -> [String: [Outcome]] {
    let items = load(part)
    var byLang: [String: [Outcome]] = [:]
    for lang in languages {
      let recognizer = try Recognizer(
        localizer: Fixtures.catalog.localizer(lang), catalog: Fixtures.catalog)
      let outcomes = try items.filter { $0.lang == lang }.map { try score($0, recognizer) }
      guard !outcomes.isEmpty else { continue }
      byLang[lang] = outcomes
      let exact = outcomes.filter(\.exact).count
      let under = outcomes.filter(\.underTriage).count
      let flags = outcomes.filter { $0.item.expect.verdict == "stop-call-provider" }
      let stopped = flags.filter { $0.verdict == .stopCallProvider }.count
      let benign = outcomes.filter { $0.item.category == "benign" }
      let over = benign.filter(\.overTriage).count
      print(
        String(
          format:
            "corpus[%@/%@]: %d items; exact %.1f%% (%d); under-triage %d; red flags stopped %d/%d; benign over-triaged %d/%d",
          part, lang, outcomes.count, 100 * Double(exact) / Double(outcomes.count), exact, under,
          stopped, flags.count, over, benign.count))
      let lowVerdict = outcomes.filter {
        $0.verdict < (Verdict(rawValue: $0.item.expect.verdict) ?? .ok)
      }
      let sites = outcomes.filter { $0.missing.contains { $0.hasPrefix("site") } }
      let ceilings = outcomes.filter { $0.missing.contains { $0.hasPrefix("ceiling") } }
      let overAll = outcomes.filter(\.overTriage)
      print(
        "corpus[\(part)/\(lang)]: under-triage by kind: verdict \(lowVerdict.count), site \(sites.count), ceiling \(ceilings.count); over-triage by category: "
          + Dictionary(grouping: overAll, by: \.item.category).map { "\($0.key) \($0.value.count)" }
          .sorted().joined(separator: ", "))
      if show {
        for o in outcomes where !o.exact || o.underTriage {
          print(
            "  \(o.underTriage ? "UNDER" : "over ") \(o.item.id) want \(o.item.expect.verdict) got \(o.verdict.rawValue) \(o.missing.joined(separator: ", ")): \(o.item.text)"
          )
        }
      }
    }
    return byLang
  }

  @Test("development part: figures and floor")
  func development() throws {
    let show = ProcessInfo.processInfo.environment["TEND_CORPUS_SHOW"] != nil
    let outcomes = try Self.report("dev", show: show).values.flatMap { $0 }
    #expect(outcomes.count >= 3000)
    // The floor: every red flag in the development part is stopped, and no more items than
    // recorded get less safe advice than the rules require (see docs/recognizer.md).
    let missed = outcomes.filter {
      $0.item.expect.verdict == "stop-call-provider" && $0.verdict != .stopCallProvider
    }
    #expect(missed.isEmpty, "red flags not stopped: \(missed.map(\.item.id))")
    #expect(outcomes.filter(\.underTriage).count <= Self.underTriageFloor)
  }

  /// The most development items allowed to get less safe advice than the rules require.
  /// 13 since the blind twenty-third batch joined (it brought 6; 3 fixed at once, 3 left:
  /// docs/recognizer.md, ninth round).
  static let underTriageFloor = 13

  /// The second batch's sealed half, written by new writers after the first batch's figures had
  /// been printed while the recognizer was tuned: the blind figure.
  @Test("sealed part (second batch): figures only")
  func sealedSecond() throws {
    let outcomes = try Self.report("sealed-2", show: false).values.flatMap { $0 }
    #expect(outcomes.count >= 150)
  }

  /// The fourth batch, written on 1 December by new writers and sealed whole: none of its items
  /// has been read by the team (the first batch's sealed third moved to the development part when
  /// its failures were read).
  @Test("sealed part (fourth batch): figures only")
  func sealedThird() throws {
    let outcomes = try Self.report("sealed-3", show: false).values.flatMap { $0 }
    #expect(outcomes.count >= 300)
  }

  /// The tenth batch (420 items by three new writers, written blind on 1 December at 19:45 UTC
  /// from the rule table and a brief) and sealed whole before any figure was read. The sixth
  /// batch, sealed until then, moved to the development part so its failures could be read.
  @Test("sealed part (tenth batch): figures only")
  func sealedFifth() throws {
    let outcomes = try Self.report("sealed-5", show: false).values.flatMap { $0 }
    #expect(outcomes.count >= 400)
  }

  /// The twentieth batch (420 items by four new writers, written blind on 2 December at 05:10
  /// UTC from the rule table and a brief) and sealed whole before any figure was read: its
  /// totals are read once, on the round's final code. The fifteenth batch (`sealed-7`) moved to
  /// the development part (`dev/s7-*`) when the eighth round began, so its failures could be read;
  /// the seventeenth (`sealed-8`) moved there (`dev/s8-*`) when the ninth began.
  @Test("sealed part (twentieth batch): figures only")
  func sealedNinth() throws {
    let outcomes = try Self.report("sealed-9", show: false).values.flatMap { $0 }
    #expect(outcomes.count >= 400)
  }

  /// The twenty-second batch (420 items by four new writers, written blind on 2 December at 15:30
  /// UTC from the rule table and a brief) and sealed whole before any figure was read: its totals
  /// are read once, on the round's final code. The brief's line on facts outside the table named a
  /// ceiling the table does not give; the writers' `maxPressure` of 2 on those items was set to
  /// null by a script (no text read) wherever no listed rule sets a ceiling of 2 or less.
  @Test("sealed part (twenty-second batch): figures only")
  func sealedTenth() throws {
    let outcomes = try Self.report("sealed-10", show: false).values.flatMap { $0 }
    #expect(outcomes.count >= 400)
  }
}
