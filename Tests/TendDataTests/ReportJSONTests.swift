import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// The hand-written `check --json` and `routines --json` (`PrettyJSON`) are byte for byte what
/// `JSONEncoder` (`JSON.text`) writes for the same report: every routine and every rule in every
/// language, with and without a routine's preparation, every optional value present and absent,
/// and strings with every character that needs an escape.
@Suite("Report JSON")
struct ReportJSONTests {
  static let root = Fixtures.packageRoot

  /// Every ASCII character alone and in company, and some that need no escape.
  static let hostile: [String] =
    (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [
      "", "a\"b\\c/d", "line\nnext\ttab\r\u{8}\u{C}\u{1F}\u{7F}", "é 😀 \u{2028}\u{2029} 中文",
      "\\\\\"\"", "</script>", "%{name}",
    ]

  @Test("routines --json: every routine, the list and the empty list, in every language")
  func routines() throws {
    for lang in Catalog.availableLanguages(in: Self.root) {
      let catalog = try Catalog.load(from: Self.root, languages: lang == "en" ? [] : [lang])
      let t = catalog.localizer(lang)
      let reports = catalog.routines.map { RoutineReport($0, localizer: t) }
      for report in reports { #expect(report.jsonText() == (try JSON.text(report))) }
      #expect(RoutineReport.jsonText(reports) == (try JSON.text(reports)), "\(lang)")
      #expect(RoutineReport.jsonText([]) == (try JSON.text([RoutineReport]())))
      #expect(
        RoutineReport.jsonText(Array(reports.prefix(1)))
          == (try JSON.text(Array(reports.prefix(1)))))
    }
  }

  @Test("routines --json: strings that need escapes")
  func routineEscapes() throws {
    let catalog = try Catalog.load(from: Self.root)
    var report = RoutineReport(catalog.routines[0], localizer: catalog.localizer("en"))
    for s in Self.hostile {
      report.title = s
      report.summary = s + s
      report.areas = [s, "x"]
      report.positions = []
      report.steps[0].text = s
      report.steps[0].site = s
      report.steps[0].side = nil
      report.steps[0].pressure = -3
      report.steps = Array(report.steps.prefix(2))
      #expect(report.jsonText() == (try JSON.text(report)), "\(Array(s.utf8))")
    }
  }

  @Test("check --json: no condition and every rule alone in every language, every plan and message")
  func checkEveryRule() throws {
    for lang in Catalog.availableLanguages(in: Self.root) {
      let catalog = try Catalog.load(from: Self.root, languages: lang == "en" ? [] : [lang])
      let t = catalog.localizer(lang)
      let checker = SafetyChecker(catalog: catalog)
      let contact = EmergencyContact(region: "FR", entry: catalog.emergencyNumbers["FR"])
      for conditions in [[]] + catalog.rules.map({ [Condition(id: $0.id, daysSince: 3)] }) {
        let result = try checker.check(conditions)
        for report in [
          CheckReport(result, localizer: t),
          CheckReport(result, localizer: t, emergency: contact),
        ] {
          #expect(try report.jsonText() == (try JSON.text(report)), "\(lang) \(conditions)")
        }
      }
    }
  }

  @Test("check --json with a routine: its preparation, sites and sides")
  func checkWithRoutine() throws {
    let catalog = try Catalog.load(from: Self.root, languages: ["es"])
    let t = catalog.localizer("es")
    let checker = SafetyChecker(catalog: catalog)
    let profiles: [[Condition]] = [
      [],
      [Condition(id: "anticoagulants"), Condition(id: "iv-line", site: .forearm, side: .left)],
      [Condition(id: "joint-replacement-knee", side: .left, daysSince: 10)],
    ]
    var prepared = 0
    for routine in catalog.routines {
      for conditions in profiles {
        let result = try checker.check(conditions, routineID: routine.id)
        let report = CheckReport(result, localizer: t)
        if report.preparation != nil { prepared += 1 }
        #expect(try report.jsonText() == (try JSON.text(report)), "\(routine.id) \(conditions)")
      }
    }
    #expect(prepared > catalog.routines.count, "most checks of one routine carry a preparation")
  }

  @Test("check --json: every optional present, free-text lists filled, strings that need escapes")
  func checkEscapes() throws {
    let catalog = try Catalog.load(from: Self.root)
    let result = try SafetyChecker(catalog: catalog).check(
      [Condition(id: "anticoagulants")], routineID: catalog.routines[0].id)
    var report = CheckReport(result, localizer: catalog.localizer("en"))
    for s in Self.hostile {
      report.verdict = s
      report.region = s
      report.emergencyNumber = s
      report.maxMinutes = 12
      report.messages = [s, s]
      report.unknownTerms = [s]
      report.avoidPositions = []
      report.avoid = [
        .init(site: s, side: s, because: [s]), .init(site: "x", side: nil, because: []),
      ]
      report.conditions = [
        .init(id: s, site: s, side: s, daysSince: -1, matched: s, active: true),
        .init(id: "y", site: nil, side: nil, daysSince: nil, matched: nil, active: false),
      ]
      report.notCounted = [.init(id: s, matched: s, reason: s)]
      report.notUnderstood = [.init(words: s, effect: s, rule: s)]
      if !report.routines.isEmpty {
        report.routines[0].title = s
        report.routines[0].reasons = [s]
        report.routines[0].steps[0].reason = s
        report.routines[0].steps[0].text = s
      }
      #expect(try report.jsonText() == (try JSON.text(report)), "\(Array(s.utf8))")
      report.preparation = nil
      report.routines = []
      #expect(try report.jsonText() == (try JSON.text(report)), "\(Array(s.utf8))")
    }
  }
}
