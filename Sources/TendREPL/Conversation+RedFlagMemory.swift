import Foundation
import TendCore

/// Red flags said in the conversation outlive it: their words are in the journal (a session's
/// stop reason or note, a feeling's text, or the words of a red flag told and not saved), so
/// when a person is chosen, words of the last 24 hours that read as a red flag (or escalate
/// with the profile) are in force again, shown with when and why, until the caregiver says
/// the person was seen (which the journal records as the condition taken off). Fail closed: a
/// journal line that cannot be read is skipped, so it never lifts a red flag.
extension Conversation {
  typealias RecordedFlag = SaidRedFlags.Flag

  /// The red flags recorded for `profile` in the 24 hours before now and not closed since.
  func recordedRedFlags(_ profile: Profile) -> [RecordedFlag] {
    guard context.understand != nil || context.understandIn != nil,
      case let since = now.addingTimeInterval(-86_400),
      let entries = try? store.entries(of: profile.id, since: since)
    else { return [] }
    let context = self.context
    return SaidRedFlags.find(
      in: entries, profile: profile, catalog: context.catalog,
      languages: context.languages.isEmpty ? [t.lang] : context.languages
    ) { text, lang, at, stored in
      if let read = context.understandIn { return read(text, lang, at, stored).conditions }
      return context.understand?(text, at, stored).conditions ?? []
    } + ((try? store.unreadableLines(of: profile.id, since: since, now: now)) ?? [])
  }

  /// Puts the recorded red flags back in force for the chosen person; the lines that say so.
  mutating func restoreRedFlags(_ profile: Profile) -> [Action] {
    let recorded = recordedRedFlags(profile)
    guard !recorded.isEmpty else { return [] }
    var standing = unsavedRedFlags[profile.id] ?? []
    for flag in recorded {
      for c in flag.conditions where !standing.contains(where: { $0.id == c.id }) {
        standing.append(c)
      }
    }
    unsavedRedFlags[profile.id] = standing
    return recordedLines(recorded) + redFlagActions(recorded.flatMap { $0.conditions.map(\.id) })
      + (recorded.allSatisfy { redFlags($0.conditions.map(\.id)).isEmpty }
        ? [.say(t("chat.redFlag.stop")), .say(t("chat.redFlag.careTeam"))] : [])
  }

  /// "Red flag said today at 14:02: “her face looks droopy now”", then how to lift it.
  func recordedLines(_ recorded: [RecordedFlag]) -> [Action] {
    SaidRedFlags.lines(recorded, now: now, t).map(Action.say)
  }

  /// Red flags in force for the chosen person that were said, not stored: recorded lines for
  /// `suggest` (when and why), empty when none.
  func standingRecordedLines(_ profile: Profile) -> [Action] {
    let recorded = recordedRedFlags(profile).filter { flag in
      flag.conditions.contains { c in (unsavedRedFlags[profile.id] ?? []).contains { $0.id == c.id }
      }
    }
    return recorded.isEmpty ? [] : recordedLines(recorded)
  }
}

/// Red flags said (not stored) in the last 24 hours, read back from a journal's words: shared by
/// the conversation and `tend check --receiver`.
public enum SaidRedFlags {
  /// A red flag found in the journal's words: when, the words, and what they read as.
  public struct Flag: Sendable, Equatable {
    public var at: Date
    public var words: String
    public var conditions: [Condition]
  }

  /// Reads words in one language (`fr`): the conditions they name.
  public typealias ReadIn = (_ text: String, _ lang: String, _ at: Date, _ stored: [Condition])
    throws -> [Condition]

  /// The red flags in `entries` (oldest first) not closed by a later "condition removed" entry
  /// for the same rule (what saying the person was seen records). Words are read with what was
  /// stored about the person then; words that escalate with it (chills on chemotherapy) count.
  /// Each entry's words are read in `RedFlagWords.languages` (the one recorded with them and the
  /// person's, or every one of `languages` when none was recorded); what any reading finds
  /// counts. `read` is called only for entries with words, so a journal with none builds no
  /// recognizer.
  public static func find(
    in entries: [(at: Date, entry: LogEntry)], profile: Profile, catalog: Catalog,
    languages: [String], read: ReadIn
  ) rethrows -> [Flag] {
    let checker = SafetyChecker(catalog: catalog)
    var found: [Flag] = []
    for (at, entry) in entries {
      var texts: [String] = []
      var recorded: String?
      switch entry {
      case .session(let s):
        texts = [s.stopReason, s.note].compactMap { $0 }
        recorded = s.lang
      case .feeling(_, let text, _, let lang):
        texts = [text].compactMap { $0 }
        recorded = lang
      case .conditionRemoved(let c, _, _):
        for i in found.indices { found[i].conditions.removeAll { $0.id == c.id } }
        found.removeAll { $0.conditions.isEmpty }
        continue
      default: continue
      }
      let langs = RedFlagWords.languages(
        recorded: recorded, family: profile.language, available: languages)
      for text in texts where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        let stored = profile.conditions(asOf: at)
        var conditions: [Condition] = []
        for lang in langs {
          for c in try read(text, lang, at, stored) where !conditions.contains(c) {
            conditions.append(c)
          }
        }
        let flags = conditions.filter { catalog.rule($0.id)?.isRedFlag == true }
        if !flags.isEmpty {
          found.append(Flag(at: at, words: text, conditions: flags))
          continue
        }
        guard !conditions.isEmpty, let (before, _, _) = try? checker.restrictions(for: stored),
          let (after, _, _) = try? checker.restrictions(for: stored + conditions),
          after.verdict == .stopCallProvider, before.verdict != .stopCallProvider
        else { continue }
        found.append(Flag(at: at, words: text, conditions: conditions))
      }
    }
    return found
  }

  /// The rule an unreadable journal line stands as: something possibly urgent not placed.
  public static let unreadableRule = "not-understood-urgent"

  /// A journal line that could not be read (its `file`, `line`, and its first bytes), as a
  /// possible red flag when its date is from `since` on, in the future (counted as now), or
  /// cannot be read (counted as now: it stands until the line is read). Nil for older lines.
  public static func unreadable(
    file: String, line: Int, head: [UInt8], since: Date, now: Date, _ t: Localizer
  ) -> Flag? {
    let text = String(decoding: head, as: UTF8.self)
    var at: Date?
    if let range = text.range(of: #""at"\s*:\s*"([^"]+)""#, options: .regularExpression) {
      let field = text[range]
      if let open = field.dropLast().lastIndex(of: "\"") {
        at =
          Timestamp.parse(
            String(field[field.index(after: open)..<field.index(before: field.endIndex)]))?.date
      }
    }
    if let at, at < since { return nil }
    let when = min(at ?? now, now)
    let words = t("journal.unreadableFlag", ["file": .text(file), "line": .number(line)])
    return Flag(at: when, words: words, conditions: [Condition(id: unreadableRule)])
  }

  /// "Red flag said today at 14:02: “her face looks droopy now”.", one a flag, then how long
  /// it stands and how to lift it.
  public static func lines(_ flags: [Flag], now: Date, _ t: Localizer) -> [String] {
    guard !flags.isEmpty else { return [] }
    let format = DateFormatter()
    format.locale = Locale(identifier: t.lang)
    format.dateStyle = .none
    format.timeStyle = .short
    var out: [String] = []
    for flag in flags {
      let time = Message.Argument.text(format.string(from: flag.at))
      let when =
        Calendar.current.isDate(flag.at, inSameDayAs: now)
        ? t("chat.redFlag.today", ["time": time]) : t("chat.redFlag.yesterday", ["time": time])
      out.append(
        t("chat.redFlag.recorded", ["when": .text(when), "words": .text(t.quote(flag.words))]))
    }
    return out + [t("chat.redFlag.untilSeen")]
  }
}
