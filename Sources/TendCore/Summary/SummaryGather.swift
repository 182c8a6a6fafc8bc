import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#else
  import Darwin
  private let systemWrite = Darwin.write
#endif

private func posixWrite(_ fd: Int32, _ base: UnsafeRawPointer?, _ offset: Int, _ count: Int) -> Int
{
  guard let base else { return 0 }
  return systemWrite(fd, base + offset, count)
}

/// Reads a receiver's profile facts and journal into a summary.
///
/// Where files live is the journal's business (`Receivers`: `$TEND_HOME/receivers/<id>/`); this
/// only streams the journal file through the summary's lean scanner (`JournalScan`), never
/// loading it whole and never decoding every line into `JournalEntry` values.
public enum SummaryGather {
  /// The receiver's facts as summary input.
  public static func receiver(_ p: Profile) -> SummaryReceiver {
    let conditions = p.conditions.map {
      SummaryCondition(id: $0.id, site: $0.site?.rawValue, side: $0.side?.rawValue, since: $0.since)
    }
    var r = SummaryReceiver(
      id: p.id, name: p.name, birthYear: p.birthDate.flatMap { Int($0.prefix(4)) },
      caregivers: p.caregivers, conditions: conditions, fluidLimitML: p.fluidLimitML)
    r.birthDate = p.birthDate
    r.identifiers = (p.identifiers ?? []).map {
      SummaryIdentifier(system: $0.system, value: $0.value)
    }
    r.allergies = p.allergies
    return r
  }

  /// Reads the receiver's journal into a summary (flat memory unless rows are kept).
  /// - Throws: `SummaryError.unreadableJournal` when the file exists but cannot be read.
  public static func gather(_ profile: Profile, in receivers: Receivers, options: SummaryOptions)
    throws(SummaryError)
    -> (SummaryData, JournalScan.Result)
  {
    let scan = try JournalScan.read(
      receivers.journalURL(profile.id).path, receiver: receiver(profile), options: options)
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
