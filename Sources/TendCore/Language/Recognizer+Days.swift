import Foundation

extension Recognizer {
  /// How many days ago something began, from an answer to "how many days ago?": a number
  /// ("10"), or the same date words a sentence understands ("3 weeks ago", "a fortnight",
  /// "since Tuesday", "yesterday", "two months"). Nil when the answer holds no time at all.
  ///
  /// The question already means "ago", so a bare amount counts ("3 weeks"), and when nothing
  /// is found the answer is read once more with the language's "ago" word after it ("a
  /// fortnight" as "a fortnight ago"; `ago` is the language's first `vocab.cue.ago` word).
  /// Uses `DateWords`, so a sentence and the prompt agree.
  public func daysAgo(in text: String, today: Date, ago: String?) -> Int? {
    if let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 { return n }
    if let days = dateMention(text, today: today) { return days }
    guard let ago else { return nil }
    return dateMention(text + " " + ago, today: today)
  }

  private func dateMention(_ text: String, today: Date) -> Int? {
    let (vocabulary, marks) = reading(text)
    let tokens = TextTokens.tokenize(text, marks: marks)
    guard !tokens.isEmpty else { return nil }
    let (all, _, _) = vocabulary.matches(tokens)
    let dateWords = all.filter {
      switch $0.meaning {
      case .cue, .number, .unit, .daysAgo, .weekday, .month: true
      default: false
      }
    }
    // A mention "just after the end" lets a bare amount ("3 weeks") count as a duration.
    let found = DateWords.find(
      dateWords, tokens: tokens, mentionStarts: [tokens.count], today: today, calendar: calendar)
    return found.first?.days
  }

  /// The first number token up to `within` words after token `last`, in its sentence, that
  /// `accepts` takes (a reading after "blood pressure", a count after "platelets").
  static func number(
    after last: Int, within: Int, in tokens: [TextToken],
    where accepts: (Double) -> Bool = { _ in true }
  ) -> Int? {
    let sentence = tokens[last].sentence
    for i in (last + 1)..<min(tokens.count, last + within + 1) where tokens[i].sentence == sentence
    {
      if let value = tokens[i].number, accepts(value) { return i }
    }
    return nil
  }
}
