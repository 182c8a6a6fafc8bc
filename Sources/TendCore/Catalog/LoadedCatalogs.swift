import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Catalogs already loaded by this process, for a process that runs many commands: the
/// conversation runs each command typed at its prompt as `tend` would, and without this each
/// one read and checked the whole data folder again.
///
/// Guarantees: a kept catalog is given back only for the same folder and languages, and only
/// while every data file (every regular file under `Routines/` and `Locales/`, the list itself
/// included, and every folder) is, by `lstat`, the same file as just before it was loaded: same
/// path, type, size, inode, device, and modification and status-change times to the nanosecond
/// (the rule of `DataDigestCache`). A changed, added or removed file loads the catalog again, and it is
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

  /// Every entry under `Routines/` and `Locales/` (folders too), one line each, in name order;
  /// nil when a folder cannot be read. `settled` when nothing changed in the last two seconds.
  static func fingerprint(_ folder: URL) -> (text: String, settled: Bool)? {
    var text = folder.path + "\n"
    var settled = true
    let recent = Date().timeIntervalSince1970 - 2
    func add(_ relative: String, depth: Int) -> Bool {
      let path = folder.path + "/" + relative
      var st = stat()
      guard lstat(path, &st) == 0 else { return false }
      let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
      let ctime = Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9
      if mtime > recent || ctime > recent { settled = false }
      text +=
        "\(relative)\t\(st.st_mode)\t\(st.st_size)\t\(st.st_ino)\t\(st.st_dev)\t\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\t\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)\n"
      guard st.st_mode & S_IFMT == S_IFDIR else { return true }
      guard depth < 8, let dir = opendir(path) else { return false }
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
      }
      closedir(dir)
      for name in names.sorted() where !add(relative + "/" + name, depth: depth + 1) {
        return false
      }
      return true
    }
    guard add("Routines", depth: 0), add("Locales", depth: 0) else { return nil }
    return (text, settled)
  }

  /// `Catalog.load(from:languages:)`, or the catalog loaded before from exactly the same files.
  public func load(from folder: URL, languages: [String] = []) throws(CatalogError) -> Catalog {
    guard lock.withLock({ on }) else { return try Catalog.load(from: folder, languages: languages) }
    let key = ([folder.path] + languages).joined(separator: "\n")
    // What the files look like before reading them: a file changed while it is read differs
    // from this next time.
    let seen = Self.fingerprint(folder)
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
