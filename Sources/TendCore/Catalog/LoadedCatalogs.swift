import Foundation

/// Catalogs already loaded by this process, for a process that runs many commands: the
/// conversation runs each command typed at its prompt as `tend` would, and without this each
/// one read and checked the whole data folder again.
///
/// Guarantees: a kept catalog is given back only for the same folder and languages, and only
/// while every data file (every regular file under `Routines/` and `Locales/`, the list itself
/// included) is, by `lstat`, the same file as just before it was loaded: same path, size, inode,
/// device, and modification and status-change times to the nanosecond (the rule of
/// `DataDigestCache`). A changed, added or removed file loads the catalog again, and it is
/// checked again as at start (a broken file is the same error, exit 65). Data changed less than
/// two seconds before loading is never kept. Off until `keep()` is called: a single command
/// pays nothing for it.
public final class LoadedCatalogs: @unchecked Sendable {
  public static let shared = LoadedCatalogs()

  private let lock = NSLock()
  private var on = false
  private var kept: [String: (fingerprint: String, catalog: Catalog)] = [:]
  /// How many times the data was read (for tests).
  private(set) var loads = 0

  init() {}

  /// From now on, keep what is loaded (the conversation calls this before its first load).
  public func keep() { lock.withLock { on = true } }

  /// `Catalog.load(from:languages:)`, or the catalog loaded before from exactly the same files.
  public func load(from folder: URL, languages: [String] = []) throws(CatalogError) -> Catalog {
    guard lock.withLock({ on }) else { return try Catalog.load(from: folder, languages: languages) }
    let key = ([folder.path] + languages).joined(separator: "\n")
    // What the files look like before reading them: a file changed while it is read differs
    // from this next time.
    let seen = (try? TendVersion.dataFiles(folder: folder)).flatMap {
      DataDigestCache.fingerprint(folder: folder, files: $0)
    }
    if let seen, let found = lock.withLock({ kept[key] }), found.fingerprint == seen.text {
      return found.catalog
    }
    let catalog: Catalog
    do {
      catalog = try Catalog.load(from: folder, languages: languages)
    } catch {
      lock.withLock { kept[key] = nil }
      throw error
    }
    lock.withLock {
      loads += 1
      if let seen, seen.settled {
        kept[key] = (seen.text, catalog)
      } else {
        kept[key] = nil
      }
    }
    return catalog
  }
}
