import Foundation
import TendCore

/// Safety on the whole path from the words typed to the words spoken (the outside nurse's
/// review, docs/CONVERSATION-SAFETY.md): what was said today and not saved still decides
/// today's plan; a line typed at a fixed-answer prompt is read for warning signs before it is
/// refused; new words during a step re-check the steps left; refusal stops at once; and a red
/// flag is lifted only by the care team.
extension Conversation {
  /// Conditions understood today and not saved to the profile, for `receiverID`: they stand
  /// for the rest of the day in this conversation (the plan, the check before a session, the
  /// `check` command), and the words are in the journal.
  /// The store is read first (another window, or this one before a restart, may have kept
  /// something today); what this conversation kept stands too if the store could not keep it.
  func keptForToday(_ receiverID: String) -> [Condition] {
    var out = keptToday[receiverID]?.day == today ? keptToday[receiverID]?.conditions ?? [] : []
    // What another window on this person kept for today counts here too.
    // A shared file that cannot be read fails closed: something is kept that Tend cannot place.
    let shared =
      (try? store.keptToday(of: receiverID, day: today)) ?? [Condition(id: "not-understood")]
    for c in shared
    where !out.contains(where: { $0.id == c.id && $0.site == c.site && $0.side == c.side }) {
      out.append(c)
    }
    return out
  }

  static func same(_ a: Condition, _ b: Condition) -> Bool {
    a.id == b.id && a.site == b.site && a.side == b.side
  }

  /// Keeps `conditions` for today (ones already kept, by rule, site and side, are not doubled),
  /// in this conversation and in the store, so a restart today still plans with them.
  mutating func keepForToday(_ conditions: [Condition], receiverID id: String) {
    var kept = keptForToday(id)
    for c in conditions where !kept.contains(where: { Self.same($0, c) }) { kept.append(c) }
    keptToday[id] = (today, kept)
    try? store.updateKeptToday(of: id, day: today) { old in
      old + kept.filter { c in !old.contains(where: { Self.same($0, c) }) }
    }
  }

  /// What is kept for today, replaced (in this conversation, and in the store when it can).
  mutating func setKeptForToday(_ conditions: [Condition], receiverID id: String) {
    keptToday[id] = (today, conditions)
    try? store.updateKeptToday(of: id, day: today) { _ in conditions }
  }

  /// `--condition` specs for what is kept for today, so `check` at the chat prompt (run as the
  /// plain command) follows it too.
  func keptConditionArguments(_ receiverID: String) -> [String] {
    keptForToday(receiverID).flatMap { c -> [String] in
      var spec = c.id
      if let region = c.region { spec += "@" + region.token }
      if let days = c.daysSince { spec += "+\(days)d" }
      return ["--condition", spec]
    }
  }

  // MARK: - Fixed-answer prompts

  /// A line at a fixed-answer prompt (a rating, 1 or 2, Enter to begin, water, yes or no) that
  /// is not the answer: read for warning signs first. A red flag (or words that escalate with
  /// the profile) stops the session or its start as the free-text prompts do, with the words
  /// in the journal; words naming something new before the first step re-check the plan
  /// first; other words are kept (in the session's notes, or the journal) and the prompt's
  /// message `again` follows, saying where they went.
  mutating func offScript(_ line: String, again: [Action]) -> [Action] {
    let words = recorded(line)
    guard words.contains(where: \.isLetter), currentID != nil else { return again }
    let flags = redFlagsIn(line)
    if !flags.isEmpty { return stopForWords(words, flags) }
    if let draft = session, !draft.guideStarted, let found = understood(line),
      !newConditions(found.conditions).isEmpty
    {
      // Something new before the first step: the plan the ratings were for may be wrong.
      session = nil
      return [.say(t("chat.offScript.recheck"))]
        + understandText(line, resume: .today(draft.plan.routine.id))
    }
    // A command typed at a question ("start calm-hands" at yes or no) is not words about the
    // person: it is neither kept nor run, and the question is asked again (round 7, F7).
    if typedCommand(line) != nil {
      let typed = Message.Argument.text(t.quote(String(line.prefix(60))))
      return [.say(t("chat.offScript.command", ["command": typed]))] + again
    }
    return keepWords(words) + again
  }

  /// The command word a line typed at a question clearly starts with, as typed; nil for words.
  /// Clearly:
  /// a command alone (`suggest`, `sentir`); `start` or `show` with one number or routine word;
  /// a command-line command with an option or one of its own words after it (`log feeling`);
  /// `tell` or `feel` with words after them only when typed as the English word or the one the
  /// language shows, since other words for them begin plain sentences ("siente dolor").
  func typedCommand(_ line: String) -> String? {
    let typed = CommandLineWords.split(line)
    guard let parsed = words.parse(typed) ?? foreignCommand(typed, line),
      Self.commands.contains(parsed.id) || context.commands.contains(parsed.id)
    else { return nil }
    let said = typed.prefix(typed.count - parsed.arguments.count).joined(separator: " ")
    let arguments = parsed.arguments
    guard let first = arguments.first else { return said }
    switch parsed.id {
    case "start", "show":
      guard arguments.count == 1,
        Int(first) != nil || context.catalog.routine(named: first.lowercased(), t) != nil
      else { return nil }
    case "tell", "feel":
      let word = CommandWords.normal(said)
      guard word == parsed.id || word == CommandWords.normal(words.display(parsed.id)) else {
        return nil
      }
    default:
      guard context.commands.contains(parsed.id),
        first.hasPrefix("-") || words.subcommands(of: parsed.id, [first]) != [first]
          || CommandWords.subcommandKeys(t)[parsed.id]?.contains(first.lowercased()) == true
      else { return nil }
    }
    return said
  }

  /// Words kept where they belong: with the session under way (its note), else in the journal
  /// as how the person is; the line that says where.
  mutating func keepWords(_ words: String) -> [Action] {
    guard let id = currentID else { return [] }
    if var draft = session {
      draft.duringSteps.append(words)
      session = draft
      return [.say(t("chat.offScript.keptSession"))]
    }
    if case .rating(let form) = phase, form.purpose == .feel {
      feelingText = [feelingText, words].compactMap { $0 }.joined(separator: " / ")
      return [.say(t("chat.offScript.keptFeeling"))]
    }
    return [
      .log(.feeling(ratings: nil, text: words, by: loggedBy), receiverID: id),
      .say(t("chat.offScript.keptJournal")),
    ]
  }

  /// A red flag in words typed at a fixed-answer prompt: the call has been said (`flags`);
  /// the session is logged with the words (or, not begun, dropped and the words logged as how
  /// the person is), and nothing routine follows.
  mutating func stopForWords(_ words: String, _ flags: [Action]) -> [Action] {
    guard let id = currentID else { return flags }
    var out: [Action] = [.status(""), .keys(on: false)] + flags
    if var draft = session, draft.guideStarted {
      draft.duringSteps.append(words)
      session = nil
      out += [.log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved"))]
    } else {
      let begun = session != nil
      session = nil
      var text = words
      if case .rating(let form) = phase, form.purpose == .feel, let before = feelingText {
        text = before + " / " + words
      }
      feelingText = nil
      out.append(.log(.feeling(ratings: nil, text: text, by: loggedBy), receiverID: id))
      if begun { out.append(.say(t("chat.offScript.notStarted"))) }
      out.append(.say(t("chat.offScript.keptJournal")))
    }
    phase = .idle
    return out + [idlePrompt()]
  }

  // MARK: - Words during a step

  /// Conditions among `found` not already in force for the chosen person (same rule, site and
  /// side).
  func newConditions(_ found: [Condition]) -> [Condition] {
    guard let profile = receiver else { return found }
    let standing = inForce(profile)
    return found.filter { c in
      !standing.contains { $0.id == c.id && $0.site == c.site && $0.side == c.side }
    }
  }

  /// Whether the words say the person does not want this, or pulls away (`guide.refusalWords`):
  /// stop at once (the dementia rule and the handout).
  func refuses(_ line: String) -> Bool {
    let lower =
      " "
      + line.lowercased().replacingOccurrences(of: "’", with: "'")
      .components(
        separatedBy: CharacterSet.letters.union(.decimalDigits)
          .union(CharacterSet(charactersIn: "'")).inverted
      )
      .filter { !$0.isEmpty }.joined(separator: " ") + " "
    return t.list("guide.refusalWords").contains { word in
      let cue = word.lowercased()
      return cue.contains(where: { $0.isASCII }) ? lower.contains(" \(cue) ") : lower.contains(cue)
    }
  }

  /// They do not want it: the session stops now, logged with their words, no ratings asked.
  mutating func stopForRefusal(_ line: String) -> [Action] {
    guard var draft = session, let id = currentID else { return [] }
    _ = draft.guide.press(.stop)
    draft.stopped = true
    draft.reason = recorded(line, limit: 500)
    session = nil
    phase = .idle
    return [
      .status(""), .keys(on: false), .say(t("guide.words.refused")),
      .log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved")),
      idlePrompt(),
    ]
  }

  /// Something new said during a step (no red flag): the plan is made again with it, and the
  /// steps left (the one under way included) are compared. Nothing changes: the condition is
  /// kept for today and the step goes on. Something changes, or massage is not for today with
  /// it: the routine stops (logged with the words), what changes is said step by step, and the
  /// words go to the usual confirm (saved, or kept for today), then the today check starts it
  /// again on the re-checked plan. Nil when the guide is not running.
  mutating func recheckDuringStep(_ line: String, _ new: [Condition]) -> [Action]? {
    guard var draft = session, let id = currentID, let profile = receiver else { return nil }
    let checker = SafetyChecker(catalog: context.catalog)
    let all = inForce(profile) + new
    let fresh = try? checker.check(
      all, careTeam: profile.careTeam, on: now, routineID: draft.plan.routine.id
    ).plans.first
    let allowed =
      (try? checker.restrictions(for: all, careTeam: profile.careTeam, on: now))?.verdict
      .allowsMassage ?? false
    let left = draft.guide.steps.indices.filter { $0 >= draft.guide.index }
    var changes: [Action] = []
    for i in left {
      let old = draft.guide.steps[i]
      let what = Message.Argument.text(stepWhat(old))
      let number = Message.Argument.number(i + 1)
      guard let now = fresh?.steps.first(where: { $0.step.id == old.step.id }), now.isDone else {
        changes.append(.say(t("guide.recheck.leftOut", ["number": number, "what": what])))
        continue
      }
      if now.site != old.site || now.side != old.side || now.technique != old.technique
        || now.pressure != old.pressure || now.textKey != old.textKey
      {
        changes.append(
          .say(
            t(
              "guide.recheck.changed",
              ["number": number, "what": what, "new": .text(stepWhat(now))])))
      }
    }
    let rules = Message.Argument.text(t.list(new.map { t("rule.\($0.id).name") + whereText($0) }))
    if allowed, let fresh, fresh.verdict != .excluded, changes.isEmpty {
      keepForToday(new, receiverID: id)
      draft.followed.formUnion(new.map(\.id))
      draft.duringSteps.append(recorded(line, limit: 500))
      session = draft
      return [.say(t("guide.recheck.noChange", ["rules": rules]))]
    }
    _ = draft.guide.press(.stop)
    draft.stopped = true
    draft.reason = recorded(line, limit: 500)
    session = nil
    phase = .idle
    var out: [Action] = [
      .status(""), .keys(on: false), .say(t("guide.recheck.stopped", ["rules": rules])),
    ]
    if !allowed || fresh == nil || fresh?.verdict == .excluded {
      out.append(.say(t("guide.recheck.notToday")))
      out += (fresh?.reasons ?? []).map { .say("  " + t.render($0)) }
    } else {
      out.append(.say(t("guide.recheck.steps")))
      out += changes
    }
    out += [.log(.session(draft.log(now: now)), receiverID: id), .say(t("chat.sessionSaved"))]
    return out + understandText(line, resume: .today(draft.plan.routine.id))
  }

  /// A step in words: its place and technique ("left forearm, slow strokes").
  func stepWhat(_ step: Plan.PlannedStep) -> String {
    var what: [String] = []
    if let site = step.site { what.append(t.regionName(BodyRegion(site, side: step.side))) }
    what.append(t("technique.\(step.technique.rawValue)"))
    return t.series(what)
  }

  // MARK: - Lifting a red flag

  /// Whether `text` names someone on the care team (a doctor, a nurse, the hospital...), as the
  /// care team's answer is heard (`chat.careteam.speakerWords`, whole words).
  func namesCareTeam(_ text: String) -> Bool {
    let marks: TextTokens.Marks =
      t.table.lang != "vi" ? .latin1 : TextTokens.hasMarks(text) ? .keep : .strip
    let words = TextTokens.tokenize(text, marks: marks).map(\.text)
    // Family is never the care team, whatever their job ("seen by my sister, she's a nurse").
    let family = t.list("chat.careteam.familyWords").map { TextTokens.words($0, marks: marks) }
    if family.contains(where: {
      !$0.isEmpty && !CareTeamWords.occurrences(of: $0, in: words, within: 0..<words.count).isEmpty
    }) {
      return false
    }
    return t.list("chat.careteam.speakerWords").map { TextTokens.words($0, marks: marks) }
      .contains {
        !$0.isEmpty
          && !CareTeamWords.occurrences(of: $0, in: words, within: 0..<words.count).isEmpty
      }
  }

  /// Whether `text` names a source that is no clinician ("google", "webmd", "chatgpt"):
  /// "seen by dr google" is nobody from the care team (`seen.notClinicianWords`).
  func namesNoClinician(_ text: String) -> Bool {
    let marks: TextTokens.Marks =
      t.table.lang != "vi" ? .latin1 : TextTokens.hasMarks(text) ? .keep : .strip
    let words = TextTokens.tokenize(text, marks: marks).map(\.text)
    return t.list("seen.notClinicianWords").map { TextTokens.words($0, marks: marks) }.contains {
      !$0.isEmpty && !CareTeamWords.occurrences(of: $0, in: words, within: 0..<words.count).isEmpty
    }
  }

  /// The rule ids among `removed` that words alone never take off: red flags, what escalated
  /// to stop-and-call and stands unsaved, and anything whose removal would lift stop-and-call.
  func heldByCareTeam(_ removed: [String]) -> [String] {
    guard let profile = receiver else { return [] }
    let standing = inForce(profile)
    let unsaved = Set((unsavedRedFlags[profile.id] ?? []).map(\.id))
    let checker = SafetyChecker(catalog: context.catalog)
    let stops = (try? checker.restrictions(for: standing))?.0.verdict == .stopCallProvider
    return removed.filter { id in
      if !redFlags([id]).isEmpty || unsaved.contains(id) { return true }
      guard stops else { return false }
      let after = (try? checker.restrictions(for: standing.filter { $0.id != id }))?.0.verdict
      return after != .stopCallProvider
    }
  }

  /// "Chest pain stays in force: only the care team can lift a red flag...".
  func heldLines(_ ids: [String]) -> [Action] {
    guard !ids.isEmpty else { return [] }
    let rules = t.list(Array(Set(ids)).sorted().map { t("rule.\($0).name") })
    return [.say(t("chat.redFlag.notLifted", ["rules": .text(rules)]))]
  }

  /// New bleeding in words the recognizer did not read as a red flag ("bleeding from her gums
  /// a bit"): the `bleeding-signs` red flag, unless the words deny it ("no bleeding"). A
  /// conversation-side net (`guide.bleedingWords`); the recognizer's own reading comes first.
  func bleedingSign(_ line: String, _ found: Understanding) -> Condition? {
    guard !found.conditions.contains(where: { $0.id == "bleeding-signs" }),
      context.catalog.rule("bleeding-signs") != nil
    else { return nil }
    let words = line.lowercased().replacingOccurrences(of: "’", with: "'")
      .components(separatedBy: CharacterSet.letters.union(CharacterSet(charactersIn: "'")).inverted)
      .filter { !$0.isEmpty }
    let deny = Set(["no", "not", "isn't", "wasn't", "stopped"] + t.list("chat.denyWords"))
    let cues = t.list("guide.bleedingWords").map { $0.lowercased() }
    let joined = " " + words.joined(separator: " ") + " "
    for cue in cues {
      if !cue.contains(" "), cue.allSatisfy(\.isASCII) {
        guard let i = words.firstIndex(of: cue) else { continue }
        if i > 0, deny.contains(words[i - 1]) { continue }
        return Condition(id: "bleeding-signs", matched: cue)
      }
      if joined.contains(" \(cue) ") || (!cue.allSatisfy(\.isASCII) && line.contains(cue)) {
        return Condition(id: "bleeding-signs", matched: cue)
      }
    }
    return nil
  }

  /// Seen by someone who is not the care team (or by nobody named): the red flags stay in
  /// force, with their call, and how to lift them.
  func notLiftedLines(_ ids: [String], _ name: String, who: String = "") -> [Action] {
    let rules = t.list(Array(Set(ids)).sorted().map { t("rule.\($0).name") })
    let first: Action =
      who.isEmpty
      ? .say(t("seen.notCareTeam.nobody", ["name": .text(name), "rules": .text(rules)]))
      : .say(
        t(
          "seen.notCareTeam",
          ["who": .text(PlainText.display(String(who.prefix(60)))), "rules": .text(rules)]))
    return [first] + redFlagActions(ids)
  }
}
