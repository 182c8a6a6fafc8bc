import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// The language words were read in, recorded with them (outside tester, round 5, F17): a new
/// optional `lang` on feelings and sessions that both writers agree on and both readers check,
/// that older lines do without, and that decides the languages their words are read back in.
@Suite("Journal: the language of the words")
struct WordsLanguageTests {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  static var entries: [JournalEntry] {
    var session = Session(routine: "calm-hands", minutes: 2, stopReason: "il a mal à la poitrine")
    session.lang = "fr"
    return [
      JournalEntry(at: at, .feeling(Feeling(text: "她胸口很闷", lang: "zh-Hans"))),
      JournalEntry(at: at, .session(session)),
    ]
  }

  @Test("written by the fast writer as JSONEncoder writes it, and read back by both readers")
  func roundTrip() throws {
    for entry in Self.entries {
      let line = try entry.line()
      let fast = try JSONSerialization.jsonObject(with: line) as? NSDictionary
      let slow =
        try JSONSerialization.jsonObject(with: try JSONEncoder().encode(entry)) as? NSDictionary
      #expect(fast != nil && fast == slow)
      #expect(try JournalEntry.decode(line.dropLast()) == entry)
    }
    let text = try Self.entries.map { String(decoding: try $0.line(), as: UTF8.self) }.joined()
    let scanned = JournalScan.entries(text)
    #expect(scanned.count == 2)
    guard case .feeling(let f) = scanned.first, case .session(let s) = scanned.last else {
      Issue.record("not read back: \(scanned)")
      return
    }
    #expect(f.lang == "zh-Hans")
    #expect(s.lang == "fr")
  }

  @Test("an older line without a language still reads, with none")
  func oldLine() throws {
    let old =
      #"{"at":"2026-11-20T18:00:00+01:00","text":"il n'arrive plus à respirer","type":"feeling","v":1}"#
    let entry = try JournalEntry.decode(Array(old.utf8))
    guard case .feeling(let f) = entry.body else {
      Issue.record("not a feeling")
      return
    }
    #expect(f.lang == nil && f.text == "il n'arrive plus à respirer")
    guard case .feeling(let scanned) = JournalScan.entries(old + "\n").first else {
      Issue.record("the scanner did not read it")
      return
    }
    #expect(scanned.lang == nil)
  }

  @Test("a language that is not text is refused by both readers")
  func wrongType() {
    let bad = #"{"at":"2026-11-20T18:00:00+01:00","lang":5,"text":"x","type":"feeling","v":1}"#
    #expect((try? JournalEntry.decode(Array(bad.utf8))) == nil)
    #expect(JournalScan.entries(bad + "\n").isEmpty)
    let twice =
      #"{"at":"2026-11-20T18:00:00+01:00","lang":"fr","lang":"en","text":"x","type":"feeling","v":1}"#
    #expect(JournalScan.entries(twice + "\n").isEmpty)
  }

  @Test("words are read in their recorded language and the family's; in all when none is recorded")
  func languagesToRead() {
    let all = ["en", "es", "fr", "vi", "zh-Hans"]
    #expect(RedFlagWords.languages(recorded: "fr", family: nil, available: all) == ["fr"])
    #expect(RedFlagWords.languages(recorded: "fr", family: "fr", available: all) == ["fr"])
    #expect(RedFlagWords.languages(recorded: "en", family: "es", available: all) == ["en", "es"])
    // Fail closed: none recorded (an older line), or one Tend does not have.
    #expect(RedFlagWords.languages(recorded: nil, family: "es", available: all) == all)
    #expect(RedFlagWords.languages(recorded: "de", family: nil, available: all) == all)
    // A family language Tend does not have is not read in.
    #expect(RedFlagWords.languages(recorded: "fr", family: "de", available: all) == ["fr"])
  }

  @Test("the summary reads a feeling's words in the language recorded with them")
  func summaryReadsRecordedLanguage() throws {
    let journal = """
      {"at":"2026-12-01T13:00:00+00:00","lang":"fr","text":"il n'arrive plus à respirer","type":"feeling","v":1}
      {"at":"2026-12-01T14:00:00+00:00","text":"il a l'impression d'étouffer","type":"feeling","v":1}

      """
    let asked = Asked()
    let french = try Recognizer(
      localizer: Fixtures.catalog.localizer("fr"), catalog: Fixtures.catalog)
    let english = try Recognizer(localizer: Fixtures.english, catalog: Fixtures.catalog)
    var options = SummaryOptions(
      period: SummaryPeriod(from: CivilDay.parse("2026-12-01")!, to: CivilDay.parse("2026-12-31")!),
      now: SummaryTime(seconds: 1_796_774_400, offset: 0),
      redFlagConditions: Set(Fixtures.catalog.rules.filter(\.isRedFlag).map(\.id)),
      catalog: Fixtures.catalog)
    options.redFlagWords = RedFlagWords(catalog: Fixtures.catalog) { text, lang, date, stored in
      asked.add(lang)
      let reader = RedFlagWords.languages(recorded: lang, family: nil, available: ["en", "fr"])
      return reader.flatMap { one in
        (one == "fr" ? french : english).recognize(text, today: date, profile: stored).conditions
      }
    }
    let data = SummaryBuilder.summarize(
      SummaryReceiver(id: "jeanne", name: "Jeanne"), JournalScan.entries(journal),
      options: options)
    let said = try #require(data.redFlags.said)
    #expect(said.count == 2, "\(said)")
    #expect(said.allSatisfy { $0.rules.contains("breathing-trouble-sudden") }, "\(said)")
    #expect(asked.list == ["fr", nil])
  }

  final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String?] = []
    func add(_ lang: String?) { lock.withLock { seen.append(lang) } }
    var list: [String?] { lock.withLock { seen } }
  }
}
