import Foundation
import TendCore
import TendREPL

/// The conversation's store on TendCore's receivers and journal: profiles in
/// `$TEND_HOME/receivers/<id>/profile.json`, entries appended durably to `journal.jsonl`, water
/// reminders from each receiver's last water entry (so one set before Tend was closed shows at
/// the next start). Maps the conversation's `LogEntry` values onto `JournalEntry` and back.
final class ChatStore: CareStore {
  let receiversStore: Receivers

  /// The words for warnings on standard error (a torn or skipped journal line).
  let localizer: Localizer?

  init(home: URL, localizer: Localizer? = nil) {
    receiversStore = Receivers(home: home)
    self.localizer = localizer
  }

  /// A journal problem on standard error, in the language in use.
  func warn(_ problem: JournalError) {
    let text = localizer.map { $0.render(problem.message) } ?? problem.localizedDescription
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Every receiver folder with a profile, each read under its folder's lock; a broken one is
  /// listed with its problem (file, line, field), never skipped.
  func receivers() -> [ReceiverRecord] {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: receiversStore.folder.path))
      ?? []
    let records = names.filter { !$0.hasPrefix(".") }.sorted().compactMap { id -> ReceiverRecord? in
      let url = receiversStore.profileURL(id)
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      do {
        return .readable(try profile(id))
      } catch {
        return .unreadable(id: id, file: url.path, problem: Self.problem(error))
      }
    }
    return records.sorted {
      let a = ($0.profile?.name.lowercased() ?? $0.id, $0.id)
      let b = ($1.profile?.name.lowercased() ?? $1.id, $1.id)
      return a < b
    }
  }

  func profile(_ id: String) throws -> Profile {
    guard FileManager.default.fileExists(atPath: receiversStore.folder(id).path) else {
      throw ReceiverError.unknown(name: id, suggestions: [], known: [])
    }
    // A real folder inside this home (never a link), read under its lock, the id checked
    // against the file's own.
    let folder = try receiversStore.checkedFolder(id)
    return try FileLock.exclusive(folder: folder.path) {
      try ProfileStore.load(folder.appendingPathComponent("profile.json"), folderID: id)
    }
  }

  func addReceiver(named name: String) throws -> Profile {
    try addReceiver(named: name, language: nil)
  }

  func addReceiver(named name: String, language: String?) throws -> Profile {
    var profile = Profile(id: "", name: name)
    profile.language = language
    return try receiversStore.add(profile)
  }

  func addCondition(_ condition: ProfileCondition, to id: String, at: Date) throws -> Bool {
    try receiversStore.addCondition(condition, to: id, at: Timestamp(at)) == .added
  }

  func removeCondition(
    _ conditionID: String, from id: String, by: String?, note: String?, at: Date
  ) throws -> [ProfileCondition] {
    try removeConditions(from: id, by: by, note: note, at: at) { $0.id == conditionID }
  }

  func removeCondition(
    exactly condition: ProfileCondition, from id: String, by: String?, note: String?, at: Date
  ) throws -> [ProfileCondition] {
    try removeConditions(from: id, by: by, note: note, at: at) { $0.samePlace(as: condition) }
  }

  /// Takes the matching conditions off the profile under its lock and journals each one.
  private func removeConditions(
    from id: String, by: String?, note: String?, at: Date,
    where matches: (ProfileCondition) -> Bool
  ) throws -> [ProfileCondition] {
    let removed = try receiversStore.update(id) { profile -> [ProfileCondition] in
      let gone = profile.conditions.filter(matches)
      profile.conditions.removeAll(where: matches)
      return gone
    }
    let journal = try receiversStore.journal(id)
    for condition in removed {
      try journal.append(
        JournalEntry(
          at: Timestamp(at), .condition(ConditionChange(.removed, condition, by: by, note: note))))
    }
    return removed
  }

  /// The journal opened for reading and writing without following a link (then closed): a
  /// link, a special file or a file Tend may not read or write is reported; no file yet is fine.
  func checkJournal(of receiverID: String) throws {
    _ = try receiversStore.checkedFolder(receiverID)
    if let fd = try SafeFile.open(receiversStore.journalURL(receiverID).path, O_RDWR) { close(fd) }
  }

  /// `kept-today.json` in the receiver's folder: `{"v":1,"day":"2026-12-01","conditions":[…]}`,
  /// what was said and kept for that day only (not saved in the profile), so every window on
  /// the same home follows it; read and replaced under the folder's lock, never through a link.
  static let keptFile = "kept-today.json"

  private struct KeptFile: Codable {
    var v: Int
    var day: String
    var conditions: [Condition]
  }

  private func readKept(_ folder: URL, day: String) throws -> [Condition] {
    let path = folder.appendingPathComponent(Self.keptFile).path
    guard let bytes = try SafeFile.read(path, limit: 1 << 16) else { return [] }
    let file = try JSONDecoder().decode(KeptFile.self, from: Data(bytes))
    return file.day == day ? file.conditions : []
  }

  func keptToday(of receiverID: String, day: String) throws -> [Condition] {
    let folder = try receiversStore.checkedFolder(receiverID)
    return try FileLock.exclusive(folder: folder.path) { try readKept(folder, day: day) }
  }

  func updateKeptToday(
    of receiverID: String, day: String, _ change: ([Condition]) -> [Condition]
  ) throws {
    let folder = try receiversStore.checkedFolder(receiverID)
    try FileLock.exclusive(folder: folder.path) {
      let old = (try? readKept(folder, day: day)) ?? []
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = try encoder.encode(KeptFile(v: 1, day: day, conditions: change(old)))
      try DurableFile.replace(folder.appendingPathComponent(Self.keptFile), with: data)
    }
  }

  /// The identity, size and change time of `profile.json`, `journal.jsonl` and
  /// `kept-today.json` (a file replaced under its lock gets a new inode; one appended to, a new
  /// size and time). Nil when the folder cannot be looked at: then everything is read again.
  func stamp(of receiverID: String) -> String? {
    guard let folder = try? receiversStore.checkedFolder(receiverID) else { return nil }
    var parts: [String] = []
    for name in ["profile.json", "journal.jsonl", Self.keptFile] {
      var info = stat()
      if lstat(folder.appendingPathComponent(name).path, &info) != 0 {
        guard errno == ENOENT else { return nil }
        parts.append("-")
        continue
      }
      parts.append(
        "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
          + ":\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)")
    }
    return parts.joined(separator: "|")
  }

  func setFluidLimit(_ ml: Int, for id: String) throws {
    try receiversStore.update(id) { $0.fluidLimitML = ml }
  }

  func setGiver(_ name: String, for id: String) throws {
    try receiversStore.update(id) { $0.caregivers = Profile.giverFirst(name, in: $0.caregivers) }
  }

  /// A store error as a message: what failed, where, and why.
  static func problem(_ error: any Error) -> Message {
    switch error {
    case let e as ReceiverError: e.message
    case let e as StorageError: e.message
    default: ErrorMessage.always(error)
    }
  }

  func append(_ entry: LogEntry, at: Date, to receiverID: String) throws {
    let torn = try receiversStore.journal(receiverID).append(
      JournalEntry(at: Timestamp(at), Self.body(entry)))
    if let torn {
      warn(torn)
    }
  }

  func entries(of receiverID: String, since: Date) throws -> [(at: Date, entry: LogEntry)] {
    var out: [(at: Date, entry: LogEntry)] = []
    try receiversStore.reader(receiverID).forEach { item in
      if case .problem(let problem) = item {  // a skipped line is reported, as `tend journal` does
        warn(problem)
      }
      guard case .entry(let entry, _) = item, entry.at.date >= since, let log = Self.log(entry.body)
      else { return }
      out.append((entry.at.date, log))
    }
    return out
  }

  func unreadableLines(of receiverID: String, since: Date, now: Date) throws
    -> [SaidRedFlags.Flag]
  {
    guard let t = localizer else { return [] }
    var head: [UInt8] = []
    var out: [SaidRedFlags.Flag] = []
    // The first bytes of each line are kept for its date ("at" comes first as Tend writes).
    try receiversStore.reader(receiverID).forEach(accept: {
      head = Array($0.prefix(512))
      return true
    }) { item in
      guard case .problem(.malformedLine(let file, let line, _)) = item else { return }
      let flag = SaidRedFlags.unreadable(
        file: file, line: line, head: head, since: since, now: now, t)
      if let flag { out.append(flag) }
    }
    return out
  }

  func pendingReminders() throws -> [Reminder] {
    let reminders = Reminders(receivers: receiversStore)
    return try receivers().compactMap(\.profile).compactMap { profile in
      guard let last = try reminders.lastWater(profile.id), last.answer == .later,
        let at = last.remindAt
      else { return nil }
      return Reminder(receiverID: profile.id, name: profile.name, due: at.date)
    }
  }

  static func ratings(_ r: RatingSet?) -> Ratings? {
    r.map {
      Ratings(
        ratedBy: Rater(rawValue: $0.ratedBy.rawValue) ?? .receiver, rater: $0.rater,
        scores: $0.scores)
    }
  }

  static func ratingSet(_ r: Ratings?) -> RatingSet? {
    r.map {
      RatingSet(
        ratedBy: RatingSet.Who(rawValue: $0.ratedBy.rawValue) ?? .receiver, rater: $0.rater,
        scores: $0.scores)
    }
  }

  static func body(_ entry: LogEntry) -> JournalEntry.Body {
    switch entry {
    case .session(let s):
      return .session(
        Session(
          routine: s.routine,
          plan: FollowedPlan(kept: s.kept, adapted: s.adapted, skipped: s.skipped),
          sites: s.sites, pressure: s.pressure, minutes: s.minutes, by: s.by,
          before: ratings(s.before),
          after: ratings(s.after), stoppedEarly: s.stoppedEarly ? true : nil,
          stopReason: s.stopReason,
          note: s.note, precautions: s.precautions
        ).stopped(at: s.stoppedAtStep).prepared(s.preparation, s.preparedItems)
          .askedFirst(s.careTeamSaidYes).read(in: s.lang))
    case .feeling(let r, let text, let by, let lang):
      return .feeling(
        Feeling(ratings: ratings(r), text: text, by: by, lang: text == nil ? nil : lang))
    case .water(let answer, let remindAt, let amount, let by):
      let kind = Water.Answer(rawValue: answer.rawValue) ?? .offered
      return .water(
        Water(kind, amountML: amount, remindAt: remindAt.map { Timestamp($0) }, by: by))
    case .conditionAdded(let c): return .condition(ConditionChange(.added, c))
    case .conditionRemoved(let c, let by, let note):
      return .condition(ConditionChange(.removed, c, by: by, note: note))
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
      log.stoppedAtStep = s.stoppedAtStep
      log.note = s.note
      log.precautions = s.precautions ?? []
      log.preparation = s.preparation
      log.preparedItems = s.preparedItems ?? []
      log.by = s.by
      log.careTeamSaidYes = s.careTeamSaidYes ?? []
      log.lang = s.lang
      return .session(log)
    case .feeling(let f):
      return .feeling(ratings: ratingSet(f.ratings), text: f.text, by: f.by, lang: f.lang)
    case .water(let w):
      guard let answer = WaterAnswer(rawValue: w.answer.rawValue) else { return nil }
      return .water(answer, remindAt: w.remindAt?.date, amountML: w.amountML, by: w.by)
    case .condition(let change):
      return change.change == .removed
        ? .conditionRemoved(change.condition, by: change.by, note: change.note)
        : .conditionAdded(change.condition)
    case .consent, .careTeam: return nil
    }
  }
}

extension Session {
  /// The same session, recording the step it was stopped in.
  fileprivate func stopped(at step: String?) -> Session {
    var s = self
    s.stoppedAtStep = step
    return s
  }

  /// The same session, recording what happened to the preparation before it.
  fileprivate func prepared(_ status: PreparationStatus?, _ items: [String]) -> Session {
    var s = self
    s.preparation = status
    s.preparedItems = status == nil || items.isEmpty ? nil : items
    return s
  }

  /// The same session, recording the language its words were read in (only when it has words).
  fileprivate func read(in lang: String?) -> Session {
    var s = self
    s.lang = s.stopReason == nil && s.note == nil ? nil : lang
    return s
  }

  /// The same session, recording the rules the care team was said to have said yes to.
  fileprivate func askedFirst(_ rules: [String]) -> Session {
    var s = self
    s.careTeamSaidYes = rules.isEmpty ? nil : rules
    return s
  }
}
