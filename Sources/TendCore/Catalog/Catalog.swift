import Foundation

/// Everything Tend knows, loaded from the data folder and validated as a whole.
///
/// Loading fails closed: one broken or inconsistent file throws a `CatalogError` naming file,
/// line and field, and no catalog (so no advice) exists. Checks across files: every routine's
/// text exists in English, every example names known rules and routines, every rule has text.
public struct Catalog: Sendable, Equatable {
  /// The schema version this code reads; a newer file is an error.
  public static let schemaVersion = 1

  public let folder: URL
  public let rules: [PrecautionRule]
  public let escalations: [Escalation]
  public let routines: [Routine]
  /// The lowest level each technique needs.
  public let techniques: TechniqueTable
  public let english: LocaleTable
  /// Other languages loaded on request, by code.
  public let locales: [String: LocaleTable]
  /// The emergency number of each region (`Routines/emergency-numbers.json`).
  public let emergencyNumbers: EmergencyNumbers
  /// What to set up before a session (`Routines/preparation.json`); empty in test catalogs.
  public let preparation: PreparationTable
  /// `v` of `Routines/precautions.json` as it was loaded (`TendVersion`).
  public let rulesVersion: Int

  private let rulesByID: [String: PrecautionRule]
  private let routinesByID: [String: Routine]

  public init(
    folder: URL, rules: [PrecautionRule], escalations: [Escalation], routines: [Routine],
    techniques: TechniqueTable = TechniqueTable(minimum: [:]), english: LocaleTable,
    locales: [String: LocaleTable] = [:], emergencyNumbers: EmergencyNumbers = EmergencyNumbers(),
    preparation: PreparationTable = PreparationTable(), rulesVersion: Int = Catalog.schemaVersion
  ) {
    self.rulesVersion = rulesVersion
    self.preparation = preparation
    self.emergencyNumbers = emergencyNumbers
    self.techniques = techniques
    self.folder = folder
    self.rules = rules
    self.escalations = escalations
    self.routines = routines
    self.english = english
    self.locales = locales
    self.rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.routinesByID = Dictionary(routines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  }

  public func rule(_ id: String) -> PrecautionRule? { rulesByID[id] }
  public func routine(_ id: String) -> Routine? { routinesByID[id] }

  /// Loads and validates the data folder. `languages` are extra locales to load besides English.
  public static func load(from folder: URL, languages: [String] = []) throws(CatalogError)
    -> Catalog
  {
    // With a cache bound, every byte read is logged: the rule examples run only when they have
    // not passed on exactly these files with this program before (`RuleExamplesCache`).
    let cache = TendCache.folder
    // The compiled catalog of exactly these files and this program, if one was kept.
    if let cache, let kept = CatalogCache.load(from: folder, languages: languages, in: cache) {
      return kept
    }
    let log = cache == nil ? nil : ReadLog()
    let catalog: Catalog
    do {
      catalog = try $readLog.withValue(log) { try loadFiles(from: folder, languages: languages) }
    } catch let error as CatalogError {
      throw error
    } catch {
      throw .unreadable(file: folder.path, reason: "\(error)")
    }
    if let log, let cache, RuleExamplesCache.passed(log, in: cache, languages: languages) {
      // The same files and program passed every example before.
    } else {
      try catalog.checkExamples()
      if let log, let cache { RuleExamplesCache.keepPass(log, in: cache, languages: languages) }
    }
    for table in catalog.locales.values { try catalog.checkLanguage(table) }
    if let log, let cache {
      CatalogCache.keep(catalog, read: log, folder: folder, languages: languages, in: cache)
    }
    return catalog
  }

  /// Reads and validates every file; the rule examples and languages are checked by `load`.
  static func loadFiles(from folder: URL, languages: [String]) throws(CatalogError) -> Catalog {
    let english = try loadLocale("en", in: folder)
    var locales: [String: LocaleTable] = [:]
    for lang in languages where lang != "en" {
      locales[lang] = try loadLocale(lang, in: folder)
    }
    let (rules, escalations, techniques, v) = try loadRules(in: folder)
    let routines = try loadRoutines(in: folder, techniques: techniques)
    let catalog = Catalog(
      folder: folder, rules: rules, escalations: escalations, routines: routines,
      techniques: techniques, english: english, locales: locales,
      emergencyNumbers: try EmergencyNumbers.load(in: folder),
      preparation: try loadPreparation(
        in: folder, rules: rules, routines: routines, english: english), rulesVersion: v)
    try catalog.validateAcrossFiles()
    return catalog
  }

  /// The file names of the languages in `Locales/`.
  public static func availableLanguages(in folder: URL) -> [String] {
    let names =
      (try? FileManager.default.contentsOfDirectory(
        atPath: folder.appendingPathComponent("Locales").path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  static func read(_ url: URL, relativeTo folder: URL) throws(CatalogError) -> ([UInt8], String) {
    let name = relativeName(url, folder)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .unreadable(file: name, reason: "cannot read the file")
    }
    let bytes = [UInt8](data)
    readLog?.add(name, bytes)
    return (bytes, name)
  }

  static func relativeName(_ url: URL, _ folder: URL) -> String {
    let base = folder.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
  }

  static func loadLocale(_ lang: String, in folder: URL) throws(CatalogError) -> LocaleTable {
    let url = folder.appendingPathComponent("Locales/\(lang).json")
    let (bytes, name) = try read(url, relativeTo: folder)
    return try LocaleTable.load(bytes, lang: lang, file: name)
  }

  /// A localizer for `lang`, falling back to English.
  public func localizer(_ lang: String) -> Localizer {
    guard lang != "en", let table = locales[lang] else { return Localizer(table: english) }
    return Localizer(table: table, fallback: english)
  }
}

/// A combination of conditions that is worse than its parts (fever during chemotherapy).
public struct Escalation: Sendable, Hashable {
  public let id: String
  /// Every one of these must be present.
  public let when: [String]
  /// At least one of these must be present (ignored when empty).
  public let withAny: [String]
  public let verdict: Verdict
  public let emergency: Bool

  /// Whether the escalation fires for the set of active condition ids.
  public func applies(to active: Set<String>) -> Bool {
    when.allSatisfy(active.contains)
      && (withAny.isEmpty || withAny.contains(where: active.contains))
  }
}
