/// The data checks itself: every precaution rule's `examples` are run through the real
/// `SafetyChecker` when the catalog loads, so a rule edited to contradict its own examples
/// (`fever`'s verdict set to `ok`, a blood thinner's pressure ceiling raised to 3) is bad data,
/// exit 65, naming the file, the example's line and the rule, and no advice is given.
extension Catalog {
  /// Evaluates every example of every rule.
  /// - Throws: `CatalogError.malformed` at the first contradiction.
  public func checkExamples() throws(CatalogError) {
    let checker = SafetyChecker(catalog: self)
    for rule in rules {
      for example in rule.examples {
        if let problem = contradiction(example, checker) {
          throw .malformed(
            file: "Routines/precautions.json", line: example.line, column: 1,
            field: "\(rule.id).examples", reason: "rule \(rule.id): \(problem)")
        }
      }
    }
  }

  /// What the checker says that the example does not, or nil when they agree.
  public func contradiction(_ example: RuleExample, _ checker: SafetyChecker) -> String? {
    var conditions: [Condition] = []
    for spec in example.conditions {
      guard let condition = try? ConditionSpec.parse(spec) else {
        return "cannot read the example's condition \(spec)"
      }
      conditions.append(condition)
    }
    // Planning every routine is most of a check's cost: only examples about a routine or a
    // step need plans, and they name their routine (or get every routine, as `tend check`).
    let needsPlans = example.expect["routineVerdict"] != nil || example.expect["step"] != nil
    let r: Restrictions
    let checked: [SafetyChecker.CheckedCondition]
    var plans: [Plan] = []
    do {
      if needsPlans || example.routine != nil {
        let result = try checker.check(conditions, routineID: example.routine)
        (r, checked, plans) = (result.restrictions, result.conditions, result.plans)
      } else {
        (r, checked, _) = try checker.restrictions(for: conditions)
      }
    } catch {
      return "the check failed: \(error)"
    }
    func differs(_ what: String, _ found: some CustomStringConvertible, _ expected: Any) -> String {
      "\(what) is \(found), but the example expects \(expected)"
    }
    for (key, value) in example.expect.sorted(by: { $0.key < $1.key }) {
      switch (key, value) {
      case ("verdict", .string(let v)):
        if r.verdict.rawValue != v { return differs("the verdict", r.verdict.rawValue, v) }
      case ("maxPressure", .int(let p)):
        let found = r.effectiveMaxPressure.rawValue
        if found != p { return differs("the pressure ceiling", found, p) }
      case ("avoid", .strings(let tokens)):
        for token in tokens {
          guard let region = BodyRegion(token: token) else { return "unknown region \(token)" }
          if !r.avoid.keys.contains(where: { region.isWithin($0) }) {
            return "\(token) is not avoided, but the example expects it to be"
          }
        }
      case ("notAvoided", .strings(let tokens)):
        for token in tokens {
          guard let region = BodyRegion(token: token) else { return "unknown region \(token)" }
          if !r.avoiders(of: region).isEmpty {
            return "\(token) is avoided, but the example expects it to stay free"
          }
        }
      case ("avoidPositions", .strings(let names)):
        for name in names {
          guard let position = Position(rawValue: name) else { return "unknown position \(name)" }
          if r.avoidPositions[position] == nil {
            return "\(name) is not avoided, but the example expects it to be"
          }
        }
      case ("noJointMovement", .bool(let b)):
        if r.noJointMovement.isEmpty == b { return differs("noJointMovement", !b, b) }
      case ("maxMinutes", .int(let m)):
        if r.maxMinutes != m {
          return differs("maxMinutes", r.maxMinutes.map(String.init) ?? "none", m)
        }
      case ("maxMinutes", .null):
        if let found = r.maxMinutes { return differs("maxMinutes", found, "none") }
      case ("clearanceAdvised", .bool(let b)):
        if r.clearanceAdvised != b { return differs("clearanceAdvised", r.clearanceAdvised, b) }
      case ("emergency", .bool(let b)):
        if r.emergency != b { return differs("emergency", r.emergency, b) }
      case ("active", .bool(let b)):
        guard let first = checked.first else { return "no condition to be active" }
        if first.active != b { return differs("active", first.active, b) }
      case ("routineVerdict", .string(let v)):
        guard let plan = plans.first else { return "routineVerdict needs a routine" }
        if plan.verdict.rawValue != v {
          return differs("the routine verdict", plan.verdict.rawValue, v)
        }
      case ("step", .string(let stepID)):
        guard let plan = plans.first else { return "step needs a routine" }
        guard let step = plan.steps.first(where: { $0.step.id == stepID }) else {
          return "the plan has no step \(stepID)"
        }
        if case .string(let action)? = example.expect["action"], step.action.rawValue != action {
          return differs("step \(stepID)'s action", step.action.rawValue, action)
        }
        if case .int(let p)? = example.expect["pressure"], step.pressure.rawValue != p {
          return differs("step \(stepID)'s pressure", step.pressure.rawValue, p)
        }
        if case .string(let side)? = example.expect["side"], step.side?.rawValue != side {
          return differs("step \(stepID)'s side", step.side?.rawValue ?? "both", side)
        }
        if case .string(let technique)? = example.expect["technique"],
          step.technique.rawValue != technique
        {
          return differs("step \(stepID)'s technique", step.technique.rawValue, technique)
        }
        if case .string(let key)? = example.expect["textKey"], step.textKey != key {
          return differs("step \(stepID)'s words", step.textKey, key)
        }
      case ("action", _), ("pressure", _), ("side", _), ("technique", _), ("textKey", _):
        break  // checked with "step"
      default:
        return "unknown expectation \(key)"
      }
    }
    return nil
  }
}
