import Foundation

/// When something began, from the caregiver's words: "10 days ago", "a couple of weeks ago",
/// "hace dos semanas", "last week", "yesterday", "since Monday", "3 years ago", and the
/// durations that sit right before a mention ("28 weeks pregnant", "10 days post-op") or after
/// "for" ("for three weeks").
enum DateWords {
  struct Mention: Sendable, Equatable {
    var first: Int
    var last: Int
    var days: Int
    /// A duration written right before a mention: it belongs to that mention.
    var leadsMention: Bool
    /// How long something has gone on ("for two weeks", "since Monday"), not when it happened
    /// ("two weeks ago"): it is still going on.
    var ongoing = false
  }

  /// Every date expression in the message. `matches` are the date and cue matches.
  static func find(
    _ matches: [PhraseMatch], tokens: [TextToken], mentionStarts: Set<Int>, today: Date,
    calendar: Calendar
  ) -> [Mention] {
    var at: [Int: PhraseMatch] = [:]
    var cueStarting: [Int: Vocabulary.Cue] = [:]
    var cueEnding: [Int: PhraseMatch] = [:]
    for m in matches {
      if case .cue(let cue) = m.meaning {
        cueStarting[m.first] = cue
        cueEnding[m.last] = m
      } else {
        at[m.first] = m
      }
    }
    func meaning(_ i: Int) -> Vocabulary.Meaning? { at[i]?.meaning }
    /// The cue that ends right before token `i` ("desde el" before "lunes"), and where it starts.
    func cueBefore(_ i: Int) -> (Vocabulary.Cue, Int)? {
      guard i > 0, let m = cueEnding[i - 1], case .cue(let cue) = m.meaning else { return nil }
      return (cue, m.first)
    }
    let weekdayToday = calendar.component(.weekday, from: today)
    var found: [Mention] = []
    var i = 0
    while i < tokens.count {
      defer { i += 1 }
      // A weekday: "since Monday", "on Tuesday", "last Friday".
      if case .weekday(let day)? = meaning(i) {
        var days = (weekdayToday - day + 7) % 7
        if days == 0 { days = 7 }
        let since = cueBefore(i)?.0 == .since
        let first = cueBefore(i).map { $0.0 == .since ? $0.1 : i } ?? i
        found.append(
          Mention(first: first, last: at[i]!.last, days: days, leadsMention: false, ongoing: since))
        continue
      }
      // A month after "in", "since", "back in" or next to a day number ("in March", "desde
      // marzo", "3 March"): the fewest days it can be, counted from the end of its most recent
      // occurrence (this month: today), so a time limit is never judged over too soon.
      if case .month(let month)? = meaning(i) {
        let before = cueBefore(i)
        let dayBefore =
          i > 0 ? tokens[i - 1].number.flatMap { (1...31).contains($0) ? $0 : nil } : nil
        // A one-word month needs them ("she may", "mars"); "tháng 3", "三月份" stand alone.
        guard
          before.map({ $0.0 == .since || $0.0 == .within }) == true || dayBefore != nil
            || at[i]!.last > i
        else { continue }
        let thisMonth = calendar.component(.month, from: today)
        let year = calendar.component(.year, from: today) - (month > thisMonth ? 1 : 0)
        var days = 0
        if month != thisMonth,
          let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
          let end = calendar.date(byAdding: DateComponents(month: 1, day: -1), to: start),
          let n = calendar.dateComponents([.day], from: end, to: today).day
        {
          days = max(0, n)
        }
        let first = before.map(\.1) ?? (dayBefore != nil ? i - 1 : i)
        found.append(
          Mention(
            first: first, last: at[i]!.last, days: days, leadsMention: false,
            ongoing: before?.0 == .since))
        continue
      }
      if case .daysAgo(let days)? = meaning(i) {
        found.append(Mention(first: i, last: at[i]!.last, days: days, leadsMention: false))
        continue
      }
      // A year ("in 2019"): the fewest days it can be, counted from that year's last day.
      if let n = tokens[i].number, n == n.rounded(), n >= 1900, n < 10_000,
        let (cue, start) = cueBefore(i),
        cue == .since || cue == .within,
        let yearEnd = calendar.date(from: DateComponents(year: Int(n), month: 12, day: 31)),
        let days = calendar.dateComponents([.day], from: yearEnd, to: today).day,
        days >= -366
      {
        found.append(
          Mention(
            first: start, last: i, days: max(0, days), leadsMention: false, ongoing: cue == .since))
        continue
      }
      // A year written with the year's own word ("2019年", "năm 2019"): no cue is needed, and
      // it is never an amount of years.
      if let n = tokens[i].number, n == n.rounded(), n >= 1900, n <= 2100,
        let yearEnd = calendar.date(from: DateComponents(year: Int(n), month: 12, day: 31)),
        let days = calendar.dateComponents([.day], from: yearEnd, to: today).day,
        days >= -366
      {
        let after = i + 1 < tokens.count && meaning(i + 1) == .unit(365)
        let before = i > 0 && meaning(i - 1) == .unit(365) && at[i - 1]!.last == i - 1
        if after || before {
          let last = after ? at[i + 1]!.last : i
          found.append(
            Mention(first: before ? i - 1 : i, last: last, days: max(0, days), leadsMention: false))
          i = last
          continue
        }
      }
      // An amount: a number ("10", "ten", "a couple of") followed by a unit.
      var amount: Int?
      var amountLast = i
      if let n = tokens[i].number, n == n.rounded(), n >= 0, n < 10_000 {
        amount = Int(n)
      } else if case .number(let n)? = meaning(i) {
        amount = n
        amountLast = at[i]!.last
      }
      guard let count = amount else { continue }
      var u = amountLast + 1
      if u < tokens.count, meaning(u) == nil, u + 1 < tokens.count, case .unit? = meaning(u + 1) {
        u += 1  // "a couple of weeks"
      }
      guard u < tokens.count, case .unit(let perUnit)? = meaning(u),
        tokens[u].sentence == tokens[i].sentence
      else { continue }
      let unitLast = at[u]!.last
      let days = count * perUnit
      let next = unitLast + 1
      if next < tokens.count, cueStarting[next] == .ago {
        // "since 2 weeks ago" has gone on since then.
        let since = cueBefore(i)?.0 == .since
        found.append(
          Mention(first: i, last: next, days: days, leadsMention: false, ongoing: since))
        i = next
      } else if let (cue, start) = cueBefore(i), cue == .agoBefore || cue == .duration {
        found.append(
          Mention(
            first: start, last: unitLast, days: days, leadsMention: false,
            ongoing: cue == .duration))
        i = unitLast
      } else if (next...min(next + 1, tokens.count)).contains(where: mentionStarts.contains) {
        found.append(
          Mention(first: i, last: unitLast, days: days, leadsMention: true, ongoing: true))
        i = unitLast
      }
    }
    return found
  }

  /// The mention each date belongs to: a leading duration to the mention right after it;
  /// otherwise the nearest mention in the same sentence (a mention in another clause counts as
  /// six words further), the one before it on a tie.
  static func attach(_ dates: [Mention], to mentions: [PhraseMatch], tokens: [TextToken]) -> [Int:
    Mention]
  {
    var result: [Int: Mention] = [:]
    for date in dates {
      var best: (index: Int, distance: Int)?
      for (index, m) in mentions.enumerated()
      where tokens[m.first].sentence == tokens[date.first].sentence {
        let distance: Int
        if date.leadsMention {
          guard m.first > date.last, m.first - date.last <= 2 else { continue }
          distance = 0
        } else if m.last < date.first {
          distance = date.first - m.last
        } else if m.first > date.last {
          distance = m.first - date.last + 1
        } else {
          distance = 0
        }
        let penalty = tokens[m.first].clause == tokens[date.first].clause ? 0 : 6
        guard distance + penalty <= 12 else { continue }
        if best == nil || distance + penalty < best!.distance { best = (index, distance + penalty) }
      }
      if let best, result[best.index] == nil { result[best.index] = date }
    }
    return result
  }
}
