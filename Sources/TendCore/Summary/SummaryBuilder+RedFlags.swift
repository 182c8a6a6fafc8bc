/// Red flags said in the family's words, for the summary's "Red flags".
///
/// Guarantees: a stop reason, session note or feeling in the period whose words read as a red
/// flag (`RedFlagWords`) is listed with its whole words, when and where it was said; it is
/// cleared only by a later "condition taken off" entry for each of its rules (what saying the
/// person was seen records); a session given within 24 hours after a red flag was said and
/// before it was cleared went against the precautions (`stop`), as the conversation holds a
/// red flag said for 24 hours.
extension SummaryBuilder {
  /// How long a red flag said stands when nobody says the person was seen (as the conversation).
  static let saidStands: Int64 = 86_400

  /// A red flag said, with its time (to clear it and to check later sessions against it).
  struct SaidWork: Sendable {
    var at: SummaryTime
    var flag: SummaryData.SaidFlag
    /// Its rules not yet taken off since it was said.
    var open: Set<String>
    /// When the last of them was taken off.
    var clearedAt: SummaryTime?
  }

  /// Reads `text` for red flags and keeps it when it is one; the rule ids (empty when none).
  /// `lang`: the language the words were read in when they were said (nil in older lines).
  @discardableResult
  mutating func readWords(
    _ text: String, source: String, at: SummaryTime, session: Int?, lang: String? = nil,
    by: String? = nil, own: Bool? = nil
  ) -> [String] {
    guard let reader = options.redFlagWords, options.period.contains(day: at.localDay) else {
      return []
    }
    // What was in force that day, worked out once a day (most days have several texts).
    let day = at.localDay
    if storedCache?.day != day || storedCache?.version != historyVersion {
      storedCache = (day, historyVersion, conditionsInForce(day: day))
    }
    var rules = reader.rules(in: text, at: at, stored: storedCache?.stored ?? [], lang: lang)
    if rules.contains(RedFlagWords.unread) {
      wordsUnread += 1
      rules.removeAll { $0 == RedFlagWords.unread }
    }
    guard !rules.isEmpty else { return [] }
    said.append(
      SaidWork(
        at: at,
        flag: .init(
          when: at.day, source: source, rules: rules, words: text, session: session, cleared: nil,
          by: by, own: own),
        open: Set(rules)))
    return rules
  }

  /// A condition taken off: the red flags said before it (in the file's order) for that rule
  /// are cleared for it; one is cleared when all its rules are.
  mutating func clearSaid(_ id: String, at: SummaryTime?) {
    for i in said.indices where said[i].open.contains(id) {
      said[i].open.remove(id)
      if said[i].open.isEmpty { said[i].clearedAt = at ?? said[i].at }
    }
  }

  /// The rule ids of red flags said in the 24 hours before `time` (earlier in the file) and
  /// not cleared by now.
  func standingSaid(at time: SummaryTime) -> [String] {
    var out = Set<String>()
    // Newest first; a journal is in time order but for a few lines, so the look stops a week
    // back (a session never reads the whole list again).
    for work in said.reversed() {
      let age = time.seconds - work.at.seconds
      if age > 7 * Self.saidStands { break }
      if !work.open.isEmpty, age >= 0, age < Self.saidStands { out.formUnion(work.open) }
    }
    return out.sorted()
  }

  /// `breaches` with a `stop` for red flags said and standing (joined to a `stop` already there).
  static func withSaidStop(_ breaches: [SessionBreach], standing: [String]) -> [SessionBreach] {
    guard !standing.isEmpty else { return breaches }
    var out = breaches
    if let i = out.firstIndex(where: { $0.kind == .stop }) {
      out[i].because = Set(out[i].because).union(standing).sorted()
    } else {
      out.insert(.init(kind: .stop, because: standing), at: 0)
    }
    return out
  }

  /// The red flags said, each with the day it was cleared (when it was).
  func saidFlags() -> [SummaryData.SaidFlag] {
    said.sorted { $0.at < $1.at }.map { work in
      var flag = work.flag
      flag.cleared = work.open.isEmpty ? (work.clearedAt ?? work.at).day : nil
      return flag
    }
  }

  /// Adds the red flags a later part of the file read (`merge`).
  mutating func mergeSaid(_ later: SummaryBuilder, shift: Int) {
    for (id, at) in later.removals { clearSaid(id, at: at) }
    said += later.said.map {
      var work = $0
      work.flag.session = work.flag.session.map { $0 + shift }
      return work
    }
    removals += later.removals
    wordsUnread += later.wordsUnread
  }
}
