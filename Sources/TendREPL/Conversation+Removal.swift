import Foundation
import TendCore

/// Taking a condition off because the words say it is gone, never more than the words name.
///
/// The recognizer reports a removal by rule id only ("the iv ... was taken out" is `iv-line`).
/// When the profile holds that rule at several places (an IV line in each arm), the side or
/// place in the words decides which one goes; with no side or place named (or both sides), none
/// is taken off and the caregiver is asked to say which. A part of a treatment that ended
/// ("the stitches came out", "the dressing is off") is not the treatment over: what it belongs
/// to stays, and the show-back says so.
extension Conversation {
  /// What a removal in the words takes off: rule ids removed wherever they are (stored at one
  /// place, or said and not stored), the exact places removed, and the lines that say what
  /// stays and why.
  struct RemovalPlan: Equatable {
    var byID: [String] = []
    var places: [ProfileCondition] = []
    var lines: [Action] = []
    /// Removals not offered because only a part of them ended: the recognizer's "not counted"
    /// line for them is not shown (it would contradict "stays").
    var kept: [String] = []

    /// `notes` without the lines about what stays.
    func shown(_ notes: [String], _ t: Localizer) -> [String] {
      notes.filter { note in !kept.contains { note.contains(t("rule.\($0).name")) } }
    }
  }

  /// Decides what each removal in `ids` takes off, given the words and the stored profile.
  func removalPlan(_ ids: [String], line: String, stored: [ProfileCondition]) -> RemovalPlan {
    var plan = RemovalPlan()
    guard !ids.isEmpty else { return plan }
    if let part = partEnded(line) {
      plan.kept = ids
      for id in ids {
        plan.lines.append(
          .say(
            "  = "
              + t(
                "chat.removal.partEnded",
                ["rule": .key("rule.\(id).name"), "part": .text(t.quote(part))])))
      }
      return plan
    }
    let sides = sidesNamed(line)
    let region = SiteWords.region(in: line, localizer: t, vocabulary: true)
    for id in ids {
      let here = stored.filter { $0.id == id }
      guard here.count > 1 else {
        plan.byID.append(id)
        continue
      }
      var named = here
      if sides.count == 1, let side = sides.first { named = named.filter { $0.side == side } }
      if let site = region?.site, named.contains(where: { $0.site == site }) {
        named = named.filter { $0.site == site }
      }
      guard sides.count == 1 || region != nil, !named.isEmpty, named.count < here.count else {
        let places = t.list(here.map(placeName))
        plan.lines.append(
          .say(
            t(
              "chat.removal.whichOne",
              ["rule": .key("rule.\(id).name"), "places": .text(places)])))
        continue
      }
      plan.places += named
      for kept in here where !named.contains(kept) {
        plan.lines.append(
          .say(
            "  = "
              + t(
                "chat.removal.stays",
                ["rule": .key("rule.\(id).name"), "where": .text(placeText(kept))])))
      }
    }
    return plan
  }

  /// Takes off exactly these conditions (same rule, site and side), one locked change each.
  mutating func removePlaces(_ places: [ProfileCondition], by: String? = nil, note: String? = nil)
    -> [Action]
  {
    guard let id = currentID else { return [] }
    var out: [Action] = []
    for place in places {
      do {
        let gone = try store.removeCondition(
          exactly: place, from: id, by: by, note: note, at: now)
        for c in gone {
          out.append(
            .say(
              t(
                "chat.conditionRemovedAt",
                ["rule": .key("rule.\(c.id).name"), "where": .text(placeText(c))])))
        }
      } catch {
        out.append(.say(t("chat.notSaved", ["problem": .text(problemText(error))])))
      }
    }
    return out
  }

  /// "She was seen for the chest pain": the red flags among `flags` that the words name, by
  /// what they remove or name; nil (ask which) when they name none and several are in force.
  func seenFlags(_ line: String, _ flags: [String]) -> [String]? {
    let found = understood(line)
    let named = Set((found?.removed ?? []) + (found?.conditions.map(\.id) ?? [])).filter(
      flags.contains)
    if !named.isEmpty { return named.sorted() }
    return flags.count > 1 ? nil : flags
  }

  /// "Which red flag were they seen for?", naming those in force; nothing is taken off.
  func whichSeenLines(_ flags: [String], _ name: String) -> [Action] {
    let rules = t.list(flags.map { t("rule.\($0).name") })
    return [.say(t("seen.whichOne", ["name": .text(name), "rules": .text(rules)])), idlePrompt()]
  }

  /// "left arm" for a stored condition, its side alone, or "without a place".
  func placeName(_ c: ProfileCondition) -> String {
    if let site = c.site { return t.regionName(BodyRegion(site, side: c.side)) }
    return c.side.map { t("side.\($0.rawValue)") } ?? t("rule.\(c.id).name")
  }

  /// " (left arm)" for a stored condition with a place; "" without one.
  func placeText(_ c: ProfileCondition) -> String {
    guard let site = c.site else {
      return c.side.map { t.aside(t("side.\($0.rawValue)")) } ?? ""
    }
    return t.aside(BodyRegion(site, side: c.side))
  }

  /// The sides the words name (both when they name both).
  func sidesNamed(_ text: String) -> Set<Side> {
    let lower = text.lowercased()
    let words =
      " "
      + lower.replacingOccurrences(of: "-", with: " ")
      .components(separatedBy: CharacterSet.letters.inverted).filter { !$0.isEmpty }.joined(
        separator: " ") + " "
    return Set(
      Side.allCases.filter { side in
        ([side.rawValue, t("side.\(side.rawValue)")] + t.list("vocab.side.\(side.rawValue)"))
          .map { $0.lowercased() }.contains { word in
            guard !word.isEmpty else { return false }
            // Languages written without spaces (Chinese): the word anywhere in the text.
            if word.unicodeScalars.allSatisfy({ $0.value >= 0x2E80 }) {
              return lower.contains(word)
            }
            return words.contains(" \(word) ")
          }
      })
  }

  /// The word for a part of a treatment that ended ("stitches"), when the words name one.
  func partEnded(_ text: String) -> String? {
    let lower = " " + text.lowercased().replacingOccurrences(of: "’", with: "'") + " "
    return t.list("chat.partWords").first { part in
      let p = part.lowercased()
      if p.unicodeScalars.allSatisfy({ $0.value >= 0x2E80 }) { return lower.contains(p) }
      return lower.range(
        of: "\\b\(NSRegularExpression.escapedPattern(for: p))\\b",
        options: .regularExpression) != nil
    }
  }
}
