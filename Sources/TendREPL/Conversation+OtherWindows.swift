import Foundation
import TendCore

/// Two windows on one person: what one saves or keeps for today, the other follows.
///
/// Before each step after the first, the profile and the day's red flags (read back from the
/// journal, where every window writes them) are read again; when something now rules out
/// massage (a red flag saved or said in another window, a fever kept for today there), the
/// session stops at once, says why and whom to call, and is logged as stopped at that step.
/// Facts kept for today are shared through the store (`kept-today.json` in the receiver's
/// folder, dated), so `suggest` in one window knows what the other kept.
extension Conversation {
  /// Stops the running session when something saved or said elsewhere now rules out massage;
  /// nil when nothing changed that matters (the step goes on).
  mutating func stopIfChangedElsewhere() -> [Action]? {
    guard let id = currentID, var draft = session, draft.guideStarted else { return nil }
    var lines: [Action] = []
    var ids: [String] = []
    switch readCurrent() {
    case .failure(let problem):
      // Fail closed: what is in force cannot be read, so the steps do not go on.
      lines = problem.actions + [.say(t("chat.redFlag.stop"))]
    case .success(let profile):
      let recorded = recordedRedFlags(profile).flatMap(\.conditions)
      let all = inForce(profile) + recorded
      let checker = SafetyChecker(catalog: context.catalog)
      if let (r, _, _) = try? checker.restrictions(for: all), r.verdict.allowsMassage { return nil }
      for c in recorded where !(unsavedRedFlags[id] ?? []).contains(where: { $0.id == c.id }) {
        unsavedRedFlags[id, default: []].append(c)
      }
      let started = Set(draft.precautions)
      ids = Array(Set(all.map(\.id).filter { !started.contains($0) })).sorted()
      if ids.isEmpty { ids = Array(Set(all.map(\.id))).sorted() }
      let rules = t.list(ids.map { t("rule.\($0).name") })
      lines = [
        .say(t("chat.changedMidSession", ["name": .text(profile.name), "rules": .text(rules)]))
      ]
      let flags = redFlagActions(ids)
      lines +=
        flags.isEmpty ? [.say(t("chat.redFlag.stop")), .say(t("chat.redFlag.careTeam"))] : flags
    }
    _ = draft.guide.press(.stop)
    draft.stopped = true
    // Without the rules' names: the journal's words are read again for red flags, and what
    // stopped it is in the profile or the journal already.
    draft.reason = t("chat.changedMidSession.reason", ["name": .text(receiver?.name ?? id)])
    session = nil
    phase = .idle
    return [.status(""), .keys(on: false)] + lines + [
      .log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved")),
      idlePrompt(),
    ]
  }

  /// Tend is being closed (the window closed: SIGHUP; `kill`: SIGTERM): a session under way
  /// (ratings given, or steps begun) is logged as stopped early at the step it was in, with why.
  /// The actions to perform before exiting; no prompt follows.
  public mutating func closing() -> [Action] {
    var out: [Action] = []
    if var draft = session, let id = currentID, draft.guideStarted || draft.before != nil {
      if draft.guideStarted, !draft.stopped { _ = draft.guide.press(.stop) }
      draft.stopped = true
      if draft.reason == nil { draft.reason = t("chat.closedStop") }
      out.append(.log(.session(draft.log(now: now)), receiverID: id))
    }
    session = nil
    phase = .finished
    return out + [.keys(on: false), .quit]
  }
}
