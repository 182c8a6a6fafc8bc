import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

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
    r.careTeam = p.careTeam
    return r
  }

  /// Reads the receiver's journal into a summary (flat memory unless rows are kept).
  /// - Throws: `SummaryError.unreadableJournal` when the file exists but cannot be read.
  /// - Parameter adding: entries not (yet) in the journal to count as if they were, after it
  ///   (`share` adds the consent it records only once the export is written).
  public static func gather(
    _ profile: Profile, in receivers: Receivers, options: SummaryOptions,
    adding: [SummaryEntry] = []
  )
    throws(SummaryError)
    -> (SummaryData, JournalScan.Result)
  {
    var scan = try JournalScan.read(
      receivers.journalURL(profile.id).path, receiver: receiver(profile), options: options)
    for entry in adding { scan.builder.add(entry) }
    return (scan.builder.finish(), scan)
  }
}

/// Writing an export: always a new 0600 file, written whole, then put in place.
///
/// The text goes to a fresh temporary file beside the target (`mkstemp`, mode 0600), is
/// `fsync`ed, and is then linked (new path) or renamed (`force`) into place, and the folder is
/// `fsync`ed: a link at the path is replaced, never written through; an old file's mode is never
/// kept; a reader sees the old file or the whole new one. When this returns, the export is on
/// disk (so `share` records consent only after it).
public enum ExportFile {
  /// - Throws: `SummaryError.outputExists` (anything at `path`, a link too, without `force`) or
  ///   `.cannotWrite` (a missing folder, a folder at `path`, a full disk).
  public static func write(_ text: String, to path: String, force: Bool) throws(SummaryError) {
    try write(to: path, force: force) { fd throws(SummaryError) in
      let out = ExportWriter(fd: fd)
      out.write(text)
      out.flush()
      if let failure = out.failure {
        throw SummaryError.cannotWrite(path, String(cString: strerror(failure)))
      }
    }
  }

  /// The same, with the content written by `body` to the new file's descriptor as it is made.
  public static func write(
    to path: String, force: Bool, writing body: (Int32) throws(SummaryError) -> Void
  ) throws(SummaryError) {
    var info = stat()
    if lstat(path, &info) == 0 {
      guard force else { throw .outputExists(path) }
      if info.st_mode & S_IFMT == S_IFDIR {
        throw .cannotWrite(
          path, StorageError.failed(operation: "open", path: path, errno: EISDIR).reason)
      }
    }
    do {
      try DurableFile.replace(URL(fileURLWithPath: path), exclusive: !force) { fd, _ in
        try body(fd)
      }
    } catch let error as SummaryError {
      if case .cannotWrite(let at, let reason) = error, at.isEmpty {
        throw .cannotWrite(path, reason)
      }
      throw error
    } catch let error as StorageError {
      if error.code == EEXIST, !force { throw .outputExists(path) }
      throw .cannotWrite(path, error.reason)
    } catch {
      throw .cannotWrite(path, "\(error)")
    }
  }
}
