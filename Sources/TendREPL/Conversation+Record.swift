import Foundation
import TendCore

/// Long lines and what the journal keeps of them (outside tester, round 5, F11 and F12).
///
/// A line is read whole up to `lineLimit` characters (a pasted page is far shorter); a longer
/// one keeps its first and last halves of that, and the loop says plainly that the middle was
/// not read. What goes in the journal is capped (2,000 characters for a feeling or a note, 500
/// for a reason), but a cut never takes out the words of a red flag or a condition: the
/// record keeps the beginning, each sentence the recognizer read a condition in (red flags
/// first), and the end, joined by ` […] `.
extension Conversation {
  /// The most characters of one line read as it is.
  public static let lineLimit = 20_000

  /// Whether `raw` is longer than is read whole (its middle is not read).
  public static func isCut(_ raw: String) -> Bool {
    raw.unicodeScalars.count > lineLimit
  }

  /// `text` as the journal keeps it: whole when it fits `limit`; otherwise its beginning, the
  /// sentences that named a red flag or another condition, and its end, with ` […] ` between.
  func recorded(_ text: String, limit: Int = 2000) -> String {
    guard text.count > limit else { return text }
    let found = understood(text)?.conditions ?? []
    let ordered =
      found.filter { context.catalog.rule($0.id)?.isRedFlag == true }
      + found.filter { context.catalog.rule($0.id)?.isRedFlag != true }
    let mark = " […] "
    var middle: [String] = []
    var used = 0
    for phrase in ordered.compactMap(\.matched) where !phrase.isEmpty {
      let sentence = Self.sentence(around: phrase, in: text, limit: max(80, limit / 4))
      guard !middle.contains(sentence), used + sentence.count <= limit / 2 || middle.isEmpty
      else { continue }
      middle.append(sentence)
      used += sentence.count + mark.count
    }
    let budget = max(0, limit - used - mark.count * 2)
    let head = String(text.prefix(budget / 2)).trimmingCharacters(in: .whitespaces)
    let tail = String(text.suffix(budget - budget / 2)).trimmingCharacters(in: .whitespaces)
    return ([head] + middle + [tail]).filter { !$0.isEmpty }.joined(separator: mark)
  }

  /// The sentence of `text` that holds `phrase` (matched without regard to case), at most
  /// `limit` characters around it; the phrase itself when it cannot be found as typed.
  static func sentence(around phrase: String, in text: String, limit: Int) -> String {
    guard
      let range = text.range(of: phrase, options: [.caseInsensitive, .diacriticInsensitive])
    else { return String(phrase.prefix(limit)) }
    let ends = Set(".!?;\n。！？；")
    var start = range.lowerBound
    var steps = 0
    while start > text.startIndex, steps < limit / 2 {
      let before = text.index(before: start)
      if ends.contains(text[before]) { break }
      start = before
      steps += 1
    }
    var end = range.upperBound
    steps = 0
    while end < text.endIndex, steps < limit / 2 {
      let ch = text[end]
      end = text.index(after: end)
      if ends.contains(ch) { break }
      steps += 1
    }
    return String(text[start..<end]).trimmingCharacters(in: .whitespaces)
  }
}
