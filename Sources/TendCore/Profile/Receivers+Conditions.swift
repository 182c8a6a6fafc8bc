import Foundation

extension Receivers {
  /// Adds a condition to a receiver's profile, or updates the one with the same id and place,
  /// and records the change in the journal (`type: condition`).
  /// - Returns: whether it was added or updated.
  @discardableResult
  public func addCondition(_ condition: ProfileCondition, to id: String, at: Timestamp) throws
    -> ConditionChange.Change
  {
    let change: ConditionChange.Change = try update(id) { profile in
      if let i = profile.conditions.firstIndex(where: { Self.samePlace($0, condition) }) {
        profile.conditions[i] = condition
        return .updated
      }
      profile.conditions.append(condition)
      return .added
    }
    try journal(id).append(
      JournalEntry(at: at, .condition(ConditionChange(change, condition, by: condition.addedBy))))
    return change
  }

  /// Removes the conditions with this id (and, when given, this site and side) and records each
  /// removal in the journal.
  /// - Throws: `ReceiverError.noSuchCondition` when none matches.
  @discardableResult
  public func removeCondition(
    id conditionID: String, site: BodySite?, side: Side?, from id: String, by: String?,
    at: Timestamp
  ) throws -> [ProfileCondition] {
    let removed: [ProfileCondition] = try update(id) { profile in
      let matches = profile.conditions.filter {
        $0.id == conditionID && (site == nil || ($0.site == site && $0.side == side))
      }
      guard !matches.isEmpty else {
        let spec = ConditionSpec.format(Condition(id: conditionID, site: site, side: side))
        throw ReceiverError.noSuchCondition(
          receiver: profile.name, spec: spec,
          present: profile.conditions.map {
            ConditionSpec.format(Condition(id: $0.id, site: $0.site, side: $0.side))
          })
      }
      profile.conditions.removeAll { item in matches.contains(item) }
      return matches
    }
    let journal = try journal(id)
    for condition in removed {
      try journal.append(
        JournalEntry(at: at, .condition(ConditionChange(.removed, condition, by: by))))
    }
    return removed
  }

  static func samePlace(_ a: ProfileCondition, _ b: ProfileCondition) -> Bool {
    a.id == b.id && a.site == b.site && a.side == b.side
  }
}
