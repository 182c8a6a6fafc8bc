import Foundation
import TendCore

/// A massage from start to log: ratings before, the guided steps, why it stopped (if it did),
/// ratings after, a note, then the water offer with the fluid limit respected.
extension Conversation {
  /// Starts a session on a plan made from `profile` as just read (after the today check).
  mutating func startSession(_ plan: Plan, _ profile: Profile) -> [Action] {
    let active = inForce(profile).filter {
      context.catalog.rule($0.id)?.isActive(daysSince: $0.daysSince) ?? true
    }
    session = SessionDraft(
      plan: plan, guide: Guide(plan: plan), precautions: active.map(\.id),
      preparation: preparation(for: plan, profile))
    session?.by = giver
    let standing = Set(inForce(profile).map(\.id))
    session?.followed = standing
    var out: [Action] = [
      .say(
        t(
          "guide.intro",
          ["title": .key(plan.routine.titleKey), "count": .number(max(1, plan.seconds / 60))]))
    ]
    let positions = plan.positions.map { t("position.\($0.rawValue)") }
    if !positions.isEmpty {
      out.append(.say(t("plan.positions", ["positions": .text(t.list(positions))])))
    }
    let changed = plan.steps.filter { $0.action != .keep }.count
    if changed > 0 { out.append(.say(t("guide.changed", ["count": .number(changed)]))) }
    out.append(.say(t("check.coach")))
    out.append(.say(t("rating.before")))
    return out + askRatings(RatingForm(purpose: .before))
  }

  mutating func askRatings(_ form: RatingForm) -> [Action] {
    var form = form
    if form.ratings == nil, let rater = session?.rater, form.purpose == .after {
      form.ratings = RatingSet(ratedBy: rater, rater: rater == .caregiver ? giver : nil)
    }
    // The receiver typing for herself rates for herself: nobody to ask.
    if form.ratings == nil, receiverSpeaking { form.ratings = RatingSet(ratedBy: .receiver) }
    phase = .rating(form)
    guard form.ratings != nil else {
      let name = Message.Argument.text(receiver?.name ?? "")
      return [.say(t("rating.who", ["name": name])), prompt("rating.whoPrompt")]
    }
    guard let kind = form.currentKind else { return ratingsDone(form) }
    return [
      .say(t("rating.ask.\(kind)")), prompt("rating.prompt", ["kind": .key("rating.kind.\(kind)")]),
    ]
  }

  mutating func answerRating(_ form: RatingForm, _ line: String) -> [Action] {
    var form = form
    guard form.ratings != nil else {
      switch words.rater(line).map({ $0 == .receiver ? "1" : "2" }) ?? line.lowercased() {
      case "", "1", "r": form.ratings = RatingSet(ratedBy: .receiver)
      case "2", "c": form.ratings = RatingSet(ratedBy: .caregiver, rater: giver)
      case _ where RatingForm.parse(line, skipWords: t.list("rating.skipWords")) == .skipRest:
        form.ratings = RatingSet(ratedBy: .receiver)
        form.index = form.kinds.count
        return askRatings(form)
      default:
        if receiver.map({ $0.name.lowercased() == line.lowercased() }) == true {
          form.ratings = RatingSet(ratedBy: .receiver)
        } else {
          return offScript(line, again: [.say(t("rating.whoAgain"))])
        }
      }
      if form.purpose != .feel { session?.rater = form.ratings?.ratedBy }
      return askRatings(form)
    }
    guard let kind = form.currentKind else { return ratingsDone(form) }
    switch RatingForm.parse(line, skipWords: t.list("rating.skipWords")) {
    case .invalid: return offScript(line, again: [.say(t("rating.invalid"))])
    case .skip: form.index += 1
    case .skipRest: form.index = form.kinds.count
    case .value(let n):
      form.ratings?.scores[kind] = n
      form.index += 1
    }
    return askRatings(form)
  }

  private mutating func ratingsDone(_ form: RatingForm) -> [Action] {
    let ratings = form.ratings.flatMap { $0.scores.isEmpty ? nil : $0 }
    switch form.purpose {
    case .before:
      session?.before = ratings
      phase = .ready
      // Severe pain: the plan follows Tend's own advice (the gentlest touch), never only words.
      if let pain = ratings?.scores["pain"], SeverePain.isSevere(pain) {
        return gentlerForPain(pain)
      }
      return readyWithPreparation()
    case .after:
      session?.after = ratings
      phase = .note
      return painLines(before: session?.before, now: ratings)
        + [.say(t("chat.noteAsk")), prompt("chat.notePrompt")]
    case .feel:
      phase = .idle
      guard let id = currentID, ratings != nil || feelingText != nil else {
        return [.say(t("chat.feel.nothing")), idlePrompt()]
      }
      let text = feelingText
      feelingText = nil
      return [
        .log(.feeling(ratings: ratings, text: text, by: loggedBy), receiverID: id),
        .say(t("chat.feel.saved")),
        idlePrompt(),
      ]
    }
  }

  mutating func begin(_ line: String) -> [Action] {
    if yesNo(line) == false || words.isCancel(line) {
      session = nil
      phase = .idle
      return [.say(t("guide.cancelled")), idlePrompt()]
    }
    guard var draft = session else { return [idlePrompt()] }
    // Enter (or a begin word, or skip) begins; any other words are read first, never taken as
    // a go-ahead ("her lips look blue" stops, it never starts the massage).
    let word = line.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    let begins =
      word.isEmpty || yesNo(line) == true
      || (["skip", "begin", "go", "start", "ready"] + t.list("prep.skipWords")
        + t.list("guide.beginWords")).contains(word)
    guard begins else {
      return offScript(line, again: [.say(t("guide.readyAgain")), prompt("guide.readyPrompt")])
    }
    // The profile on disk is the only truth: read again before the first step, it must give
    // the plan the ratings were for (another window may have saved a fever meanwhile).
    switch readCurrent() {
    case .failure(let problem):
      session = nil
      phase = .idle
      return problem.actions + [idlePrompt()]
    case .success(let profile):
      // Made the way the draft's plan was: under the severe-pain limits when they were applied.
      let fresh =
        draft.painLimits
        ? plan(draft.plan.routine, profile, extra: SeverePain.restrictions)?.0
        : try? SafetyChecker(catalog: context.catalog).check(
          inForce(profile), careTeam: profile.careTeam, on: now, routineID: draft.plan.routine.id
        ).plans.first
      if fresh != draft.plan {
        session = nil
        phase = .idle
        // `offered` stays the list the caregiver saw: `start N` still means the routine they
        // saw at N, planned again from the profile as saved now (never another routine).
        return [.say(t("chat.changedBeforeStart", ["name": .text(profile.name)])), idlePrompt()]
      }
    }
    var out: [Action] = [.keys(on: true)]
    if draft.preparationStatus == nil, draft.preparation != nil, let id = currentID {
      out = answerPreparation(line, &draft, receiverID: id) + out
      rememberPrepared(draft, receiverID: id)
    }
    draft.guideStarted = true
    session = draft
    phase = .guiding
    return out + guideEvents(draft.guide.opening())
  }

  mutating func guideTick(_ elapsed: Duration) -> [Action] {
    guard phase == .guiding, session != nil else { return [] }
    // Written to in another window (the store's mark changed): checked now, mid-step.
    if let change = followElsewhere(always: false) {
      return change.lines + (change.stopped ? [] : guideEvents(change.events))
    }
    guard var draft = session else { return [] }
    let events = draft.guide.tick(elapsed)
    session = draft
    return guideEvents(events)
  }

  mutating func guideKey(_ key: GuideKey) -> [Action] {
    guard phase == .guiding, session != nil else { return [] }
    // A key pressed (to pause, go on, skip...): what another window saved is said first.
    var first: [Action] = []
    if let change = followElsewhere(always: true) {
      if change.stopped { return change.lines }
      first = change.lines + guideEvents(change.events)
      guard phase == .guiding, session?.guide.isFinished == false else { return first }
    }
    return first + guideKeyNow(key)
  }

  private mutating func guideKeyNow(_ key: GuideKey) -> [Action] {
    guard phase == .guiding, var draft = session else { return [] }
    if hurtPending { return answerHurt(key == .hurts || key == .confirm) }
    switch key {
    case .help: return [.say(t("guide.keys", words.keyArguments))]
    case .confirm: return []
    case .hurts:
      hurtPending = true
      let events = draft.guide.isPaused ? [] : draft.guide.press(.pause)
      session = draft
      return [.status("")]
        + guideEvents(events).filter { $0 != .say(t("guide.paused", words.keyArguments)) }
        + [.say(t("guide.hurtConfirm", words.keyArguments))]
    default:
      let events = draft.guide.press(key)
      session = draft
      return guideEvents(events)
    }
  }

  /// The answer to "did it hurt?": yes stops the session as hurt; anything else goes on.
  private mutating func answerHurt(_ confirmed: Bool) -> [Action] {
    guard var draft = session else { return [] }
    hurtPending = false
    if confirmed {
      let events = draft.guide.press(.hurts)
      session = draft
      return guideEvents(events)
    }
    let events = draft.guide.isPaused ? draft.guide.press(.pause) : []
    session = draft
    return [.say(t("guide.hurtNot"))] + guideEvents(events)
  }

  /// A whole line typed while a step runs (a pipe, or letters typed together on a terminal):
  /// it is read as words, never as a run of keys, so "help" never means h, "it hurts".
  mutating func guideWord(_ line: String) -> [Action] {
    if hurtPending { return answerHurt(yesNo(line) == true || words.guideKey(line) == .hurts) }
    if let key = words.guideKey(line) { return guideKey(key) }
    return wordsDuringStep(line)
  }

  /// A word begun while a step runs: the step's time stops (the phase is no longer guiding) and
  /// a line is read, as for a stop reason (`answerGuideWords`). The step stays where it is.
  mutating func guideTyping() -> [Action] {
    guard phase == .guiding, session != nil else { return [] }
    if let change = followElsewhere(always: true) {
      if change.stopped { return change.lines }
      let then = guideEvents(change.events)
      guard phase == .guiding, session?.guide.isFinished == false else {
        return change.lines + then
      }
      return change.lines + then + guideTyping()
    }
    let unpause = hurtPending
    hurtPending = false
    phase = .guideWords(unpause: unpause)
    return [
      .status(""), .keys(on: false), .say(t("guide.words.ask")), prompt("guide.words.prompt"),
    ]
  }

  /// The line typed during a step: a guide word steers it, a red flag (or words that escalate
  /// with the profile) stops the session at once; anything else goes on with the same step.
  mutating func answerGuideWords(_ line: String, unpause: Bool) -> [Action] {
    guard var draft = session else {
      phase = .idle
      return [idlePrompt()]
    }
    phase = .guiding
    if unpause, draft.guide.isPaused {
      _ = draft.guide.press(.pause)
      session = draft
    }
    // While the words were typed, another window may have saved something.
    if let change = followElsewhere(always: true) {
      if change.stopped { return change.lines }
      let then = change.lines + guideEvents(change.events)
      guard phase == .guiding, session?.guide.isFinished == false else { return then }
      return [.keys(on: true)] + then + answerGuideWordsNow(line)
    }
    return answerGuideWordsNow(line)
  }

  private mutating func answerGuideWordsNow(_ line: String) -> [Action] {
    if line.isEmpty { return [.keys(on: true), .say(t("guide.resumed"))] }
    if let key = words.guideKey(line) { return [.keys(on: true)] + guideKey(key) }
    let out = wordsDuringStep(line)
    return (phase == .guiding ? [.keys(on: true)] : []) + out
  }

  /// Words said during a step, not a guide word: a red flag's instruction first and the session
  /// stopped and logged at the step under way (no ratings, no water); otherwise the words are
  /// kept for the journal and the step goes on.
  mutating func wordsDuringStep(_ line: String) -> [Action] {
    guard var draft = session, let id = currentID else { return [] }
    var flags = redFlagsIn(line)
    let putBack = guideKeysPutBack
    guideKeysPutBack = ""
    if flags.isEmpty, !putBack.isEmpty, line.hasPrefix(putBack) {
      flags = redFlagsIn(String(line.dropFirst(putBack.count)))
    }
    // They do not want it: stop at once (before anything else is read).
    if flags.isEmpty, refuses(line) { return stopForRefusal(line) }
    guard flags.isEmpty else {
      _ = draft.guide.press(.stop)
      draft.stopped = true
      draft.reason = recorded(line, limit: 500)
      session = nil
      phase = .idle
      return [.status(""), .keys(on: false)] + flags + [
        .say(t("guide.words.stopped")),
        .log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved")),
        idlePrompt(),
      ]
    }
    // Something new (a line in the left arm): the steps left are checked again with it.
    if let found = understood(line), case let new = newConditions(found.conditions), !new.isEmpty,
      let rechecked = recheckDuringStep(line, new)
    {
      return rechecked
    }
    draft.duringSteps.append(recorded(line, limit: 500))
    session = draft
    return [.say(t("guide.words.noted", words.keyArguments))]
  }

  mutating func stopReason(_ line: String, hurt: Bool) -> [Action] {
    session?.stopped = true
    let reason = line.isEmpty ? (hurt ? t("guide.reasonHurt") : nil) : recorded(line, limit: 500)
    session?.reason = reason
    let flags = redFlagsIn(line)
    // A warning sign given as the reason: the call comes first and nothing routine follows (no
    // ratings, no water); the session is logged as stopped, with the words as its reason.
    if !flags.isEmpty, let draft = session, let id = currentID {
      session = nil
      phase = .idle
      return flags + [
        .log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved")),
        idlePrompt(),
      ]
    }
    return flags + [.say(voice(t("rating.after"), t("rating.after.self")))]
      + askRatings(RatingForm(purpose: .after))
  }

  mutating func note(_ line: String) -> [Action] {
    guard var draft = session, let id = currentID else { return [idlePrompt()] }
    draft.note = line.isEmpty ? nil : recorded(line)
    session = nil
    let flags = redFlagsIn(line)
    var out =
      flags + [
        .log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved")),
      ]
    // A warning sign in the note: the call stands alone, no water offer after it.
    if !flags.isEmpty {
      phase = .idle
      return out + [idlePrompt()]
    }
    // The session is logged whatever happens to the profile; the water offer needs it.
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem):
      phase = .idle
      return out + problem.actions + [idlePrompt()]
    }
    // On a fluid limit already reached today: no drink offered, and who to ask.
    if let limit = profile.fluidLimitML, drunkToday(profile.id) >= limit {
      phase = .idle
      return out + [
        .say(
          t("water.limitReached", ["ml": .number(drunkToday(profile.id)), "limit": .number(limit)])),
        idlePrompt(),
      ]
    }
    phase = .water
    out.append(.say(voice(t("water.offer", ["name": .text(profile.name)]), t("water.offer.self"))))
    if hasFluidLimit(profile) {
      let limit = profile.fluidLimitML.map { t("water.limitAmount", ["ml": .number($0)]) } ?? ""
      out.append(
        .say(
          voice(
            t("water.fluidLimit", ["amount": .text(limit)]),
            t("water.fluidLimit.self", ["amount": .text(limit)]))))
      if let limit = profile.fluidLimitML {
        out.append(
          .say(
            t(
              "water.amount.today",
              ["ml": .number(drunkToday(profile.id)), "limit": .number(limit)])
          ))
      }
    }
    return out + [prompt("water.prompt")]
  }

  func hasFluidLimit(_ profile: Profile) -> Bool { WaterReminder.hasFluidLimit(profile) }

  mutating func water(_ line: String) -> [Action] {
    guard case .success(let profile) = readCurrent() else {
      phase = .idle
      return [idlePrompt()]
    }
    let word = line.lowercased()
    func matches(_ key: String, _ english: [String]) -> Bool {
      (english + t.list(key)).contains(word)
    }
    phase = .idle
    if matches("water.givenWords", ["g", "given", "gave", "yes", "y"]) {
      // On a fluid limit every drink counts: ask how much.
      if hasFluidLimit(profile) {
        phase = .waterAmount
        return [
          .say(voice(t("water.amount.ask"), t("water.amount.ask.self"))),
          prompt("water.amount.prompt"),
        ]
      }
      return [
        .log(.water(.given, remindAt: nil, by: loggedBy), receiverID: profile.id),
        .say(t("water.thanks")), idlePrompt(),
      ]
    }
    if matches("water.declinedWords", ["d", "declined", "no", "n"]) {
      return [
        .log(.water(.declined, remindAt: nil, by: loggedBy), receiverID: profile.id),
        .say(t("water.ok")), idlePrompt(),
      ]
    }
    if matches("water.laterWords", ["l", "later"]) {
      if hasFluidLimit(profile), remindedWithLimit.contains(profile.id) {
        return [
          .log(.water(.later, remindAt: nil, by: loggedBy), receiverID: profile.id),
          .say(t("water.noNag")), idlePrompt(),
        ]
      }
      let minutes = profile.reminderMinutes ?? context.reminderMinutes
      let due = now.addingTimeInterval(Double(minutes * 60) / context.clockScale)
      reminders.append(Reminder(receiverID: profile.id, name: profile.name, due: due))
      return [
        .log(.water(.later, remindAt: due, by: loggedBy), receiverID: profile.id),
        .say(t("water.later", ["count": .number(minutes)])), idlePrompt(),
      ]
    }
    phase = .water
    return offScript(line, again: [.say(t("water.again"))])
  }

  /// How much was drunk, for a person on a fluid limit: a number of ml (0 to 5000, "150 ml"
  /// too), or Enter when nobody knows; saved as given with the amount, and what today's drinks
  /// logged here come to, against the limit when the care team set one.
  mutating func waterAmount(_ line: String) -> [Action] {
    guard case .success(let profile) = readCurrent() else {
      phase = .idle
      return [idlePrompt()]
    }
    let digits = line.lowercased().replacingOccurrences(of: "ml", with: "")
      .trimmingCharacters(in: .whitespaces)
    var amount: Int?
    if !digits.isEmpty {
      guard let n = Int(digits), (0...5000).contains(n) else {
        return offScript(
          line, again: [.say(t("water.amount.invalid")), prompt("water.amount.prompt")])
      }
      amount = n
    }
    phase = .idle
    var out: [Action] = [
      .log(.water(.given, remindAt: nil, amountML: amount, by: loggedBy), receiverID: profile.id),
      .say(t("water.thanks")),
    ]
    if let amount, let limit = profile.fluidLimitML {
      let earlier = drunkToday(profile.id)
      out.append(
        .say(
          t("water.amount.today", ["ml": .number(earlier + amount), "limit": .number(limit)])))
      if earlier + amount > limit { out.append(.say(t("water.amount.over"))) }
    }
    return out + [idlePrompt()]
  }

  /// Reminders whose time has come, shown above the prompt and logged as shown.
  mutating func dueReminders() -> [Action] {
    let now = self.now
    let due = reminders.filter { $0.due <= now }
    guard !due.isEmpty else { return [] }
    reminders.removeAll { $0.due <= now }
    return due.flatMap { r -> [Action] in
      var lines: [Action] = [.notice(t("water.reminder", ["name": .text(r.name)]))]
      // On a fluid limit (or when the profile cannot be read): never "offer a drink", but keep
      // within the care team's limit, with today's logged drinks against it.
      switch try? store.profile(r.receiverID) {
      case .some(let profile) where hasFluidLimit(profile):
        remindedWithLimit.insert(profile.id)
        let message = WaterReminder.reminder(
          for: profile, drunkToday: profile.fluidLimitML == nil ? nil : drunkToday(profile.id))
        lines = [.notice(t.render(message))]
      case .none: lines = [.notice(t("water.reminder.unread", ["name": .text(r.name)]))]
      default: break
      }
      return lines + [
        .log(.water(.reminderShown, remindAt: r.due), receiverID: r.receiverID)
      ]
    }
  }

  mutating func feelText(_ line: String) -> [Action] {
    feelingText = line.isEmpty ? nil : recorded(line)
    let flags = redFlagsIn(line)
    // A warning sign: the call, and the words kept in the journal at once; no ratings after it.
    if !flags.isEmpty, let id = currentID {
      feelingText = nil
      phase = .idle
      return flags + [
        .log(.feeling(ratings: nil, text: recorded(line), by: loggedBy), receiverID: id),
        .say(t("chat.feel.saved")), idlePrompt(),
      ]
    }
    return flags + [.say(t("rating.feel"))] + askRatings(RatingForm(purpose: .feel))
  }

  /// A red flag in words typed as a note, a reason or a feeling: its instruction at once, and
  /// how to save it in the profile (nothing is saved without a yes). Unsaved, it still stands
  /// for the rest of the conversation (`inForce`): no routine is offered on top of it.
  mutating func redFlagsIn(_ line: String) -> [Action] {
    guard !line.isEmpty, var found = understood(line) else { return [] }
    let net = bleedingSign(line, found)
    if let net { found.conditions.append(net) }
    let flags = redFlags(found.conditions.map(\.id))
    guard !flags.isEmpty else { return escalationIn(found.conditions) }
    if let id = currentID {
      let standing = Set((unsavedRedFlags[id] ?? []).map(\.id))
      unsavedRedFlags[id, default: []] += found.conditions.filter {
        flags.contains($0.id) && !standing.contains($0.id)
      }
    }
    // Bleeding caught only by the conversation's own net: `tell` would not read it again.
    if net != nil, flags == ["bleeding-signs"] { return redFlagActions(flags) }
    // The hint adds `tell` itself: a line that began with it is shown without it ("tell tell").
    var said = Substring(line.trimmingCharacters(in: .whitespaces))
    let first = said.prefix { !$0.isWhitespace }
    if ["tell", words.display("tell")].contains(first.lowercased()) {
      said = said.dropFirst(first.count).drop(while: \.isWhitespace)
    }
    return redFlagActions(flags) + [
      .say(t("chat.redFlag.saveHint", ["words": .text(String(said.prefix(80)))]))
    ]
  }

  /// Words that are no red flag alone but are one with what is stored ("chills" during
  /// chemotherapy): the merged check says stop and call, so the session stops as for a red flag.
  mutating func escalationIn(_ conditions: [Condition]) -> [Action] {
    guard let id = currentID, let profile = receiver, !conditions.isEmpty else { return [] }
    let checker = SafetyChecker(catalog: context.catalog)
    let stored = inForce(profile)
    guard let (before, _, _) = try? checker.restrictions(for: stored),
      let (after, _, fired) = try? checker.restrictions(for: stored + conditions),
      after.verdict == .stopCallProvider, before.verdict != .stopCallProvider
    else { return [] }
    unsavedRedFlags[id, default: []] += conditions
    var out: [Action] = [.say(t("chat.redFlag.stop"))]
    if after.emergency, let number = context.emergencyNumber {
      out.append(.say(t("chat.redFlag.emergency", ["number": .text(number)])))
    } else {
      out.append(.say(t("chat.redFlag.careTeam")))
    }
    for escalation in fired where escalation.verdict == .stopCallProvider {
      out.append(.say(t.render(Message("escalation.\(escalation.id)"))))
    }
    return out
  }

  /// The ml of drinks logged as given today for `receiverID` (the journal, read now).
  func drunkToday(_ receiverID: String) -> Int {
    let today = Calendar.current.startOfDay(for: now)
    return ((try? store.entries(of: receiverID, since: today)) ?? []).reduce(0) { total, item in
      if case .water(.given, _, let ml?, _) = item.entry { return total + ml }
      return total
    }
  }

  /// Severe or rising pain after the massage: pain 8 to 10, or up by 3 or more from before,
  /// gets a plain line to tell the care team (severe pain before: `gentlerForPain`).
  func painLines(before: RatingSet?, now: RatingSet?) -> [Action] {
    guard let pain = now?.scores["pain"] else { return [] }
    if let was = before?.scores["pain"], pain - was >= 3 {
      return [.say(t("rating.pain.rose", ["before": .number(was), "after": .number(pain)]))]
    }
    guard SeverePain.isSevere(pain) else { return [] }
    return [.say(t("rating.pain.severeAfter", ["score": .number(pain)]))]
  }
}
