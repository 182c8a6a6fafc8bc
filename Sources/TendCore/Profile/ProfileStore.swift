import Foundation

/// Reads and writes `profile.json` files.
///
/// Writes go through `DurableFile.replace` (temp file, fsync, rename, fsync folder), so a profile
/// is always the old version or the new one, never half written, whatever happens to the process.
/// Callers that read, change and write take the receiver folder's lock (`Receivers.update`).
public enum ProfileStore {
  /// Loads the profile at `url` strictly (`ProfileReader`), without following a link.
  /// - Parameter folderID: the receiver folder's name, which the profile's `id` must equal;
  ///   nil for a free-standing file.
  /// - Throws: `ReceiverError.unreadableProfile` (missing, a link, unreadable) or `.badProfile`.
  public static func load(_ url: URL, folderID: String?) throws -> Profile {
    let bytes: [UInt8]?
    do {
      bytes = try SafeFile.read(url.path, limit: SafeFile.maxProfileBytes)
    } catch {
      throw ReceiverError.unreadableProfile(
        file: url.path, reason: error.reason)
    }
    guard let bytes else {
      throw ReceiverError.unreadableProfile(file: url.path, reason: "the file does not exist")
    }
    return try ProfileReader.read(bytes, file: url.path, folderID: folderID)
  }

  /// Replaces the profile at `url` atomically; the file is created 0600.
  /// - Throws: `StorageError`; the old file is then untouched.
  public static func save(_ profile: Profile, to url: URL) throws {
    try DurableFile.replace(url, with: try encode(profile))
  }

  /// Pretty, key-sorted JSON with a trailing newline (friendly to diffs and hand edits).
  public static func encode(_ profile: Profile) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(profile)
    data.append(0x0A)
    return data
  }
}

extension Profile {
  /// The conditions still in force on `date`: each one's age comes from its `since` date (or
  /// `daysSince`) and is compared with its rule's time limit, so nothing is stored as a flag.
  /// A condition whose rule is unknown counts as in force (fail closed).
  public func conditionsInForce(asOf date: Date, catalog: Catalog) -> [ProfileCondition] {
    conditions.filter { item in
      guard let rule = catalog.rule(item.id) else { return true }
      return rule.isActive(daysSince: item.condition(asOf: date).daysSince)
    }
  }

  /// The ids of the conditions in force, for a session's `precautions`.
  public func precautionIDs(asOf date: Date, catalog: Catalog) -> [String] {
    var seen = Set<String>()
    return conditionsInForce(asOf: date, catalog: catalog).map(\.id).filter {
      seen.insert($0).inserted
    }
  }
}
