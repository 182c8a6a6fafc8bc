import Foundation
import TendCore

/// Who we are caring for: choosing a receiver, adding one, and changing their profile one
/// locked change at a time. Every read goes to the store; nothing here keeps a copy.
extension Conversation {
  mutating func askWho() -> [Action] {
    phase = .choosingReceiver
    let records = store.receivers()
    guard !records.isEmpty else {
      return [.say(t("chat.who.first")), prompt("chat.namePrompt")]
    }
    var out: [Action] = [.say(t("chat.who.list"))]
    for (i, record) in records.enumerated() {
      switch record {
      case .readable(let profile): out.append(.say("  \(i + 1). \(profile.name)"))
      case .unreadable(let id, _, _):
        out.append(.say("  \(i + 1). " + t("chat.unreadable.listed", ["id": .text(id)])))
      }
    }
    out += records.flatMap(unreadableLines)
    out.append(.say(t("chat.who.hint")))
    return out + [prompt("chat.namePrompt")]
  }

  /// What is wrong with a broken profile (file, line, field) and how to fix it or set it aside.
  func unreadableLines(_ record: ReceiverRecord) -> [Action] {
    guard case .unreadable(let id, let file, let problem) = record else { return [] }
    return [
      .say(t("chat.unreadable.problem", ["problem": .text(t.render(problem))])),
      .say(t("chat.unreadable.fix", ["file": .text(file), "id": .text(id)])),
    ]
  }

  /// At the who prompt a typed word is a name: only the exact commands are commands, "no" is
  /// never a name, and a sentence is read as words (a red flag in it acts at once).
  mutating func chooseReceiver(_ line: String) -> [Action] {
    let records = store.receivers()
    if line.isEmpty, records.count == 1 { return select(records[0].id) }
    guard !line.isEmpty else { return [.say(t("chat.who.again"))] }
    let words = CommandLineWords.split(line)
    let first = self.words.parse(words)?.id ?? ""
    let lower = line.lowercased()
    if let n = Int(line) {
      guard records.indices.contains(n - 1) else { return [.say(t("chat.who.noNumber"))] }
      return select(records[n - 1].id)
    }
    // A name typed as written wins over another person's folder id; a word that is one
    // person's name and another's id chooses nobody (`ReceiverLookup`).
    let candidates = records.map { ReceiverLookup.Candidate(id: $0.id, name: $0.profile?.name) }
    switch ReceiverLookup.match(line, among: candidates) {
    case .one(let id): return select(id)
    case .ambiguous(let byName, let byID):
      let args: [String: Message.Argument] = [
        "name": .text(line), "named": .text(byName.compactMap(\.name).joined(separator: ", ")),
        "other": .text(byID.name ?? byID.id), "folder": .text(byID.id),
      ]
      return [.say(t("chat.who.ambiguous", args))] + askWho()
    case .none: break
    }
    if ["suggest", "show", "speak", "help"].contains(first) || context.commands.contains(first) {
      return command(line) + [.say(t("chat.who.again"))]
    }
    if ["add", "who"].contains(first), words.count > 1 { return command(line) }
    if Self.commands.contains(first) { return [.say(t("chat.who.again"))] }
    if yesNo(line) != nil || t.list("chat.noneWords").contains(lower) {
      return [.say(t("chat.who.notAName")), prompt("chat.namePrompt")]
    }
    if let words = sentenceAtWho(line, words: words) { return words }
    let name = String(line.prefix(60))
    if let broken = brokenRecord(named: name) {
      return [.say(t("chat.unreadable.sameName", ["name": .text(name)]))] + unreadableLines(broken)
        + [prompt("chat.namePrompt")]
    }
    guard !records.isEmpty else { return addReceiver(name) }
    phase = .confirmingNewReceiver(name)
    return [.say(t("chat.who.confirmNew", ["name": .text(name)])), prompt("chat.yesNoPrompt")]
  }

  /// A sentence typed where a name was asked: a red flag in it gets its instruction now, and
  /// what it says is confirmed once we know who it is about. Nil when it reads as a name.
  private mutating func sentenceAtWho(_ line: String, words: [String]) -> [Action]? {
    let found = understood(line)
    let medical = found.map { !$0.conditions.isEmpty || !$0.removed.isEmpty } ?? false
    guard medical || words.count > 3 else { return nil }
    guard medical, let found else { return [.say(t("chat.who.sentence"))] }
    pendingWords = line
    return redFlagActions(found.conditions.map(\.id)) + [
      .say(t("chat.who.whoFirst")), prompt("chat.namePrompt"),
    ]
  }

  mutating func confirmNewReceiver(_ name: String, _ line: String) -> [Action] {
    switch yesNo(line) {
    case true?: return addReceiver(name)
    case false?: return askWho()
    case nil: return chooseReceiver(line)
    }
  }

  /// Chooses a receiver by id, reading their profile now; a broken one is named and refused.
  mutating func select(_ id: String) -> [Action] {
    let profile: Profile
    do {
      profile = try store.profile(id)
    } catch {
      currentID = nil
      phase = .choosingReceiver
      return unreadable(id, error) + [.say(t("chat.who.again")), prompt("chat.namePrompt")]
    }
    // A list shown for someone else is not this person's: `start 3` must not take from it.
    if currentID != id { offered = [] }
    currentID = id
    // The person's language from now on, when no --lang was given (docs/languages.md).
    var out = followLanguage(profile)
    out.append(.say(t("chat.caringFor", ["name": .text(profile.name)])))
    if !profile.conditions.isEmpty {
      let names = profile.conditions.map { t("rule.\($0.id).name") }
      out.append(.say(t("chat.inForce", ["rules": .text(t.list(names))])))
    }
    out += redFlagActions(profile.conditions.map(\.id))
    out += journalProblem(profile) ?? restoreRedFlags(profile)
    // Kept for today earlier (before a restart, or in another window): it still stands today.
    let kept = keptForToday(id)
    if !kept.isEmpty {
      let rules = t.list(kept.map { t("rule.\($0.id).name") + whereText($0) })
      out.append(
        .say(t("chat.keptToday.restored", ["name": .text(profile.name), "rules": .text(rules)])))
    }
    phase = .idle
    if let resumed = resumeIntake(profile) { return out + resumed }
    if pendingWords == nil {
      out += greetGiver(profile)
      if phase == .askingGiver { return out }
    }
    out += [.say(t("chat.idleHint")), idlePrompt()]
    if let words = pendingWords {
      pendingWords = nil
      out += understandText(words, resume: .idle)
    }
    return out
  }

  /// Adds a new person through the store (a fresh folder; nothing existing is written over).
  /// A name whose folder holds a broken profile is refused with what is wrong.
  /// The unreadable profile whose folder this name would have made, if any.
  func brokenRecord(named name: String) -> ReceiverRecord? {
    let slug = Receivers.slug(name)
    return store.receivers().first {
      if case .unreadable = $0 { return $0.id == slug || $0.id == name.lowercased() }
      return false
    }
  }

  mutating func addReceiver(_ name: String) -> [Action] {
    if let broken = brokenRecord(named: name) {
      phase = .choosingReceiver
      return [.say(t("chat.unreadable.sameName", ["name": .text(name)]))] + unreadableLines(broken)
        + [prompt("chat.namePrompt")]
    }
    let profile: Profile
    do {
      // Added while speaking a language: the person is recorded as speaking it, so the next
      // chat about them follows it and reads their words in it (outside tester, round 7: a
      // Spanish "no" read as an English denial).
      profile = try store.addReceiver(named: name, language: context.localizer.lang)
    } catch {
      phase = .choosingReceiver
      return [.say(t("chat.storeError", ["problem": .text(problemText(error))]))] + [
        prompt("chat.namePrompt")
      ]
    }
    currentID = profile.id
    giver = nil
    receiverSpeaking = false
    markIntake(unfinished: true)
    return [.say(t("chat.added", ["name": .text(profile.name)]))] + startIntake()
  }

  /// The current receiver read from the store now, or what to say when that fails (a broken
  /// file named with its line and field; no routine is offered then).
  func readCurrent() -> Result<Profile, Unreadable> {
    guard let id = currentID else { return .failure(Unreadable(actions: [])) }
    let profile: Profile
    do {
      profile = try store.profile(id)
    } catch {
      return .failure(Unreadable(actions: unreadable(id, error)))
    }
    // Fail closed, as `tend check` does: the journal holds the red flags said in the last 24
    // hours, so while it cannot be read (or written) nothing is advised for this person.
    if let lines = journalProblem(profile) { return .failure(Unreadable(actions: lines)) }
    return .success(profile)
  }

  /// The lines that say the person's journal cannot be read or written (naming the file and
  /// why) and that nothing is offered until it can; nil when it is fine.
  func journalProblem(_ profile: Profile) -> [Action]? {
    do {
      try store.checkJournal(of: profile.id)
      return nil
    } catch {
      return [
        .say(t("chat.storeError", ["problem": .text(problemText(error))])),
        .say(t("chat.journalUnreadable", ["name": .text(profile.name)])),
      ]
    }
  }

  /// Lines for a profile that cannot be read: the problem, how to fix it, and that nothing is
  /// offered until then.
  func unreadable(_ id: String, _ error: any Error) -> [Action] {
    let record = store.receivers().first { $0.id == id }
    if let record, case .unreadable = record {
      return unreadableLines(record) + [.say(t("chat.unreadable.nothingOffered"))]
    }
    return [.say(t("chat.storeError", ["problem": .text(problemText(error))]))]
  }

  func problemText(_ error: any Error) -> String {
    switch error {
    case let e as ReceiverError: t.render(e.message)
    case let e as StorageError: t.render(e.message)
    case let e as MemoryStore.Unreadable: t.render(e.problem)
    default: t.render(ErrorMessage.always(error))
    }
  }

  /// Adds conditions to the receiver's profile, one locked change each (skipping ones already
  /// there as the file says now); the store journals each. Red flags were acted on before.
  /// `words`: the caregiver's whole line, kept as each condition's note (the matched fragment
  /// alone, "winded", lost what was said).
  mutating func addConditions(_ conditions: [Condition], words: String? = nil) -> [Action] {
    guard let id = currentID else { return [] }
    var out: [Action] = []
    for c in conditions {
      let now = self.now
      let stored = (try? store.profile(id))?.conditions ?? []
      guard !stored.contains(where: { $0.id == c.id && $0.site == c.site && $0.side == c.side })
      else { continue }
      let since = c.daysSince.map {
        CalendarDay.format(now.addingTimeInterval(Double(-$0) * 86_400))
      }
      let entry = ProfileCondition(
        id: c.id, site: c.site, side: c.side, since: since,
        note: words.flatMap { $0.isEmpty ? nil : String($0.prefix(500)) } ?? c.matched)
      do {
        try store.addCondition(entry, to: id, at: now)
      } catch {
        out.append(.say(t("chat.notSaved", ["problem": .text(problemText(error))])))
        continue
      }
      out.append(
        .say(
          t(
            "chat.conditionAdded",
            ["rule": .key("rule.\(c.id).name"), "where": .text(whereText(c))])))
    }
    return out
  }

  /// Removes conditions by rule id (the caregiver said they are gone), one locked change each.
  mutating func removeConditions(_ ids: [String], by: String? = nil, note: String? = nil)
    -> [Action]
  {
    guard let id = currentID else { return [] }
    var out: [Action] = []
    // A red flag closed here is closed for this conversation too, saved or not.
    let unsaved = Set((unsavedRedFlags[id] ?? []).map(\.id))
    unsavedRedFlags[id]?.removeAll { ids.contains($0.id) }
    let kept = Set(keptForToday(id).map(\.id))
    keptToday[id]?.conditions.removeAll { ids.contains($0.id) }
    try? store.updateKeptToday(of: id, day: today) { $0.filter { !ids.contains($0.id) } }
    let stored = Set(((try? store.profile(id))?.conditions ?? []).map(\.id))
    for conditionID in Array(Set(ids)).sorted() {
      if kept.contains(conditionID), !stored.contains(conditionID), !unsaved.contains(conditionID) {
        // Kept for today only: nothing on disk to change.
        out.append(.say(t("chat.conditionRemoved", ["rule": .key("rule.\(conditionID).name")])))
        continue
      }
      if unsaved.contains(conditionID), !stored.contains(conditionID) {
        // Said, never stored: the journal records it closed, so a restart does not bring back
        // the red flag its words read as.
        out.append(
          .log(
            .conditionRemoved(ProfileCondition(id: conditionID), by: by, note: note),
            receiverID: id))
        out.append(.say(t("chat.conditionRemoved", ["rule": .key("rule.\(conditionID).name")])))
        continue
      }
      do {
        let gone = try store.removeCondition(conditionID, from: id, by: by, note: note, at: now)
        if !gone.isEmpty {
          out.append(.say(t("chat.conditionRemoved", ["rule": .key("rule.\(conditionID).name")])))
        }
      } catch {
        out.append(.say(t("chat.notSaved", ["problem": .text(problemText(error))])))
      }
    }
    return out
  }

  func whereText(_ c: Condition) -> String {
    guard let region = c.region else { return "" }
    return t.aside(region)
  }

  /// Red flags stop everything: no massage, and whom to call (the emergency number for chest
  /// pain, sudden breathlessness or stroke signs; the care team otherwise), said once
  /// (`RedFlagCall`), then each rule's advice that the call does not already say.
  func redFlagActions(_ ids: [String]) -> [Action] {
    let rules = ids.compactMap { context.catalog.rule($0) }
    return RedFlagCall.messages(rules, number: context.emergencyNumber, t).map {
      .say(t.render($0))
    }
  }

  /// The red-flag rule ids among these.
  func redFlags(_ ids: [String]) -> [String] {
    ids.filter { context.catalog.rule($0)?.isRedFlag == true }
  }

  /// Whether anything in force today rules out massage (a red flag, or "not today").
  func massageAllowed(_ profile: Profile) -> Bool {
    let checker = SafetyChecker(catalog: context.catalog)
    // With the care team's answers: their recorded yes lifts their own no (round 9, F14).
    guard
      let r = try? checker.restrictions(
        for: inForce(profile), careTeam: profile.careTeam, on: now)
    else { return false }
    return r.verdict.allowsMassage
  }
}

/// A profile that could not be read, with the lines that say so.
struct Unreadable: Error {
  var actions: [Action]
}
