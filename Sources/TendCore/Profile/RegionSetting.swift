import Foundation

/// Where the person is, for the one thing Tend needs it for: which emergency number to give.
///
/// The region is known, never guessed from the language: a region the person set
/// (`tend settings region CN`, or the question the conversation asks once) wins; otherwise the
/// country part of the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set: `zh_CN.UTF-8`
/// gives CN); otherwise it is unknown. `--lang` never changes it.
public struct RegionSetting: Sendable, Equatable {
  public enum Origin: String, Sendable { case setting, locale }

  /// The region, upper case, or nil when unknown.
  public var region: String?
  public var origin: Origin?
  /// Why the settings file could not be read, when it could not (the file is never replaced
  /// silently; the region then comes from the locale).
  public var problem: SettingsError?

  public init(region: String?, origin: Origin?, problem: SettingsError? = nil) {
    self.region = region
    self.origin = origin
    self.problem = problem
  }

  /// `$TEND_HOME/settings.json`.
  public static func file(home: URL) -> URL { home.appendingPathComponent("settings.json") }

  /// The region from the settings in `home`, else from the locale variables.
  public static func resolve(environment: [String: String], home: URL) -> RegionSetting {
    var problem: SettingsError?
    do {
      if let stored = try stored(home: home) {
        return RegionSetting(region: stored, origin: .setting)
      }
    } catch {
      problem = error
    }
    if let region = fromLocale(environment) {
      return RegionSetting(region: region, origin: .locale, problem: problem)
    }
    return RegionSetting(region: nil, origin: nil, problem: problem)
  }

  /// The country of the first locale variable set among `LC_ALL`, `LC_MESSAGES`, `LANG`
  /// (`en_GB.UTF-8` → GB, `zh_Hans_CN` → CN); nil for `C`, `POSIX`, `en` or none.
  public static func fromLocale(_ environment: [String: String]) -> String? {
    let raw = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first {
      !$0.isEmpty
    }
    guard let raw else { return nil }
    let base = raw.split(separator: ".").first.map(String.init) ?? raw
    let name = base.split(separator: "@").first.map(String.init) ?? base
    let parts = name.replacingOccurrences(of: "-", with: "_").split(separator: "_")
    return parts.dropFirst().last { $0.count == 2 && $0.allSatisfy(\.isLetter) }.map {
      $0.uppercased()
    }
  }

  /// The country whose way of writing dates and numbers suits `lang`: the locale's country
  /// (`fromLocale`) only when the locale is in that language (`es_MX` for Spanish: "1,500"),
  /// else none, so the language's own CLDR format is used. A country that came with another
  /// language says nothing of how this one is written: `LANG=en_US.UTF-8` with `--lang fr` is
  /// "1 500 ml" (U+202F), not "1,500 ml" (outside tester, round 7, F10). The emergency number
  /// still follows the country (`resolve`).
  public static func formats(for lang: String, _ environment: [String: String]) -> String? {
    let raw = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first {
      !$0.isEmpty
    }
    guard let raw, let region = fromLocale(environment) else { return nil }
    func language(_ code: some StringProtocol) -> String {
      String(code.lowercased().split(whereSeparator: { "_-.@".contains($0) }).first ?? "")
    }
    return language(raw) == language(lang) ? region : nil
  }

  /// What a person typed when asked for their region.
  public enum Answer: Equatable, Sendable {
    /// Nothing: ask again next time.
    case skip
    /// A two-letter code, upper case (`uk` is read as GB, its ISO code).
    case region(String)
    /// Not a two-letter code.
    case invalid
    /// A two-letter code whose emergency number Tend does not know: it cannot be set, since
    /// every region Tend can be set to has a number with a source.
    case unknown(String)
  }

  /// What a person typed, read against the table: a region can only be set when the table
  /// has its number (`unknown` otherwise).
  public static func answer(_ text: String, known table: EmergencyNumbers) -> Answer {
    let answer = answer(text)
    if case .region(let code) = answer, table[code] == nil { return .unknown(code) }
    return answer
  }

  public static func answer(_ text: String) -> Answer {
    let code = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    if code.isEmpty { return .skip }
    if code == "UK" { return .region("GB") }
    guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
      return .invalid
    }
    return .region(code)
  }

  /// The region stored in `home`, nil when none was set.
  /// - Throws: `SettingsError` when the file exists but is a link or not a settings file
  ///   (`SettingsFile`).
  public static func stored(home: URL) throws(SettingsError) -> String? {
    try SettingsFile.read(home: home)?.region
  }

  /// Stores `region` (nil forgets it) in `home`: written to a temporary file, synced and renamed
  /// over the old one, created 0600 in a 0700 folder.
  /// - Throws: `SettingsError` rather than replace a file it cannot read (or a link);
  ///   `StorageError` when the write fails (the old file is then untouched).
  public static func store(_ region: String?, home: URL) throws {
    _ = try stored(home: home)
    // The sound cue's choice, stored in the same file, is kept.
    let cue = try CueSetting.stored(home: home)
    try DurableFile.makeFolder(home)
    let text = CueSetting.text(region: region, cue: cue)
    try DurableFile.replace(file(home: home), with: Data(text.utf8))
  }
}

/// The settings file exists but cannot be used; it is reported, never replaced, never read
/// through a link.
public enum SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A link, not a regular file, too large, or unreadable (`SafeFile`).
  case refused(StorageError)
  /// Not a settings file: where, which field, and why (`SettingsFile`).
  case malformed(file: String, line: Int, column: Int, field: String, reason: String)

  /// A user-facing message (`journal.storage.*` for a refused file, `settings.error.malformed`).
  public var message: Message {
    switch self {
    case .refused(let error): error.message
    case .malformed(let file, let line, let column, let field, let reason):
      Message(
        "settings.error.malformed",
        [
          "file": .text(file), "line": .number(line), "column": .number(column),
          "field": .text(field), "reason": .reason(reason),
        ])
    }
  }

  /// 1 for a file Tend refused to open (like the journal's), 65 for a broken one.
  public var exitCode: Int32 {
    if case .refused = self { return 1 }
    return 65
  }

  public var description: String {
    switch self {
    case .refused(let error): error.errorDescription ?? "\(error)"
    case .malformed(let file, let line, let column, let field, let reason):
      "\(file):\(line):\(column): error: [\(field)] \(reason)"
    }
  }

}
