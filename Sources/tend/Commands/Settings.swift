import ArgumentParser
import Foundation
import TendCore

extension Tend {
  /// `tend settings`: what Tend remembers about where it is used.
  struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "settings", abstract: "Show or change where you are (for the emergency number).",
      subcommands: [Region.self, Cue.self], defaultSubcommand: Region.self)

    /// `tend settings region [CODE]`: show the region, or set it.
    struct Region: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "region", abstract: "Show or set your country, for the emergency number.",
        discussion: """
          CODE is your country's two-letter ISO code: US, CA, MX, GB, IE, AU, NZ, FR, BE, CH,
          ES, AR, CO, CL, PE, DE, IT, CN, HK, TW, SG, VN, JP, KR, IN, PH, ... (UK is read as GB).
          `none` forgets it. Without a setting Tend uses the country in LC_ALL, LC_MESSAGES or
          LANG (zh_CN.UTF-8 is CN); the language you choose with --lang never changes it.
          Stored in settings.json in Tend's home (TEND_HOME), mode 0600.
          """)

      @OptionGroup var global: GlobalOptions
      @Argument(help: ArgumentHelp("Two-letter country code, or none.", valueName: "CODE"))
      var code: String?
      @Flag(help: "Print JSON: region, origin, emergencyNumber, also, source.") var json = false

      func run() throws {
        let app = try AppContext(global)
        let t = app.localizer
        if let code {
          var region: String?
          if code.lowercased() != "none" {
            switch RegionSetting.answer(code, known: app.catalog.emergencyNumbers) {
            case .region(let parsed): region = parsed
            case .unknown(let parsed):
              throw TendError.usage(Settings.notSettable(parsed, app))
            case .invalid, .skip:
              throw TendError.usage(t("region.invalid", ["text": .text(t.quote(code))]))
            }
          }
          do {
            try RegionSetting.store(region, home: app.home)
          } catch {
            throw TendError(
              message: app.errorPrefix + t.render(ErrorMessage.always(error)), exitCode: 1)
          }
        }
        let contact = app.emergencyContact()
        if json {
          var object: [String: Any] = [
            "region": contact.region ?? NSNull(), "origin": contact.origin?.rawValue ?? NSNull(),
            "emergencyNumber": contact.number ?? NSNull(), "also": contact.entry?.also ?? NSNull(),
            "source": contact.entry?.source ?? NSNull(),
          ]
          if contact.region == nil { object["origin"] = NSNull() }
          let data = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
          print(String(decoding: data, as: UTF8.self))
        } else {
          print(Settings.describe(contact, t))
        }
      }
    }

    /// Why a region without a known number cannot be set, and the regions that can.
    static func notSettable(_ region: String, _ app: AppContext) -> String {
      let regions = app.catalog.emergencyNumbers.regions.joined(separator: " ")
      return app.t("region.notSettable", ["region": .text(region), "regions": .text(regions)])
    }

    /// "Region: FR (set by you). Emergency number: 15 (112 works too)." or how to set it.
    static func describe(_ contact: EmergencyContact, _ t: Localizer) -> String {
      guard let region = contact.region else { return t("region.show.none") }
      let origin = t("region.origin.\(contact.origin?.rawValue ?? "setting")")
      guard let entry = contact.entry else {
        return t("region.show.noNumber", ["region": .text(region), "origin": .text(origin)])
      }
      var line = t(
        "region.show",
        ["region": .text(region), "origin": .text(origin), "number": .text(entry.number)])
      if let also = entry.also { line += t("region.show.also", ["number": .text(also)]) }
      return line + "\n" + t("region.show.source", ["source": .text(entry.source)])
    }
  }
}
