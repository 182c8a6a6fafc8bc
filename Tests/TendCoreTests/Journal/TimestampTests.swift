import Foundation
import TendCore
import Testing

@Suite("Timestamp")
struct TimestampTests {
  @Test("prints ISO 8601 with the offset it was recorded in, and parses back")
  func roundTrip() throws {
    let date = Date(timeIntervalSince1970: 1_795_000_000)
    for offset in [0, 3600, -18_000, 19_800, 45_900] {
      let stamp = Timestamp(date, offsetSeconds: offset)
      let text = stamp.description
      #expect(text.count == 25, "\(text)")
      let back = try #require(Timestamp.parse(text))
      #expect(back == stamp)
    }
    #expect(Timestamp(date, offsetSeconds: 0).description == "2026-11-18T11:06:40+00:00")
    #expect(Timestamp(date, offsetSeconds: -18_000).description == "2026-11-18T06:06:40-05:00")
  }

  @Test("accepts Z, fractions and offsets without a colon; the local day is the recorded one")
  func forms() throws {
    let a = try #require(Timestamp.parse("2026-11-29T23:30:00.250-05:00"))
    #expect(a.day == "2026-11-29")
    #expect(Timestamp(a.date, offsetSeconds: 0).day == "2026-11-30")
    #expect(Timestamp.parse("2026-11-29T10:15Z")?.description == "2026-11-29T10:15:00+00:00")
    #expect(Timestamp.parse("2026-11-29T10:15:00+0100")?.offsetSeconds == 3600)
  }

  @Test(
    "rejects dates and times that do not exist",
    arguments: [
      "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29",
      "yesterday",
      "2026-11-29T10:00:00", "2026-11-29T10:00:00+1", "2026-11-29T10:00:00Zjunk",
    ])
  func rejects(_ text: String) {
    #expect(Timestamp.parse(text) == nil)
  }

  @Test("leap days and far dates")
  func calendar() {
    #expect(Timestamp.parse("2028-02-29T00:00:00Z") != nil)
    #expect(Timestamp.parse("2027-02-29T00:00:00Z") == nil)
    let old = Timestamp(Date(timeIntervalSince1970: -86_400), offsetSeconds: 0)
    #expect(old.description == "1969-12-31T00:00:00+00:00")
    #expect(Timestamp.parse(old.description) == old)
  }
}
