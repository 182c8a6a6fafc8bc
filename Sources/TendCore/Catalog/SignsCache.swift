import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// `Routines/signs.json` read and checked (`Signs.load`), kept between runs so that
/// `check --text` and a conversation's first free-text line do not parse and check its 35 KB of
/// JSON at every start (4.6 M instructions of a `check --text` run of 65 M).
///
/// Kept the way `RecognizerCache` keeps the compiled vocabulary, in Tend's cache folder
/// (`signs`), and off unless a front door binds `TendCache.folder`:
/// - **The key is every input, byte for byte:** the program's identity
///   (`RecognizerCache.program`), the file's name and full bytes (read at every start), every
///   rule id of the catalog and every English `vocab.sign.*` key, the two things the file is
///   checked against. The record counts only when all of that is the same bytes now.
/// - **Only what loaded whole is kept:** a file that fails its checks fails as without the cache
///   (nothing is stored for it).
/// - **A damaged, foreign or odd record is ignored** (not a regular file of this user, writable
///   by others, a link, a bad checksum, truncated, a value that does not decode) and the file is
///   read, checked and stored again. The record is written whole beside its place, mode 0600,
///   and renamed into it.
/// - **Same value:** the record decodes to exactly what `Signs.load` builds from the file
///   (`SignsCacheTests`).
enum SignsCache {
  static let magic = Array("tend signs 1\n".utf8)

  /// The record's place and the exact inputs it is made from; nil when no cache is bound or the
  /// program cannot be identified.
  struct Slot {
    let url: URL
    let inputs: [UInt8]

    init?(name: String, bytes: [UInt8], catalog: Catalog, english: Set<String>) {
      guard let folder = RecognizerCache.folder, let program = RecognizerCache.program else {
        return nil
      }
      url = folder.appendingPathComponent("signs", isDirectory: false)
      var w = CacheWriter()
      w.string(program)
      w.string(name)
      w.count(bytes.count)
      w.bytes += bytes
      w.strings(catalog.rules.map(\.id).sorted())
      w.strings(english.sorted())
      inputs = w.bytes
    }

    /// The signs stored for exactly these inputs, or nil.
    func load() -> Signs? {
      RecognizerCache.readRecord(url, magic: SignsCache.magic, inputs: inputs) {
        try Signs(decoding: &$0)
      }
    }

    /// Keeps `signs` for these inputs.
    func store(_ signs: Signs) {
      RecognizerCache.storeRecord(signs.encoded(), magic: SignsCache.magic, inputs: inputs, at: url)
    }
  }
}

extension Signs {
  /// Every stored property, sets and dictionaries in sorted order, so the same signs always give
  /// the same bytes.
  func encoded() -> [UInt8] {
    var w = CacheWriter()
    w.count(signs.count)
    for sign in signs {
      w.string(sign.rule)
      w.count(sign.groups.count)
      for group in sign.groups { w.strings(group) }
      w.string(sign.scope.rawValue)
      w.strings(sign.needs.sorted())
      w.strings(sign.unless.sorted())
      w.byte(sign.overNames ? 1 : 0)
      w.int(sign.line)
    }
    w.strings(urgentConcepts.sorted())
    w.strings(longStandingConcepts.sorted())
    w.strings(medicalConcepts.sorted())
    let keys = urgentWith.keys.sorted()
    w.count(keys.count)
    for key in keys {
      w.string(key)
      w.strings((urgentWith[key] ?? []).sorted())
    }
    return w.bytes
  }

  /// The signs `encoded()` wrote.
  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    var signs: [Sign] = []
    let n = try r.count()
    signs.reserveCapacity(n)
    for _ in 0..<n {
      let rule = try r.string()
      var groups: [[String]] = []
      for _ in 0..<(try r.count()) { groups.append(try r.strings()) }
      guard let scope = Sign.Scope(rawValue: try r.string()) else { throw .init() }
      let needs = Set(try r.strings())
      let unless = Set(try r.strings())
      let over = try r.byte()
      guard over <= 1 else { throw .init() }
      var sign = Sign(
        rule: rule, groups: groups, scope: scope, needs: needs, unless: unless, line: try r.int())
      sign.overNames = over == 1
      signs.append(sign)
    }
    let urgent = Set(try r.strings())
    let longStanding = Set(try r.strings())
    let medical = Set(try r.strings())
    var urgentWith: [String: Set<String>] = [:]
    for _ in 0..<(try r.count()) {
      let key = try r.string()
      urgentWith[key] = Set(try r.strings())
    }
    self.init(
      signs: signs, urgentConcepts: urgent, longStandingConcepts: longStanding,
      medicalConcepts: medical, urgentWith: urgentWith)
  }
}
