import ArgumentParser
import Foundation
import TendCore

/// Where a command's conditions come from: a receiver, a profile file, `--condition` specs.
/// Shared by `tend check` and `tend routines show`.
struct ConditionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A person added with `tend receivers add`: their conditions and language.", valueName: "NAME")
  )
  var receiver: String?

  @Option(help: ArgumentHelp("A profile file listing conditions.", valueName: "FILE"))
  var profile: String?

  @Option(
    name: .customLong("condition"),
    help: ArgumentHelp("A condition (repeatable).", valueName: "SPEC"))
  var conditions: [String] = []

  /// The app context (in the receiver's language when one is named) and all the conditions.
  func gather(_ global: GlobalOptions) throws -> (AppContext, [Condition]) {
    let (app, all, _, _) = try gatherFull(global)
    return (app, all)
  }

  /// As `gather`, plus what the named receiver's care team said and the allergies recorded on
  /// them (for the preparation's lotion line); both empty without `--receiver`.
  func gatherFull(_ global: GlobalOptions) throws -> (
    AppContext, [Condition], CareTeam, [String]
  ) {
    var careTeam = CareTeam()
    var all: [Condition] = []
    var allergies: [String] = []
    let app: AppContext
    if let receiver {
      let (context, store, person) = try HomeInput.context(global, receiver: receiver)
      app = context
      all += try ProfileFile.conditions(person, file: store.profileURL(person.id).path, app: app)
      careTeam = person.careTeam
      allergies += person.allergies
    } else {
      app = try AppContext(global)
    }
    if let profile { all += try ProfileFile.conditions(at: profile, app: app) }
    all += try ConditionInput.parse(conditions, app: app)
    return (app, all, careTeam, allergies)
  }
}
