import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// `SummaryReader` (what `tend review` reads Tend JSON with) against `JSONDecoder`, the reference
/// for the export's schema: same values for every export, same refusals (or stricter ones), and
/// refusals that name the line and the field.
@Suite("Summary reader")
struct SummaryReaderTests {
  static func lean(_ text: String) -> Result<SummaryData, SummaryReader.Failure> {
    Array(text.utf8).withUnsafeBufferPointer { SummaryReader.read($0) }
  }

  static func export(_ data: SummaryData, checksum: Bool = true) -> String {
    SummaryRendering.export(
      data, as: .json, RenderOptions(localizer: Fixtures.english, checksum: checksum)
    ).text
  }

  /// The fixture summaries: plain, de-identified, with parts left out, with SAFETY items.
  static var fixtures: [SummaryData] {
    let entries = JournalScan.entries(SummaryFixtures.journal)
    return [
      SummaryFixtures.options(), SummaryFixtures.options(deidentify: true),
      SummaryFixtures.options(omit: [.notes, .name, .feelings, .water]),
      SummaryFixtures.options(keepSessions: false),
    ].map { SummaryBuilder.summarize(SummaryFixtures.receiver, entries, options: $0) }
      + [SessionSafetyTests.summary(), SessionSafetyTests.summary(deidentify: true), full]
  }

  /// A summary with every optional field present and every list non-empty, at every level
  /// (`everyFieldPresent` checks this, so a field added to `SummaryData` must be added here,
  /// and then the reader must read it for `sameAsJSONDecoder` to pass).
  static var full: SummaryData {
    var d = SessionSafetyTests.summary()
    let base = SummaryBuilder.summarize(
      SummaryFixtures.receiver, JournalScan.entries(SummaryFixtures.journal),
      options: SummaryFixtures.options())
    d.made = base.made
    d.version = SummaryFixtures.version
    d.receiver = .init(
      id: "rosa", name: "Rosa \"Ro\" Example\u{1F33B}", birthYear: 1948, birthDate: "1948-03-02",
      identifiers: [SummaryIdentifier(system: "urn:oid:1.2.3", value: "MRN-7\\7")],
      allergies: ["latex", "almond oil"])
    d.omitted = [.notes]
    d.caregivers = [.init(name: "Ana", relationship: "daughter", sessions: 3)]
    d.totals.medianMinutes = 10
    d.totals.minMinutes = 4
    d.totals.maxMinutes = 15
    d.ratings = base.ratings
    d.ratings[0].tenMeans = "worst"
    d.ratings[0].meanChange = -1e-7
    d.ratings[0].meanBefore = 123_456_789.123_456_789
    d.trend = base.trend
    d.trend[0].firstWeekBefore = 5.5
    d.trend[0].lastWeekBefore = 1.0 / 3.0
    d.stopped = [
      .init(
        when: "2026-11-22", minutes: 4, plannedMinutes: 10, routine: "soothing-feet",
        reason: "light-headed", redFlags: ["bleeding-signs"], preparationSkipped: true)
    ]
    d.precautions = [
      .init(
        id: "iv-line", site: "forearm", side: "left", since: "2026-11-18", until: "2026-11-30",
        redFlag: false)
    ]
    d.water = .init(
      offered: 3, given: 1, declined: 1, later: 1, amountML: 250, fluidLimitML: 1500,
      days: [.init(day: "2026-11-02", totalML: 250, limitML: 1500)])
    d.feelings = [
      .init(
        when: "2026-11-03", ratedBy: .caregiver, scores: ["pain": 4], text: "ok", by: "Ana",
        own: true)
    ]
    d.notes = [.init(when: "2026-11-04", text: "line\nbreak \u{0007}")]
    d.consents = [
      SummaryConsent(
        at: base.made, sharedWith: "Dr Lee", what: ["summary"], from: "2026-11-01",
        to: "2026-11-28", format: "json", by: "Ana")
    ]
    d.redFlags.conditions = ["dvt-suspected"]
    d.redFlags.emergencyNumber = "911"
    d.redFlags.cleared = [.init(id: "breathing-trouble-sudden", until: "2026-11-20")]
    d.redFlags.said = [
      .init(
        when: "2026-11-22", source: "stopped", rules: ["bleeding-signs"],
        words: "her nose is bleeding \"and\" won't stop", session: 1, cleared: "2026-11-23",
        by: "Ana", own: true)
    ]
    d.redFlags.wordsUnread = 1
    let counts = (d.safety?.against.count, d.safety?.worse.count)
    d.safety?.againstCount = counts.0
    d.safety?.worseCount = counts.1
    d.safety?.fluidDays = [.init(day: "2026-11-02", totalML: 1600, limitML: 1500)]
    d.safety?.against[0].breaches[0].what = "left-forearm"
    d.safety?.against[0].breaches[0].value = 3
    d.safety?.against[0].breaches[0].limit = 2
    if var row = d.sessions?[0] {
      row.minutes = 12
      row.routine = "calm-hands"
      row.sites = ["left-hand"]
      row.pressure = 1
      row.by = "Ana"
      row.stopReason = "tired"
      row.before = ["pain": 6]
      row.after = ["pain": 3]
      row.beforeBy = .receiver
      row.afterBy = .caregiver
      row.water = "given"
      row.note = "calm"
      row.precautions = ["iv-line"]
      row.breaches = d.safety?.against[0].breaches
      d.sessions?[0] = row
    }
    d.checksum = String(repeating: "ab", count: 32)
    d.careTeam = [
      SummaryCareTeam(
        kind: "advice", from: "Dr Lee",
        rules: ["anticoagulants"],
        limits: CareLimits(
          maxPressure: .light, avoid: [BodyRegion(token: "left-forearm")!],
          avoidPositions: [.faceDown], noJointMovement: true, maxMinutes: 15),
        start: "2026-11-01", until: "2026-12-01", note: "gentle")
    ]
    return d
  }

  @Test("the full fixture has every optional field present and every list non-empty")
  func everyFieldPresent() {
    var missing: [String] = []
    func walk(_ value: Any, _ path: String) {
      let mirror = Mirror(reflecting: value)
      if mirror.displayStyle == .collection || mirror.displayStyle == .dictionary,
        mirror.children.isEmpty
      {
        missing.append(path + " is empty")
      }
      let collection = mirror.displayStyle == .collection || mirror.displayStyle == .dictionary
      // The first element of a list stands for all (later ones may leave fields out).
      for child in collection ? Array(mirror.children.prefix(1)) : Array(mirror.children) {
        let name = child.label.map { path + "." + $0 } ?? path + "[]"
        let inner = Mirror(reflecting: child.value)
        if inner.displayStyle == .optional {
          if let some = inner.children.first {
            walk(some.value, name)
          } else if child.label != nil {
            missing.append(name + " is nil")
          }
        } else {
          walk(child.value, name)
        }
      }
    }
    walk(Self.full, "summary")
    // Who rated is shown on the page but left out of the JSON export on purpose (its shape is
    // kept stable), so the reader has nothing to read for these.
    let notEncoded: Set<String> = [
      "summary.totals.raters is empty", "summary.sessions[].beforeRater is nil",
      "summary.sessions[].afterRater is nil", "summary.sessions[].redFlags is empty",
    ]
    missing.removeAll { notEncoded.contains($0) }
    #expect(missing.isEmpty, "\(missing)")
  }

  @Test("every fixture export reads as JSONDecoder reads it, checksum and all")
  func sameAsJSONDecoder() throws {
    for (n, data) in Self.fixtures.enumerated() {
      for checksum in [true, false] {
        let text = Self.export(data, checksum: checksum)
        let reference = try JSONDecoder().decode(SummaryData.self, from: Data(text.utf8))
        switch Self.lean(text) {
        case .success(let read): #expect(read == reference, "fixture \(n)")
        case .failure(let f): Issue.record("fixture \(n) refused: \(f)")
        }
      }
    }
    // Compact JSON, escaped keys and unknown keys read the same as well.
    let data = Self.full
    let encoder = JSONEncoder()
    let compact = try String(decoding: encoder.encode(data), as: UTF8.self)
    let odd = compact.replacingOccurrences(of: "\"totals\":", with: "\"tot\\u0061ls\":")
      .replacingOccurrences(of: "{\"v\":", with: "{\"extra\":[{\"a\":[1,2e3,null]}],\"v\":")
    for text in [compact, odd] {
      let reference = try JSONDecoder().decode(SummaryData.self, from: Data(text.utf8))
      #expect(try Self.lean(text).get() == reference)
    }
  }

  @Test("numbers read as JSONDecoder reads them, to the last bit")
  func numbers() throws {
    var rng = SeededRandom(seed: 7)
    var texts = ["0", "-0", "1", "0.1", "1e-05", "2.5E+3", "123456789012345678", "1e22", "1e23"]
    texts += ["9007199254740993", "0.30000000000000004", "5e-324", "1.7976931348623157e308"]
    for _ in 0..<2000 {
      let x = Double(bitPattern: rng.next())
      if x.isFinite { texts.append("\(x)") }
      texts.append("\(Double(rng.next() % 100_000) / 1000)")
    }
    for text in texts {
      let expected = try JSONDecoder().decode([Double].self, from: Data("[\(text)]".utf8))[0]
      let bytes = Array(text.utf8)
      let got = bytes.withUnsafeBufferPointer { b -> Double? in
        var c = ByteCursor(b.baseAddress!, start: 0, end: b.count)
        return c.double()
      }
      #expect(got?.bitPattern == expected.bitPattern, "\(text)")
    }
  }

  @Test("a damaged export is refused with its line and field")
  func refusals() throws {
    let text = Self.export(SummaryFixtures.data)
    func failure(_ changed: String) -> String {
      guard case .failure(let f) = Self.lean(changed) else { return "accepted" }
      return Array(changed.utf8).withUnsafeBufferPointer { f.message($0) }
    }
    func line(of needle: String) -> Int {
      let prefix = text[..<text.range(of: needle)!.lowerBound]
      return prefix.filter { $0 == "\n" }.count + 1
    }
    let sessions = "\"rated\" : 12"
    #expect(
      failure(text.replacingOccurrences(of: sessions, with: "\"rated\" : \"12\""))
        == "line \(line(of: sessions)): totals.rated: expected a whole number")
    #expect(
      failure(text.replacingOccurrences(of: sessions, with: "\"rated\" : 1.5"))
        == "line \(line(of: sessions)): totals.rated: expected a whole number")
    let scale = "\"scale\" : \"anxiety\""
    #expect(
      failure(text.replacingOccurrences(of: scale, with: "\"scale\" : \"joy\""))
        .hasSuffix(
          "ratings[1].scale: \"joy\" is not one of pain, anxiety, tiredness, comfort, nausea, "
            + "mood, breathlessness"))
    #expect(
      failure(text.replacingOccurrences(of: sessions + ",", with: ""))
        .hasSuffix("totals.rated: missing"))
    #expect(
      failure(text.replacingOccurrences(of: sessions, with: sessions + ", \"rated\" : 12"))
        .hasSuffix("totals.rated: given twice"))
    #expect(
      failure(text.replacingOccurrences(of: "\"made\" : \"2026", with: "\"made\" : \"20x6"))
        .contains("made: not an ISO 8601 time: 20x6"))
    #expect(failure(text + "x").hasSuffix("unexpected text after the end"))
    #expect(failure("").hasSuffix("the file is empty"))
    let row = "\"number\" : 3"
    #expect(
      failure(text.replacingOccurrences(of: row, with: "\"number\" : null"))
        == "line \(line(of: row)): sessions[2].number: expected a whole number")
  }

  @Test("review says where a file stops being JSON, and which field of a summary is wrong")
  func reviewReasons() {
    func reason(_ text: String) -> String {
      guard case .unreadable(let why) = Review.read(bytes: Array(text.utf8), path: "x").status
      else { return "read" }
      return Fixtures.english.render(why)
    }
    #expect(reason("{\n\"a\": [1,\n2,,]}") == "not JSON (line 3)")
    #expect(
      reason("{\n  \"kind\" : \"tend-summary\",\n  \"v\" : 1,\n  oops\n}")
        == "not a Tend summary (line 4: expected a key in quotes)")
    #expect(
      reason("{\"kind\": \"tend-summary\", \"v\": 9, \"totals\": 1}")
        == "schema 9 is newer than this Tend reads")
    let text = Self.export(SummaryFixtures.data)
    let damaged = text.replacingOccurrences(of: "\"rated\" : 12", with: "\"rated\" : \"12\"")
    let line = text[..<text.range(of: "\"rated\" : 12")!.lowerBound].filter { $0 == "\n" }.count + 1
    #expect(
      reason(damaged)
        == "not a Tend summary (line \(line): totals.rated: expected a whole number)")
  }

  @Test("a hostile export's id and made-with reach the page and the table without control codes")
  func hostile() {
    var data = SummaryFixtures.data
    data.receiver.name = nil
    data.receiver.id = "r\u{1B}[31m"
    data.version = TendVersion(tend: "0.1\u{1B}]0;x\u{07}", rules: 1, data: "ab\u{202E}cd")
    let file = Review.read(bytes: Array(Self.export(data).utf8), path: "h.json")
    #expect(file.status == .intact)
    for files in [[file], [file, file]] {
      let text = ReviewReport.render(files, RenderOptions(localizer: Fixtures.english))
      #expect(text.contains("ab") && text.contains("0.1"))
      #expect(
        !text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" })
    }
  }

  @Test("mutated exports: whatever the reader accepts, JSONDecoder decodes the same")
  func mutations() {
    let seeds = Self.fixtures.map { Array(Self.export($0).utf8) }
    let decoder = JSONDecoder()
    var accepted = 0
    var refusedOnly = 0
    let report = FuzzDriver.run("summary-reader") { rng in
      let input = Mutate.bytes(rng.pick(seeds), &rng)
      let lean = input.withUnsafeBufferPointer { SummaryReader.read($0) }
      let reference = try? decoder.decode(SummaryData.self, from: Data(input))
      switch (lean, reference) {
      case (.success(let a), let b?):
        accepted += 1
        return a == b ? nil : "values differ: \(Self.shown(input))"
      case (.success, nil):
        return "accepted, JSONDecoder refuses: \(Self.shown(input))"
      case (.failure, nil):
        return nil
      case (.failure(let f), _?):
        // Stricter on purpose: anything that is not RFC 8259 JSON (JSONDecoder takes trailing
        // commas, bad escapes and broken UTF-8 in keys it skips; Tend's strict parser and a
        // UTF-8 check are the judge), a repeated key, deep nesting, a fraction where a whole
        // number goes.
        refusedOnly += 1
        let strictJSON =
          (try? JSONParser.parse(input)) != nil && String(validating: input, as: UTF8.self) != nil
        let known = ["given twice", "nested too deeply", "expected a whole number"]
        return !strictJSON || known.contains(where: f.reason.contains)
          ? nil : "refused (\(f)), JSONDecoder accepts: \(Self.shown(input, at: f.offset))"
      }
    }
    print("fuzz summary-reader: \(accepted) accepted and equal, \(refusedOnly) refused only here")
    #expect(report.findings.isEmpty, "\(report)")
  }

  static func shown(_ input: [UInt8], at offset: Int = 0) -> String {
    let from = max(0, offset - 150)
    return String(decoding: input[from..<min(input.count, from + 300)], as: UTF8.self)
      .debugDescription
  }
}

extension SummaryFixtures {
  static var data: SummaryData {
    SummaryBuilder.summarize(receiver, JournalScan.entries(journal), options: options())
  }
}
