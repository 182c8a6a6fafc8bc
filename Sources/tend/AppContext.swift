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
      throw TendError.usage(
        "error: no language \"\(flag)\"; Tend has \(available.joined(separator: ", ")).")
    }
    let lang = LanguageChoice.choose(
      flag: options.lang, profile: receiverLanguage, environment: environment.variables,
      available: available)
    catalog = try Catalog.load(from: folder, languages: lang == "en" ? [] : [lang])
    localizer = catalog.localizer(lang)
    home = environment.home(explicit: options.home)
  }

  /// Where the user is and the emergency number there: the region set with
  /// `tend settings region`, else the locale's country (never the language: `--lang zh-Hans`
  /// with `LANG=en_US.UTF-8` gives 911). A settings file that cannot be read is reported on
  /// standard error and left as it is.
  func emergencyContact() -> EmergencyContact {
    let setting = RegionSetting.resolve(environment: environment.variables, home: home)
    if let problem = setting.problem { Tend.printError(problem) }
    return EmergencyContact(setting, table: catalog.emergencyNumbers)
  }

  /// Where the data digest of the last run is kept (`TendVersion.of`).
  var digestCache: URL { environment.cacheFolder.appendingPathComponent("data-digest") }

  /// Renders a message in the chosen language.
  func t(_ key: String, _ args: [String: Message.Argument] = [:]) -> String { localizer(key, args) }
}
