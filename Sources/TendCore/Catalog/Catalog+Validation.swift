import Foundation

extension Catalog {
  /// Checks that hold across files: text exists for every rule, routine and step; examples name
  /// known rules, routines and steps; escalations name known rules.
  func validateAcrossFiles() throws(CatalogError) {
    let locale = "Locales/en.json"
    func missing(_ key: String, _ owner: String) -> CatalogError {
      .malformed(
        file: locale, line: 1, column: 1, field: key, reason: "missing English text for \(owner)")
    }
    for rule in rules {
      for part in ["name", "advice", "watch", "question"]
      where english["rule.\(rule.id).\(part)"] == nil {
        throw missing("rule.\(rule.id).\(part)", "rule \(rule.id)")
      }
    }
    for escalation in escalations where english["escalation.\(escalation.id)"] == nil {
      throw missing("escalation.\(escalation.id)", "escalation \(escalation.id)")
    }
    for routine in routines {
      for key in [routine.titleKey, routine.summaryKey] where english[key] == nil {
        throw missing(key, "Routines/\(routine.id).json")
      }
      for step in routine.steps where english[step.textKey(in: routine.id)] == nil {
        throw missing(step.textKey(in: routine.id), "Routines/\(routine.id).json step \(step.id)")
      }
    }
    let file = "Routines/precautions.json"
    for rule in rules {
      for example in rule.examples {
        func bad(_ field: String, _ reason: String) -> CatalogError {
          .malformed(
            file: file, line: example.line, column: 1, field: "\(rule.id).examples.\(field)",
            reason: reason)
        }
        for spec in example.conditions {
          guard let condition = try? ConditionSpec.parse(spec) else {
            throw bad("conditions", "cannot read the condition spec \"\(spec)\"")
          }
          guard self.rule(condition.id) != nil else {
            throw bad("conditions", "unknown condition id \"\(condition.id)\"")
          }
        }
        if let id = example.routine {
          guard let routine = routine(id) else { throw bad("routine", "unknown routine \"\(id)\"") }
          if case .string(let stepID)? = example.expect["step"],
            !routine.steps.contains(where: { $0.id == stepID })
          {
            throw bad("expect.step", "routine \(id) has no step \"\(stepID)\"")
          }
        }
      }
    }
  }
}
