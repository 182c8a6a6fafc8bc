import Foundation

extension SafetyChecker {
  /// The full check with what the care team said merged in (`CareTeam.apply`): their limits as
  /// one more rule (the strictest still wins), and "ask the care team first" answered for the
  /// rules an answer in force names. Never less strict than `check(_:routineID:)`.
  public func check(
    _ conditions: [Condition], careTeam: CareTeam, on date: Date, routineID: String? = nil
  ) throws(CheckError) -> Result {
    let plain = try check(conditions, routineID: routineID)
    guard !careTeam.isEmpty else { return plain }
    let (r, applied) = restrictions(from: plain, careTeam: careTeam, on: date)
    var messages = messages(r, plain.conditions, plain.escalations)
    messages.insert(contentsOf: applied.messages, at: max(0, messages.count - 1))
    let routines = plain.plans.map(\.routine)
    return Result(
      restrictions: r, conditions: plain.conditions, escalations: plain.escalations,
      messages: messages, plans: Planner.plans(routines, under: r))
  }

  /// The restrictions of a profile with the care team merged in, without plans.
  public func restrictions(
    for conditions: [Condition], careTeam: CareTeam, on date: Date
  ) throws(CheckError) -> Restrictions {
    let (base, checked, _) = try restrictions(for: conditions)
    let active = Set(checked.filter(\.active).map(\.condition.id))
    return careTeam.apply(to: base, rulesInForce: active, on: date, catalog: catalog).0
  }

  private func restrictions(from plain: Result, careTeam: CareTeam, on date: Date)
    -> (Restrictions, CareTeam.Applied)
  {
    let active = Set(plain.conditions.filter(\.active).map(\.condition.id))
    return careTeam.apply(
      to: plain.restrictions, rulesInForce: active, on: date, catalog: catalog)
  }
}
