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
/// - The folder is the identity: a profile whose `id` is not its folder's name is an error, and
///   every path is built from a checked id (`isValidID`), never from what a file says.
/// - No link is followed: `receivers/`, each person's folder and the files in it are refused
///   when they are links (`SafeFile`), so nothing is read or written outside the home.
public struct Receivers: Sendable {
  public let home: URL

  public init(home: URL) { self.home = home }

  public var folder: URL { home.appendingPathComponent("receivers", isDirectory: true) }
  public func folder(_ id: String) -> URL { folder.appendingPathComponent(id, isDirectory: true) }
  public func profileURL(_ id: String) -> URL { folder(id).appendingPathComponent("profile.json") }
  public func journalURL(_ id: String) -> URL { folder(id).appendingPathComponent("journal.jsonl") }

  /// Every receiver, by name. Folders without a profile (a removal in progress) are skipped.
  /// - Throws: `ReceiverError.unreadableProfile`/`.badProfile` for a broken profile or one whose
  ///   `id` is not its folder's name; `StorageError.refused` for a link among the folders.
  public func list() throws -> [Profile] {
    try records().map { record in
      switch record {
      case .readable(let profile): return profile
      case .unreadable(_, _, let error): throw error
      }
    }
  }

  /// One folder in `receivers/`: the profile, or why it cannot be read (the error as `list()`
  /// would throw it: `ReceiverError` or `StorageError`).
  public enum Record: Sendable {
    case readable(Profile)
    case unreadable(id: String, file: String, error: any Error & Sendable)

    public var id: String {
      switch self {
      case .readable(let p): p.id
      case .unreadable(let id, _, _): id
      }
    }

    public var profile: Profile? {
      if case .readable(let p) = self { return p }
      return nil
    }

    /// The error's user-facing message (locale keys `receivers.error.*`, `journal.storage.*`).
    public var problem: Message? {
      guard case .unreadable(_, _, let error) = self else { return nil }
      switch error {
      case let e as ReceiverError: return e.message
      case let e as StorageError: return e.message
      default: return Message("chat.profileError", ["detail": .text(String(describing: error))])
      }
    }
  }

  /// Every receiver folder with a profile, in the order of `list()`; one that cannot be read
  /// (a link, a broken file, a folder name that is not an id) is listed with why, never skipped
  /// and never stopping the others from being listed.
  /// - Throws: `StorageError` only when `receivers/` itself is a link or cannot be read.
  public func records() throws -> [Record] {
    guard SafeFile.isLink(folder.path) || FileManager.default.fileExists(atPath: folder.path)
    else { return [] }
    try SafeFile.realFolder(folder.path)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { id -> Record? in
      let path = folder(id).path
      var info = stat()
      guard lstat(path, &info) == 0 else { return nil }
      if info.st_mode & S_IFMT == S_IFLNK {
        return .unreadable(id: id, file: path, error: StorageError.refused(path: path, why: .link))
      }
      guard info.st_mode & S_IFMT == S_IFDIR else { return nil }
      let url = profileURL(id)
      guard SafeFile.isLink(url.path) || FileManager.default.fileExists(atPath: url.path) else {
        return nil
      }
      guard Self.isValidID(id) else {
        return .unreadable(
          id: id, file: url.path,
          error: ReceiverError.badProfile(
            file: url.path, line: 1, column: 1, field: "id",
            reason: "the folder name \"\(id)\" is not a receiver id (a-z, 0-9, - and _)"))
      }
      do {
        return .readable(try ProfileStore.load(url, folderID: id))
      } catch let error as ReceiverError {
        return .unreadable(id: id, file: url.path, error: error)
      } catch let error as StorageError {
        return .unreadable(id: id, file: url.path, error: error)
      } catch {
        return .unreadable(
          id: id, file: url.path,
          error: ReceiverError.unreadableProfile(file: url.path, reason: "\(error)"))
      }
    }.sorted {
      ($0.profile?.name.lowercased() ?? $0.id, $0.id) < (
        $1.profile?.name.lowercased() ?? $1.id, $1.id
      )
    }
  }

  /// Whether `id` can be a receiver folder's name: 1-64 of `a-z`, `0-9`, `-`, `_`, so it can
  /// never climb out of `receivers/` (`..`, `/`) or hide (a leading dot).
  public static func isValidID(_ id: String) -> Bool {
    (1...64).contains(id.utf8.count)
      && id.utf8.allSatisfy {
        (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
      }
  }

  /// The receiver's folder, checked: a valid id, and a real folder (not a link) inside a real
  /// `receivers/` folder of this home. With `create`, missing folders are made (0700).
  /// - Throws: `StorageError` (`.refused(.link)` for a link), `ReceiverError.badProfile`.
  public func checkedFolder(_ id: String, create: Bool = false) throws -> URL {
    guard Self.isValidID(id) else {
      throw ReceiverError.badProfile(
        file: folder.path, line: 1, column: 1, field: "id",
        reason: "\"\(id)\" is not a receiver id (a-z, 0-9, - and _)")
    }
    if create, !SafeFile.isLink(folder.path) { try DurableFile.makeFolder(folder) }
    try SafeFile.realFolder(folder.path)
    let own = folder(id)
    if create, !SafeFile.isLink(own.path) { try DurableFile.makeFolder(own) }
    try SafeFile.realFolder(own.path)
    return own
  }

  /// The receiver this name picks (`ReceiverLookup`): a name typed exactly as written wins over
  /// another person's folder id; a word that is one person's name and another's id picks nobody.
  /// Someone else's unreadable profile does not stop a lookup; the person named being
  /// unreadable is that person's error.
  /// - Throws: `ReceiverError.unknown` with the nearest names, `.ambiguous` naming both people,
  ///   or the named person's own `ReceiverError`/`StorageError`.
  public func find(_ name: String) throws -> Profile {
    let all = try records()
    let candidates = all.map { ReceiverLookup.Candidate(id: $0.id, name: $0.profile?.name) }
    switch ReceiverLookup.match(name, among: candidates) {
    case .one(let id):
      switch all.first(where: { $0.id == id }) {
      case .readable(let profile)?: return profile
      case .unreadable(_, _, let error)?: throw error
      case nil: break
      }
    case .ambiguous(let byName, let byID):
      throw ReceiverError.ambiguous(
        name: name.trimmingCharacters(in: .whitespaces), byName: byName.compactMap(\.name),
        otherName: byID.name, otherID: byID.id)
    case .none: break
    }
    let names = all.compactMap(\.profile?.name)
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
  /// Names are unique (ignoring case) under an exclusive lock on the home's `receivers/` folder,
  /// which `rename` takes too, so two processes can never make two people of one name.
  /// - Throws: `ReceiverError.duplicate` when the name is taken, `.badName` for a name that
  ///   `ReceiverName` refuses; `StorageError`.
  @discardableResult
  public func add(_ profile: Profile) throws -> Profile {
    let name = try Self.usable(profile.name)
    if !SafeFile.isLink(folder.path) { try DurableFile.makeFolder(folder) }
    try SafeFile.realFolder(folder.path)
    return try FileLock.exclusive(folder: folder.path) {
      // A broken profile elsewhere does not stop adding someone new (its folder keeps its id,
      // so the fresh id never takes it); only readable names can be compared.
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .compactMap { try? ProfileStore.load(profileURL($0), folderID: $0).name.lowercased() }
      if names.contains(name.lowercased()) {
        throw ReceiverError.duplicate(name: name)
      }
      var new = profile
      new.name = name
      new.id = Self.freshID(for: name) {
        SafeFile.isLink(folder($0).path) || FileManager.default.fileExists(atPath: folder($0).path)
      }
      let own = try checkedFolder(new.id, create: true)
      try ProfileStore.save(new, to: own.appendingPathComponent("profile.json"))
      return new
    }
  }

  /// The trimmed name, or `ReceiverError.badName` when `ReceiverName` refuses it.
  static func usable(_ raw: String) throws -> String {
    let name = raw.trimmingCharacters(in: .whitespaces)
    if let problem = ReceiverName.problem(name) {
      throw ReceiverError.badName(
        String(String.UnicodeScalarView(name.unicodeScalars.filter { !ReceiverName.isHidden($0) }))
          .prefix(80).description, problem: problem)
    }
    return name
  }

  /// Reads, changes and atomically rewrites one profile under its folder's lock. The folder
  /// must be a real folder (not a link), and a change may not touch the id (the folder is the
  /// identity) or leave a name `ReceiverName` refuses.
  public func update<T>(_ id: String, _ change: (inout Profile) throws -> T) throws -> T {
    let own = try checkedFolder(id)
    return try FileLock.exclusive(folder: own.path) {
      DurableFile.removeStaleTemporaries(in: own)
      var profile = try ProfileStore.load(profileURL(id), folderID: id)
      let result = try change(&profile)
      profile.id = id
      profile.name = try Self.usable(profile.name)
      try ProfileStore.save(profile, to: profileURL(id))
      return result
    }
  }

  /// Renames a receiver (the id and folder stay). The check that no one else has the name and
  /// the change happen under the same home lock as `add`.
  /// - Throws: `ReceiverError.duplicate` when another receiver has the new name; `.badName`.
  public func rename(_ id: String, to name: String) throws {
    let name = try Self.usable(name)
    try SafeFile.realFolder(folder.path)
    try FileLock.exclusive(folder: folder.path) {
      if try list().contains(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) {
        throw ReceiverError.duplicate(name: name)
      }
      try update(id) { $0.name = name }
    }
  }

  /// Deletes a receiver's folder: profile, journal and set-aside files. The folder is first
  /// renamed out of the way (atomic), so a crash never leaves half a receiver listed.
  public func remove(_ id: String) throws {
    _ = try checkedFolder(id)
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
  /// The folder must be a real folder in this home and the file not a link (`SafeFile`).
  public func journal(_ id: String) throws -> Journal {
    let own = try checkedFolder(id, create: true)
    return try Journal(url: own.appendingPathComponent("journal.jsonl"))
  }

  /// A reader over the receiver's journal.
  public func reader(_ id: String) -> JournalReader { JournalReader(url: journalURL(id)) }

  /// `Mum` → `mum`, `Zoë` → `zoe`, `王芳` → `wang-fang`; `receiver` when nothing is left; then
  /// `-2`, `-3` … until the id is free.
  static func freshID(for name: String, taken: (String) -> Bool) -> String {
    var slug = slug(name)
    if slug.isEmpty { slug = "receiver" }
    var id = slug
    var n = 2
    while taken(id) {
      id = "\(slug)-\(n)"
      n += 1
    }
    return id
  }

  /// A name as the letters of an id: written in Latin letters without their marks (ICU's
  /// `Any-Latin; Latin-ASCII`: `Zoë` → `zoe`, `Łukasz` → `lukasz`, `Nguyễn` → `nguyen`, not
  /// `zo`; outside tester, round 7, F11), lower case; `a-z` and `0-9` kept, each run of
  /// anything else one `-`, none at the ends. Empty when nothing is left (`😀`).
  public static func slug(_ name: String) -> String {
    let latin =
      name.applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII"), reverse: false)
      ?? name.applyingTransform(.stripDiacritics, reverse: false) ?? name
    var slug = ""
    for scalar in latin.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty, slug.last != "-" {
        slug += "-"
      }
    }
    // Room for `-2` … within an id's 64 characters.
    slug = String(slug.prefix(56))
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug
  }
}
