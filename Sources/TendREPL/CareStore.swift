import Foundation
import TendCore

/// Where the conversation's receivers and journal live. `tend` injects one built on TendCore's
/// profiles, journal and reminders; tests use an in-memory one.
public protocol CareStore {
  /// Every receiver, in a stable order.
  func receivers() throws -> [Profile]
  /// Creates or replaces a receiver's profile.
  func save(_ profile: Profile) throws
  /// Appends one entry to a receiver's journal.
  func append(_ entry: LogEntry, at: Date, to receiverID: String) throws
  /// A receiver's entries from `since` on, oldest first.
  func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)]
  /// Water reminders scheduled and not yet shown, for every receiver.
  func pendingReminders() throws -> [Reminder]
}

/// A store that keeps everything in memory: for tests and for a run without a writable home.
public final class MemoryStore: CareStore, @unchecked Sendable {
  public private(set) var profiles: [Profile]
  public private(set) var journal: [String: [(at: Date, entry: LogEntry)]] = [:]

  public init(profiles: [Profile] = []) { self.profiles = profiles }

  public func receivers() throws -> [Profile] { profiles }

  public func save(_ profile: Profile) throws {
    if let i = profiles.firstIndex(where: { $0.id == profile.id }) {
      profiles[i] = profile
    } else {
      profiles.append(profile)
    }
  }

  public func append(_ entry: LogEntry, at: Date, to receiverID: String) throws {
    journal[receiverID, default: []].append((at, entry))
  }

  public func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)] {
    (journal[receiverID] ?? []).filter { $0.at >= since }
  }

  public func pendingReminders() throws -> [Reminder] {
    profiles.flatMap { profile in
      PendingReminders.pending(in: journal[profile.id] ?? [], receiver: profile)
    }
  }
}

/// Which "later" water answers still wait for their reminder: those with no `reminder-shown`
/// entry for the same time after them.
public enum PendingReminders {
  public static func pending(in entries: [(at: Date, entry: LogEntry)], receiver: Profile)
    -> [Reminder]
  {
    var due: [Date] = []
    for (_, entry) in entries {
      guard case .water(let answer, let remindAt) = entry, let time = remindAt else { continue }
      switch answer {
      case .later: due.append(time)
      case .reminderShown: due.removeAll { abs($0.timeIntervalSince(time)) < 1 }
      default: break
      }
    }
    return due.map { Reminder(receiverID: receiver.id, name: receiver.name, due: $0) }
  }
}
