import Foundation
import TendCore

/// Shared state built once per command from the global options and the environment.
struct AppContext {
  let environment: Environment
  let catalog: Catalog
  let localizer: Localizer
  let home: URL

  /// - Parameter receiverLanguage: the receiver's preferred language, used after `--lang`.
  init(
    _ options: GlobalOptions, environment: Environment = Environment(),
    receiverLanguage: String? = nil
  ) throws {
    self.environment = environment
    let folder = try DataFolder.locate(explicit: options.data, environment: environment.variables)
    let available = Catalog.availableLanguages(in: folder)
    if let flag = options.lang, LanguageChoice.normalize(flag, available: available) == nil {
      // Said in the language the environment asks for, since the one typed does not exist.
      let said = LanguageChoice.choose(
        flag: nil, environment: environment.variables, available: available)
      let t = try Catalog.load(from: folder, languages: said == "en" ? [] : [said]).localizer(said)
      let args: [String: Message.Argument] = [
        "lang": .text(flag), "available": .text(available.joined(separator: ", ")),
      ]
      throw TendError.usage(t("cli.error", ["message": .text(t("cli.error.noLanguage", args))]))
    }
    let lang = LanguageChoice.choose(
      flag: options.lang, profile: receiverLanguage, environment: environment.variables,
      available: available)
    // The conversation's prompt commands reuse the catalog while the data files are unchanged.
    // Kept in the cache folder: whether the rule examples passed on exactly these files.
    catalog = try TendCache.$folder.withValue(environment.usableCacheFolder) {
      try LoadedCatalogs.shared.load(from: folder, languages: lang == "en" ? [] : [lang])
    }
    // Dates and numbers the way the locale's country writes them (en_GB: day before month),
    // when the locale speaks the chat's language; else the language's own way (fr: "1 500").
    localizer = catalog.localizer(lang).inRegion(
      RegionSetting.formats(for: lang, environment.variables))
    home = environment.home(explicit: options.home)
  }

  /// Where the user is and the emergency number there: the region set with
  /// `tend settings region`, else the locale's country (never the language: `--lang zh-Hans`
  /// with `LANG=en_US.UTF-8` gives 911). A settings file that cannot be read is reported on
  /// standard error and left as it is.
  func emergencyContact() -> EmergencyContact {
    let setting = RegionSetting.resolve(environment: environment.variables, home: home)
    if let problem = setting.problem {
      // What is wrong with the file (file, line, column, field; or that it is a link), and
      // where the region comes from instead.
      let fallback =
        setting.region.map { t("settings.fallback.locale", ["region": .text($0)]) }
        ?? t("settings.fallback.none")
      Tend.printError(settingsProblem(problem) + "\n" + fallback)
    }
    return EmergencyContact(setting, table: catalog.emergencyNumbers)
  }

  /// A settings file Tend did not use, in the chosen language: "warning: …/settings.json is a
  /// link; …" or "…/settings.json, line 1, column 23, field foo: unknown field …".
  func settingsProblem(_ problem: SettingsError) -> String {
    localizer("settings.warning", ["problem": .text(localizer.render(problem.message))])
  }

  /// A settings file that stops a change (it is never replaced when it cannot be read).
  func settingsFailure(_ error: any Error) -> TendError {
    switch error {
    case let e as SettingsError:
      return TendError(message: errorPrefix + localizer.render(e.message), exitCode: e.exitCode)
    case let e as StorageError:
      return TendError(message: errorPrefix + localizer.render(e.message), exitCode: 1)
    default:
      return TendError(
        message: errorPrefix + localizer.render(ErrorMessage.always(error)), exitCode: 1)
    }
  }

  /// A usage error (exit 2) in the chosen language: "error: …", "erreur : …".
  func usage(_ message: String) -> TendError {
    .usage(localizer("cli.error", ["message": .text(message)]))
  }

  /// "error: ", "erreur : ", "错误：" — the start of an error line in the chosen language.
  var errorPrefix: String { localizer("cli.error", ["message": .text("")]) }

  /// Where the data digest of the last run is kept (`TendVersion.of`).
  /// Nil when the cache folder is a link (`Environment.usableCacheFolder`).
  var digestCache: URL? { environment.usableCacheFolder?.appendingPathComponent("data-digest") }

  /// The free-text recognizer for the chosen language, its compiled vocabulary and word-list
  /// checks kept in the cache folder between runs (`RecognizerCache`).
  func recognizer() throws -> Recognizer {
    try TendCache.$folder.withValue(environment.usableCacheFolder) {
      try Recognizer(localizer: localizer, catalog: catalog)
    }
  }

  /// The language to read `text` in: the chosen one, or the one its script says when that is
  /// another language Tend reads ("她胸口很闷" typed with `--lang en`). That language's words
  /// include English, so a message mixing both is read whole.
  func readingLanguage(for text: String) -> String? {
    guard let lang = Recognizer.scriptLanguage(of: text), lang != localizer.lang,
      Catalog.availableLanguages(in: catalog.folder).contains(lang)
    else { return nil }
    return lang
  }

  /// The recognizer for `text` (`readingLanguage`).
  func recognizer(for text: String) throws -> Recognizer {
    guard let lang = readingLanguage(for: text) else { return try recognizer() }
    return try SummaryArguments.recognizer(self, lang)
  }

  /// Renders a message in the chosen language.
  func t(_ key: String, _ args: [String: Message.Argument] = [:]) -> String { localizer(key, args) }
}
