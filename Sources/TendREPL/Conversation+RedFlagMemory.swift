import Foundation
import TendCore

/// Red flags said in the conversation outlive it: their words are in the journal (a session's
/// stop reason or note, a feeling's text, or the words of a red flag told and not saved), so
/// when a person is chosen, words of the last 24 hours that read as a red flag (or escalate
/// with the profile) are in force again, shown with when and why, until the caregiver says
/// the person was seen (which the journal records as the condition taken off). Fail closed: a
/// journal line that cannot be read is skipped, so it never lifts a red flag.
extension Conversation {
  /// A red flag found in the journal's words: when, the words, and what they read as.
  struct RecordedFlag: Sendable, Equatable {
    var at: Date
    var words: String
    var conditions: [Condition]
  }

  /// The red flags recorded for `profile` in the 24 hours before now and not closed since.
  func recordedRedFlags(_ profile: Profile) -> [RecordedFlag] {
    guard let understand = context.understand,
      let entries = try? store.entries(of: profile.id, since: now.addingTimeInterval(-86_400))
    else { return [] }
    let checker = SafetyChecker(catalog: context.catalog)
    var found: [RecordedFlag] = []
    for (at, entry) in entries {
      var texts: [String] = []
      switch entry {
      case .session(let s): texts = [s.stopReason, s.note].compactMap { $0 }
      case .feeling(_, let text, _): texts = [text].compactMap { $0 }
      case .conditionRemoved(let c, _, _):
        for i in found.indices { found[i].conditions.removeAll { $0.id == c.id } }
        found.removeAll { $0.conditions.isEmpty }
        continue
      default: continue
      }
      for text in texts where !text.isEmpty {
        let stored = profile.conditions(asOf: at)
        let conditions = understand(text, at, stored).conditions
        let flags = conditions.filter { redFlags([$0.id]).count == 1 }
        if !flags.isEmpty {
          found.append(RecordedFlag(at: at, words: text, conditions: flags))
          continue
        }
        guard !conditions.isEmpty, let (before, _, _) = try? checker.restrictions(for: stored),
          let (after, _, _) = try? checker.restrictions(for: stored + conditions),
          after.verdict == .stopCallProvider, before.verdict != .stopCallProvider
        else { continue }
        found.append(RecordedFlag(at: at, words: text, conditions: conditions))
      }
    }
    return found
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

  /// "Red flag said at 14:02: “her face looks droopy now”", then how to lift it.
  func recordedLines(_ recorded: [RecordedFlag]) -> [Action] {
    let format = DateFormatter()
    format.locale = Locale(identifier: t.lang)
    format.dateStyle = .none
    format.timeStyle = .short
    let day = Calendar.current
    var out: [Action] = []
    for flag in recorded {
      let when =
        day.isDate(flag.at, inSameDayAs: now)
        ? t("chat.redFlag.today", ["time": .text(format.string(from: flag.at))])
        : t("chat.redFlag.yesterday", ["time": .text(format.string(from: flag.at))])
      out.append(
        .say(
          t("chat.redFlag.recorded", ["when": .text(when), "words": .text(t.quote(flag.words))])))
    }
    out.append(.say(t("chat.redFlag.untilSeen")))
    return out
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
