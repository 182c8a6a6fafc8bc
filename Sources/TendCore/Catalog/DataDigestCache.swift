import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The data digest of the last run, kept with what each data file looked like then, so a
/// command that shows the digest (every summary, `--version`) does not hash 4 MB of word lists
/// at every start.
///
/// Guarantees: the cached digest is used only when every data file is, by `lstat`, the same
/// regular file as when it was hashed: same path, size, inode, device, and modification and
/// status-change times to the nanosecond. Writing a file always moves its status-change time
/// (no tool can set it back), so changed data is always hashed again. A file changed less than
/// two seconds before hashing is not cached (its next change could share the time stamp).
/// Anything unusual (a link, an unreadable or unwritable cache) just hashes the data: the cache
/// only ever saves time, never decides the digest.
enum DataDigestCache {
  static let header = "tend data digest cache 1"

  /// What the files look like now, one line each; nil when one is not a plain regular file.
  static func fingerprint(folder: URL, files: [String], now: Date = Date()) -> (
    text: String, settled: Bool
  )? {
    var text = header + "\n" + folder.path + "\n"
    var settled = true
    let recent = now.timeIntervalSince1970 - 2
    for relative in files {
      var st = stat()
      guard lstat(folder.appendingPathComponent(relative).path, &st) == 0,
        st.st_mode & S_IFMT == S_IFREG
      else { return nil }
      let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
      let ctime = Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9
      if mtime > recent || ctime > recent { settled = false }
      text +=
        "\(relative)\t\(st.st_size)\t\(st.st_ino)\t\(st.st_dev)\t\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\t\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)\n"
    }
    return (text, settled)
  }

  /// The digest cached for exactly this fingerprint, if any.
  static func lookup(_ fingerprint: String, in cache: URL) -> String? {
    guard let data = FileManager.default.contents(atPath: cache.path) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard text.hasPrefix(fingerprint) else { return nil }
    let rest = text.dropFirst(fingerprint.count)
    guard rest.hasPrefix("digest "), rest.hasSuffix("\n") else { return nil }
    let digest = rest.dropFirst(7).dropLast()
    guard digest.utf8.count == 64,
      digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else { return nil }
    return String(digest)
  }

  /// Stores the digest: a new 0600 file (like every other cache file) put in place by rename,
  /// never written through a link; failures are ignored.
  static func store(_ fingerprint: String, digest: String, in cache: URL) {
    RecognizerCache.store(Array((fingerprint + "digest " + digest + "\n").utf8), at: cache)
  }
}
