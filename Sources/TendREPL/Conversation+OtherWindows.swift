import Foundation
import TendCore

/// Two windows on one person: what one saves or keeps for today, the other follows.
///
/// While steps are guided, the person's files (profile, journal, kept for today) are read
/// again and the plan checked again before each step is spoken (the first included), when a
/// key is pressed or words are begun, and, as soon as the store's mark says something was
/// written, during a step. When something now rules out massage (a red flag saved or said in
/// another window, a fever kept for today there), the session stops at once, says why and whom
/// to call, and is logged as stopped at that step. When the plan changed but massage is still
/// allowed, the steps left follow the profile as it is now: a step now ruled out is left out,
/// a gentler pressure or another side is used, each said with why (safety round 9, F1 and F2).
/// A profile or journal that cannot be read stops the session (fail closed). Facts kept for
/// today are shared through the store (`kept-today.json` in the receiver's folder, dated), so
/// `suggest` in one window knows what the other kept.
extension Conversation {
  /// What another window changed, as the running session must follow it.
  struct Elsewhere {
    /// What to say (the stop and its call, or what changes in the steps left).
    var lines: [Action]
    /// The session ended (the phase is idle, the prompt is among the lines).
    var stopped: Bool
    /// The guide's events when the step under way was left out (the next step, or the end).
    var events: [Guide.Event] = []
  }

  /// Reads the person's files again when they may have changed (always when `always`, else only
  /// when the store's mark changed) and checks the running session against them; nil when
  /// nothing changed that matters (the step goes on as it is).
  mutating func followElsewhere(always: Bool) -> Elsewhere? {
    guard let id = currentID, var draft = session, draft.guideStarted else { return nil }
    let stamp = store.stamp(of: id)
    if let stamp, stamp == draft.storeStamp { return nil }
    if stamp == nil, !always { return nil }
    draft.storeStamp = stamp
    session = draft
    let profile: Profile
    switch readCurrent() {
    case .failure(let problem):
      // Fail closed: what is in force cannot be read, so the steps do not go on.
      let name = Message.Argument.text(receiver?.name ?? id)
      return Elsewhere(
        lines: endSession(
          problem.actions + [
            .say(t("chat.elsewhere.unreadable", ["name": name])), .say(t("chat.redFlag.stop")),
          ]), stopped: true)
    case .success(let p): profile = p
    }
    let recorded = recordedRedFlags(profile).flatMap(\.conditions)
    let all = inForce(profile) + recorded
    let checker = SafetyChecker(catalog: context.catalog)
    let started = Set(draft.precautions).union(draft.followed)
    let newIDs = Array(Set(all.map(\.id).filter { !started.contains($0) })).sorted()
    guard let r = try? checker.restrictions(for: all, careTeam: profile.careTeam, on: now),
      r.verdict.allowsMassage
    else {
      return Elsewhere(lines: stopForElsewhere(profile, all, recorded, newIDs), stopped: true)
    }
    // Made the way the draft's plan was: under the severe-pain limits when they were applied.
    let fresh =
      draft.painLimits
      ? plan(draft.plan.routine, profile, extra: SeverePain.restrictions)?.0
      : try? checker.check(
        inForce(profile), careTeam: profile.careTeam, on: now, routineID: draft.plan.routine.id
      ).plans.first
    guard let fresh, fresh.verdict != .excluded else {
      var lines = stopForElsewhere(profile, all, recorded, newIDs, notFit: true)
      lines.insert(contentsOf: (fresh?.reasons ?? []).map { .say("  " + t.render($0)) }, at: 3)
      return Elsewhere(lines: lines, stopped: true)
    }
    return followPlan(fresh, r, profile, newIDs: newIDs, all: all)
  }

  /// The steps left made to follow `fresh` (the plan as the profile is now): left out, or made
  /// gentler, never firmer than when the session began; nil when none changes and nothing new
  /// is in force.
  private mutating func followPlan(
    _ fresh: Plan, _ r: Restrictions, _ profile: Profile, newIDs: [String], all: [Condition]
  ) -> Elsewhere? {
    guard var draft = session else { return nil }
    let active = all.filter {
      context.catalog.rule($0.id)?.isActive(daysSince: $0.daysSince) ?? true
    }
    for c in active where !draft.precautions.contains(c.id) { draft.precautions.append(c.id) }
    draft.followed.formUnion(newIDs)
    var changes: [Action] = []
    var events: [Guide.Event] = []
    let guide = draft.guide
    let oldCeiling =
      guide.steps.indices.filter { $0 >= guide.index && !guide.ruledOut.contains($0) }
      .map { guide.steps[$0] }.filter(\.step.technique.touches).map(\.pressure).max()
    for i in guide.steps.indices where i >= guide.index && !guide.ruledOut.contains(i) {
      let old = guide.steps[i]
      let number = Message.Argument.number(i + 1)
      let what = Message.Argument.text(stepWhat(old))
      guard var now = fresh.steps.first(where: { $0.step.id == old.step.id }), now.isDone else {
        let why = fresh.steps.first(where: { $0.step.id == old.step.id })?.reasons ?? []
        changes.append(
          .say(
            t(
              "chat.elsewhere.leftOut",
              ["number": number, "what": what, "why": .text(because(why, newIDs))])))
        events += draft.guide.ruleOut(i)
        markPlan(&draft.plan, old.step.id, skipped: true, as: old)
        continue
      }
      // Never firmer during the session than when it began (a rule lifted elsewhere counts
      // from the next session).
      if now.technique == old.technique, now.pressure > old.pressure { now.pressure = old.pressure }
      guard
        now.site != old.site || now.side != old.side || now.technique != old.technique
          || now.pressure != old.pressure || now.textKey != old.textKey
      else { continue }
      changes.append(
        .say(
          t(
            "chat.elsewhere.stepNow",
            [
              "number": number, "what": what, "new": .text(stepWhatWithPressure(now)),
              "why": .text(because(now.reasons, newIDs)),
            ])))
      draft.guide.revise(i, to: now)
      markPlan(&draft.plan, old.step.id, skipped: false, as: now)
    }
    session = draft
    let rules = Message.Argument.text(
      t.list(
        (newIDs.isEmpty ? Array(Set(all.map(\.id))).sorted() : newIDs).map {
          t("rule.\($0).name")
        }))
    let name = Message.Argument.text(profile.name)
    guard !changes.isEmpty else {
      guard !newIDs.isEmpty else { return nil }
      return Elsewhere(
        lines: [.status(""), .say(t("chat.elsewhere.noChange", ["name": name, "rules": rules]))],
        stopped: false)
    }
    var lines: [Action] = [
      .status(""), .say(t("chat.elsewhere.changed", ["name": name, "rules": rules])),
    ]
    if let oldCeiling, r.effectiveMaxPressure < oldCeiling {
      let why = t.list(r.pressureBecause.sorted().compactMap { ruleName($0) })
      lines.append(
        .say(
          t(
            "chat.elsewhere.pressure",
            [
              "pressure": .number(r.effectiveMaxPressure.rawValue),
              "level": .key("pressure.\(r.effectiveMaxPressure.rawValue)"),
              "why": .text(why),
            ])))
    }
    lines += changes
    let ask = r.clearance.intersection(newIDs).subtracting(draft.careTeamSaidYes).sorted()
    if !ask.isEmpty {
      lines.append(
        .say(
          t(
            "chat.elsewhere.askFirst",
            ["rules": .text(t.list(ask.compactMap { ruleName($0) }))]
              .merging(words.keyArguments) { a, _ in a })))
    }
    if draft.guide.isFinished, events.isEmpty { events = [.finished] }
    return Elsewhere(lines: lines, stopped: false, events: events)
  }

  /// The draft's plan records a step changed during the session (the journal's adapted and
  /// skipped lists follow it).
  private func markPlan(
    _ plan: inout Plan, _ stepID: String, skipped: Bool, as step: Plan.PlannedStep
  ) {
    guard let j = plan.steps.firstIndex(where: { $0.step.id == stepID }) else { return }
    if skipped {
      plan.steps[j].action = .skip
    } else {
      plan.steps[j] = step
      plan.steps[j].action = .adapt
    }
  }

  private func ruleName(_ id: String) -> String? {
    context.catalog.rule(id) == nil ? nil : t("rule.\(id).name")
  }

  /// Why a step changed: the plan's own reasons for it, else the rules new since the start.
  private func because(_ reasons: [Message], _ newIDs: [String]) -> String {
    let said = reasons.map { t.render($0) }
    if !said.isEmpty { return said.joined(separator: " ") }
    return t.list(newIDs.compactMap { ruleName($0) })
  }

  /// A step in words with its pressure ("right forearm, slow strokes, pressure 1").
  func stepWhatWithPressure(_ step: Plan.PlannedStep) -> String {
    var what: [String] = []
    if let site = step.site { what.append(t.regionName(BodyRegion(site, side: step.side))) }
    what.append(t("technique.\(step.technique.rawValue)"))
    if step.technique.touches {
      what.append(t("plan.pressure", ["pressure": .number(step.pressure.rawValue)]))
    }
    return t.series(what)
  }

  /// Something saved or said elsewhere now rules out massage: the same stop and call as a red
  /// flag typed here, the session logged as stopped at the step under way.
  private mutating func stopForElsewhere(
    _ profile: Profile, _ all: [Condition], _ recorded: [Condition], _ newIDs: [String],
    notFit: Bool = false
  ) -> [Action] {
    guard let id = currentID else { return [] }
    for c in recorded where !(unsavedRedFlags[id] ?? []).contains(where: { $0.id == c.id }) {
      unsavedRedFlags[id, default: []].append(c)
    }
    let ids = newIDs.isEmpty ? Array(Set(all.map(\.id))).sorted() : newIDs
    let rules = Message.Argument.text(t.list(ids.compactMap { ruleName($0) }))
    let name = Message.Argument.text(profile.name)
    var lines: [Action] = [
      .say(t("chat.changedMidSession", ["name": name, "rules": rules]))
    ]
    if notFit {
      lines = [
        .say(t("chat.elsewhere.notFit", ["name": name, "rules": rules])),
        .say(t("chat.redFlag.stop")),
      ]
      return endSession(lines)
    }
    let flags = redFlagActions(ids)
    lines +=
      flags.isEmpty ? [.say(t("chat.redFlag.stop")), .say(t("chat.redFlag.careTeam"))] : flags
    return endSession(lines)
  }

  /// Ends the running session: `lines` said, the session logged as stopped at the step under
  /// way, then the main prompt.
  private mutating func endSession(_ lines: [Action]) -> [Action] {
    guard var draft = session, let id = currentID else { return lines + [idlePrompt()] }
    _ = draft.guide.press(.stop)
    draft.stopped = true
    // Without the rules' names: the journal's words are read again for red flags, and what
    // stopped it is in the profile or the journal already.
    draft.reason = t("chat.changedMidSession.reason", ["name": .text(receiver?.name ?? id)])
    session = nil
    phase = .idle
    hurtPending = false
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
