import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Where rendered text goes: a string (tests, small pages) or a file (`ExportWriter`).
public protocol ExportText: AnyObject {
  func write(_ text: String)
}

/// Text collected in memory.
public final class StringText: ExportText {
  public var text = ""
  public init() {}
  public func write(_ text: String) { self.text += text }
}

/// Buffered writing to a file descriptor, hashing what passes (the export checksum is sealed
/// from this running digest, never by searching the finished text).
public final class ExportWriter: ExportText {
  let fd: Int32
  private var buffer: [UInt8] = []
  /// What passes, hashed on a thread of its own (nil when not hashing).
  private let hasher: ChunkHasher?
  /// Whether what passes is hashed (not for a copy whose digest is already known: the SHA-256
  /// was a third of a FHIR export's time, and was done twice).
  private(set) var hashing: Bool
  /// The digest sealed into the export by `writeSealing` (what `digest()` then returns).
  private var sealed: String?
  /// Bytes written so far (buffered included).
  public private(set) var count = 0
  /// The first write error (`errno`); later writes are dropped.
  public private(set) var failure: Int32?

  public init(fd: Int32, hashing: Bool = true) {
    self.fd = fd
    self.hashing = hashing
    hasher = hashing ? ChunkHasher() : nil
    buffer.reserveCapacity(Self.capacity)
  }

  /// Written out when it holds this much.
  public static let piece = 1 << 16
  /// Each buffer's room: a piece and what one write may add past it (a FHIR session is a few
  /// KB), so writing into it never grows it.
  static let capacity = 1 << 17

  public func write(_ text: String) {
    var text = text
    text.withUTF8 { write(bytes: $0) }
  }

  public func write(bytes: UnsafeBufferPointer<UInt8>) {
    count += bytes.count
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.piece { flush() }
  }

  public func write(bytes: [UInt8]) {
    count += bytes.count
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.piece { flush() }
  }

  /// Lets `body` append its bytes straight to the buffer (instead of to one of its own that is
  /// then copied here), then writes the buffer out when it is full.
  public func append(_ body: (inout [UInt8]) -> Void) {
    let before = buffer.count
    body(&buffer)
    count += buffer.count - before
    if buffer.count >= Self.piece { flush() }
  }

  /// The buffer is hashed as it is written out, in whole pieces (not write by write: most
  /// writes are a few bytes). The hasher is handed the buffer itself, and writing goes on in
  /// one it has finished with (or a new one): no piece is copied, no storage made per piece.
  public func flush() {
    guard !buffer.isEmpty else { return }
    writeOut()
    if hashing, let hasher {
      var piece = hasher.emptied() ?? Self.fresh()
      swap(&piece, &buffer)
      hasher.add(&piece)
    } else {
      buffer.removeAll(keepingCapacity: true)
    }
  }

  static func fresh() -> [UInt8] {
    var b: [UInt8] = []
    b.reserveCapacity(capacity)
    return b
  }

  private func writeOut() {
    guard failure == nil else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
  }

  /// Writes the export's last bytes, `end`, with the digest of the whole export in place of the
  /// 64-byte placeholder at `placeholder` in `end` (the `Checksum` rule: the digest covers every
  /// byte with the placeholder in its place), and returns that digest. Nothing may be written
  /// after this. The export streams: nothing before `end` is held back or written over.
  public func writeSealing(_ end: [UInt8], placeholder at: Int) -> String {
    precondition(hashing && sealed == nil && at >= 0 && at + 64 <= end.count)
    var copy = hasher?.state() ?? SHA256()
    buffer.withUnsafeBufferPointer { copy.update(buffer: $0) }
    end.withUnsafeBufferPointer { copy.update(buffer: $0) }
    let digest = copy.hexDigest()
    flush()
    // The rest is not hashed again: its digest is known.
    hashing = false
    sealed = digest
    var out = end
    out.replaceSubrange(at..<(at + 64), with: digest.utf8)
    write(bytes: out)
    flush()
    return digest
  }

  /// The SHA-256 of everything written (meaningless unless `hashing`, or after
  /// `writeSealing`, the digest it sealed).
  public func digest() -> String {
    if let sealed { return sealed }
    var copy = hasher?.state() ?? SHA256()
    buffer.withUnsafeBufferPointer { copy.update(buffer: $0) }
    return copy.hexDigest()
  }
}

/// Hashes an export's pieces in the order given, on a thread of its own: the SHA-256 was a
/// fifth of a long FHIR export's time, and runs beside the work that makes the text when there
/// is a second core. At most 8 pieces (64 KB each, as `ExportWriter` hands them) wait at a
/// time, so memory stays flat; the digest is the same as hashing them in line. A piece hashed
/// is emptied and kept (at most 8) for the writer to fill again (`emptied`).
final class ChunkHasher: @unchecked Sendable {
  /// Touched only on `queue`.
  private var hasher = SHA256()
  private let queue = DispatchQueue(label: "tend.export-sha256")
  private let slots = DispatchSemaphore(value: 8)
  private let lock = NSLock()
  /// Pieces handed over and not hashed yet, in order; pieces hashed and emptied.
  private var waiting: [[UInt8]] = []
  private var done: [[UInt8]] = []

  /// Takes `piece` (left empty, so the hasher holds the only reference to its storage).
  func add(_ piece: inout [UInt8]) {
    slots.wait()
    lock.withLock { waiting.append(piece) }
    piece = []
    queue.async { [self] in
      // Taken out of the list, the piece is held here alone: emptied in place, not copied.
      var next = lock.withLock { waiting.removeFirst() }
      next.withUnsafeBufferPointer { hasher.update(buffer: $0) }
      next.removeAll(keepingCapacity: true)
      lock.withLock { if done.count < 8 { done.append(next) } }
      slots.signal()
    }
  }

  /// An emptied piece to write into, if one is ready.
  func emptied() -> [UInt8]? { lock.withLock { done.popLast() } }

  /// The hash state after every piece added so far.
  func state() -> SHA256 { queue.sync { hasher } }
}

/// The FHIR Bundle's sessions, written to `out` as rows come (on `RowPipe`'s thread).
final class FHIRRows: @unchecked Sendable {
  var bundle: FHIRBundle
  let out: ExportWriter

  init(bundle: FHIRBundle, out: ExportWriter) {
    self.bundle = bundle
    self.out = out
  }

  func write(_ rows: [SummaryData.Row]) {
    for row in rows {
      out.append { bundle.session(row, into: &$0) }
    }
  }
}

/// Rows handed, in batches and in order, to a thread that writes them, so reading the journal
/// and writing the export run side by side when there is a second core. At most 4 batches of
/// 256 rows wait at a time (memory stays flat). Between `init` and `finish` only that thread
/// touches the writer and what it holds; `finish` waits for every batch to be written.
final class RowPipe: @unchecked Sendable {
  private let sink: FHIRRows
  private let queue = DispatchQueue(label: "tend.export-rows")
  private let slots = DispatchSemaphore(value: 4)
  private var batch: [SummaryData.Row] = []
  static let batchSize = 256

  init(_ sink: FHIRRows) {
    self.sink = sink
    batch.reserveCapacity(Self.batchSize)
  }

  func add(_ row: SummaryData.Row) {
    batch.append(row)
    if batch.count >= Self.batchSize { send() }
  }

  private func send() {
    guard !batch.isEmpty else { return }
    let rows = batch
    batch = []
    batch.reserveCapacity(Self.batchSize)
    slots.wait()
    queue.async { [self] in
      sink.write(rows)
      slots.signal()
    }
  }

  /// Sends the last batch and waits until all are written; the writer is the caller's again.
  func finish() -> FHIRRows {
    send()
    queue.sync {}
    return sink
  }
}

/// A temporary file that holds one part of an export until the parts before it are written
/// (JSON lists its SAFETY items before its sessions; both come from the same pass). It is
/// unlinked at once, so nothing is left behind.
final class Spill {
  let writer: ExportWriter
  var items = 0

  init(hashing: Bool = false) throws(SummaryError) {
    let folder =
      ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/tmp"
    var template = Array("\(folder)/.tend-export-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw .cannotWrite(folder, String(cString: strerror(errno))) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    writer = ExportWriter(fd: fd, hashing: hashing)
  }

  deinit { close(writer.fd) }

  /// One array item: a comma before every item but the first.
  func item(_ text: String) {
    if items > 0 { writer.write(",\n") }
    writer.write(text)
    items += 1
  }

  private var scratch: [UInt8] = []

  /// One array item that `body` writes as bytes (into a buffer kept from item to item).
  func item(_ body: (inout [UInt8]) -> Void) {
    scratch.removeAll(keepingCapacity: true)
    if items > 0 { scratch.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
    body(&scratch)
    writer.write(bytes: scratch)
    items += 1
  }

  /// Copies what was written to `out`.
  func copy(to out: ExportWriter) throws(SummaryError) {
    writer.flush()
    if let failure = writer.failure { throw .cannotWrite("", String(cString: strerror(failure))) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var offset = 0
    while offset < writer.count {
      let n = chunk.withUnsafeMutableBytes {
        pread(writer.fd, $0.baseAddress, $0.count, off_t(offset))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotWrite("", String(cString: strerror(errno)))
      }
      guard n > 0 else { break }
      chunk.withUnsafeBufferPointer { out.write(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
      offset += n
    }
  }
}

/// A summary export written as the journal is read, in flat memory whatever its length.
///
/// Two passes over the journal: the first gathers the numbers (totals, means, the people and
/// their order, water per day) without keeping a row; the second reads exactly the same bytes
/// again and writes each session's row, Procedure or line as it comes, with everything the
/// first pass learnt at hand (a de-identified caregiver's number, the day's water). The text,
/// Markdown and HTML pages need only the first pass. The JSON is byte for byte what
/// `JSONEncoder` gives for the whole `SummaryData` (keys sorted, tested so), the CSV and FHIR the
/// same as `SummaryRendering.render`.
public struct SummaryStream {
  public let path: String
  public let receiver: SummaryReceiver
  public let options: SummaryOptions
  public let format: SummaryFormat
  public let adding: [SummaryEntry]
  /// The first pass: the numbers, and the lines that could not be read.
  public let scan: JournalScan.Result
  /// The summary of the first pass, privacy applied (rows not included).
  public let data: SummaryData
  let aliases: [String: String]
  /// The JSON's feelings and notes are streamed too.
  let textsStreamed: Bool
  /// ...and the journal did not give them in time order, so they go through `TimeSorter`.
  let textsSorted: Bool

  /// Reads the journal once for the numbers.
  /// - Throws: `SummaryError.unreadableJournal`.
  public init(
    journal path: String, receiver: SummaryReceiver, options: SummaryOptions,
    format: SummaryFormat, adding: [SummaryEntry] = []
  ) throws(SummaryError) {
    self.path = path
    self.receiver = receiver
    self.options = options
    self.format = format
    self.adding = adding
    let rows = options.keepSessions && format.needsRows
    // Only the JSON lists every feeling and note; CSV and FHIR keep as few as the pages do.
    var first = options
    if format != .json { first.noteLimit = min(first.noteLimit, 3) }
    // FHIR shows no SAFETY list: its sessions are not checked (what was in force still is).
    if format == .fhir { first.auditSessions = false }
    let texts = rows && format == .json
    var scan = try JournalScan.read(path, receiver: receiver, options: first) {
      $0.discardRows = rows
      $0.streamTexts = texts
    }
    // Feelings or notes out of time order are streamed too, through a sort on disk.
    textsSorted = texts && !scan.builder.textsInOrder
    textsStreamed = texts
    for entry in adding { scan.builder.add(entry) }
    self.scan = scan
    data = scan.builder.finish()
    aliases = SummaryData.caregiverAliases(scan.builder.caregiverOrder())
  }

  /// Writes the export to `out` and returns the SHA-256 of what was written. With
  /// `options.checksum` the checksum is written in place of its placeholder: for JSON `out`
  /// must then be a regular file (the digest, near the top, is written at its place once the
  /// end is known); FHIR carries it in its last line, so it is sealed as it streams.
  public func write(_ render: RenderOptions, to out: ExportWriter) throws(SummaryError) -> String {
    var placeholder: Int?
    func head(_ text: String) {
      if render.checksum, format == .json,
        let range = text.utf8.firstRange(of: Checksum.placeholder.utf8)
      {
        placeholder =
          out.count + text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
      }
      out.write(text)
    }
    switch format {
    case .text, .markdown, .html:
      out.write(SummaryRendering.render(data, as: format, render))
    case .csv:
      var writer = CSVRenderer.Writer(data)
      out.write(writer.head())
      var text: [UInt8] = []
      try rows {
        text.removeAll(keepingCapacity: true)
        writer.line(SummaryData.displayRow($0), into: &text)
        out.write(bytes: text)
      }
      out.write(writer.tail())
    case .fhir:
      // The checksum is in the Bundle's last line (`meta` after `entry`): sealed as it streams.
      var bundle = FHIRBundle(data, render)
      out.write(bundle.head())
      // The rows are made on this thread and written on another, in order (`RowPipe`).
      let pipe = RowPipe(FHIRRows(bundle: bundle, out: out))
      do {
        try rows { pipe.add($0) }
      } catch {
        _ = pipe.finish()
        throw error
      }
      bundle = pipe.finish().bundle
      let (tail, placeholder) = bundle.tailBytes()
      if let placeholder {
        _ = out.writeSealing(tail, placeholder: placeholder)
      } else {
        out.write(bytes: tail)
      }
    case .json:
      try writeJSON(render, head: head, out: out)
    }
    out.flush()
    if let failure = out.failure { throw .cannotWrite("", String(cString: strerror(failure))) }
    let digest = out.digest()
    if let placeholder {
      // The digest covers the text with the placeholder in it (`Checksum` rule); only now is
      // the whole known, so it is written over the placeholder.
      let sealed = Array(digest.utf8)
      let n = sealed.withUnsafeBytes { pwrite(out.fd, $0.baseAddress, 64, off_t(placeholder)) }
      guard n == 64 else { throw .cannotWrite("", String(cString: strerror(errno))) }
    }
    return digest
  }

  /// Writes the export to standard output. A sealed JSON export (its checksum, near the top, is
  /// known only at the end) is made in a temporary file first and then copied, so memory stays
  /// flat; FHIR is sealed in its last line and streams straight out.
  public func writeToStandardOutput(_ render: RenderOptions) throws(SummaryError) -> String {
    let sealed = render.checksum && format == .json
    // A sealed export is hashed as it is made; its copy to the screen is not hashed again.
    let out = ExportWriter(fd: 1, hashing: !sealed)
    let digest: String
    if sealed {
      let spill = try Spill(hashing: true)
      digest = try write(render, to: spill.writer)
      try spill.copy(to: out)
    } else {
      digest = try write(render, to: out)
    }
    out.flush()
    if let failure = out.failure {
      throw .cannotWrite("/dev/stdout", String(cString: strerror(failure)))
    }
    return digest
  }

  /// The second pass: each row as it is read, privacy applied, in journal order.
  func rows(_ body: (SummaryData.Row) -> Void) throws(SummaryError) {
    try secondPassInto(row: body, against: { _ in }, worse: { _ in })
  }

  private func secondPassInto(
    row: (SummaryData.Row) -> Void, against: (SummaryData.AgainstPrecautions) -> Void,
    worse: (SummaryData.WorseSession) -> Void,
    feeling: ((SummaryData.Feeling, SummaryTime) -> Void)? = nil,
    note: ((SummaryData.Note, SummaryTime) -> Void)? = nil
  ) throws(SummaryError) {
    guard options.keepSessions else { return }
    let streamTexts = textsStreamed && (feeling != nil || note != nil)
    let omit = options.omit
    let deidentify = options.deidentify
    let aliases = aliases
    try withoutActuallyEscaping(row) { row throws(SummaryError) in
      try withoutActuallyEscaping(against) { against throws(SummaryError) in
        try withoutActuallyEscaping(worse) { worse throws(SummaryError) in
          let relay = Relay(
            row: {
              row(
                SummaryData.privateRow($0, omit: omit, deidentify: deidentify, aliases: aliases))
            },
            against: { against(deidentify ? SummaryData.deidentified($0) : $0) },
            worse: { worse(deidentify ? SummaryData.deidentified($0) : $0) },
            feeling: feeling.map { feeling in
              { f, at in
                // As `applyPrivacy`: years only and no words when de-identified.
                var f = f
                if deidentify {
                  f.when = String(f.when.prefix(4))
                  f.text = nil
                }
                feeling(f, at)
              }
            }, note: note)
          // The second pass only makes rows: it keeps no feelings or notes.
          var rowsOnly = options
          rowsOnly.noteLimit = 1
          if format == .fhir { rowsOnly.auditSessions = false }
          var again = try JournalScan.read(
            path, receiver: receiver, options: rowsOnly, limit: scan.size
          ) {
            $0.sink = relay
            $0.streamTexts = streamTexts
            $0.rowsOnly = true
          }
          for entry in adding { again.builder.add(entry) }
          again.builder.flushRows()
          guard again.builder.sessions == scan.builder.sessions else {
            throw SummaryError.unreadableJournal(
              path: path, reason: "it changed while it was read; try again")
          }
        }
      }
    }
  }

  /// JSON: the summary without its lists of sessions and SAFETY items, encoded as always, with
  /// those lists written into it as the second pass makes them.
  func writeJSON(_ render: RenderOptions, head: (String) -> Void, out: ExportWriter)
    throws(SummaryError)
  {
    var skeleton = data
    skeleton.sessions = skeleton.sessions.map { _ in [] }
    skeleton.safety?.against = []
    skeleton.safety?.worse = []
    let text = JSONRenderer.render(skeleton, checksum: render.checksum)
    // In key order: feelings, notes (when streamed and not left out), SAFETY's two lists, the
    // sessions; each with the indent of its closing bracket.
    var marks: [(String, String)] = []
    let feelings = textsStreamed && data.feelings != nil
    let notes = textsStreamed && data.notes != nil
    if feelings { marks.append((JSONRows.feelingsMark, "  ")) }
    if notes { marks.append((JSONRows.notesMark, "  ")) }
    marks += [
      (JSONRows.againstMark, "    "), (JSONRows.worseMark, "    "), (JSONRows.sessionsMark, "  "),
    ]
    var cuts: [(String.Index, String.Index)] = []
    var from = text.startIndex
    for (mark, _) in marks {
      guard let r = text[from...].range(of: mark) else { continue }
      cuts.append((r.lowerBound, r.upperBound))
      from = r.upperBound
    }
    guard data.sessions != nil else {
      head(text)
      return
    }
    guard cuts.count == marks.count else {
      throw .cannotWrite("", "the JSON export's layout was not as expected")
    }
    let feelingSpill = try Spill()
    let noteSpill = try Spill()
    let against = try Spill()
    let worse = try Spill()
    let rows = try Spill()
    let feelingSorter = textsSorted ? TimeSorter() : nil
    let noteSorter = textsSorted ? TimeSorter() : nil
    try secondPassInto(
      row: { r in rows.item { JSONRows.row(r, into: &$0) } },
      against: { a in against.item { JSONRows.against(a, into: &$0) } },
      worse: { w in worse.item { JSONRows.worse(w, into: &$0) } },
      feeling: feelings
        ? { f, at in
          let text = JSONRows.feeling(f)
          if let feelingSorter { feelingSorter.add(at, text) } else { feelingSpill.item(text) }
        } : nil,
      note: notes
        ? { n, at in
          let text = JSONRows.note(n)
          if let noteSorter { noteSorter.add(at, text) } else { noteSpill.item(text) }
        } : nil)
    try feelingSorter?.drain(into: feelingSpill)
    try noteSorter?.drain(into: noteSpill)
    let spills =
      (feelings ? [feelingSpill] : []) + (notes ? [noteSpill] : []) + [against, worse, rows]
    var at = text.startIndex
    for (k, spill) in spills.enumerated() {
      let (open, close) = cuts[k]
      let piece = String(text[at..<open])
      if k == 0 { head(piece) } else { out.write(piece) }
      if spill.items == 0 {
        out.write(String(text[open..<close]))
      } else {
        let (mark, indent) = marks[k]
        out.write(JSONRows.opening(mark))
        try spill.copy(to: out)
        out.write("\n" + indent + "]")
      }
      at = close
    }
    out.write(String(text[at...]))
  }
}

/// Hands a builder's streamed items to closures (the builder keeps it as its sink).
final class Relay: SummaryRowSink, @unchecked Sendable {
  let onRow: (SummaryData.Row) -> Void
  let onAgainst: (SummaryData.AgainstPrecautions) -> Void
  let onWorse: (SummaryData.WorseSession) -> Void
  let onFeeling: ((SummaryData.Feeling, SummaryTime) -> Void)?
  let onNote: ((SummaryData.Note, SummaryTime) -> Void)?

  init(
    row: @escaping (SummaryData.Row) -> Void,
    against: @escaping (SummaryData.AgainstPrecautions) -> Void,
    worse: @escaping (SummaryData.WorseSession) -> Void,
    feeling: ((SummaryData.Feeling, SummaryTime) -> Void)? = nil,
    note: ((SummaryData.Note, SummaryTime) -> Void)? = nil
  ) {
    onRow = row
    onAgainst = against
    onWorse = worse
    onFeeling = feeling
    onNote = note
  }

  func feeling(_ item: SummaryData.Feeling, at: SummaryTime) { onFeeling?(item, at) }
  func note(_ item: SummaryData.Note, at: SummaryTime) { onNote?(item, at) }

  func row(_ row: SummaryData.Row) { onRow(row) }
  func against(_ item: SummaryData.AgainstPrecautions) { onAgainst(item) }
  func worse(_ item: SummaryData.WorseSession) { onWorse(item) }
}
