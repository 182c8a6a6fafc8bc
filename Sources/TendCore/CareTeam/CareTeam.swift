import Foundation

/// What the care team said for one person: answers to "ask first" and limits they sent back.
///
/// `apply` is the only place they touch a check. Its law, tested over random profiles: the
/// result is never less strict than the rules alone. The verdict never drops, the ceiling never
/// rises, no avoided site, position, technique or joint limit is dropped, the time cap never
/// grows; the one thing a clearance removes is "ask the care team first" for the rules it
/// names, and only for rules `canAnswer` allows; and the care team's own no
/// (`liftedByRecordedAnswer`), which their yes recorded for it lifts (safety round 9, F14).
public struct CareTeam: Sendable, Hashable {
  public var clearances: [Clearance]
  public var advice: [CareAdvice]

  public init(clearances: [Clearance] = [], advice: [CareAdvice] = []) {
    self.clearances = clearances
    self.advice = advice
  }

  public var isEmpty: Bool { clearances.isEmpty && advice.isEmpty }

  /// The rule ids no answer can ever lift, whatever their data says.
  public static let neverAnswered: Set<String> = ["not-understood", "not-understood-urgent"]
  /// The `because` ids of the care team's own limits (named in plans as any rule is).
  public static let clearanceSource = "care-team-clearance"
  public static let adviceSource = "care-team-advice"

  /// The care team's own "no massage" (safety round 9, F14): a `postpone` that only the care
  /// team's yes, recorded by name for this rule (`tend receivers clearance add … --for
  /// care-team-said-no`), lifts; never words typed in the chat ("the nurse said it's fine").
  public static let liftedByRecordedAnswer: Set<String> = ["care-team-said-no"]

  /// Whether a care-team answer may stand in for "ask first" for `rule`: the rule asks the care
  /// team first (always or early on), and is neither a red flag, a `postpone`, nor words Tend
  /// did not understand; or it is the care team's own no (`liftedByRecordedAnswer`).
  public static func canAnswer(_ rule: PrecautionRule) -> Bool {
    if liftedByRecordedAnswer.contains(rule.id) { return true }
    guard !neverAnswered.contains(rule.id), !rule.isRedFlag, rule.verdict < .postpone else {
      return false
    }
    return rule.askCareTeam || (rule.earlyPhase?.askCareTeam ?? false)
  }

  /// The conditions among `conditions` that a recorded answer in force on `date` lifts: the
  /// care team's own no (`liftedByRecordedAnswer`), answered by a clearance naming it that was
  /// given on or after the day the no began (when that day is known). Every other condition,
  /// and a no said again after the answer, stands.
  public func lifted(_ conditions: [Condition], on date: Date) -> [Condition] {
    conditions.filter { c in
      guard Self.liftedByRecordedAnswer.contains(c.id) else { return false }
      let start = c.daysSince.map { date.addingTimeInterval(-Double($0) * 86_400) }
      return clearances.contains { clearance in
        guard clearance.rules.contains(c.id), clearance.inForce(on: date) else { return false }
        guard let start, let given = CalendarDay.parse(clearance.given) else { return true }
        return CalendarDay.days(from: given, to: start) <= 0
      }
    }
  }

  /// What the care team changed in one check, for the messages and the summary.
  public struct Applied: Sendable, Hashable {
    /// The rules whose "ask first" an answer in force stood in for.
    public var answered: Set<String> = []
    /// Plain lines: each answer and advice in force, with its limits; answers that ended;
    /// answers that cannot lift what they name.
    public var messages: [Message] = []
  }

  /// Merges the care team's answers and advice in force on `date` into `base`.
  /// - Parameter rulesInForce: the ids of the rules active in this check (an answer for a rule
  ///   the person does not have now is not mentioned).
  /// - Parameter started: when each rule's condition began, when known (today minus its
  ///   `daysSince`): an answer given before that day was not about it and does not count.
  ///
  /// A clearance's limits stay in force whether or not it still answers (ended, or given before
  /// the condition began): limits only add, and the end only brings back "ask first".
  public func apply(
    to base: Restrictions, rulesInForce: Set<String>, on date: Date, catalog: Catalog,
    started: [String: Date] = [:]
  ) -> (Restrictions, Applied) {
    // Every limit first (limits only add, in any order), so each message can name the limit
    // that is really in force, never a looser number as if it were permission.
    var r = base
    let named = clearances.map { $0.rules.filter { rulesInForce.contains($0) } }
    for a in advice where a.inForce(on: date) {
      r = r.merged(with: Restrictions(effects: a.limits.effects, because: Self.adviceSource))
    }
    for (clearance, named) in zip(clearances, named) where !named.isEmpty {
      // A clearance's limits stand whether or not it still answers.
      r = r.merged(
        with: Restrictions(effects: clearance.limits.effects, because: Self.clearanceSource))
    }
    let final = r
    func shown(_ limits: CareLimits) -> [Message] { Self.effective(limits, under: final) }
    // On a stop or postpone day no answer makes massage safe: say so instead of "said yes".
    let notToday = base.verdict >= .postpone
    var applied = Applied()
    for advice in advice {
      if advice.inForce(on: date) {
        applied.messages.append(
          Message(
            "careteam.advice.inForce",
            [
              "from": .text(PlainText.display(advice.from)), "start": .text(advice.start),
              "until": .text(advice.until),
            ]))
        applied.messages += shown(advice.limits)
        applied.messages.append(
          Message(
            "careteam.advice.why",
            [
              "from": .text(PlainText.display(advice.from)),
              "why": .text(PlainText.display(advice.why)),
            ]))
      } else if let end = CalendarDay.parse(advice.until), end < date {
        applied.messages.append(
          Message(
            "careteam.advice.ended",
            ["from": .text(PlainText.display(advice.from)), "until": .text(advice.until)]))
      }
    }
    for (clearance, named) in zip(clearances, named) where !named.isEmpty {
      let rules = Planner.ruleNames(Set(named))
      let from = Message.Argument.text(PlainText.display(clearance.from))
      let standing: [Message] =
        clearance.limits.isEmpty
        ? [] : [Message("careteam.clearance.limitsStand")] + shown(clearance.limits)
      guard clearance.inForce(on: date) else {
        if let end = CalendarDay.parse(clearance.until), end < date {
          applied.messages.append(
            Message(
              "careteam.clearance.ended",
              ["from": from, "until": .text(clearance.until), "rules": rules]))
          applied.messages += standing
        }
        continue
      }
      let given = CalendarDay.parse(clearance.given)
      let late = named.filter { id in
        guard let start = started[id], let given else { return false }
        return CalendarDay.days(from: given, to: start) > 0
      }
      for id in late {
        applied.messages.append(
          Message(
            "careteam.clearance.beforeStart",
            [
              "from": from, "given": .text(clearance.given), "rules": .keys(["rule.\(id).name"]),
              "start": .text(started[id].map(CalendarDay.format) ?? "-"),
            ]))
      }
      let current = named.filter { !late.contains($0) }
      let answerable = current.filter { catalog.rule($0).map(Self.canAnswer) ?? false }
      let refused = current.filter { !answerable.contains($0) }
      if !answerable.isEmpty {
        applied.answered.formUnion(answerable)
        if notToday {
          applied.messages.append(
            Message(
              "careteam.clearance.notToday",
              ["from": from, "rules": Planner.ruleNames(Set(answerable))]))
          applied.messages += standing
        } else {
          applied.messages.append(
            Message(
              "careteam.clearance.inForce",
              [
                "from": from, "given": .text(clearance.given),
                "until": .text(clearance.until), "rules": Planner.ruleNames(Set(answerable)),
              ]))
          applied.messages += shown(clearance.limits)
        }
      } else if !late.isEmpty {
        applied.messages += standing
      }
      if !refused.isEmpty {
        applied.messages.append(
          Message(
            "careteam.clearance.cannotLift",
            ["from": from, "rules": Planner.ruleNames(Set(refused))]))
      }
    }
    r.clearance.subtract(applied.answered)
    return (r, applied)
  }

  /// The lines for `limits` as they stand under `r`: a ceiling or time cap that the rules (or
  /// another answer) make stricter is shown as the stricter one Tend keeps.
  static func effective(_ limits: CareLimits, under r: Restrictions) -> [Message] {
    limits.messages.map { message in
      if message.key == "careteam.limit.pressure", let p = limits.maxPressure, r.maxPressure < p {
        return Message(
          "careteam.limit.stricterPressure",
          ["pressure": .key("pressure.\(r.maxPressure.rawValue)")])
      }
      if message.key == "careteam.limit.minutes", let m = limits.maxMinutes,
        let cap = r.maxMinutes, cap < m
      {
        return Message("careteam.limit.stricterMinutes", ["count": .number(cap)])
      }
      return message
    }
  }

  /// Whether `date` falls from `start` to `end`, both days included (unreadable days: never).
  static func within(_ start: String, _ end: String, _ date: Date) -> Bool {
    guard let a = CalendarDay.parse(start), let b = CalendarDay.parse(end) else { return false }
    return CalendarDay.days(from: a, to: date) >= 0 && CalendarDay.days(from: date, to: b) >= 0
  }
}

extension Profile {
  /// The care team's answers and advice recorded for this person.
  public var careTeam: CareTeam {
    CareTeam(clearances: clearances ?? [], advice: advice ?? [])
  }
}
