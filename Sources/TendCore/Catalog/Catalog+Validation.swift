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
      // Every way a plan can word a step: as written, each variant, and (for a step on both
      // sides of a paired site) each side alone, so the words never name a side left out.
      for step in routine.steps {
        for key in step.allTextKeys(in: routine.id) {
          if english[key] == nil {
            throw missing(key, "Routines/\(routine.id).json step \(step.id)")
          }
          for lang in locales.keys.sorted() where locales[lang]?[key] == nil {
            throw .malformed(
              file: "Locales/\(lang).json", line: 1, column: 1, field: key,
              reason: "missing text for Routines/\(routine.id).json step \(step.id)")
          }
        }
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
