import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// What the family's words were read as for red flags, kept between runs of `tend summary` and
/// `tend share`, so an export does not build a recognizer (five, for words with no recorded
/// language) to read words it read in an earlier export: that was the fixed cost of a FHIR
/// export of a short journal.
///
/// Guarantees:
/// - A reading is used only when everything it came from is the same now: this program (its
///   device, inode, size and times, as `RecognizerCache` keys the compiled vocabulary), every data
///   file (`TendVersion.dataDigest`: the precaution rules, the locale tables, the word lists,
///   `Routines/signs.json`), the time zone, the summary's language, the languages Tend has, the
///   languages the words are read in, the words themselves, the time they were said and the
///   conditions in force then (each whole). Anything else is read again.
/// - The file holds no words: each reading is stored as the SHA-256 of its key and the
///   conditions found (rule id, place, side, days since), never the words that named them
///   (`Condition.matched`, which only `tend check` shows, is left out of what is returned, read
///   now or remembered, so both give the same answer).
/// - It lives in Tend's cache folder (`$XDG_CACHE_HOME/tend/readings`), is read only when it is a
///   regular file of this user that no one else may write and not a link, and each line carries
///   its own checksum: a damaged, foreign or truncated line is read again, never trusted.
///   Readings are appended (0600) as they are made; a file of another program or other data is
///   replaced on the first reading stored. Every failure to read or write just reads the words.
final class SaidReadings: @unchecked Sendable {
  /// The file.
  let url: URL
  /// The first line: the digest of what every reading in the file depends on.
  let header: String
  private let lock = NSLock()
  private var loaded = false
  private var known: [String: [Condition]] = [:]
  /// Whether the file on disk has `header` as its first line (else the first reading stored
  /// starts a new one).
  private var headerMatches = false

  /// A file larger than this is started again (it grows by one short line per distinct words).
  static let largest = 8 << 20
  static let magic = "tend-readings 1 "

  init(
    folder: URL, program: String, dataDigest: String, timeZone: String, language: String,
    available: [String]
  ) {
    url = folder.appendingPathComponent("readings")
    var h = SHA256()
    for part in [program, dataDigest, timeZone, language, available.joined(separator: ",")] {
      h.update(part)
      h.update([0])
    }
    header = Self.magic + h.hexDigest()
  }

  /// For a command run: nil when there is no usable cache folder or the data cannot be hashed.
  static func forRun(_ app: AppContext, dataDigest: String?) -> SaidReadings? {
    guard let folder = app.environment.usableCacheFolder, let program = Self.program,
      let digest = dataDigest
        ?? (try? TendVersion.dataDigest(
          folder: app.catalog.folder, cache: app.digestCache))
    else { return nil }
    return SaidReadings(
      folder: folder, program: program, dataDigest: digest, timeZone: TimeZone.current.identifier,
      language: app.localizer.lang, available: Catalog.availableLanguages(in: app.catalog.folder))
  }

  /// The running program (`RecognizerCache.program`): a rebuilt or reinstalled `tend` never
  /// uses what another build read.
  static var program: String? { RecognizerCache.program }

  /// The key of reading `text` in `langs` at `at` with `stored` in force.
  static func key(langs: [String], text: String, at: Date, stored: [Condition]) -> String {
    var h = SHA256()
    h.update(langs.joined(separator: ","))
    h.update([0])
    h.update(text)
    h.update([0])
    h.update(String(at.timeIntervalSince1970.bitPattern))
    for c in stored {
      h.update([1])
      h.update(
        [
          c.id, c.site?.rawValue ?? "", c.side?.rawValue ?? "", c.daysSince.map(String.init) ?? "",
        ].joined(separator: "\u{2}"))
      h.update([2])
      if let matched = c.matched {
        h.update([3])
        h.update(matched)
      }
    }
    return h.hexDigest()
  }

  /// What was read for `key` in an earlier run (or this one), when kept.
  func lookup(_ key: String) -> [Condition]? {
    lock.lock()
    defer { lock.unlock() }
    load()
    return known[key]
  }

  /// Keeps what `key` was read as (in this run and in the file).
  func add(_ key: String, _ found: [Condition]) {
    guard let line = Self.line(key, found) else { return }
    lock.lock()
    defer { lock.unlock() }
    load()
    guard known[key] == nil else { return }
    known[key] = found
    if headerMatches {
      append(line)
    } else {
      // A new file: the header, then this reading; renamed into place whole.
      store(Array((header + "\n" + line).utf8))
      headerMatches = true
    }
  }

  /// Conditions as remembered: without the words that named them.
  static func plain(_ found: [Condition]) -> [Condition] {
    var out: [Condition] = []
    for c in found {
      let p = Condition(id: c.id, site: c.site, side: c.side, daysSince: c.daysSince)
      if !out.contains(p) { out.append(p) }
    }
    return out
  }

  // MARK: - The file

  /// `KEY CONDITIONS CHECK\n`: conditions `id,site,side,days` joined by `;` (`-` for none), the
  /// check the first 16 hex digits of the SHA-256 of the rest. Nil when a value holds a byte the
  /// form cannot carry (then the reading is not kept).
  static func line(_ key: String, _ found: [Condition]) -> String? {
    var parts: [String] = []
    for c in found {
      let fields = [
        c.id, c.site?.rawValue ?? "", c.side?.rawValue ?? "", c.daysSince.map(String.init) ?? "",
      ]
      guard
        fields.allSatisfy({ f in
          f.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") && $0 != 0x3B }
        })
      else { return nil }
      parts.append(fields.joined(separator: ","))
    }
    let body = key + " " + (parts.isEmpty ? "-" : parts.joined(separator: ";"))
    return body + " " + check(body) + "\n"
  }

  static func check(_ body: String) -> String {
    var h = SHA256()
    h.update(body)
    return String(h.hexDigest().prefix(16))
  }

  /// One line back; nil when it is not exactly what `line` writes.
  static func parse(_ text: Substring) -> (String, [Condition])? {
    let fields = text.split(separator: " ", omittingEmptySubsequences: false)
    guard fields.count == 3, fields[0].utf8.count == 64 else { return nil }
    let body = fields[0] + " " + fields[1]
    guard check(String(body)) == fields[2] else { return nil }
    var found: [Condition] = []
    if fields[1] != "-" {
      for item in fields[1].split(separator: ";", omittingEmptySubsequences: false) {
        let f = item.split(separator: ",", omittingEmptySubsequences: false)
        guard f.count == 4, !f[0].isEmpty else { return nil }
        var site: BodySite?
        if !f[1].isEmpty {
          guard let s = BodySite(rawValue: String(f[1])) else { return nil }
          site = s
        }
        var side: Side?
        if !f[2].isEmpty {
          guard let s = Side(rawValue: String(f[2])) else { return nil }
          side = s
        }
        var days: Int?
        if !f[3].isEmpty {
          guard let d = Int(f[3]) else { return nil }
          days = d
        }
        let c = Condition(id: String(f[0]), site: site, side: side, daysSince: days)
        // What `Condition.init` would change (a side on an unpaired site) was not written so.
        guard c.side == side else { return nil }
        found.append(c)
      }
    }
    guard line(String(fields[0]), found) == text + "\n" else { return nil }
    return (String(fields[0]), found)
  }

  /// Reads the file once (under the lock).
  private func load() {
    guard !loaded else { return }
    loaded = true
    guard let bytes = Self.readOwn(url) else { return }
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // Only whole lines: the last piece has no newline after it (empty when the file ends well).
    lines.removeLast()
    guard let first = lines.first, first == header else { return }
    headerMatches = true
    for line in lines.dropFirst() {
      if let (key, found) = Self.parse(line) { known[key] = found }
    }
  }

  /// The bytes of the file when it is a regular file of this user that no one else may write,
  /// not a link, and not too large (the same reading as every cache file of Tend).
  static func readOwn(_ url: URL) -> [UInt8]? {
    RecognizerCache.readOwn(url, largest: largest)
  }

  /// Appends one line (one `write`, so lines of two runs do not mix).
  private func append(_ line: String) {
    let fd = open(url.path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid(),
      st.st_mode & 0o022 == 0, Int(st.st_size) < Self.largest
    else { return }
    let bytes = Array(line.utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
  }

  /// Writes a new 0600 file beside the place and renames it into place; failures are ignored.
  private func store(_ bytes: [UInt8]) {
    RecognizerCache.store(bytes, at: url)
  }
}
