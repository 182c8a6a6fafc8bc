import Foundation
import TendCore

/// Where the conversation's receivers and journal live. `tend` injects one built on TendCore's
/// profiles, journal and reminders; tests use an in-memory one.
///
/// The profile in the store is the only truth about a person (DESIGN.md safety rule 7): the
/// conversation reads it again before every check, and changes it only through the operations
/// here, each one change applied as a read-modify-write under the profile's lock. There is no
/// "save this whole profile": a copy held in memory would undo what another window changed.
public protocol CareStore: Sendable {
  /// Every receiver, each read fresh (under its lock), in a stable order; a profile that cannot
  /// be read is listed as such, never skipped and never replaced.
  func receivers() -> [ReceiverRecord]
  /// One receiver's profile, read fresh under its lock.
  /// - Throws: `ReceiverError.unreadableProfile` (file, line, field) or `StorageError`.
  func profile(_ id: String) throws -> Profile
  /// Adds a new receiver with a fresh id made from the name; returns it as stored.
  func addReceiver(named name: String) throws -> Profile
  /// A new person who speaks `language` (the chat's language when they were added).
  func addReceiver(named name: String, language: String?) throws -> Profile
  /// Adds one condition (or updates the one with the same id and place) and journals it.
  /// - Returns: whether it was new.
  @discardableResult
  func addCondition(_ condition: ProfileCondition, to id: String, at: Date) throws -> Bool
  /// Removes the conditions with this id (every place) and journals each removal with who
  /// said so and why; returns what was removed (empty when it was already gone).
  @discardableResult
  func removeCondition(_ conditionID: String, from id: String, by: String?, note: String?, at: Date)
    throws -> [ProfileCondition]
  /// Sets the care team's daily fluid limit.
  func setFluidLimit(_ ml: Int, for id: String) throws
  /// Records who gives the massages now: first among the profile's caregivers (one locked
  /// change; the others are kept after it).
  func setGiver(_ name: String, for id: String) throws
  /// Appends one entry to a receiver's journal.
  func append(_ entry: LogEntry, at: Date, to receiverID: String) throws
  /// A receiver's entries from `since` on, oldest first.
  func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)]
  /// Water reminders scheduled and not yet shown, for every readable receiver.
  func pendingReminders() throws -> [Reminder]
  /// Throws when a receiver's journal cannot be both read and written (a link, no permission):
  /// it holds the red flags said in the last 24 hours, so the conversation advises nothing then.
  func checkJournal(of receiverID: String) throws
  /// Journal lines this Tend cannot read (a newer schema, a damaged line) dated from `since` on,
  /// in the future, or with no date that can be read: each may hold a red flag, so each stands
  /// as one (`SaidRedFlags.unreadable`) until the line can be read or a day has passed. The
  /// lines are never rewritten or removed (stranger 8, F4).
  func unreadableLines(of receiverID: String, since: Date, now: Date) throws -> [SaidRedFlags.Flag]
  /// What was said on `day` (`YYYY-MM-DD`) and kept for that day only, not saved in the profile,
  /// shared by every window on this home; another day's facts are never returned.
  func keptToday(of receiverID: String, day: String) throws -> [Condition]
  /// One locked read-modify-write of what is kept for `day` (another day's start empty).
  func updateKeptToday(
    of receiverID: String, day: String, _ change: ([Condition]) -> [Condition]) throws
  /// Removes the one condition with this id, site and side (not the same rule at other places)
  /// and journals it; returns what was removed (empty when it was already gone).
  @discardableResult
  func removeCondition(
    exactly condition: ProfileCondition, from id: String, by: String?, note: String?, at: Date
  ) throws -> [ProfileCondition]
  /// A cheap mark of everything another window can change about a person (the profile, the
  /// journal, what is kept for today): equal marks mean nothing was written in between, so a
  /// running session need not read and check it all again. Nil when the store cannot tell:
  /// then it is read and checked again every time (safety round 9, F1).
  func stamp(of receiverID: String) -> String?
}

extension CareStore {
  /// A store that cannot fail to read its journals (a test double) has nothing to report.
  public func checkJournal(of receiverID: String) throws {}
  /// A store whose journal is always readable (a test double) has no unreadable lines.
  public func unreadableLines(of receiverID: String, since: Date, now: Date) throws
    -> [SaidRedFlags.Flag]
  { [] }
  /// A store that keeps nothing for today beyond one conversation (a test double).
  public func keptToday(of receiverID: String, day: String) throws -> [Condition] { [] }
  public func updateKeptToday(
    of receiverID: String, day: String, _ change: ([Condition]) -> [Condition]
  ) throws {}
  /// A store that cannot tell whether anything changed: read and check again every time.
  public func stamp(of receiverID: String) -> String? { nil }
}

/// One receiver as found in the store: their profile, or why it cannot be read.
public enum ReceiverRecord: Sendable, Equatable {
  case readable(Profile)
  /// The folder `id` holds a profile that cannot be read; `problem` names the file, line and
  /// field; `file` is the path to fix or set aside.
  case unreadable(id: String, file: String, problem: Message)

  public var id: String {
    switch self {
    case .readable(let p): p.id
    case .unreadable(let id, _, _): id
    }
  }

  public var profile: Profile? {
    if case .readable(let p) = self { return p }
    return nil
  }
}

/// A store that keeps everything in memory: for tests and for a run without a writable home.
/// Each operation takes one lock, so it behaves like the file store under concurrent use.
public final class MemoryStore: CareStore, @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Profile]
  private var broken: [String: Message] = [:]
  private var log: [String: [(at: Date, entry: LogEntry)]] = [:]
  private var brokenJournals: [String: Message] = [:]
  private var kept: [String: (day: String, conditions: [Condition])] = [:]

  public init(profiles: [Profile] = []) { stored = profiles }

  /// Every readable profile as it is now.
  public var profiles: [Profile] { lock.withLock { stored } }
  public var journal: [String: [(at: Date, entry: LogEntry)]] { lock.withLock { log } }

  /// Marks a receiver's profile unreadable (as a broken file would be), for tests.
  public func breakProfile(_ id: String, problem: Message) {
    lock.withLock { broken[id] = problem }
  }

  /// Marks a receiver's journal unreadable and unwritable (as a link or mode 000 would), for tests.
  public func breakJournal(_ id: String, problem: Message) {
    lock.withLock { brokenJournals[id] = problem }
  }

  public func checkJournal(of receiverID: String) throws {
    if let problem = lock.withLock({ brokenJournals[receiverID] }) {
      throw Unreadable(problem: problem)
    }
  }

  public func keptToday(of receiverID: String, day: String) throws -> [Condition] {
    lock.withLock { kept[receiverID]?.day == day ? kept[receiverID]?.conditions ?? [] : [] }
  }

  public func updateKeptToday(
    of receiverID: String, day: String, _ change: ([Condition]) -> [Condition]
  ) throws {
    lock.withLock {
      let old = kept[receiverID]?.day == day ? kept[receiverID]?.conditions ?? [] : []
      kept[receiverID] = (day, change(old))
    }
  }

  public func receivers() -> [ReceiverRecord] {
    lock.withLock {
      var all = stored.map { p -> ReceiverRecord in
        if let problem = broken[p.id] { return .unreadable(id: p.id, file: p.id, problem: problem) }
        return .readable(p)
      }
      for (id, problem) in broken where !stored.contains(where: { $0.id == id }) {
        all.append(.unreadable(id: id, file: id, problem: problem))
      }
      return all.sorted { $0.id < $1.id }
    }
  }

  public func profile(_ id: String) throws -> Profile {
    try lock.withLock { try read(id) }
  }

  private func read(_ id: String) throws -> Profile {
    if let problem = broken[id] { throw Unreadable(problem: problem) }
    guard let p = stored.first(where: { $0.id == id }) else {
      throw ReceiverError.unknown(name: id, suggestions: [], known: stored.map(\.name))
    }
    return p
  }

  /// One locked read-modify-write of one profile.
  public func update<T>(_ id: String, _ change: (inout Profile) throws -> T) throws -> T {
    try lock.withLock {
      _ = try read(id)
      guard let i = stored.firstIndex(where: { $0.id == id }) else {
        throw ReceiverError.unknown(name: id, suggestions: [], known: [])
      }
      return try change(&stored[i])
    }
  }

  public func addReceiver(named name: String) throws -> Profile {
    try addReceiver(named: name, language: nil)
  }

  public func addReceiver(named name: String, language: String?) throws -> Profile {
    try lock.withLock {
      if stored.contains(where: { $0.name.lowercased() == name.lowercased() }) {
        throw ReceiverError.duplicate(name: name)
      }
      var id = name.lowercased().filter { $0.isLetter || $0.isNumber }
      if id.isEmpty { id = "receiver" }
      let base = id
      var n = 2
      while stored.contains(where: { $0.id == id }) || broken[id] != nil {
        id = "\(base)-\(n)"
        n += 1
      }
      var p = Profile(id: id, name: name)
      p.language = language
      stored.append(p)
      return p
    }
  }

  public func addCondition(_ condition: ProfileCondition, to id: String, at: Date) throws -> Bool {
    let added = try update(id) { p -> Bool in
      if let i = p.conditions.firstIndex(where: {
        $0.id == condition.id && $0.site == condition.site && $0.side == condition.side
      }) {
        p.conditions[i] = condition
        return false
      }
      p.conditions.append(condition)
      return true
    }
    try append(.conditionAdded(condition), at: at, to: id)
    return added
  }

  public func removeCondition(
    _ conditionID: String, from id: String, by: String?, note: String?, at: Date
  ) throws -> [ProfileCondition] {
    let gone = try update(id) { p -> [ProfileCondition] in
      let gone = p.conditions.filter { $0.id == conditionID }
      p.conditions.removeAll { $0.id == conditionID }
      return gone
    }
    for c in gone { try append(.conditionRemoved(c, by: by, note: note), at: at, to: id) }
    return gone
  }

  public func removeCondition(
    exactly condition: ProfileCondition, from id: String, by: String?, note: String?, at: Date
  ) throws -> [ProfileCondition] {
    let gone = try update(id) { p -> [ProfileCondition] in
      let gone = p.conditions.filter { $0.samePlace(as: condition) }
      p.conditions.removeAll { $0.samePlace(as: condition) }
      return gone
    }
    for c in gone { try append(.conditionRemoved(c, by: by, note: note), at: at, to: id) }
    return gone
  }

  public func setFluidLimit(_ ml: Int, for id: String) throws {
    try update(id) { $0.fluidLimitML = ml }
  }

  public func setGiver(_ name: String, for id: String) throws {
    try update(id) { $0.caregivers = Profile.giverFirst(name, in: $0.caregivers) }
  }

  public func append(_ entry: LogEntry, at: Date, to receiverID: String) throws {
    try checkJournal(of: receiverID)
    lock.withLock { log[receiverID, default: []].append((at, entry)) }
  }

  public func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)] {
    try checkJournal(of: receiverID)
    return lock.withLock { (log[receiverID] ?? []).filter { $0.at >= since } }
  }

  public func pendingReminders() throws -> [Reminder] {
    let (profiles, log) = lock.withLock { (stored, self.log) }
    return profiles.flatMap { profile in
      PendingReminders.pending(in: log[profile.id] ?? [], receiver: profile)
    }
  }
}

extension MemoryStore {
  /// A profile marked broken with `breakProfile`.
  public struct Unreadable: Error, Equatable {
    public var problem: Message
  }
}

extension ProfileCondition {
  /// The same rule at the same place (site and side).
  public func samePlace(as other: ProfileCondition) -> Bool {
    id == other.id && site == other.site && side == other.side
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
      guard case .water(let answer, let remindAt, _, _) = entry, let time = remindAt else {
        continue
      }
      switch answer {
      case .later: due.append(time)
      case .reminderShown: due.removeAll { abs($0.timeIntervalSince(time)) < 1 }
      default: break
      }
    }
    return due.map { Reminder(receiverID: receiver.id, name: receiver.name, due: $0) }
  }
}
