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
      let drunk = WaterReminder.hasFluidLimit(profile) ? try? drunkToday(profile.id, now: now) : nil
      return Due(
        profile: profile, dueAt: at,
        message: WaterReminder.reminder(for: profile, drunkToday: drunk))
    }
  }

  /// The mL of drinks logged as given on `now`'s local day (the journal, read now). Only water
  /// lines are decoded.
  public func drunkToday(_ id: String, now: Date, calendar: Calendar = .current) throws -> Int {
    let start = calendar.startOfDay(for: now)
    let end = calendar.date(byAdding: .day, value: 1, to: start) ?? .distantFuture
    let needle = Array("\"water\"".utf8)
    var total = 0
    try receivers.reader(id).forEach(accept: { Self.contains($0, needle) }) { item in
      guard case .entry(let entry, _) = item, case .water(let water) = entry.body,
        water.answer == .given, let ml = water.amountML, entry.at.date >= start,
        entry.at.date < end
      else { return }
      total += ml
    }
    return total
  }

  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard bytes.count >= needle.count, let first = needle.first else { return false }
    var i = 0
    while i <= bytes.count - needle.count {
      if bytes[i] == first {
        var j = 1
        while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
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
    let reached =
      answer == .later && WaterReminder.hasFluidLimit(profile)
      && WaterReminder.limitReached(profile, drunkToday: try? drunkToday(profile.id, now: at.date))
    let entry = WaterReminder.entry(
      answer, profile: profile, at: at, amountML: amountML, minutes: minutes, by: by, note: note,
      previous: try lastWater(profile.id), limitReached: reached)
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
