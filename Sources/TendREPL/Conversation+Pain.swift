import Foundation
import TendCore

/// A severe pain rating before the session (`SeverePain`): Tend says to keep to the gentlest
/// touch, so the plan is made again under that rule, through the same effects the planner
/// applies for any precaution (pressure 1, no squeezing or tapping, no joint movement), and the
/// preparation with it. The steps then shown and spoken, their pressure and the preparation all
/// follow what was said. When nothing of the routine is gentle enough, nothing starts.
extension Conversation {
  /// `routine` planned from `profile` as read now, under the care team's limits and `extra`
  /// merged in (the strictest wins), with those restrictions; nil when the check cannot run.
  func plan(_ routine: Routine, _ profile: Profile, extra: Restrictions) -> (Plan, Restrictions)? {
    let checker = SafetyChecker(catalog: context.catalog)
    guard
      let r = try? checker.restrictions(
        for: inForce(profile), careTeam: profile.careTeam, on: now)
    else { return nil }
    let merged = r.merged(with: extra)
    return (Planner.plan(routine, under: merged), merged)
  }

  /// After the ratings before, when the pain is severe: the plan and preparation made again
  /// under `SeverePain`, said in one line with the severe pain; or, when nothing gentle enough
  /// is left, the session dropped.
  mutating func gentlerForPain(_ pain: Int) -> [Action] {
    guard var draft = session else { return [idlePrompt()] }
    let score: [String: Message.Argument] = ["score": .number(pain)]
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem):
      session = nil
      phase = .idle
      return problem.actions + [idlePrompt()]
    }
    guard let (plan, _) = plan(draft.plan.routine, profile, extra: SeverePain.restrictions),
      plan.verdict != .excluded
    else {
      session = nil
      phase = .idle
      var args = score
      args["title"] = .key(draft.plan.routine.titleKey)
      return [.say(t("rating.pain.severeNothingLeft", args)), idlePrompt()]
    }
    draft.plan = plan
    draft.guide = Guide(plan: plan)
    draft.painLimits = true
    draft.preparation = preparation(for: plan, profile, extra: SeverePain.restrictions)
    session = draft
    var out: [Action] = [.say(t("rating.pain.severeBefore", score))]
    let changed = plan.steps.filter { $0.action != .keep }.count
    if changed > 0 { out.append(.say(t("guide.changed", ["count": .number(changed)]))) }
    return out + readyWithPreparation()
  }
}
