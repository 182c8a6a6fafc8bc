import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The ways a summary can be written. Gathering the numbers (`SummaryBuilder`) and rendering
/// them (`SummaryRendering.render`) are separate steps; every format renders the same
/// `SummaryData`, so everything on the page can be checked against the CSV, JSON and FHIR files.
public enum SummaryFormat: String, CaseIterable, Sendable, Codable {
  /// For people, in a terminal: fits 80 columns, sparklines for the trend, colour only on a
  /// terminal without `NO_COLOR`. Wording may change between versions; do not parse it.
  case text
  /// For people: the same page as Markdown, for a message or a note. Not a machine interface.
  case markdown
  /// For people: one self-contained printable page (inline CSS and SVG charts, no scripts, no
  /// fonts or links to fetch), readable in greyscale. Layout may change between versions.
  case html
  /// Stable machine interface: RFC 4180, one row per session, a fixed header (columns are
  /// only ever added at the end). Covered by snapshot tests.
  case csv
  /// Stable machine interface: `SummaryData` schema `v` 1 (`kind: "tend-summary"`), with a
  /// SHA-256 of its own bytes; what `tend review` reads. Covered by snapshot and round-trip tests.
  case json
  /// Stable machine interface: a FHIR R4 `Bundle` of type `collection` as mapped in
  /// clinical-export.md; validated with fhir.resources (R4B) plus Tend's own checks in tests.
  case fhir

  /// Whether the format lists every session (so the summary must keep one row per session).
  public var needsRows: Bool {
    switch self {
    case .csv, .json, .fhir: true
    case .text, .markdown, .html: false
    }
  }

  /// The usual file extension.
  public var fileExtension: String {
    switch self {
    case .text: "txt"
    case .markdown: "md"
    case .html: "html"
    case .csv: "csv"
    case .json: "json"
    case .fhir: "fhir.json"
    }
  }
}

/// How to render: language, terminal, and whether to carry a checksum.
public struct RenderOptions: Sendable {
  public var localizer: Localizer
  public var color: Bool
  /// Columns for the terminal text.
  public var width: Int
  /// Embed a SHA-256 of the output (a placeholder the caller fills with `Checksum.seal`).
  public var checksum: Bool
  /// Where the FHIR export's fresh `urn:uuid` ids come from.
  public var ids: UUIDSource
  /// The program's version, printed in the footer.
  public var version: String

  public init(
    localizer: Localizer, color: Bool = false, width: Int = 80, checksum: Bool = false,
    ids: UUIDSource = UUIDSource(), version: String = "0.1"
  ) {
    self.localizer = localizer
    self.color = color
    self.width = width
    self.checksum = checksum
    self.ids = ids
    self.version = version
  }
}

/// Fresh version-4 UUIDs (lowercase), random by default, repeatable from a seed for tests.
///
/// The random bytes are drawn from the system's generator 4 KB at a time (256 ids), not 8 bytes
/// at a time: a FHIR export draws ten ids per session, and each draw was a system call.
public final class UUIDSource: @unchecked Sendable {
  private var state: UInt64?
  private let lock = NSLock()
  private var pool = [UInt8](repeating: 0, count: 4096)
  private var used = 4096

  public init(seed: UInt64? = nil) { state = seed }

  public func next() -> String {
    var text = [UInt8]()
    text.reserveCapacity(36)
    next(into: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// Appends the 36 characters of a fresh id (8-4-4-4-12 lowercase hex digits) to `out`.
  public func next(into out: inout [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    var bytes: (UInt64, UInt64) = (0, 0)
    if var s = state {
      withUnsafeMutableBytes(of: &bytes) { b in
        for i in 0..<16 {
          s &+= 0x9E37_79B9_7F4A_7C15
          var z = (s ^ (s >> 30)) &* 0xBF58_476D_1CE4_E5B9
          z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
          b[i] = UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
      }
      state = s
    } else {
      if used + 16 > pool.count { refill() }
      withUnsafeMutableBytes(of: &bytes) { b in
        pool.withUnsafeBytes { p in
          b.copyMemory(from: UnsafeRawBufferPointer(rebasing: p[used..<used + 16]))
        }
      }
      used += 16
    }
    withUnsafeMutableBytes(of: &bytes) { b in
      b[6] = b[6] & 0x0F | 0x40
      b[8] = b[8] & 0x3F | 0x80
      for i in 0..<16 {
        if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
        out.append(Self.hex[Int(b[i] >> 4)])
        out.append(Self.hex[Int(b[i] & 0xF)])
      }
    }
  }

  /// The next 4 KB of the system's random bytes, read from `/dev/urandom` in one call (the
  /// kernel's generator, which `SystemRandomNumberGenerator` asks 8 bytes at a time); the
  /// standard generator where that cannot be read.
  private func refill() {
    pool.withUnsafeMutableBytes { p in
      var filled = 0
      let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
      if fd >= 0 {
        while filled < p.count {
          let n = read(fd, p.baseAddress! + filled, p.count - filled)
          if n > 0 {
            filled += n
          } else if n < 0, errno == EINTR {
            continue
          } else {
            break
          }
        }
        close(fd)
      }
      var generator = SystemRandomNumberGenerator()
      while filled < p.count {
        p[filled] = UInt8(truncatingIfNeeded: generator.next())
        filled += 1
      }
    }
    used = 0
  }

  private static let hex = Array("0123456789abcdef".utf8)
}

/// Renders a summary in any format.
public enum SummaryRendering {
  public static func render(_ data: SummaryData, as format: SummaryFormat, _ options: RenderOptions)
    -> String
  {
    switch format {
    case .text: TextRenderer(data, options).render()
    case .markdown: MarkdownRenderer(data, options).render()
    case .html: HTMLRenderer(data, options).render()
    case .csv: CSVRenderer.render(data)
    case .json: JSONRenderer.render(data, checksum: options.checksum)
    case .fhir: FHIRBundle(data, options).render()
    }
  }
}

extension SummaryRendering {
  /// Renders and, when the options ask for a checksum, seals it: the text to write and its digest.
  public static func export(_ data: SummaryData, as format: SummaryFormat, _ options: RenderOptions)
    -> (text: String, digest: String?)
  {
    let text = render(data, as: format, options)
    guard options.checksum else { return (text, nil) }
    if format == .csv { return (text, SHA256.hex(text.utf8)) }
    let sealed = Checksum.seal(text)
    return (sealed.text, sealed.digest)
  }
}
