import Foundation

/// Which Tend and which rules made an answer: the program's version, the precaution rules'
/// schema `v` and a short SHA-256 of every data file.
///
/// Guarantees: the digest covers every regular file under `Routines/` and `Locales/` (the word
/// lists in `Locales/lexicon/` included), in byte order of their relative paths, each as its
/// path, its length and its bytes, so changing, adding, removing or renaming any data file
/// changes it. Two installs with the same three values give the same advice.
public struct TendVersion: Codable, Sendable, Equatable {
  /// This program's version (the Debian package and `tend --version` use it).
  public static let program = "0.1.0"
  /// Hex digits of the data digest that summaries and `--version` show.
  public static let shortDigits = 12

  /// The program's version.
  public var tend: String
  /// `v` of `Routines/precautions.json`.
  public var rules: Int
  /// The first `shortDigits` hex digits of the data digest.
  public var data: String

  public init(tend: String = TendVersion.program, rules: Int, data: String) {
    self.tend = tend
    self.rules = rules
    self.data = data
  }

  /// `tend 0.1.0; rules v1; data 1a2b3c4d5e6f`: the form CSV and FHIR exports carry.
  public var token: String { "tend \(tend); rules v\(rules); data \(data)" }

  /// Reads `token` back; nil for anything else.
  public init?(token: String) {
    let parts = token.components(separatedBy: "; ")
    guard parts.count == 3, parts[0].hasPrefix("tend "), parts[1].hasPrefix("rules v"),
      parts[2].hasPrefix("data "), let rules = Int(parts[1].dropFirst(7))
    else { return nil }
    self.init(
      tend: String(parts[0].dropFirst(5)), rules: rules, data: String(parts[2].dropFirst(5)))
  }

  /// Reads the rules' `v` and hashes the data folder.
  /// - Throws: `CatalogError` naming the file when the rules or a data file cannot be read.
  /// - Parameter cache: where the last digest is kept (`DataDigestCache`); nil hashes every
  ///   file every time.
  public static func of(folder: URL, cache: URL? = nil) throws(CatalogError) -> TendVersion {
    let url = folder.appendingPathComponent("Routines/precautions.json")
    let (bytes, name) = try Catalog.read(url, relativeTo: folder)
    let (r, root) = try DataReader.parse(bytes, file: name)
    let v = try r.int(root, "", "v", in: 1...Catalog.schemaVersion)
    let digest = try dataDigest(folder: folder, cache: cache)
    return TendVersion(rules: v, data: String(digest.prefix(shortDigits)))
  }

  /// As `of(folder:cache:)` for the folder `catalog` was loaded from, with the rules' `v` as it
  /// was loaded (not parsing `precautions.json` a second time).
  public static func of(_ catalog: Catalog, cache: URL? = nil) throws(CatalogError) -> TendVersion {
    TendVersion(
      rules: catalog.rulesVersion,
      data: String(try dataDigest(folder: catalog.folder, cache: cache).prefix(shortDigits)))
  }

  /// The full SHA-256 (64 hex digits) of the data files, as described on the type.
  public static func dataDigest(folder: URL, cache: URL? = nil) throws(CatalogError) -> String {
    let files = try dataFiles(folder: folder)
    let seen = cache == nil ? nil : DataDigestCache.fingerprint(folder: folder, files: files)
    if let cache, let seen, let digest = DataDigestCache.lookup(seen.text, in: cache) {
      return digest
    }
    let digest = try hashFiles(folder: folder, files: files)
    if let cache, let seen, seen.settled {
      DataDigestCache.store(seen.text, digest: digest, in: cache)
    }
    return digest
  }

  static func hashFiles(folder: URL, files: [String]) throws(CatalogError) -> String {
    var hasher = SHA256()
    for relative in files {
      let url = folder.appendingPathComponent(relative)
      let (bytes, _) = try Catalog.read(url, relativeTo: folder)
      hasher.update(Array(relative.utf8) + [0] + Array(String(bytes.count).utf8) + [0])
      hasher.update(bytes)
    }
    return hasher.hexDigest()
  }

  /// The data files' paths relative to `folder`, sorted by their UTF-8 bytes.
  public static func dataFiles(folder: URL) throws(CatalogError) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for top in ["Routines", "Locales"] {
      let base = folder.appendingPathComponent(top)
      guard let names = fm.subpaths(atPath: base.path) else {
        throw .unreadable(file: top, reason: "cannot list the folder")
      }
      for name in names {
        var isDirectory: ObjCBool = false
        let path = base.appendingPathComponent(name).path
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { continue }
        out.append(top + "/" + name)
      }
    }
    return out.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }
}
