/// The one definition of a valid journal line, and the summary's lean reader of it.
///
/// Every reader of a journal (`tend journal`, `summary`, `share`, the REPL, reminders) asks this
/// first: `JournalReader` and `JournalScan` both call `parse`, so they agree on which lines count
/// and report the same lines, by file and line number. A line is valid when it is exactly RFC
/// 8259 JSON (`ByteCursor`: strict strings and numbers, bounded nesting), at most
/// `maxLineBytes` long, a single object without a repeated known key, with `type` one of the five
/// kinds, `at` an ISO 8601 time with an offset, `v` from 1 to `newestSchema`, and every known
/// field of the right type and in range: ratings named as `RatingKind` and 0-10 with `ratedBy`,
/// pressure 0-3, minutes 0-600, a known `preparation`, water 0-5000 mL with a known answer, a consent with `sharedWith`
/// and `what`, a condition change with `change` and a readable condition. Whatever it accepts,
/// `JournalEntry` decodes and `validate()` passes (the fuzz test checks this on random lines).
///
/// Returns `.entry`, `.ignored` (a blank line) or `.unreadable` with a short reason (fail
/// closed: the reader counts and reports it).
enum JournalLine {
  enum Result {
    case entry(SummaryEntry)
    case ignored
    case unreadable(String)
  }

  static let newestSchema = 1
  /// The longest line read (a session with a long note is a few kilobytes); longer ones are
  /// reported, never held whole.
  static let maxLineBytes = 1 << 20

  static func parse(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Result {
    guard end - start <= maxLineBytes else { return .unreadable("the line is too long") }
    var c = ByteCursor(base, start: start, end: end)
    guard c.peek != nil else { return .ignored }
    var f = Fields()
    let ok = c.members { c, key in f.read(&c, key) }
    c.skipSpace()
    if let problem = f.problem { return .unreadable(problem) }
    guard ok, c.i == end else { return .unreadable("not one JSON object") }
    guard let v = f.v else { return .unreadable("missing field \"v\"") }
    guard v <= newestSchema else {
      return .unreadable("schema version \(v) is newer than this Tend reads (\(newestSchema))")
    }
    guard v >= 1 else { return .unreadable("schema version \(v) does not exist") }
    guard let type = f.type else { return .unreadable("missing field \"type\"") }
    guard let at = f.at else { return .unreadable("missing field \"at\"") }
    switch type {
    case "session":
      var s = SummarySession(at: at)
      s.routine = f.routine
      s.sites = f.sites
      s.pressure = f.pressure
      s.minutes = f.minutes
      s.by = f.by
      s.before = f.before
      s.after = f.after
      s.stoppedEarly = f.stoppedEarly || f.stopReason != nil
      s.stopReason = f.stopReason
      s.note = f.note
      s.precautions = f.precautions
      s.preparationSkipped = f.preparation == PreparationStatus.skipped.rawValue
      (s.stepsKept, s.stepsAdapted, s.stepsSkipped) = f.plan
      s.kept = f.kept
      s.adapted = f.adapted
      s.lang = f.lang
      return .entry(.session(s))
    case "feeling":
      var feeling = SummaryFeeling(at: at, ratings: f.ratings, text: f.text)
      feeling.lang = f.lang
      feeling.by = f.by
      return .entry(.feeling(feeling))
    case "water":
      guard let answer = f.answer else { return .unreadable("missing field \"answer\"") }
      return .entry(.water(SummaryWater(at: at, answer: answer, amountML: f.amountML)))
    case "consent":
      guard let with = f.sharedWith else { return .unreadable("missing field \"sharedWith\"") }
      guard let what = f.what else { return .unreadable("missing field \"what\"") }
      return .entry(
        .consent(
          SummaryConsent(
            at: at, sharedWith: with, what: what, from: f.from, to: f.to, format: f.format,
            by: f.by)))
    case "condition":
      guard var change = f.condition else { return .unreadable("missing field \"condition\"") }
      guard let kind = f.change.flatMap(SummaryCondition.Change.init(rawValue:)) else {
        return .unreadable("missing field \"change\"")
      }
      change.at = at
      change.change = kind
      return .entry(.condition(change))
    case "careteam":
      guard f.change != nil else { return .unreadable("missing field \"change\"") }
      guard f.careTeam == 1 else {
        return .unreadable("a careteam line has exactly one of \"clearance\" and \"advice\"")
      }
      return .entry(.careTeam)
    default: return .unreadable("unknown type \"\(type)\"")
    }
  }

  /// The fields of any entry kind; each key is read only if present, checked as it is read.
  struct Fields {
    var type: String?
    var at: SummaryTime?
    var v: Int?
    var routine: String?
    var sites: [String] = []
    var pressure: Int?
    var minutes: Int?
    var by: String?
    var before: SummaryRatings?
    var after: SummaryRatings?
    var ratings: SummaryRatings?
    var stoppedEarly = false
    var stopReason: String?
    var note: String?
    var text: String?
    var precautions: [String] = []
    var plan = (0, 0, 0)
    var kept: [String] = []
    var adapted: [String] = []
    var answer: String?
    var amountML: Int?
    var sharedWith: String?
    var what: [String]?
    var from: String?
    var to: String?
    var format: String?
    var change: String?
    var condition: SummaryCondition?
    /// How many of `clearance` and `advice` were read (each checked by `CareTeamReader`).
    var careTeam = 0
    var preparation: String?
    /// The language the words were read in (`Session.lang`, `Feeling.lang`).
    var lang: String?
    /// Why the line is not valid, when a field said so (more precise than "not JSON").
    var problem: String?
    /// Known keys seen, one bit each, to refuse a repeated key.
    var seen: UInt64 = 0

    /// Records a problem with `field` and stops the read.
    mutating func bad(_ field: StaticString, _ why: StaticString = "has a wrong value") -> Bool {
      if problem == nil { problem = "the field \"\(field)\" \(why)" }
      return false
    }

    // One comparison per known key, in rough order of frequency.
    mutating func read(_ c: inout ByteCursor, _ key: (start: Int, end: Int, escaped: Bool)) -> Bool
    {
      for (bit, name) in Self.keys.enumerated() where c.equals(key, name) {
        guard seen & (1 << UInt64(bit)) == 0 else { return bad(name, "appears twice") }
        seen |= 1 << UInt64(bit)
        return readKnown(&c, bit) || bad(name)
      }
      return c.skipValue()
    }

    static let keys: [StaticString] = [
      "type", "at", "v", "routine", "minutes", "pressure", "by", "before", "after", "ratings",
      "sites", "precautions", "note", "text", "stopReason", "stoppedEarly", "plan", "answer",
      "amountML", "sharedWith", "what", "from", "to", "format", "change", "condition", "remindAt",
      "clearance", "advice", "preparation", "lang",
    ]

    mutating func readKnown(_ c: inout ByteCursor, _ bit: Int) -> Bool {
      func str(_ target: inout String?) -> Bool {
        guard let s = c.optionalString() else { return false }
        target = s
        return true
      }
      func int(_ target: inout Int?, _ range: ClosedRange<Int>) -> Bool {
        if c.peek == 0x6E { return c.skipValue() }
        guard let n = c.int(), range.contains(n) else { return false }
        target = n
        return true
      }
      switch bit {
      case 0:
        guard c.peek != 0x6E, let s = c.string() else { return false }
        type = s
        return true
      case 1:
        at = time(&c)
        return at != nil
      case 2: return int(&v, Int.min...Int.max) && v != nil
      case 3: return str(&routine)
      case 4: return int(&minutes, 0...600)
      case 5: return int(&pressure, 0...3)
      case 6: return str(&by)
      case 7, 8, 9:
        // Which score is wrong and why ("the score "pain" in "ratings" is 11; …").
        var why: String?
        let ok: Bool
        switch bit {
        case 7: ok = ratingSet(&c, &before, "before", &why)
        case 8: ok = ratingSet(&c, &after, "after", &why)
        default: ok = ratingSet(&c, &ratings, "ratings", &why)
        }
        if let why, problem == nil { problem = why }
        return ok
      case 10: return array(&c, &sites)
      case 11: return array(&c, &precautions)
      case 12: return str(&note)
      case 13: return str(&text)
      case 14: return str(&stopReason)
      case 15:
        if c.peek == 0x6E { return c.skipValue() }
        guard let b = c.bool() else { return false }
        stoppedEarly = b
        return true
      case 16: return readPlan(&c)
      case 17:
        guard str(&answer) else { return false }
        return answer.map { Water.Answer(rawValue: $0) != nil } ?? true
      case 18: return int(&amountML, 0...5000)
      case 19: return str(&sharedWith)
      case 20:
        guard c.peek != 0x6E, let list = c.stringArray() else { return false }
        what = list
        return true
      case 21: return str(&from)
      case 22: return str(&to)
      case 23: return str(&format)
      case 24:
        guard str(&change) else { return false }
        return change.map { SummaryCondition.Change(rawValue: $0) != nil } ?? true
      case 25: return readCondition(&c)
      case 27, 28: return readCareTeam(&c, advice: bit == 28)
      case 29:
        guard str(&preparation) else { return false }
        return preparation.map { PreparationStatus(rawValue: $0) != nil } ?? true
      case 30: return str(&lang)
      default:
        if c.peek == 0x6E { return c.skipValue() }
        return time(&c) != nil
      }
    }

    /// An ISO 8601 time with an offset (`Timestamp`'s format).
    func time(_ c: inout ByteCursor) -> SummaryTime? {
      guard let raw = c.rawString() else { return nil }
      if !raw.escaped {
        return SummaryTime.parse(
          UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
      }
      let bytes = UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start)
      return ByteCursor.unescape(bytes).flatMap { SummaryTime.parse($0) }
    }

    func array(_ c: inout ByteCursor, _ target: inout [String]) -> Bool {
      guard let list = c.stringArray() else { return false }
      target = list
      return true
    }

    /// `null`, or `{"kept": [...], "adapted": [...], "skipped": [...]}` (all three, strings).
    mutating func readPlan(_ c: inout ByteCursor) -> Bool {
      if c.peek == 0x6E { return c.skipValue() }
      var found = 0
      var counts = (0, 0, 0)
      let ok = c.members { c, key in
        let slot: Int? =
          c.equals(key, "kept")
          ? 0 : c.equals(key, "adapted") ? 1 : c.equals(key, "skipped") ? 2 : nil
        guard let slot else { return c.skipValue() }
        guard found & (1 << slot) == 0, c.peek != 0x6E, let list = c.stringArray() else {
          return false
        }
        found |= 1 << slot
        switch slot {
        case 0:
          counts.0 = list.count
          kept = list  // the session audit needs which steps were done
        case 1:
          counts.1 = list.count
          adapted = list
        default: counts.2 = list.count
        }
        return true
      }
      guard ok, found == 7 else { return false }
      plan = counts
      return true
    }

    /// A condition object (`id` required; `site`, `side` known names; `since` a real day) or a
    /// condition spec string (`iv-line@left-forearm+3d`), as `ProfileCondition` reads them.
    mutating func readCondition(_ c: inout ByteCursor) -> Bool {
      if c.peek == 0x22 {
        guard let spec = c.string(), let parsed = try? ConditionSpec.parse(spec) else {
          return false
        }
        condition = SummaryCondition(
          id: parsed.id, site: parsed.site?.rawValue, side: parsed.side?.rawValue)
        return true
      }
      var cond = SummaryCondition(id: "")
      var hasID = false
      let ok = c.members { c, key in
        if c.equals(key, "id") {
          guard c.peek != 0x6E, let s = c.string() else { return false }
          cond.id = s
          hasID = true
          return true
        }
        if c.equals(key, "site") {
          guard let s = c.optionalString() else { return false }
          cond.site = s
          return s.map { BodySite(rawValue: $0) != nil } ?? true
        }
        if c.equals(key, "side") {
          guard let s = c.optionalString() else { return false }
          cond.side = s
          return s.map { Side(rawValue: $0) != nil } ?? true
        }
        if c.equals(key, "since") {
          guard let s = c.optionalString() else { return false }
          cond.since = s
          return s.map { CalendarDay.parse($0) != nil } ?? true
        }
        if c.equals(key, "daysSince") {
          if c.peek == 0x6E { return c.skipValue() }
          return c.int() != nil
        }
        if c.equals(key, "note") || c.equals(key, "addedBy") { return c.optionalString() != nil }
        return c.skipValue()
      }
      guard ok, hasID else { return false }
      condition = cond
      return true
    }

    /// A clearance or an advice object, read as strictly as a profile reads it
    /// (`CareTeamReader`), so whatever passes here decodes as `CareTeamChange`.
    mutating func readCareTeam(_ c: inout ByteCursor, advice: Bool) -> Bool {
      guard c.peek == 0x7B else { return false }
      let start = c.i
      guard c.skipValue() else { return false }
      let bytes = Array(UnsafeBufferPointer(start: c.base + start, count: c.i - start))
      guard (try? CareTeamReader.record(bytes, advice: advice)) != nil else { return false }
      careTeam += 1
      return true
    }

    /// `null`, or `{"ratedBy": "receiver|caregiver", "rater": …, "scores": {"pain": 0-10, …}}`
    /// with every score named as a `RatingKind`.
    /// `why` gets a score's name and value when it is the problem (out of 0-10, not a whole
    /// number, or not a known scale, with the nearest one suggested).
    func ratingSet(
      _ c: inout ByteCursor, _ target: inout SummaryRatings?, _ field: String,
      _ why: inout String?
    ) -> Bool {
      if c.peek == 0x6E { return c.skipValue() }
      var set = SummaryRatings(scores: Scores())
      var hasRater = false
      var hasScores = false
      let ok = c.members { c, key in
        if c.equals(key, "ratedBy") {
          guard c.peek != 0x6E, let s = c.string(), let who = RatedBy(rawValue: s) else {
            return false
          }
          set.ratedBy = who
          hasRater = true
          return true
        }
        if c.equals(key, "rater") {
          guard let s = c.optionalString() else { return false }
          set.rater = s
          return true
        }
        if c.equals(key, "scores") {
          hasScores = true
          return c.members { c, name in
            let range = RatingKind.range
            guard let scale = SummaryScale.allCases.first(where: { c.equals(name, $0.staticName) })
            else {
              let typed = String(
                decoding: UnsafeBufferPointer(
                  start: c.base + name.start, count: name.end - name.start),
                as: UTF8.self)
              let names = SummaryScale.allCases.map(\.rawValue)
              let hint =
                Suggest.nearest(to: typed, in: names, limit: 1).first.map {
                  "; did you mean \"\($0)\"?"
                } ?? " (known: \(names.joined(separator: ", ")))"
              why = "\"\(field)\" has an unknown score \"\(typed)\"\(hint)"
              return false
            }
            guard let n = c.int() else {
              why =
                "the score \"\(scale.rawValue)\" in \"\(field)\" is not a whole number "
                + "from \(range.lowerBound) to \(range.upperBound)"
              return false
            }
            guard range.contains(n) else {
              why =
                "the score \"\(scale.rawValue)\" in \"\(field)\" is \(n); scores go from "
                + "\(range.lowerBound) to \(range.upperBound)"
              return false
            }
            set.scores[scale] = n
            return true
          }
        }
        return c.skipValue()
      }
      target = set
      return ok && hasRater && hasScores
    }
  }
}

extension SummaryScale {
  /// The raw value as a `StaticString`, for comparing against bytes without allocating.
  var staticName: StaticString {
    switch self {
    case .pain: "pain"
    case .anxiety: "anxiety"
    case .tiredness: "tiredness"
    case .comfort: "comfort"
    case .nausea: "nausea"
    case .mood: "mood"
    case .breathlessness: "breathlessness"
    }
  }
}
