import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The people cared for in one home: `$TEND_HOME/receivers/<id>/{profile.json,journal.jsonl}`.
///
/// Guarantees:
/// - Folders are created 0700 and files 0600 (by `mkdir`/`open`/`mkstemp`, never `chmod`).
/// - Changes to a profile happen under an exclusive lock on its folder, read the current file,
///   and replace it atomically, so two windows never lose each other's changes.
/// - A receiver's id (its folder name) never changes; renaming changes only the name.
public struct Receivers: Sendable {
  public let home: URL

  public init(home: URL) { self.home = home }

  public var folder: URL { home.appendingPathComponent("receivers", isDirectory: true) }
  public func folder(_ id: String) -> URL { folder.appendingPathComponent(id, isDirectory: true) }
  public func profileURL(_ id: String) -> URL { folder(id).appendingPathComponent("profile.json") }
  public func journalURL(_ id: String) -> URL { folder(id).appendingPathComponent("journal.jsonl") }

  /// Every receiver, by name. Folders without a profile (a removal in progress) are skipped.
  /// - Throws: `ReceiverError.unreadableProfile` for a broken profile.
  public func list() throws -> [Profile] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return try names.filter { !$0.hasPrefix(".") }.sorted().compactMap { id in
      let url = profileURL(id)
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      return try ProfileStore.load(url)
    }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
  }

  /// The receiver with this id or name (any case).
  /// - Throws: `ReceiverError.unknown` with the nearest names.
  public func find(_ name: String) throws -> Profile {
    let all = try list()
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    if let hit = all.first(where: { $0.id == wanted })
      ?? all.first(where: { $0.name.lowercased() == wanted })
    {
      return hit
    }
    let names = all.map(\.name)
    throw ReceiverError.unknown(
      name: name, suggestions: Suggest.nearest(to: name, in: names, limit: 2), known: names)
  }

  /// The named receiver, or the only one when no name is given.
  /// - Throws: `ReceiverError.notChosen` when no name is given and there is not exactly one.
  public func resolve(_ name: String?) throws -> Profile {
    if let name { return try find(name) }
    let all = try list()
    guard all.count == 1 else { throw ReceiverError.notChosen(known: all.map(\.name)) }
    return all[0]
  }

  /// Adds a receiver with a fresh id made from the name (`Mum` → `mum`, then `mum-2`).
  /// - Throws: `ReceiverError.duplicate` when the name is taken; `StorageError`.
  @discardableResult
  public func add(_ profile: Profile) throws -> Profile {
    let name = profile.name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { throw ReceiverError.badName(profile.name) }
    try DurableFile.makeFolder(folder)
    return try FileLock.exclusive(folder: folder.path) {
      // A broken profile elsewhere does not stop adding someone new (its folder keeps its id,
      // so the fresh id never takes it); only readable names can be compared.
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .compactMap { try? ProfileStore.load(profileURL($0)).name.lowercased() }
      if names.contains(name.lowercased()) {
        throw ReceiverError.duplicate(name: name)
      }
      var new = profile
      new.name = name
      new.id = Self.freshID(for: name) { FileManager.default.fileExists(atPath: folder($0).path) }
      try DurableFile.makeFolder(folder(new.id))
      try ProfileStore.save(new, to: profileURL(new.id))
      return new
    }
  }

  /// Reads, changes and atomically rewrites one profile under its folder's lock.
  public func update<T>(_ id: String, _ change: (inout Profile) throws -> T) throws -> T {
    try FileLock.exclusive(folder: folder(id).path) {
      DurableFile.removeStaleTemporaries(in: folder(id))
      var profile = try ProfileStore.load(profileURL(id))
      let result = try change(&profile)
      try ProfileStore.save(profile, to: profileURL(id))
      return result
    }
  }

  /// Renames a receiver (the id and folder stay).
  /// - Throws: `ReceiverError.duplicate` when another receiver has the new name.
  public func rename(_ id: String, to name: String) throws {
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { throw ReceiverError.badName(name) }
    if try list().contains(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) {
      throw ReceiverError.duplicate(name: name)
    }
    try update(id) { $0.name = name }
  }

  /// Deletes a receiver's folder: profile, journal and set-aside files. The folder is first
  /// renamed out of the way (atomic), so a crash never leaves half a receiver listed.
  public func remove(_ id: String) throws {
    let doomed = folder.appendingPathComponent(".removing-\(id)-\(getpid())")
    try FileLock.exclusive(folder: folder.path) {
      guard Glibc.rename(folder(id).path, doomed.path) == 0 else {
        throw StorageError.current("rename", folder(id).path)
      }
      try DurableFile.syncFolder(folder.path)
    }
    try FileManager.default.removeItem(at: doomed)
  }

  /// The receiver's journal, opened for appending (created 0600 on first use).
  public func journal(_ id: String) throws -> Journal {
    try DurableFile.makeFolder(folder(id))
    return try Journal(url: journalURL(id))
  }

  /// A reader over the receiver's journal.
  public func reader(_ id: String) -> JournalReader { JournalReader(url: journalURL(id)) }

  /// `Mum` → `mum`; letters and digits kept, the rest become `-`; `receiver` when nothing is left.
  static func freshID(for name: String, taken: (String) -> Bool) -> String {
    var slug = ""
    for scalar in name.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty, slug.last != "-" {
        slug += "-"
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    if slug.isEmpty { slug = "receiver" }
    var id = slug
    var n = 2
    while taken(id) {
      id = "\(slug)-\(n)"
      n += 1
    }
    return id
  }
}
