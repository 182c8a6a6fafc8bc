import Foundation
import TendCore

/// The preparation before the first guided step (issue 20): the room, the caregiver, asking
/// first, the lotion and the position, fitted to the person today from the same restrictions
/// the plan was made under, in under a minute.
///
/// It is shown once the ratings before are in, just before the first step, in place of the
/// plain "ready?" line: Enter (or any answer but `skip`) means it was gone through and the
/// steps begin; `skip` begins without it; `cancel` drops the session as before. Lines gone
/// through are remembered for the day, per receiver (in this conversation and, through the
/// journal's sessions, across conversations): a later session that day shows only the lines
/// that are new (a new condition, another routine's positions), so nothing the profile implies
/// goes unsaid. The session records `prepared`, `skipped` or `earlier`.
extension Conversation {
  /// The preparation for `plan`, made from `profile`'s conditions in force now (the same ones
  /// the plan was made from) and the session's own `extra` limits (a severe pain rating); nil
  /// when there is nothing to prepare for.
  func preparation(for plan: Plan, _ profile: Profile, extra: Restrictions = .none)
    -> Preparation?
  {
    let checker = SafetyChecker(catalog: context.catalog)
    // The same restrictions the plan was made under: the care team's limits merged in.
    guard let (_, checked, _) = try? checker.restrictions(for: inForce(profile)),
      let r = try? checker.restrictions(for: inForce(profile), careTeam: profile.careTeam, on: now)
    else { return nil }
    return Preparation.make(
      for: plan, restrictions: r.merged(with: extra), conditions: checked, catalog: context.catalog,
      allergies: profile.allergies)
  }

  /// The day `now` falls on, as `YYYY-MM-DD` in the local time zone.
  var today: String {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: now)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }

  /// Tokens of the preparation lines already gone through today for `receiverID`: read once
  /// a day from the sessions logged today, then kept in this conversation (a line another
  /// window went through meanwhile is shown again: the safe side).
  mutating func preparedTokens(_ receiverID: String) -> Set<String> {
    if let mine = preparedToday[receiverID], mine.day == today { return mine.tokens }
    var tokens = Set<String>()
    let start = Calendar.current.startOfDay(for: now)
    let logged = (try? store.entries(of: receiverID, since: start)) ?? []
    for (_, entry) in logged {
      guard case .session(let s) = entry, s.preparation == .prepared || s.preparation == .earlier
      else { continue }
      tokens.formUnion(s.preparedItems)
    }
    preparedToday[receiverID] = (today, tokens)
    return tokens
  }

  /// The last words before the first step: the preparation lines not gone through today (all
  /// of them the first time), then "press Enter to begin"; or, when all were gone through
  /// earlier today, one line saying so.
  mutating func readyWithPreparation() -> [Action] {
    let ready: [Action] = [prompt("guide.readyPrompt")]
    guard var draft = session, let preparation = draft.preparation, let id = currentID else {
      return [.say(t("guide.ready"))] + ready
    }
    let done = preparedTokens(id)
    draft.preparedItems = Array(done.intersection(preparation.lines.map(\.token))).sorted()
    let remaining = preparation.remaining(after: done)
    guard !remaining.isEmpty else {
      draft.preparationStatus = .earlier
      session = draft
      return [.say(t("prep.earlier")), .say(t("guide.ready"))] + ready
    }
    session = draft
    var out: [Action] = [.say("")]
    if !draft.preparedItems.isEmpty {
      out += [.say(t("prep.earlier")), .say(t("prep.earlierNew"))]
    }
    out += preparation.textLines(
      t, only: remaining, title: draft.preparedItems.isEmpty, width: nil
    ).map(Action.say)
    out += remaining.map { .speak(t.render($0.message)) }
    return out + [.say(""), .say(t("prep.ready"))] + ready
  }

  /// The answer that begins the steps, read for the preparation: `skip` records it skipped;
  /// anything else records it gone through and remembers its lines for today.
  func answerPreparation(_ line: String, _ draft: inout SessionDraft, receiverID id: String)
    -> [Action]
  {
    guard let preparation = draft.preparation else { return [] }
    let word = line.lowercased().trimmingCharacters(in: .whitespaces)
    if (["skip"] + t.list("prep.skipWords")).contains(word) {
      draft.preparationStatus = .skipped
      return [.say(t("prep.skipped"))]
    }
    draft.preparationStatus = .prepared
    draft.preparedItems = Set(draft.preparedItems).union(preparation.lines.map(\.token)).sorted()
    return []
  }

  /// Remembers the lines of a preparation gone through, for the rest of today.
  mutating func rememberPrepared(_ draft: SessionDraft, receiverID id: String) {
    guard draft.preparationStatus == .prepared else { return }
    var mine = preparedToday[id].flatMap { $0.day == today ? $0.tokens : nil } ?? []
    mine.formUnion(draft.preparedItems)
    preparedToday[id] = (today, mine)
  }
}
