import Foundation
#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#else
  import Darwin
  private let systemWrite = Darwin.write
#endif

private func posixWrite(_ fd: Int32, _ base: UnsafeRawPointer?, _ offset: Int, _ count: Int) -> Int {
  guard let base else { return 0 }
  return systemWrite(fd, base + offset, count)
}

/// Finds a receiver's files under the Tend home and reads them into a summary builder.
///
/// This is the one place that knows where journals live
/// (`$TEND_HOME/receivers/<id>/{profile.json,journal.jsonl}`); everything after it works on
/// values. The journal is streamed (`JournalScan`), never loaded whole.
public enum SummaryGather {
  public struct Place: Sendable {
    public var id: String
    public var folder: URL
    public var profile: Profile?
    public var journal: URL { folder.appendingPathComponent("journal.jsonl") }
  }

  /// The receiver named `name` (its folder id or its profile's name, any case), or the only one.
  /// - Throws: `SummaryError.noReceiver`, `.unknownReceiver` or `.whichReceiver`.
  public static func locate(home: URL, name: String?) throws(SummaryError) -> Place {
    let root = home.appendingPathComponent("receivers")
    let ids = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    let places = ids.map { id -> Place in
      let folder = root.appendingPathComponent(id)
      let profile = FileManager.default.contents(atPath: folder.appendingPathComponent("profile.json").path)
        .flatMap { try? Profile.decode($0) }
      return Place(id: id, folder: folder, profile: profile)
    }
    guard let name else {
      guard places.count == 1, let only = places.first else {
        throw places.isEmpty ? .noReceiver(home.path) : .whichReceiver(places.map(\.id))
      }
      return only
    }
    let wanted = name.lowercased()
    if let match = places.first(where: { $0.id.lowercased() == wanted || $0.profile?.name.lowercased() == wanted }) {
      return match
    }
    throw .unknownReceiver(name, known: places.map(\.id))
  }

  /// The profile's facts as summary input.
  public static func receiver(_ place: Place) -> SummaryReceiver {
    guard let p = place.profile else { return SummaryReceiver(id: place.id, name: place.id) }
    let conditions = p.conditions.map {
      SummaryCondition(id: $0.id, site: $0.site?.rawValue, side: $0.side?.rawValue, since: $0.since)
    }
    return SummaryReceiver(
      id: place.id, name: p.name, caregivers: p.caregivers, conditions: conditions, fluidLimitML: p.fluidLimitML)
  }

  /// Reads the receiver's journal into a summary (streaming, in flat memory unless rows are kept).
  public static func gather(_ place: Place, options: SummaryOptions) throws(SummaryError) -> (SummaryData, JournalScan.Result) {
    let scan = try JournalScan.read(place.journal.path, receiver: receiver(place), options: options)
    return (scan.builder.finish(), scan)
  }
}

/// Writing an export: created 0600, never over an existing file unless forced.
public enum ExportFile {
  /// - Throws: `SummaryError.outputExists` or `.cannotWrite`.
  public static func write(_ text: String, to path: String, force: Bool) throws(SummaryError) {
    let flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL)
    let fd = open(path, flags, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { throw .outputExists(path) }
      throw .cannotWrite(path, String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress, done, bytes.count - done) }
      guard n > 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
      done += n
    }
    guard fsync(fd) == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
  }
}
