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
    /// Why, in words from `Locales/` (`review.reason.*`), rendered in the reader's language.
    case unreadable(Message)
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
  ///
  /// `rows: false` (the table of several files, which shows no session row, feeling or note):
  /// a Tend JSON export's rows are checked as always and its figures recomputed from them, but
  /// the rows are not kept, nor its feelings and notes (`summary.sessions`, `feelings` and
  /// `notes` are nil); everything else, the status and the disagreements are the same.
  public static func read(path: String, redFlagConditions: Set<String> = [], rows: Bool = true)
    -> File
  {
    switch contents(path) {
    case .success(let bytes):
      return read(bytes: bytes, path: path, redFlagConditions: redFlagConditions, rows: rows)
    case .failure(let refused):
      return File(path: path, status: .unreadable(refused.reason), format: nil, summary: nil)
    }
  }

  public static func read(
    bytes: [UInt8], path: String, redFlagConditions: Set<String> = [], rows: Bool = true
  ) -> File {
    var file = readKeeping(
      bytes: bytes, path: path, redFlagConditions: redFlagConditions, rows: rows)
    if !rows {
      file.summary?.sessions = nil
      file.summary?.feelings = nil
      file.summary?.notes = nil
    }
    return file
  }

  static func readKeeping(
    bytes: [UInt8], path: String, redFlagConditions: Set<String>, rows: Bool
  ) -> File {
    // A FHIR Bundle names its resourceType first; anything else is read as Tend JSON first,
    // with Tend's own reader (`SummaryReader`), so a Tend file is parsed once.
    let fhirFirst = bytes.prefix(200).split(separator: 0x22).contains {
      $0.elementsEqual("resourceType".utf8)
    }
    if !fhirFirst, let file = readSummary(bytes, path: path, rows: rows) { return file }
    guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    else {
      if let other = otherExport(path) {
        return File(path: path, status: .unreadable(other), format: nil, summary: nil)
      }
      let line = bytes.withUnsafeBufferPointer { SummaryReader.syntaxFailure($0) }
      return File(
        path: path,
        status: .unreadable(
          line.map { Message("review.reason.notJSONAt", ["line": .text(String($0))]) }
            ?? Message("review.reason.notJSON")),
        format: nil, summary: nil)
    }
    if object["kind"] as? String == "tend-summary",
      let file = readSummary(bytes, path: path, rows: rows)
    {
      return file
    }
    if object["resourceType"] as? String == "Bundle", !ReviewCheck.madeByTend(object) {
      return File(
        path: path, status: .unverified, format: .fhir, summary: nil,
        foreign: ReviewCheck.contents(object))
    }
    guard let read = FHIRReader.read(object) else {
      return File(
        path: path, status: .unreadable(Message("review.reason.neither")), format: nil,
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
    public var reason: Message
  }

  /// The extensions of the exports `review` does not read (CSV and the pages).
  static let pageExtensions: Set<String> = ["csv", "txt", "text", "md", "markdown", "html", "htm"]

  /// Why a file that is not JSON is not read, when it looks like one of Tend's other exports: a
  /// `FILE.sha256` beside it (as `tend share --format csv --output FILE` writes), or a CSV,
  /// text, Markdown or HTML name. Nil otherwise (it is then just "not JSON").
  static func otherExport(_ path: String) -> Message? {
    let name = ReviewReport.fileName(path)
    var info = stat()
    if stat(path + ".sha256", &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      return Message("review.reason.otherExport.sidecar", ["sidecar": .text(name + ".sha256")])
    }
    let ext = name.split(separator: ".", omittingEmptySubsequences: false).last.map {
      $0.lowercased()
    }
    guard name.contains("."), let ext, pageExtensions.contains(ext) else { return nil }
    return Message("review.reason.otherExport")
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
    let cannotOpen = Refused(reason: Message("review.reason.cannotOpen"))
    guard fd >= 0 else { return .failure(cannotOpen) }
    defer { close(fd) }
    // What was opened (the name may have been replaced in between).
    guard fstat(fd, &info) == 0 else { return .failure(cannotOpen) }
    if let refused = refusal(info.st_mode) { return .failure(refused) }
    guard info.st_size <= off_t(largestFile) else {
      return .failure(
        Refused(
          reason: Message(
            "review.reason.tooLarge",
            ["size": .number(Int(info.st_size)), "limit": .number(largestFile >> 20)])))
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
    case S_IFDIR: Refused(reason: Message("review.reason.folder"))
    case S_IFIFO, S_IFSOCK: Refused(reason: Message("review.reason.pipe"))
    default: Refused(reason: Message("review.reason.device"))
    }
  }

  /// A Tend JSON summary, read and checked; nil when the bytes are not one (other JSON, or not
  /// JSON at all). A damaged one is unreadable, naming the line and the field.
  /// With `rows: false` the rows are read as figures only (`SummaryReader.readFigures`).
  static func readSummary(_ bytes: [UInt8], path: String, rows: Bool = true) -> File? {
    let newer = { (v: Int) in
      File(
        path: path,
        status: .unreadable(Message("review.reason.schemaNewer", ["v": .text(String(v))])),
        format: .json, summary: nil)
    }
    return bytes.withUnsafeBufferPointer { buffer -> File? in
      let read: Result<(SummaryData, [ReviewFigures.Row]?), SummaryReader.Failure> =
        rows
        ? SummaryReader.read(buffer).map { ($0, $0.sessions?.map(ReviewFigures.Row.init)) }
        : SummaryReader.readFigures(buffer)
      switch read {
      case .success(let (summary, figureRows)):
        guard summary.kind == "tend-summary" else { return nil }
        guard summary.v <= SummaryData.schemaVersion else { return newer(summary.v) }
        return File(
          path: path, status: status(bytes, summary.checksum), format: .json, summary: summary,
          disagreements: figureRows.map {
            ReviewCheck.disagreements(summary, ReviewFigures($0, period: summary.period))
          } ?? [])
      case .failure(let failure):
        guard let top = SummaryReader.kindAndVersion(buffer), top.kind == "tend-summary" else {
          return nil
        }
        if let v = top.v, v > SummaryData.schemaVersion { return newer(v) }
        return File(
          path: path, status: .unreadable(failure.notSummary(buffer)), format: .json,
          summary: nil)
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
