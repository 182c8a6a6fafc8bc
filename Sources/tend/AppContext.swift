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

  /// Renders a message in the chosen language.
  func t(_ key: String, _ args: [String: Message.Argument] = [:]) -> String { localizer(key, args) }
}
