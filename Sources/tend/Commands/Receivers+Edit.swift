import ArgumentParser
import Foundation
import TendCore

extension Tend.Receivers {
  struct Change: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Change a person's fluid limit, language, caregivers, allergies or reminder delay.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Their name.") var name: String
    @OptionGroup var details: ProfileOptions

    @Flag(name: .customLong("no-fluid-limit"), help: "Remove the fluid limit.") var noFluidLimit =
      false

    @Option(
      name: .customLong("remove-caregiver"),
      help: ArgumentHelp("Remove a caregiver (repeatable).", valueName: "NAME"))
    var removeCaregivers: [String] = []

    @Option(
      name: .customLong("remove-allergy"),
      help: ArgumentHelp("Remove an allergy (repeatable).", valueName: "TEXT"))
    var removeAllergies: [String] = []

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: name)
      try HomeInput.run(app) {
        try store.update(profile.id) { p in
          try details.apply(to: &p, app)
          if noFluidLimit { p.fluidLimitML = nil }
          p.caregivers.removeAll { removeCaregivers.contains($0) }
          p.allergies.removeAll { removeAllergies.contains($0) }
        }
      }
      print(app.t("receivers.updated", ["name": .text(profile.name)]))
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove", abstract: "Delete a person with their journal (asks to type the name)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Their name.") var name: String
    @Flag(help: "Do not ask; for scripts.") var yes = false

    func run() throws {
      let (app, store, profile) = try HomeInput.context(global, receiver: name)
      var lines = 0
      _ = try? store.reader(profile.id).forEachLine { _, _ in lines += 1 }
      if !yes {
        print(
          app.t("receivers.remove.confirm", ["name": .text(profile.name), "count": .number(lines)]))
        guard let answer = readLine() else {
          throw TendError.usage(app.errorPrefix + app.t("receivers.remove.needYes"))
        }
        guard answer.trimmingCharacters(in: .whitespaces).lowercased() == profile.name.lowercased()
        else {
          throw TendError(
            message: app.t("receivers.remove.kept", ["name": .text(profile.name)]), exitCode: 1)
        }
      }
      try HomeInput.run(app) { try store.remove(profile.id) }
      print(app.t("receivers.removed", ["name": .text(profile.name)]))
    }
  }
}
