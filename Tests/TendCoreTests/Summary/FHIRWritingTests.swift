import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// The FHIR export's Procedure is written by hand, member by member, with its fixed parts and
/// each routine's words made once; these check it against the tree it stands for, and the
/// helpers it uses against what they replace.
@Suite("FHIR written by hand")
struct FHIRWritingTests {
  static var data: SummaryData {
    SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryStreamTests.journal),
      options: SummaryFixtures.options(keepSessions: true))
  }

  /// The fixture's rows, and each changed in the ways a Procedure can differ.
  static var rows: [SummaryData.Row] {
    let base = data.sessions ?? []
    var out = base
    for (i, row) in base.enumerated() {
      var r = row
      r.status = "stopped"
      r.stopReason = i % 2 == 0 ? nil : "said \"enough\" \\ tired\n\u{1}"
      out.append(r)
      r = row
      r.routine = nil
      r.at = nil
      r.by = i % 2 == 0 ? nil : "Nobody in the bundle"
      r.sites = []
      r.note = "a note with \"quotes\", a tab\t and 大丈夫"
      out.append(r)
      r = row
      r.number = [0, 9, 10, 999, 1000, 1001, 12_345, 99_999, 100_000, 1_234_567][i % 10]
      r.sites = ["left-forearm", "right-hand", "belly", "not-a-site"]
      out.append(r)
    }
    return out
  }

  @Test("each Procedure is the tree it stands for, written compact, in every language")
  func procedure() throws {
    for lang in ["en", "es", "fr", "vi", "zh-Hans"] {
      let options = RenderOptions(
        localizer: Fixtures.catalog.localizer(lang), ids: UUIDSource(seed: 3))
      var bundle = FHIRBundle(Self.data, options)
      _ = bundle.head()
      for row in Self.rows {
        var out: [UInt8] = []
        bundle.session(row, into: &out)
        let lines = String(decoding: out, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        // ",\n" then the Procedure's line, then its Observations.
        #expect(lines.count >= 2 && lines[0] == ",")
        let line = String(lines[1].hasSuffix(",") ? lines[1].dropLast() : lines[1])
        let id = try #require(line.split(separator: "\"").dropFirst(3).first)
        var tree: [UInt8] = []
        bundle.procedure(row, url: String(id)).compact(into: &tree)
        #expect(line == String(decoding: tree, as: UTF8.self), "\(lang) row \(row.number)")
        for observation in lines.dropFirst(2) where !observation.isEmpty {
          #expect(observation.contains("{\"reference\":\"\(id)\"}"))
        }
      }
    }
  }

  @Test("each day's water is the entry it stands for, from its template, in every form")
  func fluidIntake() {
    var days: [SummaryData.WaterDay] = []
    for day in ["2026-11-03", "2026-11-04T09:30:00-05:00", "2026", "a \"day\" \\ odd"] {
      for total in [0, 7, 150, 1_500, 123_456] {
        for limit in [nil, 0, 150, 1_000, 2_000] as [Int?] {
          days.append(SummaryData.WaterDay(day: day, totalML: total, limitML: limit))
        }
      }
    }
    for lang in ["en", "es", "fr", "vi", "zh-Hans"] {
      let localizer = Fixtures.catalog.localizer(lang)
      var trees = FHIRBundle(
        Self.data, RenderOptions(localizer: localizer, ids: UUIDSource(seed: 5)))
      var made = FHIRBundle(
        Self.data, RenderOptions(localizer: localizer, ids: UUIDSource(seed: 5)))
      var expected: [UInt8] = []
      var written: [UInt8] = []
      // Twice over, so every template is used again after it is made.
      for day in days + days.reversed() {
        trees.addFluidIntake(day)
        trees.takeEntries(into: &expected)
        made.fluidIntake(day, into: &written)
      }
      #expect(
        String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
        "\(lang)")
    }
  }

  @Test("session numbers are written as the localizer writes them, in every language")
  func numbers() {
    var numbers = Array(0...2_100) + [9_999, 10_000, 10_001, 99_999, 100_000, 123_456]
    numbers += [999_999, 1_000_000, 1_234_567, 12_345_678, 2_000_001_000]
    var seed: UInt64 = 11
    for _ in 0..<500 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1
      numbers.append(Int(seed >> 40))
    }
    for lang in ["en", "es", "fr", "vi", "zh-Hans"] {
      for region in [nil, "GB", "CH", "IN"] as [String?] {
        let t = Fixtures.catalog.localizer(lang).inRegion(region)
        var bundle = FHIRBundle(Self.data, RenderOptions(localizer: t))
        for n in numbers {
          var out: [UInt8] = []
          bundle.localNumber(n, into: &out)
          #expect(
            String(decoding: out, as: UTF8.self)
              == String(
                decoding: FHIRBundle.escaped(t.text(.number(n))), as: UTF8.self),
            "\(lang) \(region ?? "") \(n)")
        }
      }
    }
  }

  @Test("a time's bytes are its description")
  func times() {
    var times: [SummaryTime] = []
    for seconds: Int64 in [
      0, 59, 3_599, 86_399, 86_400, 1_795_960_800, -1, -86_401, -62_135_596_800, 253_402_300_799,
      -2_208_988_800, 32_503_680_000,
    ] {
      for offset: Int32 in [0, -5 * 3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 14 * 3600, -59] {
        times.append(SummaryTime(seconds: seconds, offset: offset))
      }
    }
    var seed: UInt64 = 5
    for _ in 0..<2_000 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1
      let s = Int64(bitPattern: seed >> 28) - 30_000_000_000
      let o = Int32(truncatingIfNeeded: Int64(seed >> 50) % 100_000) - 50_000
      times.append(SummaryTime(seconds: s, offset: o))
    }
    for time in times {
      var out: [UInt8] = []
      time.writeDescription(into: &out)
      #expect(String(decoding: out, as: UTF8.self) == time.description, "\(time.seconds)")
    }
  }

  @Test("words are trimmed as Foundation trims them")
  func trimming() {
    let texts = [
      "", " ", "a", "abc", " a", "a ", "\ta\n", "dizzy", "\u{A0}dizzy", "dizzy\u{3000}",
      "\u{2003}x\u{2003}", "大丈夫", " 大丈夫 ", "x\u{85}", "\u{200B}x", "é", "~", "!x!",
      "\u{7F}x", "x\u{7F}", "\r\nx", "(chest pain)", "a\u{301}",
    ]
    for text in texts {
      #expect(
        RedFlagWords.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(text.unicodeScalars.map { $0.value })")
    }
  }
}

/// `tend review`'s table takes file names and pads cells without Foundation on the common path.
@Suite("Review table helpers")
struct ReviewTableHelperTests {
  @Test("a file's name is URL's last path component")
  func fileNames() {
    let paths = [
      "a.json", "/x/rosa.json", "x/y/z.fhir.json", "./a.json", "a//b.json", "/tmp/with space.json",
      "/tmp/大丈夫.json", "/tmp/.hidden", "/", "x/", "x/.", "x/..", "..", ".", "...", "~/a.json",
      "/a/b/c%20d.json", "a\\b.json", "/tmp/é.json", "relative/dir/",
    ]
    for path in paths {
      #expect(
        ReviewReport.fileName(path) == URL(fileURLWithPath: path).lastPathComponent, "\(path)")
    }
  }

  @Test("a cell is padded as NSString pads it (UTF-16 units), and cut when longer")
  func padding() {
    let texts = ["", "a", "Rosa", "大丈夫", "e\u{301}", "👩‍👩‍👧", "Receiver 12", "🙂x", "ab"]
    for text in texts {
      for width in 0...12 {
        #expect(
          ReviewReport.padded(text, width)
            == text.padding(toLength: width, withPad: " ", startingAt: 0), "\(text) \(width)")
      }
    }
  }
}
