import Foundation

/// Reads exported summaries (Tend JSON or FHIR) for a clinician: verifies each file's SHA-256
/// and recovers its summary. A file is `intact` only when its checksum matches its bytes;
/// `altered` files are still read (so the clinician sees what was changed) but are marked.
public enum Review {
  public enum Status: Equatable, Sendable {
    case intact
    /// The content does not match the checksum it carries.
    case altered
    /// No checksum in the file (made by `tend summary` without sharing, or stripped).
    case unverified
    case unreadable(String)
  }

  public struct File: Sendable {
    public var path: String
    public var status: Status
    public var format: SummaryFormat?
    public var summary: SummaryData?
    /// Figures the file states that its own session rows do not give (see `ReviewCheck`).
    public var disagreements: [ReviewCheck.Disagreement] = []
    /// For a FHIR Bundle Tend did not make: what it holds, one line per resource (and no
    /// `summary`, since reading it as a Tend summary would say nothing true).
    public var foreign: [String]?

    public init(
      path: String, status: Status, format: SummaryFormat?, summary: SummaryData?,
      disagreements: [ReviewCheck.Disagreement] = [], foreign: [String]? = nil
    ) {
      self.path = path
      self.status = status
      self.format = format
      self.summary = summary
      self.disagreements = disagreements
      self.foreign = foreign
    }
  }

  /// Reads one file; never throws (an unreadable file is a result, not an error).
  public static func read(path: String, redFlagConditions: Set<String> = []) -> File {
    switch contents(path) {
    case .success(let bytes):
      return read(bytes: bytes, path: path, redFlagConditions: redFlagConditions)
    case .failure(let refused):
      return File(path: path, status: .unreadable(refused.reason), format: nil, summary: nil)
    }
  }

  public static func read(bytes: [UInt8], path: String, redFlagConditions: Set<String> = []) -> File
  {
    // A FHIR Bundle names its resourceType first; anything else is read as Tend JSON first,
    // with Tend's own reader (`SummaryReader`), so a Tend file is parsed once.
    let fhirFirst = bytes.prefix(200).split(separator: 0x22).contains {
      $0.elementsEqual("resourceType".utf8)
    }
    if !fhirFirst, let file = readSummary(bytes, path: path) { return file }
    guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    else {
      let line = bytes.withUnsafeBufferPointer { SummaryReader.syntaxFailure($0) }
      return File(
        path: path, status: .unreadable("not JSON" + (line.map { " (\($0))" } ?? "")),
        format: nil, summary: nil)
    }
    if object["kind"] as? String == "tend-summary", let file = readSummary(bytes, path: path) {
      return file
    }
    if object["resourceType"] as? String == "Bundle", !ReviewCheck.madeByTend(object) {
      return File(
        path: path, status: .unverified, format: .fhir, summary: nil,
        foreign: ReviewCheck.contents(object))
    }
    guard let read = FHIRReader.read(object) else {
      return File(
        path: path, status: .unreadable("neither a Tend summary nor a FHIR Bundle"), format: nil,
        summary: nil)
    }
    // A Bundle from elsewhere has no summary-period extension: its sessions' days are the period.
    let days = read.entries.compactMap { entry -> Int? in
      if case .session(let s) = entry { return s.at.localDay }
      return nil
    }
    let period = read.period ?? SummaryPeriod(from: days.min() ?? 0, to: days.max() ?? 0)
    var options = SummaryOptions(
      period: SummaryPeriod(from: period.from, to: period.to),
      now: read.made ?? SummaryTime(seconds: 0, offset: 0),
      keepSessions: true, redFlagConditions: redFlagConditions)
    options.deidentify = read.deidentified
    options.version = read.version
    var summary = SummaryBuilder.summarize(read.receiver, read.entries, options: options)
    summary.receiver.id = nil
    if read.receiver.name.isEmpty { summary.receiver.name = nil }
    summary.checksum = read.checksum
    summary.redFlags.said = read.said.isEmpty ? nil : read.said
    return File(
      path: path, status: status(bytes, read.checksum), format: .fhir, summary: summary,
      disagreements: ReviewCheck.disagreements(summary))
  }

  /// The largest file `review` reads (256 MiB; reading one takes about four times its size in
  /// memory). A year of one person's sessions is a few MB even as FHIR.
  public static let largestFile = 256 << 20

  /// Why a file was not read.
  public struct Refused: Error, Equatable {
    public var reason: String
  }

  /// The bytes of a regular file, read straight into one array. Anything else is refused
  /// without waiting: a named pipe (FIFO) is opened without blocking (`O_NONBLOCK`: an open
  /// for reading would otherwise wait for ever for a writer) and, like a device or a folder,
  /// refused once `fstat` says what it is; so is a file over `largestFile`. The other files of
  /// the same call are read and reported as usual. A link is followed, as for any file a
  /// family sent.
  static func contents(_ path: String) -> Result<[UInt8], Refused> {
    // What the name is, before opening it: a device is never opened.
    var info = stat()
    if stat(path, &info) == 0, let refused = refusal(info.st_mode) { return .failure(refused) }
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else { return .failure(Refused(reason: "cannot open")) }
    defer { close(fd) }
    // What was opened (the name may have been replaced in between).
    guard fstat(fd, &info) == 0 else { return .failure(Refused(reason: "cannot open")) }
    if let refused = refusal(info.st_mode) { return .failure(refused) }
    guard info.st_size <= off_t(largestFile) else {
      return .failure(
        Refused(
          reason:
            "\(info.st_size) bytes, larger than the \(largestFile >> 20) MiB a file may have to be reviewed"
        ))
    }
    // Read straight into the array's storage (no zeroing first); only the bytes read count.
    let size = Int(info.st_size)
    return .success(
      [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        var done = 0
        while done < size {
          let n = pread(fd, buffer.baseAddress! + done, size - done, off_t(done))
          if n < 0, errno == EINTR { continue }
          guard n > 0 else { break }
          done += n
        }
        // A file that shrank while it was read is read as far as it went.
        count = done
      })
  }

  /// Why a file of this type is not read; nil for a regular file.
  static func refusal(_ mode: mode_t) -> Refused? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: Refused(reason: "a folder, not a file")
    case S_IFIFO, S_IFSOCK:
      Refused(reason: "a pipe or socket, not a file (save what it sends to a file first)")
    default: Refused(reason: "a device, not a file")
    }
  }

  /// A Tend JSON summary, read and checked; nil when the bytes are not one (other JSON, or not
  /// JSON at all). A damaged one is unreadable, naming the line and the field.
  static func readSummary(_ bytes: [UInt8], path: String) -> File? {
    let newer = { (v: Int) in
      File(
        path: path, status: .unreadable("schema \(v) is newer than this Tend reads"),
        format: .json, summary: nil)
    }
    return bytes.withUnsafeBufferPointer { buffer -> File? in
      switch SummaryReader.read(buffer) {
      case .success(let summary):
        guard summary.kind == "tend-summary" else { return nil }
        guard summary.v <= SummaryData.schemaVersion else { return newer(summary.v) }
        return File(
          path: path, status: status(bytes, summary.checksum), format: .json, summary: summary,
          disagreements: ReviewCheck.disagreements(summary))
      case .failure(let failure):
        guard let top = SummaryReader.kindAndVersion(buffer), top.kind == "tend-summary" else {
          return nil
        }
        if let v = top.v, v > SummaryData.schemaVersion { return newer(v) }
        return File(
          path: path, status: .unreadable("not a Tend summary (\(failure.message(buffer)))"),
          format: .json, summary: nil)
      }
    }
  }

  static func status(_ bytes: [UInt8], _ claimed: String?) -> Status {
    switch Checksum.verify(bytes, claimed: claimed) {
    case .intact: .intact
    case .altered: .altered
    case .missing: .unverified
    }
  }
}
