/// Reads one journal line (`{"type": …, "at": …, "v": 1, …}`) into a `SummaryEntry`, pulling out
/// only the fields a summary uses. Field names follow the journal's JSON Lines schema v1.
///
/// Returns `.entry`, `.ignored` (a kind a summary does not read, or an empty line) or
/// `.unreadable` (broken JSON, a missing `type`/`at`, or a schema newer than `v` 1: fail closed,
/// and the reader counts it).
enum JournalLine {
  enum Result {
    case entry(SummaryEntry)
    case ignored
    case unreadable
  }

  static let newestSchema = 1

  static func parse(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Result {
    var c = ByteCursor(base, start: start, end: end)
    guard c.peek != nil else { return .ignored }
    var f = Fields()
    let ok = c.members { c, key in f.read(&c, key) }
    c.skipSpace()
    guard ok, c.i == end, f.v <= newestSchema, let type = f.type, let at = f.at else {
      return .unreadable
    }
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
      (s.stepsKept, s.stepsAdapted, s.stepsSkipped) = f.plan
      s.kept = f.kept
      s.adapted = f.adapted
      return .entry(.session(s))
    case "feeling":
      return .entry(.feeling(SummaryFeeling(at: at, ratings: f.ratings, text: f.text)))
    case "water":
      guard let answer = f.answer else { return .unreadable }
      return .entry(.water(SummaryWater(at: at, answer: answer, amountML: f.amountML)))
    case "consent":
      guard let with = f.sharedWith else { return .unreadable }
      return .entry(
        .consent(
          SummaryConsent(
            at: at, sharedWith: with, what: f.what, from: f.from, to: f.to, format: f.format,
            by: f.by)))
    case "condition":
      guard let cond = f.condition else { return .unreadable }
      var change = cond
      change.at = at
      change.change = SummaryCondition.Change(rawValue: f.change ?? "added") ?? .added
      return .entry(.condition(change))
    default: return .ignored
    }
  }

  /// The fields of any entry kind; each key is read only if present.
  struct Fields {
    var type: String?
    var at: SummaryTime?
    var v = 1
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
    var what: [String] = []
    var from: String?
    var to: String?
    var format: String?
    var change: String?
    var condition: SummaryCondition?

    // One switch on the key's first byte and length keeps this a handful of comparisons.
    mutating func read(_ c: inout ByteCursor, _ key: (start: Int, end: Int, escaped: Bool)) -> Bool
    {
      func str(_ target: inout String?) -> Bool {
        guard let s = c.optionalString() else { return false }
        target = s
        return true
      }
      func int(_ target: inout Int?) -> Bool {
        if c.peek == 0x6E { return c.skipValue() }
        guard let n = c.int() else { return false }
        target = n
        return true
      }
      if c.equals(key, "type") { return str(&type) }
      if c.equals(key, "at") {
        guard let raw = c.rawString(), !raw.escaped else { return false }
        at = SummaryTime.parse(
          UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
        return at != nil
      }
      if c.equals(key, "v") {
        guard let n = c.int() else { return false }
        v = n
        return true
      }
      if c.equals(key, "routine") { return str(&routine) }
      if c.equals(key, "minutes") { return int(&minutes) }
      if c.equals(key, "pressure") { return int(&pressure) }
      if c.equals(key, "by") { return str(&by) }
      if c.equals(key, "before") { return ratingSet(&c, &before) }
      if c.equals(key, "after") { return ratingSet(&c, &after) }
      if c.equals(key, "ratings") { return ratingSet(&c, &ratings) }
      if c.equals(key, "sites") { return array(&c, &sites) }
      if c.equals(key, "precautions") { return array(&c, &precautions) }
      if c.equals(key, "note") { return str(&note) }
      if c.equals(key, "text") { return str(&text) }
      if c.equals(key, "stopReason") { return str(&stopReason) }
      if c.equals(key, "stoppedEarly") {
        if c.peek == 0x6E { return c.skipValue() }
        guard let b = c.bool() else { return false }
        stoppedEarly = b
        return true
      }
      if c.equals(key, "plan") { return readPlan(&c) }
      if c.equals(key, "answer") { return str(&answer) }
      if c.equals(key, "amountML") { return int(&amountML) }
      if c.equals(key, "sharedWith") { return str(&sharedWith) }
      if c.equals(key, "what") { return array(&c, &what) }
      if c.equals(key, "from") { return str(&from) }
      if c.equals(key, "to") { return str(&to) }
      if c.equals(key, "format") { return str(&format) }
      if c.equals(key, "change") { return str(&change) }
      if c.equals(key, "condition") { return readCondition(&c) }
      return c.skipValue()
    }

    func array(_ c: inout ByteCursor, _ target: inout [String]) -> Bool {
      guard let list = c.stringArray() else { return false }
      target = list
      return true
    }

    mutating func readPlan(_ c: inout ByteCursor) -> Bool {
      if c.peek == 0x6E { return c.skipValue() }
      return c.members { c, key in
        if c.equals(key, "kept") {
          guard let list = c.stringArray() else { return false }
          kept = list
          plan.0 = list.count
          return true
        }
        if c.equals(key, "adapted") {
          guard let list = c.stringArray() else { return false }
          adapted = list
          plan.1 = list.count
          return true
        }
        var n = 0
        let ok = c.elements { c in
          n += 1
          return c.skipValue()
        }
        if c.equals(key, "skipped") {
          plan.2 = n
        }
        return ok
      }
    }

    mutating func readCondition(_ c: inout ByteCursor) -> Bool {
      var cond = SummaryCondition(id: "")
      let ok = c.members { c, key in
        if c.equals(key, "id"), let s = c.string() {
          cond.id = s
          return true
        }
        if c.equals(key, "site") {
          return c.optionalString().map {
            cond.site = $0; return true
          } ?? false
        }
        if c.equals(key, "side") {
          return c.optionalString().map {
            cond.side = $0; return true
          } ?? false
        }
        if c.equals(key, "since") {
          return c.optionalString().map {
            cond.since = $0; return true
          } ?? false
        }
        return c.skipValue()
      }
      guard ok, !cond.id.isEmpty else { return false }
      condition = cond
      return true
    }

    func ratingSet(_ c: inout ByteCursor, _ target: inout SummaryRatings?) -> Bool {
      if c.peek == 0x6E { return c.skipValue() }
      var set = SummaryRatings(scores: Scores())
      let ok = c.members { c, key in
        if c.equals(key, "ratedBy") {
          guard let s = c.string() else { return false }
          set.ratedBy = s == "caregiver" ? .caregiver : .receiver
          return true
        }
        if c.equals(key, "rater") {
          return c.optionalString().map {
            set.rater = $0; return true
          } ?? false
        }
        if c.equals(key, "scores") {
          return c.members { c, name in
            guard let n = c.int() else { return false }
            for scale in SummaryScale.allCases where c.equals(name, scale.staticName) {
              set.scores[scale] = n
            }
            return true
          }
        }
        return c.skipValue()
      }
      target = set
      return ok
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
