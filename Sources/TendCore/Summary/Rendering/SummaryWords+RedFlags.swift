/// The red flags in words, first on every page: what is in force (from the profile, or said in
/// the family's words and not cleared), what was cleared, and what the words were.
extension SummaryWords {
  /// Whether the page has a red flag to put first (in force, said, or cleared in the period).
  var hasRedFlags: Bool {
    let f = data.redFlags
    return !f.conditions.isEmpty || !(f.said ?? []).isEmpty || !(f.cleared ?? []).isEmpty
      || (f.wordsUnread ?? 0) > 0
  }

  /// "left calf" for a precaution's site, empty when it has none.
  func whereText(_ id: String) -> String? {
    guard let p = data.precautions.first(where: { $0.id == id && $0.until == nil }),
      let site = p.site
    else { return nil }
    return siteName(p.side.map { "\($0)-\(site)" } ?? site)
  }

  /// The lines of the RED FLAGS section, most urgent first: in force (stored, then said and not
  /// cleared), then said and cleared, then cleared from the profile.
  var redFlagLines: [String] {
    let f = data.redFlags
    var out: [String] = []
    for id in f.conditions {
      let name = whereText(id).map {
        t("summary.precaution.at", ["rule": .text(ruleName(id)), "site": .text($0)])
      }
      out.append(t("summary.redFlags.inForceLine", ["rule": .text(name ?? ruleName(id))]))
    }
    let said = f.said ?? []
    // Standing ones first; a page shows the first few and says how many more (JSON, CSV and
    // FHIR keep every one).
    out += cut(
      said.filter { $0.cleared == nil }.map(saidLine)
        + said.filter { $0.cleared != nil }.map(saidLine))
    // A rule taken off that closed a red flag said is said by that line ("Cleared on …").
    let closedSaid = Set(said.filter { $0.cleared != nil }.flatMap(\.rules))
    for c in f.cleared ?? [] where !closedSaid.contains(c.id) {
      let args: [String: Message.Argument] = [
        "rule": .text(ruleName(c.id)), "date": .text(when(c.until)),
      ]
      out.append(t("summary.redFlags.clearedLine", args))
    }
    if let n = f.wordsUnread, n > 0 {
      out.append(t("summary.redFlags.unread", ["count": .number(n)]))
    }
    if let number = f.emergencyNumber {
      out.append(t("summary.redFlags.call", ["number": .text(number)]))
    }
    return out
  }

  /// "1 Dec 2026, the session was stopped: “her nose is bleeding and won't stop”. Reads as:
  /// Nosebleed that won't stop. Not marked as seen yet."
  func saidLine(_ s: SummaryData.SaidFlag) -> String {
    let rules = t.list(s.rules.map(ruleName))
    let source =
      s.source == "feeling"
      ? whose(own: s.own, by: s.by) : t("summary.redFlags.source.\(s.source)")
    var line =
      s.words.map {
        t(
          "summary.redFlags.said",
          [
            "date": .text(when(s.when)), "source": .text(source), "words": .text(t.quote($0)),
            "rules": .text(rules),
          ])
      }
      ?? t(
        "summary.redFlags.said.noWords",
        ["date": .text(when(s.when)), "source": .text(source), "rules": .text(rules)])
    line +=
      " "
      + (s.cleared.map { t("summary.redFlags.clearedOn", ["date": .text(when($0))]) }
        ?? t("summary.redFlags.standing"))
    return line
  }

  /// Whose words a feeling is, honestly: "in their own words" only when the receiver wrote them
  /// down; else "as told by Ana, the caregiver", or "in the caregiver's words" when no name was
  /// given (stranger 5, F27: a clinician reads "their own words" as the patient speaking).
  func whose(own: Bool?, by: String?) -> String {
    if own == true { return t("summary.redFlags.source.feeling") }
    if let by, !by.isEmpty { return t("summary.words.toldBy", ["name": .text(by)]) }
    return t("summary.words.caregiver")
  }

  /// The rule names a stopped session's reason reads as ("red flag: Nosebleed that won't stop").
  func stoppedFlag(_ s: SummaryData.Stopped) -> String? {
    guard let ids = s.redFlags, !ids.isEmpty else { return nil }
    return t("summary.stopped.redFlag", ["rules": .text(t.list(ids.map(ruleName)))])
  }
}
