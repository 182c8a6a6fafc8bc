import ArgumentParser
import Foundation
import TendCore
import TendREPL

extension Tend {
  /// `tend` or `tend chat`: the conversation.
  struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "chat", abstract: "Start the conversation (the default).",
      discussion: """
        Hands-free: --speak reads each step aloud with espeak-ng (or type `speak on`).
        For tests, TEND_CLOCK_SCALE=1000 makes the guide's seconds and the water reminder's
        minutes pass 1000 times faster.
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read each step aloud with espeak-ng, for hands-free use.")
    var speak = false

    func run() throws {
      // Commands typed at the prompt reuse the loaded catalog while the data is unchanged.
      LoadedCatalogs.shared.keep()
      let app = try AppContext(global)
      let names = Tend.configuration.subcommands.compactMap { $0.configuration.commandName }
        .filter { $0 != "chat" }
      let env = app.environment
      let store = ChatStore(home: app.home, localizer: app.localizer)
      let scale = env["TEND_CLOCK_SCALE"].flatMap(Double.init) ?? 1
      // Built on first use, not at start: `quit` and plain commands never pay for the word
      // lists and vocabulary. One a language, shared by the conversation in every language it
      // speaks (the person's, after choosing them) and by the journal's words read back.
      let recognizers = LazyRecognizer.ByLanguage(localizer: app.localizer) { lang in
        lang == app.localizer.lang
          ? try app.recognizer() : try SummaryArguments.recognizer(app, lang)
      }
      var contact = app.emergencyContact()
      let global = global
      MainActor.assumeIsolated {
        // The history holds the family's own words about someone's health: it lives with
        // their journals in Tend's home (one home, one household), never in a shared place.
        let editor = LineEditor(historyFile: app.home.appendingPathComponent("history"))
        if contact.region == nil, isatty(0) == 1 {
          contact = Chat.askRegion(editor: editor, app: app)
        }
        let context = Chat.context(
          app, global: global, names: names, number: contact.number, speak: speak, scale: scale,
          recognizers: recognizers)
        ChatLoop(
          conversation: Conversation(context), editor: editor, store: store,
          clock: ScaledClock(scale: scale), environment: env.variables, settingsHome: app.home
        ) { words in
          Tend.execute(words + Chat.passThrough(global))
        }.start()
      }
    }

    /// The conversation's context in `app`'s language. With no `--lang`, it can be built again
    /// in the chosen receiver's language (`relanguage`, docs/languages.md).
    static func context(
      _ app: AppContext, global: GlobalOptions, names: [String], number: String?, speak: Bool,
      scale: Double, recognizers: LazyRecognizer.ByLanguage
    ) -> Conversation.Context {
      let t = app.localizer
      let store = ChatStore(home: app.home, localizer: t)
      let languages = Catalog.availableLanguages(in: app.catalog.folder)
      // A message in the script of another language Tend reads is read in that language.
      let reading: @Sendable (String) -> String = { app.readingLanguage(for: $0) ?? t.lang }
      let understandIn: Conversation.UnderstandIn = { text, lang, today, stored in
        Conversation.Understanding(
          recognizers.value(lang).recognize(text, today: today, profile: stored), localizer: t,
          emergencyNumber: number)
      }
      var relanguage: Conversation.Relanguage?
      if global.lang == nil {
        // Only the folders are kept (the options themselves are not Sendable).
        let folders = Chat.passThrough(global)
        relanguage = { lang in
          guard let options = try? GlobalOptions.parse(folders),
            let next = try? AppContext(options, receiverLanguage: lang)
          else { return nil }
          return Chat.context(
            next, global: options, names: names, number: number, speak: speak, scale: scale,
            recognizers: recognizers)
        }
      }
      return Conversation.Context(
        catalog: app.catalog, localizer: t, store: store,
        reminders: (try? store.pendingReminders()) ?? [],
        emergencyNumber: number,
        commands: names, now: Date(), speak: speak, clockScale: scale,
        understand: { text, today, stored in understandIn(text, reading(text), today, stored) },
        daysAgo: { text, today in
          recognizers.value(t.lang).daysAgo(
            in: text, today: today, ago: t.list("vocab.cue.ago").first)
        },
        understandIn: understandIn, languages: languages, readingLanguage: reading,
        relanguage: relanguage,
        otherWords: {
          languages.filter { $0 != t.lang && $0 != "en" }.compactMap { lang in
            (try? LoadedCatalogs.shared.load(from: app.catalog.folder, languages: [lang]))
              .map { CommandWords($0.localizer(lang), plain: names) }
          }
        })
    }

    /// Asks once where the user is, when neither a setting nor the locale says: the answer is
    /// stored (`settings.json` in the home) so it is not asked again; Enter skips, and the
    /// question comes back at the next start. Three tries, then it moves on.
    @MainActor
    static func askRegion(editor: LineEditor, app: AppContext) -> EmergencyContact {
      let t = app.localizer
      let table = app.catalog.emergencyNumbers
      ScreenText.print(t("region.ask"))
      for _ in 0..<3 {
        guard let line = editor.read(prompt: t("region.prompt")) else { break }
        switch RegionSetting.answer(line, known: table) {
        case .skip:
          ScreenText.print(t("region.skipped"))
          return .unknown
        case .invalid:
          ScreenText.print(t("region.invalid", ["text": .text(t.quote(line))]))
        case .unknown(let code):
          ScreenText.print(Settings.notSettable(code, app))
        case .region(let code):
          do {
            try RegionSetting.store(code, home: app.home)
          } catch {
            Tend.printError(app.settingsFailure(error).message)
          }
          let contact = EmergencyContact(
            RegionSetting(region: code, origin: .setting), table: table)
          ScreenText.print(Settings.describe(contact, t))
          return contact
        }
      }
      ScreenText.print(t("region.skipped"))
      return .unknown
    }

    /// The recognizer, built once on first use. Data that does not load stops the conversation
    /// then with the same message and exit status (65) as at start.
    final class LazyRecognizer: @unchecked Sendable {
      /// One recognizer a language, each built on first use, the same way.
      final class ByLanguage: @unchecked Sendable {
        private let lock = NSLock()
        private var built: [String: LazyRecognizer] = [:]
        private let make: (String) throws -> Recognizer
        private let localizer: Localizer

        init(localizer: Localizer, _ make: @escaping (String) throws -> Recognizer) {
          self.localizer = localizer
          self.make = make
        }

        func value(_ lang: String) -> Recognizer {
          let lazy = lock.withLock {
            if let lazy = built[lang] { return lazy }
            let make = self.make
            let lazy = LazyRecognizer(localizer: localizer) { try make(lang) }
            built[lang] = lazy
            return lazy
          }
          return lazy.value
        }
      }

      private let lock = NSLock()
      private var built: Recognizer?
      private let make: () throws -> Recognizer
      private let localizer: Localizer

      init(localizer: Localizer, _ make: @escaping () throws -> Recognizer) {
        self.localizer = localizer
        self.make = make
      }

      var value: Recognizer {
        lock.withLock {
          if let built { return built }
          do {
            let made = try make()
            built = made
            return made
          } catch {
            Tend.printError(
              localizer(
                "cli.error", ["message": .text(localizer.render(ErrorMessage.always(error)))]))
            Foundation.exit(65)
          }
        }
      }
    }

    /// The global options typed at start, passed on to each plain command.
    static func passThrough(_ g: GlobalOptions) -> [String] {
      var args: [String] = []
      if let home = g.home { args += ["--home", home] }
      if let lang = g.lang { args += ["--lang", lang] }
      if let data = g.data { args += ["--data", data] }
      return args
    }
  }
}
