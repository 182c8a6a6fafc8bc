import Foundation
import TendCore

/// What changes from day to day: a short "today" check before every session, and closing a
/// red flag honestly once the person has been seen.
///
/// The intake happens once, but a body changes daily. Walton's decision tree asks at every
/// session about warning signs and passing states (fever, acute illness, new swelling, pain or
/// bleeding, a new device or wound), so `start` asks first; one word answers it when nothing
/// applies, and anything found goes through the same confirm-and-save path as other words.
extension Conversation {
  /// Asks the today check before the routine, or says why not today.
  mutating func askToday(_ plan: Plan, _ profile: Profile) -> [Action] {
    guard plan.verdict != .excluded, massageAllowed(profile) else {
      return notToday(plan, profile)
    }
    phase = .todayCheck(plan.routine.id)
    return [
      .say(t("today.ask", ["name": .text(profile.name)])), .say(t("today.list")),
      .say(t("today.howToAnswer")), prompt("today.prompt"),
    ]
  }

  /// An answer to the today check: nothing new starts the routine (planned again from the
  /// profile as stored now); words are shown back and confirmed before anything is saved.
  mutating func answerToday(_ routineID: String, _ line: String) -> [Action] {
    if words.isCancel(line) {
      phase = .idle
      return [.say(t("guide.cancelled")), idlePrompt()]
    }
    if meansNone(line) { return startFresh(routineID) }
    if yesNo(line) == true { return [.say(t("today.whatIsNew"))] }
    let found = understood(line)
    guard let found, !found.conditions.isEmpty || !found.removed.isEmpty else {
      // Words that name nothing Tend knows never count as "nothing new".
      return (found?.notes ?? []).map(Action.say) + [.say(t("today.notUnderstood"))]
    }
    return understandText(line, resume: .today(routineID))
  }

  /// The routine planned from the profile read now, then the session, or why not today. When
  /// the plan needs the care team's yes first (`clearance`, not answered by a recorded
  /// clearance), it asks whether they have said yes before anything starts; `careTeamYes` is
  /// that answer, for the rules named.
  mutating func startFresh(_ routineID: String, careTeamYes: [String] = []) -> [Action] {
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem):
      phase = .idle
      return problem.actions + [idlePrompt()]
    }
    switch plan(for: routineID, profile) {
    case .failure(let refusal):
      phase = .idle
      return [.say(t.render(refusal.message)), idlePrompt()]
    case .success(let plan):
      guard plan.verdict != .excluded, massageAllowed(profile) else {
        phase = .idle
        return notToday(plan, profile) + [idlePrompt()]
      }
      let waiting = askFirstRules(profile)
      guard Set(waiting).isSubset(of: careTeamYes) else {
        return askCareTeamFirst(routineID, waiting, profile)
      }
      var out = startSession(plan, profile)
      if !waiting.isEmpty { session?.careTeamSaidYes = waiting }
      if !waiting.isEmpty {
        out.insert(.say(t("askFirst.yes", ["rules": ruleNames(waiting)])), at: 0)
      }
      return out
    }
  }

  /// The rules for which the care team should say yes before a massage today, as the profile
  /// (and what is kept for today) stands, with the care team's recorded answers merged in.
  func askFirstRules(_ profile: Profile) -> [String] {
    guard
      let r = try? SafetyChecker(catalog: context.catalog).restrictions(
        for: inForce(profile), careTeam: profile.careTeam, on: now)
    else { return [] }
    return r.clearance.sorted()
  }

  func ruleNames(_ ids: [String]) -> Message.Argument {
    .keys(ids.sorted().map { "rule.\($0).name" })
  }

  /// "Has the care team said yes?" before a routine that needs it: nothing starts until yes.
  mutating func askCareTeamFirst(_ routineID: String, _ rules: [String], _ profile: Profile)
    -> [Action]
  {
    phase = .confirmingAskFirst(routineID: routineID, rules: rules)
    return [
      .say(t("askFirst.ask", ["name": .text(profile.name), "rules": ruleNames(rules)])),
      .say(t("askFirst.howToAnswer")), prompt("chat.yesNoPrompt"),
    ]
  }

  /// The answer to "has the care team said yes?": yes starts (the answer is written with the
  /// session in the journal); no, or cancel, goes back with nothing started; words that name
  /// something new are confirmed and the plan made again; anything else is read for warning
  /// signs first, then asked again.
  mutating func answerAskFirst(_ routineID: String, _ rules: [String], _ line: String)
    -> [Action]
  {
    let word = line.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    let notYet: [Action] = [.say(t("askFirst.no", ["rules": ruleNames(rules)])), idlePrompt()]
    let unsure = t.list("chat.notSureWords").filter { $0.count > 1 }.contains { word.contains($0) }
    if words.isCancel(line) || yesNo(line) == false || unsure
      || t.list("askFirst.noWords").contains(word)
    {
      phase = .idle
      return notYet
    }
    // A command typed here ("suggest", "start 2") leaves the question unanswered: nothing
    // starts, and the command is done.
    if let parsed = words.parse(CommandLineWords.split(line)),
      Self.commands.contains(parsed.id) || context.commands.contains(parsed.id),
      understood(line)?.conditions.isEmpty ?? true
    {
      phase = .idle
      return notYet + command(line)
    }
    if yesNo(line) == true { return startFresh(routineID, careTeamYes: rules) }
    // "The nurse said it's fine" is a yes; "the doctor said no" or "not sure" is not one; a
    // yes from someone not on the care team ("my daughter said it's fine") is asked again.
    switch CareTeamWords.answer(line, localizer: t) {
    case .yes: return startFresh(routineID, careTeamYes: rules)
    case .refusal, .notSure:
      phase = .idle
      return notYet
    case .notCareTeam(let from):
      return [
        .say(t("chat.careteam.notCareTeam", ["from": .text(from)])), .say(t("askFirst.again")),
        prompt("chat.yesNoPrompt"),
      ]
    case .family(let word):
      return [
        .say(t("chat.careteam.family", ["word": .text(word)])), .say(t("askFirst.again")),
        prompt("chat.yesNoPrompt"),
      ]
    case nil: break
    }
    if let found = understood(line), !newConditions(found.conditions).isEmpty,
      redFlags(found.conditions.map(\.id)).isEmpty
    {
      return understandText(line, resume: .today(routineID))
    }
    return offScript(line, again: [.say(t("askFirst.again")), prompt("chat.yesNoPrompt")])
  }

  /// No massage at all today (a red flag, a postpone), said without naming a routine: the
  /// reasons `notToday` gives for every routine ("No massage today."), then the red flags.
  func noMassageToday(_ profile: Profile) -> [Action] {
    let checker = SafetyChecker(catalog: context.catalog)
    let plan = try? checker.check(inForce(profile), careTeam: profile.careTeam, on: now).plans.first
    let reasons = (plan?.reasons ?? []).map { t.render($0) }
    return (reasons.isEmpty ? [t("plan.excluded.notToday")] : reasons).map(Action.say)
      + redFlagActions(inForce(profile).map(\.id))
  }

  func notToday(_ plan: Plan, _ profile: Profile) -> [Action] {
    [.say(t("chat.notToday", ["title": .key(plan.routine.titleKey)]))]
      + plan.reasons.map { .say("  " + t.render($0)) }
      + redFlagActions(inForce(profile).map(\.id))
  }

  /// "She was seen, it was not a stroke": when the profile holds a red flag and the words say
  /// the person was seen, offer to take it off. Nil when the words are not about that.
  mutating func seenSentence(_ line: String) -> [Action]? {
    guard currentID != nil, case .success(let profile) = readCurrent() else { return nil }
    let said = (unsavedRedFlags[profile.id] ?? []).map(\.id)
    let flags = Array(Set(redFlags(inForce(profile).map(\.id)) + said)).sorted()
    guard !flags.isEmpty else { return nil }
    let lower = " " + line.lowercased().replacingOccurrences(of: "’", with: "'") + " "
    guard t.list("chat.seenWords").contains(where: { lower.contains(" \($0)") }),
      !t.list("chat.notSeenWords").contains(where: { lower.contains(" \($0)") })
    else { return nil }
    // Only the red flag the words name ("seen for the chest pain"); none named among several:
    // ask which, and nothing is closed.
    guard let ids = seenFlags(line, flags) else { return whichSeenLines(flags, profile.name) }
    let words = String(line.prefix(500))
    // Only the care team lifts a red flag: words that name nobody on it ("he was seen", "seen
    // by her daughter") are asked who from the care team saw them; it stays in force meanwhile.
    guard namesCareTeam(line) else {
      phase = .seenBy(ids: ids, words: words, resume: nil)
      return [.say(t("seen.whoCareTeam")), prompt("seen.whoPrompt")]
    }
    phase = .confirmingSeen(ids: ids, words: words, resume: nil)
    let rules = t.list(ids.map { t("rule.\($0).name") })
    // "The doctor said it's fine" says someone spoke, not that they saw her: ask whether a
    // doctor or nurse has seen her since, before anything is offered to be taken off.
    let saidOnly = t.list("chat.seenSaidWords")
    let examined = t.list("chat.seenWords").filter { !saidOnly.contains($0) }
    let args: [String: Message.Argument] = ["name": .text(profile.name), "rules": .text(rules)]
    let question =
      examined.contains { lower.contains(" \($0)") }
      ? t("seen.confirm", args) : t("seen.askExamined", args)
    return [.say(question), prompt("chat.yesNoPrompt")]
  }

  /// At the intake's urgent question, "none" while red flags are stored: were they seen?
  mutating func askSeenAtIntake(_ intake: Intake) -> [Action]? {
    guard intake.group == 0, case .success(let profile) = readCurrent() else { return nil }
    let said = (unsavedRedFlags[profile.id] ?? []).map(\.id)
    let flags = Array(Set(redFlags(inForce(profile).map(\.id)) + said)).sorted()
    guard !flags.isEmpty else { return nil }
    // The answer was only "none": no words of theirs to record beyond who says so.
    phase = .confirmingSeen(ids: flags, words: "", resume: intake)
    let rules = t.list(flags.map { t("rule.\($0).name") })
    return [
      .say(t("seen.askIntake", ["name": .text(profile.name), "rules": .text(rules)])),
      prompt("chat.yesNoPrompt"),
    ]
  }

  mutating func confirmSeen(_ ids: [String], _ words: String, _ line: String, resume: Intake?)
    -> [Action]
  {
    guard let yes = yesNo(line) else {
      let heard = offScript(line, again: [.say(t("chat.yesOrNo"))])
      if phase == .idle, resume != nil { return heard.dropLast() + stopIntake() }
      return heard
    }
    guard yes else {
      phase = .idle
      let out = [.say(t("chat.nothingChanged"))] + redFlagActions(ids)
      return out + (resume == nil ? [idlePrompt()] : stopIntake())
    }
    phase = .seenBy(ids: ids, words: words, resume: resume)
    // Nobody on the care team named yet (the intake's question): who from it saw them.
    let key = namesCareTeam(words) ? "seen.who" : "seen.whoCareTeam"
    return [.say(t(key)), prompt("seen.whoPrompt")]
  }

  /// Takes the red flags off, one locked change each; the journal records who said so, their
  /// words, and when.
  mutating func closeRedFlags(_ ids: [String], _ words: String, by line: String, resume: Intake?)
    -> [Action]
  {
    // Only the care team lifts a red flag: the words, or the answer, must name them; and it is
    // never lifted with nobody named as saying so (Enter at "who says so?" closes nothing).
    // The answer itself must name a clinician ("Dr Lee", "the nurse"): the caregiver's own
    // name, "me", "google" never lift one, nor words that name the web ("dr google", F8).
    let who = line.trimmingCharacters(in: .whitespaces)
    guard !who.isEmpty, namesCareTeam(line), !namesNoClinician(words + " " + line) else {
      phase = .idle
      let name = receiver?.name ?? ""
      let out = redFlagsIn(line) + notLiftedLines(ids, name, who: who)
      return out + (resume == nil ? [idlePrompt()] : stopIntake())
    }
    let by = String(who.prefix(100))
    phase = .idle
    let out =
      removeConditions(ids, by: by, note: words.isEmpty ? nil : words)
      + [.say(t("seen.closed", ["by": .text(by)])), .say(t("check.coach"))]
    if let resume { return out + nextGroup(resume) }
    return out + [idlePrompt()]
  }
}
