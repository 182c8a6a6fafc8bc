import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend journal`: read a journal back, one line per entry, or as JSON Lines.
  struct Journal: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "journal", abstract: "Read the journal: one line per entry, or JSON Lines.",
      discussion: "Reads line by line, so even a very long journal uses little memory.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this person (default: everyone).", valueName: "NAME"))
    var receiver: String?
    @Option(help: ArgumentHelp("From this day on.", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("Up to this day.", valueName: "YYYY-MM-DD")) var to: String?
    @Option(help: "Only this type: session, feeling, water, consent or condition.") var type:
      String?
    @Flag(help: "Print JSON Lines (each stored entry, plus \"receiver\").") var json = false

    func run() throws {
      let store = HomeInput.receivers(global)
      let (app, profiles): (AppContext, [Profile])
      if let receiver {
        let (context, _, profile) = try HomeInput.context(global, receiver: receiver)
        (app, profiles) = (context, [profile])
      } else {
        let context = try AppContext(global)
        (app, profiles) = (context, try HomeInput.run(context) { try store.list() })
      }
      let from = try HomeInput.day(from, flag: "--from", app)
      let to = try HomeInput.day(to, flag: "--to", app)
      let kind = try type.map { text in
        guard let kind = JournalEntry.Kind(rawValue: text.lowercased()) else {
          throw TendError.usage(
            app.errorPrefix + app.t("journal.error.type", ["text": .text(text)])
              + ConditionInput.hint(
                Suggest.nearest(to: text, in: JournalEntry.Kind.allCases.map(\.rawValue), limit: 1),
                app.localizer)
          )
        }
        return kind
      }
      let filter = JournalFilter(from: from, to: to, kind: kind)
      let text = JournalText(localizer: app.localizer, catalog: app.catalog)
      var output = OutputBuffer()
      for profile in profiles {
        let reader = store.reader(profile.id)
        if json {
          // Lines the shared check accepts are written as stored (no decode, no re-encode).
          let prefix = try JournalFilter.receiverPrefix(profile.id)
          var bytes: [UInt8] = []
          let tail = try HomeInput.run(app) {
            try reader.forEachStored(accept: filter.accepts) { item in
              switch item {
              case .line(let line, let kind, let day):
                guard filter.matches(kind: kind, day: day) else { return }
                if !JournalFilter.storedLine(line, receiverPrefix: prefix, into: &bytes),
                  let entry = try? JSONDecoder().decode(JournalEntry.self, from: Data(line))
                {
                  bytes += try JournalFilter.jsonLine(entry, receiver: profile.id)
                }
                if bytes.count >= 1 << 16 {
                  output.write(Data(bytes))
                  bytes.removeAll(keepingCapacity: true)
                }
              case .problem(let problem):
                output.write(Data(bytes))
                bytes.removeAll(keepingCapacity: true)
                output.flush()
                HomeInput.report(problem, app)
              }
            }
          }
          output.write(Data(bytes))
          output.flush()
          if let tail { recover(tail, store.journalURL(profile.id), app) }
          continue
        }
        let tail = try HomeInput.run(app) {
          try reader.forEach(accept: filter.accepts) { item in
            switch item {
            case .entry(let entry, _):
              guard filter.matches(entry) else { return }
              if json {
                output.write(try JournalFilter.jsonLine(entry, receiver: profile.id))
              } else {
                output.write(text.line(entry, receiver: profile.name) + "\n")
              }
            case .problem(let problem):
              output.flush()
              HomeInput.report(problem, app)
            }
          }
        }
        output.flush()
        if let tail { recover(tail, store.journalURL(profile.id), app) }
      }
      output.flush()
    }

    /// Sets aside a torn last line under the lock and says so; an append in progress elsewhere
    /// (the lock then finds a complete file) is left alone.
    func recover(_ tail: JournalReader.Tail, _ url: URL, _ app: AppContext) {
      do {
        HomeInput.report(try TendCore.Journal(url: url).recover(), app)
      } catch {
        HomeInput.report(.tornLine(file: url.path, line: tail.line, setAsideTo: nil), app)
        Tend.printError(app.localizer.render(ErrorMessage.always(error)))
      }
    }
  }
}

/// Collects output and writes it in large pieces (printing a million lines one `print` at a
/// time is slow).
struct OutputBuffer {
  private var data = Data()

  mutating func write(_ text: String) {
    data.append(contentsOf: text.utf8)
    if data.count >= 1 << 16 { flush() }
  }

  mutating func write(_ bytes: Data) {
    data.append(bytes)
    if data.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !data.isEmpty else { return }
    FileHandle.standardOutput.write(data)
    data.removeAll(keepingCapacity: true)
  }
}
