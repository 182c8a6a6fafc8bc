import Foundation
import TendCore

/// Hears "the nurse said it's fine, gentle only" in the chosen language: who answered, and the
/// limits they added. Only phrases from the locale (`chat.careteam.*Words`) count, matched as
/// whole words on the recognizer's tokens (`TextTokens`), so "said yes" never matches inside
/// "said yesterday". It fails closed: a sentence is a yes only when a care-team word says it
/// (doctor, nurse, Dr Lee...: `chat.careteam.speakerWords`), no family word names the speaker
/// (`chat.careteam.familyWords`: "my sister is a nurse" is family), and no word outside the yes and the
/// limits negates, conditions, postpones or hedges it (`chat.careteam.notSureWords`: not,
/// never, yet, if, wait, later, next, but, only, as if...). What is heard is always shown back
/// and confirmed before anything is saved. (The free-text recognizer for conditions is
/// separate, in TendCore/Language; this reads only the care team's answer.)
enum CareTeamWords {
  struct Heard: Equatable, Sendable {
    /// The words before the phrase ("the nurse", "Dr Lee").
    var from: String
    var limits: CareLimits
  }

  /// What a sentence about the care team's answer says.
  enum Answer: Equatable, Sendable {
    /// A plain yes from the care team, with any limits.
    case yes(Heard)
    /// The care team said no ("the doctor said no massage").
    case refusal
    /// A yes-phrase with a negation, condition, future or hedge around it: not a yes.
    case notSure
    /// A yes from someone who is not the care team ("Mum said it's fine").
    case notCareTeam(from: String)
    /// A yes from family, whatever their job ("my sister is a nurse and said it is fine"):
    /// a relative is not the team treating them. `word` is the family word as typed.
    case family(word: String)
  }

  /// The care team's answer in `line`, or nil when the sentence does not speak of one.
  static func answer(_ line: String, localizer t: Localizer) -> Answer? {
    // As the recognizer reads marks: Vietnamese typed with them keeps them, typed without them
    // is read without; other languages fold Latin-1 accents.
    let marks: TextTokens.Marks =
      t.table.lang != "vi" ? .latin1 : TextTokens.hasMarks(line) ? .keep : .strip
    let tokens = TextTokens.tokenize(line, marks: marks)
    let words = tokens.map(\.text)
    func phrases(_ key: String) -> [[String]] {
      t.list(key).map { TextTokens.words($0, marks: marks) }.filter { !$0.isEmpty }
        .sorted { $0.count > $1.count }
    }
    let speakers = phrases("chat.careteam.speakerWords")
    func isCareTeam(_ range: Range<Int>) -> Bool {
      speakers.contains { !occurrences(of: $0, in: words, within: range).isEmpty }
    }
    if let refusal = first(of: phrases("chat.careteam.refusalWords"), in: words) {
      return isCareTeam(0..<refusal.lowerBound) ? .refusal : nil
    }
    guard let said = first(of: phrases("chat.careteam.saidWords"), in: words) else { return nil }
    guard said.lowerBound > 0 else { return nil }
    let fromText = String(line[..<tokens[said.lowerBound].range.lowerBound])
      .trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
    guard !fromText.isEmpty, fromText.count <= 60 else { return nil }
    var covered = Set(said)
    let rest = said.upperBound..<words.count
    var limits = CareLimits()
    if let hold = first(of: phrases("chat.careteam.holdWords"), in: words, within: rest) {
      limits.maxPressure = .stillHold
      covered.formUnion(hold)
    } else if let gentle = first(of: phrases("chat.careteam.gentleWords"), in: words, within: rest)
    {
      limits.maxPressure = .light
      covered.formUnion(gentle)
    }
    for cue in phrases("chat.careteam.avoidWords") {
      for hit in occurrences(of: cue, in: words, within: rest) where covered.isDisjoint(with: hit) {
        guard let (region, length) = site(after: hit.upperBound, tokens, line, t) else { continue }
        covered.formUnion(hit.lowerBound..<(hit.upperBound + length))
        if !limits.avoid.contains(region) { limits.avoid.append(region) }
      }
    }
    let hedged = phrases("chat.careteam.notSureWords").contains { phrase in
      occurrences(of: phrase, in: words, within: 0..<words.count).contains {
        covered.isDisjoint(with: $0)
      }
    }
    // Family is not the treating team, even a relative who is a nurse or a doctor.
    if let kin = first(
      of: phrases("chat.careteam.familyWords"), in: words, within: 0..<said.lowerBound)
    {
      let text = line[
        tokens[kin.lowerBound].range.lowerBound..<tokens[kin.upperBound - 1].range.upperBound]
      return .family(word: PlainText.display(String(text)))
    }
    if hedged { return .notSure }
    guard isCareTeam(0..<said.lowerBound) else {
      return .notCareTeam(from: PlainText.display(fromText))
    }
    return .yes(Heard(from: fromText, limits: limits))
  }

  /// The plain yes in `line`, or nil (the tests and callers that only want a yes).
  static func hear(_ line: String, localizer t: Localizer) -> Heard? {
    if case .yes(let heard)? = answer(line, localizer: t) { return heard }
    return nil
  }

  /// The body site named in the (at most three) tokens from `start`, and how many tokens name it.
  static func site(after start: Int, _ tokens: [TextToken], _ line: String, _ t: Localizer)
    -> (BodyRegion, Int)?
  {
    let end = min(tokens.count, start + 3)
    guard start < end else { return nil }
    func text(_ n: Int) -> String {
      String(line[tokens[start].range.lowerBound..<tokens[start + n - 1].range.upperBound])
    }
    guard let region = SiteWords.region(in: text(end - start), localizer: t) else { return nil }
    let length = (1...(end - start)).first {
      SiteWords.region(in: text($0), localizer: t) == region
    }
    return (region, length ?? end - start)
  }

  /// The first (longest at a place) occurrence of any of `phrases` in `words`, within `range`.
  static func first(of phrases: [[String]], in words: [String], within range: Range<Int>? = nil)
    -> Range<Int>?
  {
    let range = range ?? 0..<words.count
    return phrases.flatMap { occurrences(of: $0, in: words, within: range) }
      .min { ($0.lowerBound, -$0.count) < ($1.lowerBound, -$1.count) }
  }

  /// Every place `phrase` occurs as whole tokens in `words`, inside `range`.
  static func occurrences(of phrase: [String], in words: [String], within range: Range<Int>)
    -> [Range<Int>]
  {
    guard !phrase.isEmpty, range.count >= phrase.count else { return [] }
    return (range.lowerBound...(range.upperBound - phrase.count)).compactMap { i in
      words[i..<(i + phrase.count)].elementsEqual(phrase) ? i..<(i + phrase.count) : nil
    }
  }
}
