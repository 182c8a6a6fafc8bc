import Foundation

/// What Tend says and schedules about water after a session.
///
/// Water is offered as comfort (a drink after lying still is pleasant), never to "flush
/// toxins". When the receiver has a fluid limit (heart failure, dialysis), every message says to
/// follow the care team's limit, and a reminder is never repeated: once one has been shown, a
/// further "later" schedules nothing.
public enum WaterReminder {
  public static let defaultMinutes = 30
  /// The longest delay accepted for a reminder, in minutes (one day).
  public static let minutesRange = 1...1440

  /// The offer made after a session.
  public static func offer(for profile: Profile) -> Message {
    profile.fluidLimitML != nil
      ? Message(
        "reminders.offerLimit",
        ["name": .text(profile.name), "limit": .number(profile.fluidLimitML ?? 0)])
      : Message("reminders.offer", ["name": .text(profile.name)])
  }

  /// The line shown when a reminder is due.
  public static func reminder(for profile: Profile) -> Message {
    profile.fluidLimitML != nil
      ? Message(
        "reminders.dueLimit",
        ["name": .text(profile.name), "limit": .number(profile.fluidLimitML ?? 0)])
      : Message("reminders.due", ["name": .text(profile.name)])
  }

  /// The minutes to wait after "later": the flag, else the profile's setting, else 30.
  public static func minutes(flag: Int?, profile: Profile) -> Int {
    flag ?? profile.reminderMinutes ?? defaultMinutes
  }

  /// Builds the water entry for an answer. For `later` it sets `remindAt`, unless the receiver
  /// has a fluid limit and the previous water entry was a reminder already shown (no nagging).
  /// - Parameters:
  ///   - previous: the receiver's last water entry before this one, if any.
  public static func entry(
    _ answer: Water.Answer, profile: Profile, at now: Timestamp, amountML: Int? = nil,
    minutes: Int? = nil,
    by: String? = nil, note: String? = nil, previous: Water? = nil
  ) -> JournalEntry {
    var water = Water(answer, amountML: amountML, by: by, note: note)
    if answer == .later {
      let repeatNag = profile.fluidLimitML != nil && previous?.answer == .reminderShown
      if !repeatNag {
        let delay = TimeInterval(Self.minutes(flag: minutes, profile: profile) * 60)
        water.remindAt = Timestamp(
          now.date.addingTimeInterval(delay), offsetSeconds: now.offsetSeconds)
      }
    }
    return JournalEntry(at: now, .water(water))
  }

  /// Whether the last water entry is a reminder that is due at `now`.
  public static func isDue(_ last: Water?, now: Date) -> Bool {
    guard let last, last.answer == .later, let at = last.remindAt else { return false }
    return at.date <= now
  }
}
