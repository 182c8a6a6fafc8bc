import Foundation

extension Receivers {
  /// Records the care team's answer for a person: one locked read-modify-write of the profile
  /// (a fresh id `c1`, `c2`...), then a `careteam` journal line.
  /// - Returns: the clearance as saved (with its id).
  @discardableResult
  public func addClearance(_ clearance: Clearance, to id: String, at: Timestamp) throws
    -> Clearance
  {
    // The journal first: a link or unwritable journal is refused before the profile changes,
    // so "nothing was changed" is true.
    let journal = try journal(id)
    let saved: Clearance = try update(id) { profile in
      var list = profile.clearances ?? []
      var n = list.count + 1
      while list.contains(where: { $0.id == "c\(n)" }) { n += 1 }
      var new = clearance
      new.id = "c\(n)"
      list.append(new)
      profile.clearances = list
      return new
    }
    try journal.append(
      JournalEntry(at: at, .careTeam(CareTeamChange(.added, clearance: saved, by: saved.addedBy))))
    return saved
  }

  /// Imports advice for a person (the same file twice replaces the first), then journals it.
  /// - Returns: whether it was new (`.added`) or replaced one with the same id (`.updated`).
  @discardableResult
  public func addAdvice(_ advice: CareAdvice, to id: String, at: Timestamp) throws
    -> ConditionChange.Change
  {
    let journal = try journal(id)
    let change: ConditionChange.Change = try update(id) { profile in
      var list = profile.advice ?? []
      defer { profile.advice = list }
      if let i = list.firstIndex(where: { $0.id == advice.id }) {
        list[i] = advice
        return .updated
      }
      list.append(advice)
      return .added
    }
    try journal.append(
      JournalEntry(at: at, .careTeam(CareTeamChange(change, advice: advice, by: advice.importedBy)))
    )
    return change
  }

  /// Removes the clearance or advice with this id and journals the removal.
  /// - Throws: `ReceiverError.noSuchCondition` naming the ids there are, when none matches.
  @discardableResult
  public func removeCareTeam(_ recordID: String, from id: String, by: String?, at: Timestamp)
    throws -> CareTeamChange
  {
    let journal = try journal(id)
    let removed: CareTeamChange = try update(id) { profile in
      if let c = profile.clearances?.first(where: { $0.id == recordID }) {
        profile.clearances?.removeAll { $0.id == recordID }
        if profile.clearances?.isEmpty == true { profile.clearances = nil }
        return CareTeamChange(.removed, clearance: c, by: by)
      }
      if let a = profile.advice?.first(where: { $0.id == recordID }) {
        profile.advice?.removeAll { $0.id == recordID }
        if profile.advice?.isEmpty == true { profile.advice = nil }
        return CareTeamChange(.removed, advice: a, by: by)
      }
      throw ReceiverError.noSuchCondition(
        receiver: profile.name, spec: recordID,
        present: (profile.clearances ?? []).map(\.id) + (profile.advice ?? []).map(\.id))
    }
    try journal.append(JournalEntry(at: at, .careTeam(removed)))
    return removed
  }
}
