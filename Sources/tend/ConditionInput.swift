import Foundation
import TendCore

/// Turns `--condition` specs and profile files into conditions, with "did you mean" errors.
enum ConditionInput {
  static func parse(_ specs: [String], app: AppContext) throws -> [Condition] {
    let catalog = app.catalog
    let t = app.localizer
    return try specs.map { spec in
      let condition: Condition
      do {
        condition = try ConditionSpec.parse(spec)
      } catch let error as ConditionSpec.ParseError {
        switch error {
        case .empty:
          throw app.usage(t("cli.error.emptyCondition"))
        case .badID(let id):
          throw app.usage(
            t("cli.error.badConditionID", ["text": .text(PlainText.display(id))])
              + hint(conditionGuesses(id, app), t))
        case .badDays(let tail):
          throw app.usage(t("cli.error.badDays", ["text": .text(tail), "spec": .text(spec)]))
        case .unknownSite(let site):
          let names = BodySite.allCases.flatMap { site in
            [site.rawValue]
              + (site.isPaired ? Side.allCases.map { "\($0.rawValue)-\(site.rawValue)" } : [])
          }
          let sites = BodySite.allCases.map(\.rawValue).joined(separator: ", ")
          throw app.usage(
            t("cli.error.unknownSite", ["site": .text(site), "spec": .text(spec)])
              + hint(Suggest.nearest(to: site, in: names, limit: 3), t) + "\n"
              + t("cli.error.sites", ["sites": .text(sites)]))
        }
      }
      guard catalog.rule(condition.id) != nil else {
        throw usageError(
          SafetyChecker.CheckError.unknownCondition(
            condition.id, suggestions: conditionGuesses(condition.id, app)), t)
      }
      return condition
    }
  }

  /// Condition ids near a typed word: by id (`fevr`), or by the rule's name in the language in
  /// use (`fiebre` is the Spanish name of `fever`).
  static func conditionGuesses(_ word: String, _ app: AppContext) -> [String] {
    let ids = app.catalog.rules.map(\.id)
    let byID = Suggest.nearest(to: word, in: ids, limit: 3)
    guard byID.isEmpty else { return byID }
    var idByName: [String: String] = [:]
    for id in ids {
      let name = app.localizer("rule.\(id).name").lowercased()
      idByName[name] = idByName[name] ?? id
      // The short name before any aside: "fiebre" in "Fiebre (más de 38 °C)".
      if let head = name.split(separator: "(").first?.trimmingCharacters(in: .whitespaces) {
        idByName[head] = idByName[head] ?? id
      }
    }
    let names = Suggest.nearest(to: word, in: Array(idByName.keys).sorted(), limit: 3)
    var seen = Set<String>()
    return names.compactMap { idByName[$0] }.filter { seen.insert($0).inserted }
  }

  /// The id of the routine a typed id or word in the language in use names (`manos-en-calma`
  /// is `calm-hands` in Spanish).
  /// - Throws: a usage error with the nearest routine words of that language.
  static func routineID(_ typed: String, _ app: AppContext) throws -> String {
    if let routine = app.catalog.routine(named: typed, app.localizer) { return routine.id }
    let words = RoutineWords(app.catalog, app.localizer)
    throw usageError(.unknownRoutine(typed, suggestions: words.suggestions(typed)), app.localizer)
  }

  static func usageError(_ error: SafetyChecker.CheckError, _ t: Localizer) -> TendError {
    switch error {
    case .unknownCondition(let id, let suggestions):
      return .usage(
        t(
          "cli.error",
          [
            "message": .text(
              t("cli.error.unknownCondition", ["id": .text(id)]) + hint(suggestions, t) + "\n"
                + t("cli.error.unknownCondition.help"))
          ]))
    case .unknownRoutine(let id, let suggestions):
      return .usage(
        t(
          "cli.error",
          [
            "message": .text(
              t("cli.error.unknownRoutine", ["id": .text(id)]) + hint(suggestions, t) + "\n"
                + t("cli.error.unknownRoutine.help"))
          ]))
    }
  }

  /// "; did you mean "a" or "b"?" in the language in use (empty for no names).
  static func hint(_ names: [String], _ t: Localizer) -> String {
    guard !names.isEmpty else { return "" }
    let quoted = names.map { "\"\($0)\"" }.joined(separator: " " + t("cli.error.or") + " ")
    return t("cli.error.didYouMean", ["names": .text(quoted)])
  }
}

/// A profile file: `{"conditions": [...]}` where each item is a spec string or an object with
/// `id`, optional `site`, `side`, `daysSince` or `since` (YYYY-MM-DD).
enum ProfileFile {
  static func conditions(at path: String, app: AppContext, today: Date = Date()) throws
    -> [Condition]
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw app.usage(app.t("cli.error.profileUnreadable", ["path": .text(path)]))
    }
    let profile: Profile
    do {
      profile = try Profile.decode(data, file: path)
    } catch let error as ReceiverError {
      throw TendError(
        message: app.t("cli.error", ["message": .text(app.localizer.render(error.message))]),
        exitCode: 65)
    }
    return try conditions(profile, file: path, app: app, today: today)
  }

  /// The conditions of a profile as of `today`, each checked against the catalog.
  static func conditions(
    _ profile: Profile, file path: String, app: AppContext, today: Date = Date()
  ) throws
    -> [Condition]
  {
    try profile.conditions(asOf: today).enumerated().map { index, condition in
      guard app.catalog.rule(condition.id) != nil else {
        var args: [String: Message.Argument] = ["path": .text(path), "id": .text(condition.id)]
        var guesses = ConditionInput.conditionGuesses(condition.id, app)
        if guesses.isEmpty, let recognizer = try? app.recognizer() {
          // A medicine or word the recognizer knows ("warfarin-x" reads as blood thinners).
          let words = condition.id.replacingOccurrences(of: "-", with: " ")
          var seen = Set<String>()
          guesses = recognizer.recognize(words, today: today).conditions.map(\.id).filter {
            app.catalog.rule($0) != nil && seen.insert($0).inserted
          }
        }
        // Where it stands in the file: line, column and field, as for any other profile error.
        let bytes = (try? SafeFile.read(path, limit: SafeFile.maxProfileBytes)) ?? nil
        if let bytes, let at = ProfileReader.conditionLocation(bytes, index: index) {
          args["line"] = .number(at.line)
          args["column"] = .number(at.column)
          args["field"] = .text(at.field)
          throw TendError(
            message: app.t("cli.error.fileConditionAt", args)
              + ConditionInput.hint(guesses, app.localizer), exitCode: 65)
        }
        throw TendError(
          message: app.t("cli.error.fileCondition", args)
            + ConditionInput.hint(guesses, app.localizer), exitCode: 65)
      }
      return condition
    }
  }
}
