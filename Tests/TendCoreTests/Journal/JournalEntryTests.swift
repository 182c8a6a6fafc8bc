import Foundation
import TendCore
import Testing

@Suite("Journal entries")
struct JournalEntryTests {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  static let samples: [JournalEntry] = [
    JournalEntry(
      at: at,
      .session(
        Session(
          routine: "calm-hands", plan: FollowedPlan(kept: ["a"], adapted: ["b"], skipped: ["c"]),
          sites: ["right-hand"], pressure: 1, minutes: 8, by: "Ana",
          before: Ratings(scores: ["pain": 6, "anxiety": 4]),
          after: Ratings(ratedBy: .caregiver, rater: "Ana", scores: ["pain": 3]),
          stoppedEarly: true,
          stopReason: "she felt dizzy", note: "héllo \"quoted\"\nnew line", precautions: ["iv-line"]
        ))),
    JournalEntry(at: at, .feeling(Feeling(ratings: Ratings(scores: ["mood": 7]), text: "better"))),
    JournalEntry(at: at, .water(Water(.given, amountML: 150, by: "Luis"))),
    JournalEntry(at: at, .water(Water(.later, remindAt: at))),
    JournalEntry(
      at: at,
      .consent(
        Consent(
          sharedWith: "Dr Lee", what: ["sessions"], from: "2026-11-01", to: "2026-11-30",
          format: "html"))),
    JournalEntry(
      at: at,
      .condition(
        ConditionChange(
          .added, ProfileCondition(id: "iv-line", site: .forearm, side: .left, since: "2026-11-20"),
          by: "Ana"))),
  ]

  @Test(
    "every kind is one line with type, at (with offset) and v, and decodes to the same entry",
    arguments: samples)
  func roundTrip(_ entry: JournalEntry) throws {
    let line = try entry.line()
    #expect(line.last == 0x0A)
    #expect(!line.dropLast().contains(0x0A), "one line only")
    let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
    #expect(object["type"] as? String == entry.kind.rawValue)
    #expect(object["at"] as? String == "2026-11-18T12:06:40+01:00")
    #expect(object["v"] as? Int == 1)
    #expect(try JournalEntry.decode(line.dropLast()) == entry)
  }

  @Test("the fast line writer says exactly what JSONEncoder says, keys sorted", arguments: samples)
  func writerMatchesEncoder(_ entry: JournalEntry) throws {
    let fast = try JSONSerialization.jsonObject(with: try entry.line()) as? NSDictionary
    let encoder = JSONEncoder()
    let slow = try JSONSerialization.jsonObject(with: try encoder.encode(entry)) as? NSDictionary
    #expect(fast != nil && fast == slow)
    let text = String(decoding: try entry.line(), as: UTF8.self)
    let keys = try #require(fast?.allKeys as? [String])
    let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
    #expect(zip(keys, positions).sorted { $0.1 < $1.1 }.map(\.0) == keys.sorted())
  }

  @Test("text with quotes, backslashes, control characters and any script survives")
  func escaping() throws {
    let text = "a\"b\\c\n\r\t\u{1}\u{1F} é 妈妈 🙂 </script>"
    let entry = JournalEntry(at: Self.at, .feeling(Feeling(text: text)))
    let line = try entry.line()
    #expect(!line.dropLast().contains(0x0A))
    #expect(try JournalEntry.decode(line.dropLast()) == entry)
  }

  @Test("a line from a newer Tend is refused, not misread")
  func newerSchema() {
    let line = #"{"at":"2026-11-18T21:26:40+01:00","type":"feeling","text":"x","v":2}"#
    #expect(throws: (any Error).self) { try JournalEntry.decode(Array(line.utf8)) }
  }

  @Test("ratings outside 0-10 and unknown rating names are refused before writing")
  func validation() throws {
    let bad = JournalEntry(at: Self.at, .feeling(Feeling(ratings: Ratings(scores: ["pain": 11]))))
    #expect(throws: EntryError.ratingOutOfRange(name: "pain", value: 11)) { try bad.validate() }
    let negative = JournalEntry(
      at: Self.at, .session(Session(before: Ratings(scores: ["comfort": -1]))))
    #expect(throws: EntryError.ratingOutOfRange(name: "comfort", value: -1)) {
      try negative.validate()
    }
    #expect(throws: EntryError.unknownRating(name: "pian", suggestions: ["pain"])) {
      try Ratings.parsePairs(["pian=3"])
    }
    #expect(throws: EntryError.badRatingPair("pain")) { try Ratings.parsePairs(["pain"]) }
    #expect(throws: EntryError.badRatingPair("pain=high")) { try Ratings.parsePairs(["pain=high"]) }
    let minutes = JournalEntry(at: Self.at, .session(Session(minutes: -5)))
    #expect(throws: EntryError.self) { try minutes.validate() }
  }

  @Test("rating pairs: commas, repeats, aliases and skipped ratings")
  func pairs() throws {
    let scores = try Ratings.parsePairs([
      "pain=6, anxiety=4", "stress=3", "tiredness=-", "comfort=skip", "nausea=0",
    ])
    #expect(scores == ["pain": 6, "anxiety": 3, "nausea": 0])
  }
}
