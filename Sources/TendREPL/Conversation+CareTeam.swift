import Foundation
import TendCore

/// The care team's answer and advice, in the conversation: "the nurse said it's fine, gentle
/// only" is shown back as the clearance it would record (for which rules, until when, with
/// which limits) and saved only on yes; "advice FILE" reads a clinician's file, shows it in
/// plain words, and follows it only on yes. Neither ever lifts a red flag, a postpone, or words
/// Tend did not understand (`CareTeam.canAnswer`), and their limits only add.
extension Conversation {
  /// What is waiting for a yes.
  enum CareTeamDraft: Sendable, Equatable {
    case clearance(Clearance)
    case advice(CareAdvice)
  }

  /// The care team's answer or an advice import in `line`, or nil when it is neither.
  mutating func careTeamSentence(_ line: String) -> [Action]? {
    if let parsed = words.parse(CommandLineWords.split(line)), parsed.id == "advice" {
      return importAdvice(parsed.arguments.joined(separator: " "))
    }
    guard let answer = CareTeamWords.answer(line, localizer: t) else { return nil }
    let heard: CareTeamWords.Heard
    switch answer {
    case .yes(let h): heard = h
    case .refusal: return [.say(t("chat.careteam.refusal")), idlePrompt()]
    case .notSure: return [.say(t("chat.careteam.notSure")), idlePrompt()]
    case .notCareTeam(let from):
      return [.say(t("chat.careteam.notCareTeam", ["from": .text(from)])), idlePrompt()]
    case .family(let word):
      return [.say(t("chat.careteam.family", ["word": .text(word)])), idlePrompt()]
    }
    guard let id = currentID, let profile = try? store.profile(id) else { return askWho() }
    guard
      let result = try? SafetyChecker(catalog: context.catalog).check(
        inForce(profile), careTeam: profile.careTeam, on: now)
    else { return [.say(t("chat.careteam.nothingToAnswer", ["name": .text(profile.name)]))] }
    // The care team's own no is lifted only by their yes recorded for it by name, never by
    // words typed here (safety round 9, F14): said so, and never offered to save.
    let saidNo = inForce(profile).filter { CareTeam.liftedByRecordedAnswer.contains($0.id) }
    let standingNo = saidNo.filter { !profile.careTeam.lifted([$0], on: now).contains($0) }
    let waiting = result.restrictions.clearance.filter {
      !CareTeam.liftedByRecordedAnswer.contains($0)
        && (context.catalog.rule($0).map(CareTeam.canAnswer) ?? false)
    }.sorted()
    var noLine: [Action] = []
    if !standingNo.isEmpty {
      let command =
        "tend receivers clearance add \(Self.shellWord(profile.name)) --from "
        + "\(Self.shellWord(t("chat.careteam.saidNo.from"))) --for care-team-said-no"
      noLine = [
        .say(t("chat.careteam.saidNo", ["name": .text(profile.name), "command": .text(command)]))
      ]
      if waiting.isEmpty { return noLine + [idlePrompt()] }
    }
    guard !waiting.isEmpty else {
      return [
        .say(t("chat.careteam.nothingToAnswer", ["name": .text(profile.name)])), idlePrompt(),
      ]
    }
    let given = CalendarDay.format(now)
    let until = CalendarDay.format(now.addingTimeInterval(Double(Clearance.defaultDays) * 86_400))
    let clearance = Clearance(
      id: "", from: heard.from, rules: waiting, limits: heard.limits, given: given,
      until: until, note: line, addedBy: nil)
    guard waiting.count == 1 else {
      // Several rules wait: the answer is for the ones the caregiver names, never all silently.
      phase = .choosingCareTeamRules(clearance)
      let list = waiting.enumerated().map { i, rule in
        "  \(i + 1). " + t("rule.\(rule).name")
      }
      return noLine + [.say(t("chat.careteam.which"))] + list.map { .say($0) } + [
        prompt("chat.careteam.whichPrompt")
      ]
    }
    return noLine + showClearance(clearance)
  }

  /// A word as a shell reads it: as is when plain, else in single quotes.
  static func shellWord(_ word: String) -> String {
    let plain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.@"))
    if !word.isEmpty, word.unicodeScalars.allSatisfy(plain.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  mutating func showClearance(_ clearance: Clearance) -> [Action] {
    phase = .confirmingCareTeam(.clearance(clearance))
    return [
      .say(
        t("chat.careteam.heard", ["line": .text(CareTeamText(localizer: t).clearance(clearance))])),
      prompt("chat.careteam.confirm"),
    ]
  }

  /// "1 3" (or "all") for the waiting rules the answer is for; anything else saves nothing.
  mutating func chooseCareTeamRules(_ draft: Clearance, _ line: String) -> [Action] {
    let words = line.lowercased().components(separatedBy: CharacterSet(charactersIn: " ,;"))
      .filter { !$0.isEmpty }
    let all = (["all"] + t.list("chat.careteam.allWords")).map { $0.lowercased() }
    var chosen: [String] = []
    if all.contains(words.joined(separator: " ")) {
      chosen = draft.rules
    } else {
      for word in words {
        guard let n = Int(word), (1...draft.rules.count).contains(n) else {
          phase = .idle
          return [.say(t("chat.nothingChanged")), idlePrompt()]
        }
        if !chosen.contains(draft.rules[n - 1]) { chosen.append(draft.rules[n - 1]) }
      }
    }
    guard !chosen.isEmpty else {
      phase = .idle
      return [.say(t("chat.nothingChanged")), idlePrompt()]
    }
    var clearance = draft
    clearance.rules = chosen.sorted()
    return showClearance(clearance)
  }

  mutating func importAdvice(_ path: String) -> [Action] {
    guard !path.isEmpty else { return [.say(t("chat.careteam.adviceWhich")), idlePrompt()] }
    guard let id = currentID, let profile = try? store.profile(id) else { return askWho() }
    guard let careStore = store as? any CareTeamStore else {
      return [.say(t("chat.careteam.cannotSave")), idlePrompt()]
    }
    let advice: CareAdvice
    do {
      advice = try careStore.readAdvice(path, today: now)
    } catch let problem as AdviceFile.Problem {
      return [.say(t.render(problem.message)), idlePrompt()]
    } catch {
      return [.say(t("chat.notSaved", ["problem": .text(problemText(error))])), idlePrompt()]
    }
    guard advice.receiver.lowercased() == profile.name.lowercased() else {
      let problem = AdviceFile.Problem.otherPerson(
        file: path, writtenFor: advice.receiver, receiver: profile.name)
      return [.say(t.render(problem.message)), idlePrompt()]
    }
    phase = .confirmingCareTeam(.advice(advice))
    return [
      .say(t("careteam.advice.read", ["file": .text(path), "name": .text(profile.name)])),
      .say("  " + CareTeamText(localizer: t).advice(advice)),
      prompt("careteam.advice.confirm"),
    ]
  }

  mutating func confirmCareTeam(_ draft: CareTeamDraft, _ line: String) -> [Action] {
    guard let yes = yesNo(line) else { return offScript(line, again: [.say(t("chat.yesOrNo"))]) }
    phase = .idle
    guard yes else { return [.say(t("chat.nothingChanged")), idlePrompt()] }
    guard let id = currentID, let careStore = store as? any CareTeamStore else {
      return [.say(t("chat.careteam.cannotSave")), idlePrompt()]
    }
    let name = receiver?.name ?? ""
    do {
      switch draft {
      case .clearance(let c):
        _ = try careStore.addClearance(c, to: id, at: now)
        return [.say(t("chat.careteam.saved", ["name": .text(name)])), idlePrompt()]
      case .advice(let a):
        try careStore.addAdvice(a, to: id, at: now)
        return [.say(t("careteam.advice.saved", ["name": .text(name)])), idlePrompt()]
      }
    } catch {
      return [.say(t("chat.notSaved", ["problem": .text(problemText(error))])), idlePrompt()]
    }
  }
}
