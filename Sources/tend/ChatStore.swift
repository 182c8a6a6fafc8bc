import Foundation
import TendCore
import TendREPL

/// The conversation's store on TendCore's receivers and journal: profiles in
/// `$TEND_HOME/receivers/<id>/profile.json`, entries appended durably to `journal.jsonl`, water
/// reminders from each receiver's last water entry (so one set before Tend was closed shows at
/// the next start). Maps the conversation's `LogEntry` values onto `JournalEntry` and back.
final class ChatStore: CareStore {
  let receiversStore: Receivers

  init(home: URL) { receiversStore = Receivers(home: home) }

  func receivers() throws -> [Profile] { try receiversStore.list() }

  func save(_ profile: Profile) throws {
    let url = receiversStore.profileURL(profile.id)
    if FileManager.default.fileExists(atPath: url.path) {
      try receiversStore.update(profile.id) { $0 = profile }
    } else {
      try DurableFile.makeFolder(receiversStore.folder)
      try DurableFile.makeFolder(receiversStore.folder(profile.id))
      try ProfileStore.save(profile, to: url)
    }
  }

  func append(_ entry: LogEntry, at: Date, to receiverID: String) throws {
    let torn = try receiversStore.journal(receiverID).append(
      JournalEntry(at: Timestamp(at), Self.body(entry)))
    if let torn {
      FileHandle.standardError.write(Data("warning: \(torn.localizedDescription)\n".utf8))
    }
  }

  func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)] {
    var out: [(at: Date, entry: LogEntry)] = []
    try receiversStore.reader(receiverID).forEach { item in
      if case .problem(let problem) = item {  // a skipped line is reported, as `tend journal` does
        FileHandle.standardError.write(Data("warning: \(problem.localizedDescription)\n".utf8))
      }
      guard case .entry(let entry, _) = item, entry.at.date >= since, let log = Self.log(entry.body)
      else { return }
      out.append((entry.at.date, log))
    }
    return out
  }

  func pendingReminders() throws -> [Reminder] {
    let reminders = Reminders(receivers: receiversStore)
    return try receivers().compactMap { profile in
      guard let last = try reminders.lastWater(profile.id), last.answer == .later,
        let at = last.remindAt
      else { return nil }
      return Reminder(receiverID: profile.id, name: profile.name, due: at.date)
    }
  }

  static func ratings(_ r: RatingSet?) -> Ratings? {
    r.map { Ratings(ratedBy: Rater(rawValue: $0.ratedBy.rawValue) ?? .receiver, scores: $0.scores) }
  }

  static func ratingSet(_ r: Ratings?) -> RatingSet? {
    r.map {
      RatingSet(
        ratedBy: RatingSet.Who(rawValue: $0.ratedBy.rawValue) ?? .receiver, scores: $0.scores)
    }
  }

  static func body(_ entry: LogEntry) -> JournalEntry.Body {
    switch entry {
    case .session(let s):
      return .session(
        Session(
          routine: s.routine,
          plan: FollowedPlan(kept: s.kept, adapted: s.adapted, skipped: s.skipped),
          sites: s.sites, pressure: s.pressure, minutes: s.minutes, before: ratings(s.before),
          after: ratings(s.after), stoppedEarly: s.stoppedEarly ? true : nil,
          stopReason: s.stopReason,
          note: s.note, precautions: s.precautions))
    case .feeling(let r, let text):
      return .feeling(Feeling(ratings: ratings(r), text: text))
    case .water(let answer, let remindAt):
      let kind = Water.Answer(rawValue: answer.rawValue) ?? .offered
      return .water(Water(kind, remindAt: remindAt.map { Timestamp($0) }))
    case .conditionAdded(let c): return .condition(ConditionChange(.added, c))
    case .conditionRemoved(let c): return .condition(ConditionChange(.removed, c))
    }
  }

  static func log(_ body: JournalEntry.Body) -> LogEntry? {
    switch body {
    case .session(let s):
      var log = SessionLog(routine: s.routine ?? "")
      log.kept = s.plan?.kept ?? []
      log.adapted = s.plan?.adapted ?? []
      log.skipped = s.plan?.skipped ?? []
      log.sites = s.sites ?? []
      log.pressure = s.pressure ?? 0
      log.minutes = s.minutes ?? 0
      log.before = ratingSet(s.before)
      log.after = ratingSet(s.after)
      log.stoppedEarly = s.stoppedEarly ?? false
      log.stopReason = s.stopReason
      log.note = s.note
      log.precautions = s.precautions ?? []
      return .session(log)
    case .feeling(let f): return .feeling(ratings: ratingSet(f.ratings), text: f.text)
    case .water(let w):
      guard let answer = WaterAnswer(rawValue: w.answer.rawValue) else { return nil }
      return .water(answer, remindAt: w.remindAt?.date)
    case .condition(let change):
      return change.change == .removed
        ? .conditionRemoved(change.condition) : .conditionAdded(change.condition)
    case .consent: return nil
    }
  }
}
