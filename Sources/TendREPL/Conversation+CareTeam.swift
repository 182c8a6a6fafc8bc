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
    guard let heard = CareTeamWords.hear(line, localizer: t) else { return nil }
    guard let id = currentID, let profile = try? store.profile(id) else { return askWho() }
    guard
      let result = try? SafetyChecker(catalog: context.catalog).check(
        inForce(profile), careTeam: profile.careTeam, on: now)
    else { return [.say(t("chat.careteam.nothingToAnswer", ["name": .text(profile.name)]))] }
    let waiting = result.restrictions.clearance.filter {
      context.catalog.rule($0).map(CareTeam.canAnswer) ?? false
    }
    guard !waiting.isEmpty else {
      return [
        .say(t("chat.careteam.nothingToAnswer", ["name": .text(profile.name)])), idlePrompt(),
      ]
    }
    let given = CalendarDay.format(now)
    let until = CalendarDay.format(now.addingTimeInterval(Double(Clearance.defaultDays) * 86_400))
    let clearance = Clearance(
      id: "", from: heard.from, rules: waiting.sorted(), limits: heard.limits, given: given,
      until: until, note: line, addedBy: nil)
    phase = .confirmingCareTeam(.clearance(clearance))
    return [
      .say(
        t("chat.careteam.heard", ["line": .text(CareTeamText(localizer: t).clearance(clearance))])),
      prompt("chat.careteam.confirm"),
    ]
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
    guard let yes = yesNo(line) else { return [.say(t("chat.yesOrNo"))] }
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
