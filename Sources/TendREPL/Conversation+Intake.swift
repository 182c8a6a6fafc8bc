import Foundation
import TendCore

/// The short intake: one question per group of precaution rules (red flags first, then
/// medicines, devices, surgery, skin, bones, other), a follow-up for where and when, and the care
/// team's fluid limit. Numbers pick rules exactly; free words go through the recognizer and are
/// confirmed first.
struct Intake: Sendable, Equatable {
  /// Rule categories per question, in the order asked.
  static let groups: [(name: String, categories: [String])] = [
    ("redFlags", ["red-flag"]), ("medicines", ["medicine"]), ("devices", ["device"]),
    ("surgery", ["surgery"]), ("skin", ["skin"]), ("bones", ["bones"]),
    ("other", ["cancer", "whole-body", "other"]),
  ]

  enum Asking: Sendable, Equatable {
    case group
    case site(String)
    case days(Condition)
    case fluid
    /// A limit read from an answer with words Tend did not use: saved only after a yes.
    case fluidConfirm(Int)
  }

  var group = 0
  var asking = Asking.group
  /// Rule ids picked by number, still to ask where or when about.
  var pending: [String] = []
}

extension Conversation {
  func rules(inGroup index: Int) -> [PrecautionRule] {
    let categories = Intake.groups[index].categories
    return context.catalog.rules.filter { categories.contains($0.category) }
  }

  mutating func startIntake() -> [Action] {
    [.say(t("intake.intro"))] + ask(Intake())
  }

  mutating func ask(_ intake: Intake) -> [Action] {
    phase = .intake(intake)
    switch intake.asking {
    case .group:
      var out: [Action] = [.say(t("intake.group.\(Intake.groups[intake.group].name)"))]
      for (i, rule) in rules(inGroup: intake.group).enumerated() {
        out.append(.say("  \(i + 1). " + t("rule.\(rule.id).name")))
      }
      // How to answer is said once, with the first group; the prompt says it short after that.
      if intake.group == 0 { out.append(.say(t("intake.howToAnswer"))) }
      return out + [prompt("intake.prompt")]
    case .site(let id):
      return [
        .say(t("intake.where", ["rule": .key("rule.\(id).name")])), prompt("intake.wherePrompt"),
      ]
    case .days(let c):
      return [
        .say(t("intake.when", ["rule": .key("rule.\(c.id).name")])), prompt("intake.whenPrompt"),
      ]
    case .fluid:
      return [.say(t("intake.fluid")), prompt("intake.fluidPrompt")]
    case .fluidConfirm:
      return [prompt("chat.yesNoPrompt")]
    }
  }

  mutating func answerIntake(_ intake: Intake, _ line: String) -> [Action] {
    var intake = intake
    // At the fixed prompts (where, when, the fluid limit) warning signs are read first.
    if intake.asking != .group, line.contains(where: \.isLetter),
      let warning = warningAtIntake(line)
    {
      return warning
    }
    switch intake.asking {
    case .group:
      if meansNone(line) { return askSeenAtIntake(intake) ?? nextGroup(intake) }
      let numbers = line.split(whereSeparator: { $0 == " " || $0 == "," }).map { Int($0) }
      let choices = rules(inGroup: intake.group)
      if !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) {
        let picked = numbers.compactMap { $0 }
        guard picked.allSatisfy({ choices.indices.contains($0 - 1) }) else {
          return [.say(t("intake.badNumber", ["count": .number(choices.count)]))]
        }
        intake.pending = picked.map { choices[$0 - 1].id }
        // A red flag's instruction comes the moment it is picked, before where or when.
        return redFlagActions(intake.pending) + followUp(intake)
      }
      if yesNo(line) == true { return [.say(t("intake.whichOnes"))] }
      return understandText(line, resume: .intake(intake))
    case .site(let id):
      var condition = Condition(id: id)
      if !line.isEmpty, !t.list("chat.notSureWords").contains(line.lowercased()) {
        // "left calf", "his right one", or a bare side ("right": the rule's own place).
        let side = SiteWords.side(in: line, localizer: t, vocabulary: true)
        let own = context.catalog.rule(id)?.defaultSite
        guard
          let region = SiteWords.region(in: line, localizer: t, vocabulary: true)
            ?? own.flatMap({ site in side.map { BodyRegion(site, side: $0) } })
        else {
          return [.say(t("intake.siteUnknown"))]
        }
        condition = Condition(id: id, site: region.site, side: region.side)
      }
      return afterSite(condition, intake)
    case .days(let c):
      var condition = c
      if !line.isEmpty, !t.list("chat.notSureWords").contains(line.lowercased()) {
        let days =
          context.daysAgo?(line, now) ?? Int(line.trimmingCharacters(in: .whitespaces))
        guard let days, (0...36_500).contains(days) else {
          return [.say(t("intake.daysUnknown"))]
        }
        condition.daysSince = days
      }
      intake.asking = .group
      let out = addConditions([condition])
      if context.catalog.rule(condition.id)?.isRedFlag == true { return out + stopIntake() }
      return out + followUp(intake)
    case .fluid:
      if line.isEmpty || yesNo(line) == false
        || t.list("chat.notSureWords").contains(line.lowercased())
      {
        return finishIntake()
      }
      let answer = FluidAnswer(line, plainWords: Set(t.list("intake.fluidWords")))
      guard let ml = answer.ml, (100...10_000).contains(ml) else {
        return [.say(t("intake.fluidNumber"))]
      }
      // Words Tend does not use ("but only on weekdays") are said back, and the one limit it
      // keeps is saved only after a yes (stranger 5, F27).
      if !answer.unused.isEmpty {
        intake.asking = .fluidConfirm(ml)
        phase = .intake(intake)
        return [
          .say(
            t(
              "intake.fluidKept",
              ["ml": .number(ml), "words": .text(t.quote(answer.unused.joined(separator: " ")))])),
          prompt("chat.yesNoPrompt"),
        ]
      }
      return saveFluidLimit(ml)
    case .fluidConfirm(let ml):
      guard let yes = yesNo(line) else { return [.say(t("chat.yesOrNo"))] }
      guard yes else {
        intake.asking = .fluid
        return [.say(t("intake.fluidAgain"))] + ask(intake)
      }
      return saveFluidLimit(ml)
    }
  }

  /// Saves the care team's daily fluid limit, then ends the intake.
  private mutating func saveFluidLimit(_ ml: Int) -> [Action] {
    guard let id = currentID else { return finishIntake() }
    do {
      try store.setFluidLimit(ml, for: id)
    } catch {
      return [.say(t("chat.notSaved", ["problem": .text(problemText(error))]))] + finishIntake()
    }
    return [.say(t("intake.fluidSaved", ["ml": .number(ml)]))] + finishIntake()
  }

  private mutating func afterSite(_ condition: Condition, _ intake: Intake) -> [Action] {
    var intake = intake
    if context.catalog.rule(condition.id)?.activeDays != nil {
      intake.asking = .days(condition)
      return ask(intake)
    }
    intake.asking = .group
    let out = addConditions([condition])
    if context.catalog.rule(condition.id)?.isRedFlag == true { return out + stopIntake() }
    return out + followUp(intake)
  }

  /// Asks where (and when) about the next picked rule, or moves to the next group.
  mutating func followUp(_ intake: Intake) -> [Action] {
    var intake = intake
    guard !intake.pending.isEmpty else { return nextGroup(intake) }
    let id = intake.pending.removeFirst()
    guard let rule = context.catalog.rule(id) else { return followUp(intake) }
    if rule.site != .none {
      intake.asking = .site(id)
      return ask(intake)
    }
    return afterSite(Condition(id: id), intake)
  }

  mutating func nextGroup(_ intake: Intake) -> [Action] {
    var intake = intake
    intake.asking = .group
    intake.pending = []
    if intake.group + 1 < Intake.groups.count {
      intake.group += 1
      return ask(intake)
    }
    intake.asking = .fluid
    return ask(intake)
  }

  mutating func finishIntake() -> [Action] {
    phase = .idle
    markIntake(unfinished: false)
    var out: [Action] = [.say(t("intake.done"))]
    // A new person: now that the questions are done, who is giving the massage.
    if giver == nil, case .success(let profile) = readCurrent() {
      out += greetGiver(profile)
      if phase == .askingGiver { return out }
    }
    return out + [idlePrompt()]
  }

  mutating func stopIntake() -> [Action] {
    phase = .idle
    return [.say(t("intake.stoppedSeen")), idlePrompt()]
  }

  /// Free text: a red flag's instruction first, then what was understood, then whether to
  /// save it, in plain words. Nothing changes before the caregiver says yes.
  mutating func understandText(_ line: String, resume: Resume) -> [Action] {
    // Words that change nothing: `tell` is a command that worked, so it says what `tend check
    // --text` says (outside tester, round 7, F6), never "I did not understand that".
    let nothing =
      switch resume {
      case .intake: "intake.numbersPlease"
      case .today: "today.notUnderstood"
      case .idle: "recognize.nothing"
      }
    guard let found = understood(line) else { return [.say(t(nothing))] }
    let current = readCurrent()
    let stored = current.map { $0.conditions.map(\.id) }
    let unsaved = Set((currentID.flatMap { unsavedRedFlags[$0] } ?? []).map(\.id))
    let kept = Set((currentID.map(keptForToday) ?? []).map(\.id))
    let said = found.removed.filter {
      (try? stored.get())?.contains($0) == true || unsaved.contains($0) || kept.contains($0)
    }
    // "She doesn't have chest pain anymore" never lifts a red flag: only the care team can.
    let held = heldByCareTeam(said)
    let removable = said.filter { !held.contains($0) }
    // Only what the words name goes: one side of several, never the whole of what a part of
    // it ended ("the stitches came out" is not the operation over).
    let removal = removalPlan(
      removable, line: line, stored: (try? current.get())?.conditions ?? [])
    var understood = Understanding(
      conditions: found.conditions, removed: removal.byID, notes: removal.shown(found.notes, t),
      unknownTerms: found.unknownTerms, said: recorded(line))
    understood.removedPlaces = removal.places
    guard
      !understood.conditions.isEmpty || !understood.removed.isEmpty
        || !understood.removedPlaces.isEmpty
    else {
      if !held.isEmpty || !removal.lines.isEmpty {
        phase = .idle
        return removal.shown(found.notes, t).map(Action.say) + heldLines(held) + removal.lines
          + [idlePrompt()]
      }
      // As at check: the finding first, then what was read and left out ("Not counted,
      // because you said it is not there: …").
      if resume == .idle { return [.say(t(nothing))] + found.notes.map(Action.say) }
      return found.notes.map(Action.say) + [.say(t(nothing))]
    }
    let flags = redFlags(understood.conditions.map(\.id))
    // No red flag alone, but one with what is stored (a fever during chemotherapy): said now.
    let escalated = flags.isEmpty ? escalationIn(understood.conditions) : []
    var out = redFlagActions(flags) + escalated
    if case .failure(let problem) = stored {
      // The instruction stands; nothing can be saved over a file that cannot be read.
      phase = .idle
      return out + problem.actions + [idlePrompt()]
    }
    phase = .confirmingConditions(understood, resume: resume)
    out.append(.say(t("check.understood")))
    for c in understood.conditions {
      out.append(
        .say(
          "  + " + t("rule.\(c.id).name") + whereText(c)
            + (c.matched.map { t.aside(t.quote($0)) } ?? "")))
    }
    let storedNow = (try? current.get())?.conditions ?? []
    for id in understood.removed {
      // Stored at one place: the show-back names it ("(right arm)").
      let here = storedNow.filter { $0.id == id }
      let place = here.count == 1 ? placeText(here[0]) : ""
      out.append(.say("  - " + t("rule.\(id).name") + place + " " + t("chat.gone")))
    }
    for c in understood.removedPlaces {
      out.append(.say("  - " + t("rule.\(c.id).name") + placeText(c) + " " + t("chat.gone")))
    }
    out += removal.lines
    out += understood.notes.map(Action.say)
    out += heldLines(held)
    let name = Message.Argument.text(receiver?.name ?? "")
    let ask = flags.isEmpty && escalated.isEmpty ? "chat.confirmSave" : "chat.confirmSaveRedFlag"
    return out + [.say(t(ask, ["name": name])), prompt("chat.yesNoPrompt")]
  }

  mutating func confirmConditions(_ understood: Understanding, resume: Resume, _ line: String)
    -> [Action]
  {
    guard let yes = yesNo(line) else {
      // Not a yes or no: read for warning signs first (what was understood is kept for today
      // when they stop everything).
      var heard = offScript(line, again: [.say(t("chat.yesOrNo"))])
      guard phase == .idle else { return heard }
      let last = heard.popLast()
      return heard + notSaved(understood, logWords: true) + [last].compactMap { $0 }
    }
    let flags = redFlags(understood.conditions.map(\.id))
    var out: [Action] = []
    if yes {
      out += removeConditions(understood.removed)
      out += removePlaces(understood.removedPlaces)
      out += addConditions(understood.conditions, words: understood.said)
    } else {
      out += notSaved(understood, logWords: true)
    }
    switch resume {
    case .intake(let intake):
      if !flags.isEmpty { return out + stopIntake() }
      // The same list again, saying why and how to go on (outside tester, round 7, F11).
      var again = ask(intake)
      if intake.asking == .group, let last = again.popLast() {
        // Said instead of the first group's how-to-answer line, not after it.
        again.removeAll { $0 == .say(t("intake.howToAnswer")) }
        again += [.say(t("intake.groupAgain")), last]
      }
      return out + again
    case .today(let routineID):
      if !flags.isEmpty {
        phase = .idle
        return out + [idlePrompt()]
      }
      if !yes {
        phase = .todayCheck(routineID)
        return out + [.say(t("today.again")), prompt("today.prompt")]
      }
      return out + startFresh(routineID)
    case .idle:
      phase = .idle
      return out + [idlePrompt()]
    }
  }

  /// "No" to saving: nothing goes into the profile, but nothing said about today is dropped.
  /// A red flag stands for the conversation (and, from the journal, after a restart); anything
  /// else is kept for today, so it still decides today's plan and the check before a session.
  /// The words go in the journal as how the person is.
  mutating func notSaved(_ understood: Understanding, logWords: Bool) -> [Action] {
    guard let id = currentID else { return [.say(t("chat.nothingChanged"))] }
    let flags = redFlags(understood.conditions.map(\.id))
    let told = understood.conditions.filter { flags.contains($0.id) }
    let standing = Set((unsavedRedFlags[id] ?? []).map(\.id))
    unsavedRedFlags[id, default: []] += told.filter { !standing.contains($0.id) }
    let others = understood.conditions.filter { !flags.contains($0.id) }
    keepForToday(others, receiverID: id)
    var out: [Action] = []
    // Escalated with the profile (a fever during chemotherapy): it stands as a red flag does.
    let escalated = understood.conditions.contains { c in
      (unsavedRedFlags[id] ?? []).contains { $0.id == c.id }
    }
    if !flags.isEmpty || escalated {
      out.append(.say(t("chat.notSavedRedFlag")))
    } else if others.isEmpty {
      out.append(.say(t("chat.nothingChanged")))
    }
    if !others.isEmpty {
      let rules = t.list(others.map { t("rule.\($0.id).name") + whereText($0) })
      out.append(
        .say(
          t("chat.keptForToday", ["name": .text(receiver?.name ?? ""), "rules": .text(rules)])))
    }
    guard logWords, !understood.conditions.isEmpty else { return out }
    // Said, not saved: the words go in the journal, so a red flag still stands after a restart
    // (`restoreRedFlags`) and the summary shows what was said.
    let words =
      understood.said.isEmpty
      ? understood.conditions.compactMap(\.matched).joined(separator: ", ") : understood.said
    if !words.isEmpty {
      out.append(.log(.feeling(ratings: nil, text: words, by: loggedBy), receiverID: id))
    }
    return out
  }

  /// A red flag typed at one of the intake's fixed prompts (where, when, the fluid limit): its
  /// call, the words in the journal, and the questions stopped. Nil when there is none.
  mutating func warningAtIntake(_ line: String) -> [Action]? {
    let flags = redFlagsIn(line)
    guard !flags.isEmpty else { return nil }
    return stopForWords(recorded(line), flags).dropLast() + stopIntake()
  }
}
