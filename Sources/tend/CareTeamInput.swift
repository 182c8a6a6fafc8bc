import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#endif

/// Turns command-line words into the care team's records, refusing what cannot be followed.
enum CareTeamInput {
  static func usage(_ app: AppContext, _ key: String, _ args: [String: Message.Argument])
    -> TendError
  {
    TendError.usage("error: " + app.t(key, args))
  }

  /// A clearance from `receivers clearance add`'s options (dates checked, not in the future,
  /// rules answerable and in the person's profile now).
  static func clearance(
    from: String, rules: [String], maxPressure: Int?, avoid: [String], given: String?,
    until: String?, note: String?, by: String?, for profile: Profile, _ app: AppContext,
    today: Date = Date()
  ) throws -> Clearance {
    guard !rules.isEmpty else { throw usage(app, "careteam.error.noRules", [:]) }
    try text(from, flag: "--from", max: maxFrom, required: true, app)
    try text(note, flag: "--note", max: maxNote, app)
    try text(by, flag: "--by", max: ReceiverName.maxCharacters, app)
    for id in rules {
      guard let rule = app.catalog.rule(id) else {
        let near = Suggest.nearest(to: id, in: app.catalog.rules.map(\.id), limit: 1)
        throw usage(
          app, "careteam.error.unknownRule",
          ["rule": .text(id), "suggestion": .text(near.first ?? "-")])
      }
      guard CareTeam.canAnswer(rule) else {
        throw usage(app, "careteam.error.cannotAnswer", ["rule": .key("rule.\(id).name")])
      }
      // An answer is about what the person has now: a rule not in the profile would be
      // "answered" in advance for a condition that has not begun.
      guard profile.conditions.contains(where: { $0.id == id }) else {
        throw usage(
          app, "careteam.error.notInProfile",
          ["name": .text(profile.name), "rule": .key("rule.\(id).name")])
      }
    }
    let givenDay = try day(given, flag: "--given", app) ?? CalendarDay.format(today)
    if let day = CalendarDay.parse(givenDay), CalendarDay.days(from: today, to: day) > 0 {
      throw usage(app, "careteam.error.futureGiven", ["given": .text(givenDay)])
    }
    let (start, end) = try span(
      givenDay, until, flag: "--until", defaultDays: Clearance.defaultDays,
      maxDays: Clearance.maxDays, app)
    return Clearance(
      id: "", from: from, rules: Array(Set(rules)).sorted(),
      limits: try limits(maxPressure: maxPressure, avoid: avoid, app: app), given: start,
      until: end, note: note, addedBy: by)
  }

  /// The longest `--from` (who answered) and `--note` Tend records.
  static let maxFrom = 100
  static let maxNote = 500

  /// Refuses a blank (when `required`) or too long text option before anything is written.
  static func text(
    _ value: String?, flag: String, max: Int, required: Bool = false, _ app: AppContext
  ) throws {
    guard let value else { return }
    let count = value.trimmingCharacters(in: .whitespacesAndNewlines).count
    let allowed = (required ? 1 : 0)...max
    guard allowed.contains(count), value.count <= max else {
      throw usage(app, "careteam.error.text", ["flag": .text(flag), "max": .number(max)])
    }
  }

  /// A `YYYY-MM-DD` option in the years the profile reader accepts (1900-2200), or nil.
  static func day(_ text: String?, flag: String, _ app: AppContext) throws -> String? {
    guard let day = try HomeInput.day(text, flag: flag, app) else { return nil }
    guard let date = CalendarDay.parse(day), (1900...2200).contains(CalendarDay.year(of: date))
    else {
      throw usage(app, "log.error.date", ["flag": .text(flag), "text": .text(text ?? day)])
    }
    return day
  }

  /// `start` and `until` (or `start` + `defaultDays`), at most `maxDays` apart.
  static func span(
    _ start: String, _ until: String?, flag: String, defaultDays: Int, maxDays: Int,
    _ app: AppContext
  ) throws -> (String, String) {
    guard let first = CalendarDay.parse(start) else {
      throw usage(app, "log.error.date", ["flag": .text(flag), "text": .text(start)])
    }
    let endDay =
      try day(until, flag: flag, app)
      ?? CalendarDay.format(first.addingTimeInterval(Double(defaultDays) * 86_400 + 7_200))
    guard let last = CalendarDay.parse(endDay) else {
      throw usage(app, "log.error.date", ["flag": .text(flag), "text": .text(endDay)])
    }
    let days = CalendarDay.days(from: first, to: last)
    guard (0...maxDays).contains(days) else {
      throw usage(
        app, "careteam.error.span",
        ["start": .text(start), "until": .text(endDay), "count": .number(maxDays)])
    }
    return (start, endDay)
  }

  static func limits(
    maxPressure: Int?, avoid: [String], positions: [String] = [], noJointMovement: Bool = false,
    maxMinutes: Int? = nil, app: AppContext
  ) throws -> CareLimits {
    var limits = CareLimits(noJointMovement: noJointMovement)
    if let maxPressure {
      guard let p = Pressure(rawValue: maxPressure) else {
        throw usage(app, "careteam.error.pressure", ["value": .number(maxPressure)])
      }
      limits.maxPressure = p
    }
    for token in avoid {
      guard let region = BodyRegion(token: token.lowercased()) else {
        throw usage(app, "careteam.error.site", ["text": .text(token)])
      }
      limits.avoid.append(region)
    }
    for token in positions {
      guard let position = Position(rawValue: token.lowercased()) else {
        throw usage(
          app, "careteam.error.position",
          [
            "text": .text(token),
            "known": .text(Position.allCases.map(\.rawValue).joined(separator: ", ")),
          ])
      }
      limits.avoidPositions.append(position)
    }
    if let maxMinutes {
      guard CareLimits.minutesRange.contains(maxMinutes) else {
        throw usage(
          app, "careteam.error.minutes",
          [
            "value": .number(maxMinutes), "min": .number(CareLimits.minutesRange.lowerBound),
            "max": .number(CareLimits.minutesRange.upperBound),
          ])
      }
      limits.maxMinutes = maxMinutes
    }
    return limits
  }

  /// Reads an advice file without following a link, checks its seal, dates and person.
  static func advice(_ path: String, for profile: Profile, _ app: AppContext) throws -> CareAdvice {
    let fail = { (problem: AdviceFile.Problem) in
      TendError(message: app.errorPrefix + app.localizer.render(problem.message), exitCode: 65)
    }
    let bytes: [UInt8]?
    do {
      bytes = try SafeFile.read(path, limit: AdviceFile.maxBytes)
    } catch {
      throw fail(.unreadable(file: path, reason: error.reason))
    }
    guard let bytes else { throw fail(.unreadable(file: path, reason: "the file does not exist")) }
    let advice: CareAdvice
    do {
      advice = try AdviceFile.read(bytes, file: path, today: Date())
    } catch {
      throw fail(error)
    }
    guard advice.receiver.lowercased() == profile.name.lowercased() else {
      throw fail(.otherPerson(file: path, writtenFor: advice.receiver, receiver: profile.name))
    }
    return advice
  }

  /// Asks "Follow this advice? (yes/no)" on a terminal; false without one.
  static func confirm(_ app: AppContext) -> Bool {
    guard isatty(0) == 1 else { return false }
    Swift.print(app.t("careteam.advice.confirm"), terminator: " ")
    guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
      return false
    }
    return app.localizer.list("chat.yesWords").contains(answer) || answer == "y" || answer == "yes"
  }
}
