import ArgumentParser
import Foundation
import TendCore

extension Tend.Receivers {
  /// `tend receivers condition add|remove`: change what is safe for one person.
  struct ConditionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "condition", abstract: "Add or remove a condition on a person.",
      subcommands: [Add.self, Remove.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add (or update) a condition.",
        discussion:
          "Example: tend receivers condition add Mum iv-line@left-forearm --since 2026-11-20 --by Ana"
      )

      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Argument(help: "The condition: ID, ID@SITE or ID@SIDE-SITE.") var spec: String
      @Option(help: ArgumentHelp("The day it began or was done.", valueName: "YYYY-MM-DD"))
      var since: String?
      @Option(help: "A short note.") var note: String?
      @Option(help: ArgumentHelp("Who is adding it.", valueName: "NAME")) var by: String?

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        let condition = try ConditionInput.parse([spec], app: app)[0]
        var item = ReceiverText.profileCondition(condition, by: by)
        item.note = note
        if let day = try HomeInput.day(since, flag: "--since", app) {
          item.since = day
          item.daysSince = nil
        }
        let now = Timestamp(Date())
        let change = try HomeInput.run(app) {
          try store.addCondition(item, to: profile.id, at: now)
        }
        print(
          app.t(
            change == .added ? "receivers.condition.added" : "receivers.condition.updated",
            ["name": .text(profile.name), "condition": .key("rule.\(item.id).name")]))
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a condition.")

      @OptionGroup var global: GlobalOptions
      @Argument(help: "Their name.") var name: String
      @Argument(help: "The condition: ID (every place) or ID@SIDE-SITE (that place).") var spec:
        String
      @Option(help: ArgumentHelp("Who is removing it.", valueName: "NAME")) var by: String?

      func run() throws {
        let (app, store, profile) = try HomeInput.context(global, receiver: name)
        let condition = try ConditionInput.parse([spec], app: app)[0]
        let removed = try HomeInput.run(app) {
          try store.removeCondition(
            id: condition.id, site: condition.site, side: condition.side, from: profile.id, by: by,
            at: Timestamp(Date()))
        }
        print(
          app.t(
            "receivers.condition.removed",
            [
              "name": .text(profile.name), "condition": .key("rule.\(condition.id).name"),
              "count": .number(removed.count),
            ]))
      }
    }
  }
}
