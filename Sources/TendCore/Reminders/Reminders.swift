import Foundation

/// Water reminders across every receiver in a home, computed from the journals.
///
/// A reminder is due when a receiver's last water entry is a "later" whose `remindAt` has
/// passed. Nothing but the journal holds reminder state, so a reminder set in one window (or
/// before Tend was closed) shows in another. Finding the last water entry reads the journal
/// backwards from the end, so this is cheap enough for a shell prompt or cron.
public struct Reminders: Sendable {
  public let receivers: Receivers

  public init(receivers: Receivers) { self.receivers = receivers }

  /// A reminder to show now.
  public struct Due: Sendable, Equatable {
    public var profile: Profile
    public var dueAt: Timestamp
    public var message: Message
  }

  /// The reminders due at `now`, for every receiver or only `receiver` (an id).
  public func due(now: Date, receiver: String? = nil) throws -> [Due] {
    let profiles = try receivers.list().filter { receiver == nil || $0.id == receiver }
    return try profiles.compactMap { profile in
      guard let last = try lastWater(profile.id), WaterReminder.isDue(last, now: now),
        let at = last.remindAt
      else { return nil }
      return Due(profile: profile, dueAt: at, message: WaterReminder.reminder(for: profile))
    }
  }

  /// Records that a reminder was shown, so it is not shown again.
  public func markShown(_ due: Due, at: Timestamp) throws {
    try receivers.journal(due.profile.id).append(
      JournalEntry(at: at, .water(Water(.reminderShown))))
  }

  /// Records a water answer for a receiver (scheduling a reminder for "later") and returns the
  /// entry written, plus any torn line that was set aside first.
  @discardableResult
  public func record(
    _ answer: Water.Answer, for profile: Profile, at: Timestamp, amountML: Int? = nil,
    minutes: Int? = nil,
    by: String? = nil, note: String? = nil
  ) throws -> (entry: JournalEntry, setAside: JournalError?) {
    let entry = WaterReminder.entry(
      answer, profile: profile, at: at, amountML: amountML, minutes: minutes, by: by, note: note,
      previous: try lastWater(profile.id))
    let torn = try receivers.journal(profile.id).append(entry)
    return (entry, torn)
  }

  /// The receiver's last water entry.
  public func lastWater(_ id: String) throws -> Water? {
    guard
      case .water(let water)? = try receivers.reader(id).lastEntry(
        containing: "\"type\":\"water\"")?.body
    else { return nil }
    return water
  }
}
