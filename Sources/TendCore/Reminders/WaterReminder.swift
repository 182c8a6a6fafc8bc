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

  /// The offer made after a session: within the fluid limit, or none once today's drinks
  /// (`drunkToday`, mL) reach it.
  public static func offer(for profile: Profile, drunkToday: Int? = nil) -> Message {
    let name = Message.Argument.text(profile.name)
    if let limit = profile.fluidLimitML, let drunkToday, drunkToday >= limit {
      return Message(
        "reminders.offerReached",
        ["name": name, "ml": .number(drunkToday), "limit": .number(limit)])
    }
    if let limit = profile.fluidLimitML {
      return Message("reminders.offerLimit", ["name": name, "limit": .number(limit)])
    }
    if hasFluidLimit(profile) { return Message("reminders.dueLimitUnknown", ["name": name]) }
    return Message("reminders.offer", ["name": name])
  }

  /// What to say after a water answer is logged for someone on a fluid limit: today's logged
  /// drinks against the limit, over it (tell the care team), the limit reached, or that every
  /// drink counts when no amount was given. Empty when there is no fluid limit.
  public static func afterLogging(
    _ answer: Water.Answer, profile: Profile, amountML: Int?, drunkToday: Int?
  ) -> [Message] {
    guard hasFluidLimit(profile) else { return [] }
    guard let limit = profile.fluidLimitML else { return [Message("log.water.limitUnknown")] }
    var out: [Message] = []
    if answer == .given, amountML == nil { out.append(Message("log.water.noAmount")) }
    guard let drunkToday else { return out }
    let args: [String: Message.Argument] = ["ml": .number(drunkToday), "limit": .number(limit)]
    if answer == .given, amountML != nil {
      out.append(Message("log.water.today", args))
      if drunkToday > limit { out.append(Message("log.water.over")) }
    } else if drunkToday >= limit, answer != .declined {
      out.append(Message("log.water.limitReached", args))
    }
    return out
  }

  /// Whether the receiver is on a fluid limit: a number set by the care team, or heart failure
  /// (whose limit Tend may not know). Nothing then ever says to drink more.
  public static func hasFluidLimit(_ profile: Profile) -> Bool {
    profile.fluidLimitML != nil || profile.conditions.contains { $0.id == "heart-failure" }
  }

  /// Whether the drinks logged today (`drunkToday`, mL) reach the receiver's fluid limit.
  public static func limitReached(_ profile: Profile, drunkToday: Int?) -> Bool {
    guard let limit = profile.fluidLimitML, let drunkToday else { return false }
    return drunkToday >= limit
  }

  /// The line shown when a reminder is due. On a fluid limit it never says to drink more: it
  /// says to keep within the care team's limit and shows today's logged drinks against it
  /// (`drunkToday`, mL; nil when the journal could not be read), or that the limit is reached.
  public static func reminder(for profile: Profile, drunkToday: Int? = nil) -> Message {
    let name = Message.Argument.text(profile.name)
    guard hasFluidLimit(profile) else { return Message("reminders.due", ["name": name]) }
    guard let limit = profile.fluidLimitML else {
      return Message("reminders.dueLimitUnknown", ["name": name])
    }
    guard let drunkToday else {
      return Message("reminders.dueLimit", ["name": name, "limit": .number(limit)])
    }
    let args: [String: Message.Argument] = [
      "name": name, "ml": .number(drunkToday), "limit": .number(limit),
    ]
    return Message(
      drunkToday >= limit ? "reminders.dueLimitReached" : "reminders.dueLimitToday", args)
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
    by: String? = nil, note: String? = nil, previous: Water? = nil, limitReached: Bool = false
  ) -> JournalEntry {
    var water = Water(answer, amountML: amountML, by: by, note: note)
    if answer == .later {
      // On a fluid limit: one reminder at most, and none once today's drinks reach the limit.
      let repeatNag =
        hasFluidLimit(profile) && (previous?.answer == .reminderShown || limitReached)
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
