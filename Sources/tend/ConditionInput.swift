import Foundation
import TendCore

/// Turns `--condition` specs and profile files into conditions, with "did you mean" errors.
enum ConditionInput {
  static func parse(_ specs: [String], catalog: Catalog) throws -> [Condition] {
    try specs.map { spec in
      let condition: Condition
      do {
        condition = try ConditionSpec.parse(spec)
      } catch let error as ConditionSpec.ParseError {
        switch error {
        case .empty:
          throw TendError.usage("error: an empty --condition; expected ID, ID@SITE or ID@SIDE-SITE")
        case .badID(let id):
          throw TendError.usage(
            "error: \"\(PlainText.display(id))\" in --condition is not a condition id"
              + hint(Suggest.nearest(to: id, in: catalog.rules.map(\.id), limit: 3)))
        case .badDays(let tail):
          throw TendError.usage(
            "error: \"+\(tail)\" in \"\(spec)\" is not a number of days; write it as +10d")
        case .unknownSite(let site):
          let names = BodySite.allCases.flatMap { site in
            [site.rawValue]
              + (site.isPaired ? Side.allCases.map { "\($0.rawValue)-\(site.rawValue)" } : [])
          }
          throw TendError.usage(
            "error: unknown body site \"\(site)\" in \"\(spec)\""
              + hint(Suggest.nearest(to: site, in: names, limit: 3))
              + "\nsites: " + BodySite.allCases.map(\.rawValue).joined(separator: ", "))
        }
      }
      guard catalog.rule(condition.id) != nil else {
        throw usageError(
          SafetyChecker.CheckError.unknownCondition(
            condition.id,
            suggestions: Suggest.nearest(to: condition.id, in: catalog.rules.map(\.id), limit: 3)))
      }
      return condition
    }
  }

  static func usageError(_ error: SafetyChecker.CheckError) -> TendError {
    switch error {
    case .unknownCondition(let id, let suggestions):
      return .usage(
        "error: unknown condition \"\(id)\"" + hint(suggestions)
          + "\n(`tend check --help` explains the form; the ids are in Routines/precautions.json)")
    case .unknownRoutine(let id, let suggestions):
      return .usage(
        "error: unknown routine \"\(id)\"" + hint(suggestions) + "\n(`tend routines` lists them)")
    }
  }

  static func hint(_ names: [String]) -> String {
    names.isEmpty
      ? "" : "; did you mean " + names.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
  }
}

/// A profile file: `{"conditions": [...]}` where each item is a spec string or an object with
/// `id`, optional `site`, `side`, `daysSince` or `since` (YYYY-MM-DD).
enum ProfileFile {
  static func conditions(at path: String, app: AppContext, today: Date = Date()) throws
    -> [Condition]
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TendError.usage("error: cannot read the profile \(path)")
    }
    let profile: Profile
    do {
      profile = try Profile.decode(data, file: path)
    } catch let error as ReceiverError {
      throw TendError(message: "error: " + app.localizer.render(error.message), exitCode: 65)
    }
    return try conditions(profile, file: path, app: app, today: today)
  }

  /// The conditions of a profile as of `today`, each checked against the catalog.
  static func conditions(
    _ profile: Profile, file path: String, app: AppContext, today: Date = Date()
  ) throws
    -> [Condition]
  {
    try profile.conditions(asOf: today).map { condition in
      guard app.catalog.rule(condition.id) != nil else {
        throw TendError(
          message: "\(path): error: [conditions] unknown condition \"\(condition.id)\""
            + ConditionInput.hint(
              Suggest.nearest(to: condition.id, in: app.catalog.rules.map(\.id), limit: 3)),
          exitCode: 65)
      }
      return condition
    }
  }
}
