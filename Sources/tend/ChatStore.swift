import Foundation
import TendCore
import TendREPL

/// The conversation's store. INTERIM: keeps everything in memory until the journal (issue 5)
/// lands; then this maps `LogEntry` onto TendCore's `Receivers`, `Journal` and `Reminders`.
final class ChatStore: CareStore {
  let home: URL
  private let memory = MemoryStore()

  init(home: URL) { self.home = home }

  func receivers() throws -> [Profile] { try memory.receivers() }
  func save(_ profile: Profile) throws { try memory.save(profile) }
  func append(_ entry: LogEntry, at: Date, to receiverID: String) throws {
    try memory.append(entry, at: at, to: receiverID)
  }
  func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)] {
    try memory.entries(of: receiverID, since: since)
  }
  func pendingReminders() throws -> [Reminder] { try memory.pendingReminders() }
}
