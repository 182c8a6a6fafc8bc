/// Answers "what is safe for this person today, and why".
///
/// Conditions → each active rule's effects → escalations → one merged `Restrictions` (the
/// strictest wins) → a `Plan` per routine. Unknown condition ids are errors, never ignored;
/// conditions that have aged out by their rule's time limit are reported, not applied.
public struct SafetyChecker: Sendable {
  public let catalog: Catalog

  public init(catalog: Catalog) { self.catalog = catalog }

  /// Why a check could not run.
  public enum CheckError: Error, Equatable, Sendable {
    case unknownCondition(String, suggestions: [String])
    case unknownRoutine(String, suggestions: [String])
  }

  /// One condition as the check understood it.
  public struct CheckedCondition: Sendable, Hashable {
    public var condition: Condition
    public var active: Bool
    /// The site assumed because the caregiver did not say where (both sides).
    public var assumedSite: BodySite?
  }

  public struct Result: Sendable {
    public var restrictions: Restrictions
    public var conditions: [CheckedCondition]
    public var escalations: [Escalation]
    /// Plain-language lines, verdict first, the coach line last.
    public var messages: [Message]
    public var plans: [Plan]
    /// With one routine asked for: what to set up before its first step (nil when it is
    /// excluded or there is no massage today).
    public var preparation: Preparation? = nil
  }

  /// The restrictions of a profile, without plans.
  public func restrictions(for conditions: [Condition]) throws(CheckError)
    -> (Restrictions, [CheckedCondition], [Escalation])
  {
    var merged = Restrictions.none
    var checked: [CheckedCondition] = []
    for condition in conditions {
      guard let rule = catalog.rule(condition.id) else {
        throw .unknownCondition(
          condition.id,
          suggestions: Suggest.nearest(to: condition.id, in: catalog.rules.map(\.id), limit: 3))
      }
      let active = rule.isActive(daysSince: condition.daysSince)
      let assumed = condition.site == nil && rule.site == .required ? rule.defaultSite : nil
      checked.append(CheckedCondition(condition: condition, active: active, assumedSite: assumed))
      merged = merged.merged(
        with: Restrictions(effects: rule.effects(for: condition), because: rule.id))
    }
    let activeIDs = Set(checked.filter(\.active).map(\.condition.id))
    let fired = catalog.escalations.filter { $0.applies(to: activeIDs) }
    for escalation in fired {
      var effects: [Effect] = [.verdictFloor(escalation.verdict), .clearance]
      if escalation.emergency { effects.append(.emergency) }
      merged = merged.merged(with: Restrictions(effects: effects, because: escalation.id))
    }
    return (merged, checked, fired)
  }

  /// The full check: restrictions, messages and a plan for each routine (or only `routineID`,
  /// then with its preparation, which names the receiver's recorded `allergies`).
  public func check(
    _ conditions: [Condition], routineID: String? = nil, allergies: [String] = []
  ) throws(CheckError) -> Result {
    let routines = try self.routines(routineID)
    let (restrictions, checked, fired) = try self.restrictions(for: conditions)
    return result(
      restrictions, checked, fired, messages(restrictions, checked, fired), routines,
      routineID: routineID, allergies: allergies)
  }

  /// Every routine, or only `routineID` (an unknown one is an error with suggestions).
  func routines(_ routineID: String?) throws(CheckError) -> [Routine] {
    guard let routineID else { return catalog.routines }
    guard let routine = catalog.routine(routineID) else {
      throw .unknownRoutine(
        routineID,
        suggestions: Suggest.nearest(to: routineID, in: catalog.routines.map(\.id), limit: 3))
    }
    return [routine]
  }

  /// The plans under `restrictions` and, for one routine, its preparation.
  func result(
    _ restrictions: Restrictions, _ checked: [CheckedCondition], _ fired: [Escalation],
    _ messages: [Message], _ routines: [Routine], routineID: String?, allergies: [String]
  ) -> Result {
    let plans = Planner.plans(routines, under: restrictions)
    let preparation =
      routineID == nil
      ? nil
      : plans.first.flatMap {
        Preparation.make(
          for: $0, restrictions: restrictions, conditions: checked, catalog: catalog,
          allergies: allergies)
      }
    return Result(
      restrictions: restrictions, conditions: checked, escalations: fired, messages: messages,
      plans: plans, preparation: preparation)
  }

  func messages(
    _ r: Restrictions, _ checked: [CheckedCondition], _ fired: [Escalation]
  ) -> [Message] {
    var lines: [Message] = []
    let activeRules = checked.filter(\.active).compactMap { catalog.rule($0.condition.id) }
    switch r.verdict {
    case .stopCallProvider:
      lines.append(Message(r.emergency ? "check.verdict.emergency" : "check.verdict.stop"))
    case .postpone:
      lines.append(
        Message("check.verdict.postpone", ["rules": Planner.ruleNames(r.verdictBecause)]))
    // When the care team is to be asked first, the headline says so first: "go ahead" must
    // never stand above "ask the care team first" (the verdict itself is unchanged).
    case .adjust:
      lines.append(
        Message(r.clearance.isEmpty ? "check.verdict.adjust" : "check.verdict.adjustAskFirst"))
    case .ok where !r.clearance.isEmpty:
      lines.append(Message("check.verdict.okAskFirst"))
    case .ok:
      lines.append(Message(checked.isEmpty ? "check.verdict.okNothing" : "check.verdict.ok"))
    }
    for escalation in fired { lines.append(Message("escalation.\(escalation.id)")) }
    // Red flags first, then the rest, each rule's advice once.
    var seen = Set<String>()
    let ordered = activeRules.filter(\.isRedFlag) + activeRules.filter { !$0.isRedFlag }
    for rule in ordered where seen.insert(rule.id).inserted {
      lines.append(SidedAdvice.message(rule, r))
    }
    for item in checked where item.active {
      if let site = item.assumedSite {
        lines.append(
          Message(
            "check.assumedSite",
            ["rule": .key("rule.\(item.condition.id).name"), "site": .key("site.\(site.rawValue)")])
        )
      }
    }
    for item in checked where !item.active {
      lines.append(
        Message(
          "check.inactive",
          [
            "rule": .key("rule.\(item.condition.id).name"),
            "count": .number(item.condition.daysSince ?? 0),
          ]))
    }
    if r.verdict.allowsMassage, r.clearanceAdvised {
      lines.append(Message("check.clearance", ["rules": Planner.ruleNames(r.clearance)]))
    }
    if r.verdict.allowsMassage {
      for rule in ordered where !rule.isRedFlag && seen.remove(rule.id) != nil {
        lines.append(Message("rule.\(rule.id).watch"))
      }
    }
    lines.append(Message("check.coach"))
    return lines
  }
}
