import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Tend's cache folder while a front door loads the data and builds the recognizer
/// (`$XDG_CACHE_HOME/tend`); nil (the default, and in tests) keeps nothing: every check runs
/// and everything is built from the data. See `RecognizerCache` and `RuleExamplesCache`.
public enum TendCache {
  @TaskLocal public static var folder: URL?
}

/// The bytes of every data file read while a catalog loads, in the order read.
final class ReadLog: @unchecked Sendable {
  private let lock = NSLock()
  private var log: [UInt8] = []

  func add(_ name: String, _ bytes: [UInt8]) {
    lock.withLock {
      log += Array(name.utf8) + [0]
      withUnsafeBytes(of: UInt64(bytes.count)) { log += $0 }
      log += bytes
    }
  }

  var bytes: [UInt8] { lock.withLock { log } }
}

/// Whether the rule examples (`Catalog.checkExamples`, 360 conditions run through the safety
/// checker at every start) already passed on exactly these data files with this program.
///
/// Guarantees: the record (`rule-examples-<languages>` in the cache folder) holds the program's identity
/// (`RecognizerCache.program`) and the full bytes of every file the catalog was loaded from,
/// with their names, and counts only when all of it is byte for byte what was just read: one
/// changed byte in any rule, routine or locale file, another file, or a rebuilt program runs
/// the examples again. Only a pass is recorded, so a failing example fails every start. A
/// record that cannot be read or written just runs the examples.
enum RuleExamplesCache {
  static let magic = Array("tend rule examples 1\n".utf8)

  static func record(_ log: ReadLog) -> [UInt8]? {
    guard let program = RecognizerCache.program else { return nil }
    return magic + Array((program + "\n").utf8) + log.bytes
  }

  /// One record per set of languages loaded, so two languages in turn do not undo each other.
  static func url(in folder: URL, languages: [String]) -> URL? {
    let name = (["en"] + languages.filter { $0 != "en" }).joined(separator: "+")
    guard name.utf8.allSatisfy({ $0 == 0x2B || $0 == 0x2D || isalnum(Int32($0)) != 0 }) else {
      return nil
    }
    return folder.appendingPathComponent("rule-examples-\(name)", isDirectory: false)
  }

  static func passed(_ log: ReadLog, in folder: URL, languages: [String]) -> Bool {
    guard let want = record(log), let url = url(in: folder, languages: languages),
      let found = RecognizerCache.readOwn(url)
    else { return false }
    return found == want
  }

  static func keepPass(_ log: ReadLog, in folder: URL, languages: [String]) {
    guard let bytes = record(log), let url = url(in: folder, languages: languages) else { return }
    RecognizerCache.store(bytes, at: url)
  }
}

extension Catalog {
  /// Where `read` logs what it reads while a catalog loads with a cache bound.
  @TaskLocal static var readLog: ReadLog?
}
