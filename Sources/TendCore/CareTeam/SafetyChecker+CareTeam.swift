import Foundation

extension SafetyChecker {
  /// The full check with what the care team said merged in (`CareTeam.apply`): their limits as
  /// one more rule (the strictest still wins), and "ask the care team first" answered for the
  /// rules an answer in force names. Never less strict than `check(_:routineID:)`.
  /// With `routineID`, the preparation is made from the merged restrictions, so it never says
  /// what the care team's limits rule out. Routines are planned once, under the merged limits.
  public func check(
    _ conditions: [Condition], careTeam: CareTeam, on date: Date, routineID: String? = nil,
    allergies: [String] = []
  ) throws(CheckError) -> Result {
    guard !careTeam.isEmpty else {
      return try check(conditions, routineID: routineID, allergies: allergies)
    }
    let routines = try self.routines(routineID)
    // The care team's own no, answered by their yes recorded for it, no longer stands.
    let lifted = careTeam.lifted(conditions, on: date)
    let (base, checked, fired) = try restrictions(
      for: conditions.filter { !lifted.contains($0) })
    let active = checked.filter(\.active).map(\.condition)
    let (r, applied) = careTeam.apply(
      to: base, rulesInForce: Set((active + lifted).map(\.id)), on: date, catalog: catalog,
      started: Self.started(active + lifted, on: date))
    var messages = messages(r, checked, fired)
    messages.insert(contentsOf: applied.messages, at: max(0, messages.count - 1))
    return result(
      r, checked, fired, messages, routines, routineID: routineID, allergies: allergies)
  }

  /// The restrictions of a profile with the care team merged in, without plans.
  public func restrictions(
    for conditions: [Condition], careTeam: CareTeam, on date: Date
  ) throws(CheckError) -> Restrictions {
    let lifted = careTeam.lifted(conditions, on: date)
    let (base, checked, _) = try restrictions(for: conditions.filter { !lifted.contains($0) })
    let active = checked.filter(\.active).map(\.condition)
    return careTeam.apply(
      to: base, rulesInForce: Set((active + lifted).map(\.id)), on: date, catalog: catalog,
      started: Self.started(active + lifted, on: date)
    ).0
  }

  /// The day each condition began (`date` minus `daysSince`, when known; the latest of two).
  static func started(_ conditions: [Condition], on date: Date) -> [String: Date] {
    var out: [String: Date] = [:]
    for condition in conditions {
      guard let days = condition.daysSince else { continue }
      let start = date.addingTimeInterval(-Double(days) * 86_400)
      out[condition.id] = max(out[condition.id] ?? start, start)
    }
    return out
  }
}
