import Foundation

/// Whether Tend makes a gentle sound (the terminal bell) when a step changes, so a caregiver
/// watching the person rather than the screen notices. On by default; stored as `"cue"` in the
/// same `settings.json` as the region (`tend settings cue off`). Speech, when on, replaces it.
public enum CueSetting {
  /// The stored choice, nil when none was made (the default, on, applies).
  /// - Throws: `SettingsError` when the file exists but is a link or not a settings file.
  public static func stored(home: URL) throws(SettingsError) -> Bool? {
    try SettingsFile.read(home: home)?.cue
  }

  /// Whether the cue is on: the stored choice, else on. A settings file that cannot be read
  /// leaves it on (a sound too many is safer than a step change missed).
  public static func isOn(home: URL) -> Bool { ((try? stored(home: home)) ?? nil) ?? true }

  /// Stores the choice (nil forgets it), keeping the region, through the same durable
  /// replace as the region.
  /// - Throws: `SettingsError` rather than replace a file it cannot read (or a link).
  public static func store(_ on: Bool?, home: URL) throws {
    let region = try RegionSetting.stored(home: home)
    _ = try stored(home: home)
    try DurableFile.makeFolder(home)
    try DurableFile.replace(
      RegionSetting.file(home: home), with: Data(text(region: region, cue: on).utf8))
  }

  /// The settings file's text.
  static func text(region: String?, cue: Bool?) -> String {
    var text = "{\n  \"v\": 1,\n  \"region\": "
    text += region.map { "\"\($0.uppercased())\"" } ?? "null"
    if let cue { text += ",\n  \"cue\": \(cue)" }
    return text + "\n}\n"
  }
}
