import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// What building a recognizer can keep between runs, so `check --text` and the first free-text
/// line of a conversation do not tokenise every vocabulary phrase and re-check 2 MB of word lists
/// at every start. Off unless a front door binds `TendCache.folder` (`TendCache.$folder
/// .withValue`): tests and library users build everything from the data, as before.
///
/// Two things are kept, both in Tend's cache folder (`$XDG_CACHE_HOME/tend`):
/// - **The compiled vocabulary** (`vocabulary-<lang>+<fallback>-<marks>`): everything
///   `Vocabulary.init` builds, stored with the exact inputs it was built from: the program
///   (this executable's device, inode, size and times), the way marks are read, the rule ids and
///   every `vocab.*` list of both locale tables, byte for byte. It is used only when all of those
///   are the same bytes now; the stored words are checked against a checksum, and anything odd
///   (another owner, a link, a bad checksum, a truncated or foreign file) is ignored and the
///   vocabulary built and stored again. The cache never decides what a word means: it is the
///   same value `Vocabulary.init` would build (`RecognizerCacheTests` compares them).
/// - **Which word lists are sorted** (`word-lists`): a list that was read and found sorted is
///   recorded with its path, size, inode, device and modification and status-change times to the
///   nanosecond (the rule of `DataDigestCache`: writing a file always moves its status-change
///   time), and the next start that reads exactly that file, unchanged from before to after the
///   read, searches it without checking its order again. A list changed less than two seconds
///   before it was checked is not recorded.
///
/// Files are written whole beside their place and renamed into it, mode 0600; every failure to
/// read or write just builds from the data.
public enum RecognizerCache {
  /// Where the compiled vocabulary and the word-list checks are kept: `TendCache.folder`.
  static var folder: URL? { TendCache.folder }

  /// The running program: a rebuilt or reinstalled `tend` never reads what another build stored
  /// (every cache of Tend keys on it: this one's records, the red-flag readings of summaries).
  public static let program: String? = {
    var st = stat()
    #if os(Linux)
      guard stat("/proc/self/exe", &st) == 0 else { return nil }
    #else
      guard let path = Bundle.main.executablePath, stat(path, &st) == 0 else { return nil }
    #endif
    return
      "\(st.st_dev) \(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
  }()

  // MARK: - Files

  /// The bytes of a cache file, only when it is a regular file of this user that no one else
  /// may write, not a link, and smaller than `largest` bytes. Every cache file of Tend (this
  /// one's records and the red-flag readings of `tend summary`) is read through it.
  public static func readOwn(_ url: URL, largest: Int = 64 << 20) -> [UInt8]? {
    let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid(),
      st.st_mode & 0o022 == 0, st.st_size > 0, st.st_size < largest
    else { return nil }
    return readAll(fd, size: Int(st.st_size))
  }

  /// Reads `size` bytes from `fd`; nil when the file turns out shorter or longer.
  static func readAll(_ fd: Int32, size: Int) -> [UInt8]? {
    var ok = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      var done = 0
      while done < size + 1 {
        let n = read(fd, buffer.baseAddress! + done, size + 1 - done)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { break }
        done += n
      }
      ok = done == size
      count = min(done, size)
    }
    return ok ? bytes : nil
  }

  /// Writes a new 0600 file beside `url` and renames it into place; failures are ignored.
  public static func store(_ bytes: [UInt8], at url: URL) {
    let folder = url.deletingLastPathComponent()
    if mkdir(folder.path, 0o700) != 0, errno != EEXIST {
      try? FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid())").path
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    var done = 0
    let written = bytes.withUnsafeBytes { raw -> Bool in
      while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
      }
      return true
    }
    close(fd)
    if !written || rename(temporary, url.path) != 0 { unlink(temporary) }
  }

  /// A 64-bit checksum of `bytes` (mixing 8 bytes at a time): catches a damaged file, it is no
  /// key (the inputs are compared whole).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    while i < bytes.count {
      h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 29
      i += 1
    }
    return h ^ (h >> 33)
  }

  // MARK: - The compiled vocabulary

  /// The way of reading marks as its case's name (`"\(marks)"` is the same text, but goes
  /// through reflection: 3.5 M instructions at every start).
  static func name(of marks: TextTokens.Marks) -> String {
    switch marks {
    case .latin1: "latin1"
    case .keep: "keep"
    case .strip: "strip"
    }
  }

  static let magic = Array("tend vocabulary 2\n".utf8)

  /// One vocabulary's place in the cache and the exact inputs it is built from; nil when no
  /// cache is bound or the program cannot be identified.
  struct Slot {
    let url: URL
    let inputs: [UInt8]

    init?(localizer: Localizer, ruleIDs: Set<String>, marks: TextTokens.Marks) {
      guard let folder = RecognizerCache.folder, let program = RecognizerCache.program else {
        return nil
      }
      let tables = [localizer.table, localizer.fallback].compactMap { $0 }
      let name =
        localizer.table.lang + (localizer.fallback.map { "+" + $0.lang } ?? "") + "-"
        + RecognizerCache.name(of: marks)
      guard name.utf8.allSatisfy({ $0 == 0x2B || $0 == 0x2D || isalnum(Int32($0)) != 0 }) else {
        return nil
      }
      url = folder.appendingPathComponent("vocabulary-\(name)")
      var w = CacheWriter()
      w.string(program)
      w.string(RecognizerCache.name(of: marks))
      w.strings(ruleIDs.sorted())
      w.count(tables.count)
      for table in tables {
        w.string(table.lang)
        let lists = table.values.compactMap { key, value -> (String, [String])? in
          guard key.hasPrefix("vocab."), case .list(let list) = value else { return nil }
          return (key, list)
        }
        .sorted { $0.0 < $1.0 }
        w.count(lists.count)
        for (key, list) in lists {
          w.string(key)
          w.strings(list)
        }
      }
      inputs = w.bytes
    }

    /// The vocabulary stored for exactly these inputs, or nil.
    func load() -> Vocabulary? {
      RecognizerCache.readRecord(url, magic: RecognizerCache.magic, inputs: inputs) {
        try Vocabulary(decoding: &$0)
      }
    }

    /// Keeps `vocabulary` for these inputs.
    func store(_ vocabulary: Vocabulary) {
      RecognizerCache.storeRecord(
        vocabulary.encoded(), magic: RecognizerCache.magic, inputs: inputs, at: url)
    }
  }

  // MARK: - Records: magic, checksum of the rest, the exact inputs, then the value

  /// The value in the record at `url` when the file is this user's own, starts with `magic`,
  /// its checksum holds and it was stored for exactly `inputs`; nil otherwise (never a partial
  /// or foreign value).
  static func readRecord<T>(
    _ url: URL, magic: [UInt8], inputs: [UInt8], decode: (inout CacheReader) throws -> T
  ) -> T? {
    guard let file = readOwn(url) else { return nil }
    return file.withUnsafeBytes { raw -> T? in
      let m = magic.count
      guard raw.count >= m + 16, raw.prefix(m).elementsEqual(magic) else { return nil }
      let sum = raw.loadUnaligned(fromByteOffset: m, as: UInt64.self)
      let body = UnsafeRawBufferPointer(rebasing: raw[(m + 8)...])
      guard sum == checksum(body) else { return nil }
      let length = Int(body.loadUnaligned(as: UInt64.self))
      guard length == inputs.count, body.count >= 8 + length,
        inputs.withUnsafeBytes({ memcmp($0.baseAddress!, body.baseAddress! + 8, length) == 0 })
      else { return nil }
      var reader = CacheReader(UnsafeRawBufferPointer(rebasing: body[(8 + length)...]))
      guard let value = try? decode(&reader), reader.atEnd else { return nil }
      return value
    }
  }

  /// Writes a record of `value` (encoded) for `inputs` at `url`, the way `readRecord` reads it.
  static func storeRecord(_ value: [UInt8], magic: [UInt8], inputs: [UInt8], at url: URL) {
    var body: [UInt8] = []
    withUnsafeBytes(of: UInt64(inputs.count)) { body += $0 }
    body += inputs
    body += value
    var file = magic
    let sum = body.withUnsafeBytes { checksum($0) }
    withUnsafeBytes(of: sum) { file += $0 }
    file += body
    store(file, at: url)
  }

  // MARK: - Word lists checked before

  static let wordListsHeader = "tend word lists 1"

  /// What a word list file looks like by `fstat`: device, inode, size, modification and
  /// status-change times.
  static func fingerprint(_ st: stat) -> String {
    "\(st.st_dev)\t\(st.st_ino)\t\(st.st_size)\t\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\t\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
  }

  /// A word list read whole, with whether it was found sorted before exactly as it is now.
  struct ReadList {
    var bytes: [UInt8]
    /// The line to record once it is found sorted (nil: not to be recorded).
    var record: String?
    var checkedBefore: Bool
  }

  /// Reads a word list; nil when it cannot be read.
  static func readWordList(_ path: String) -> ReadList? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var before = stat()
    guard fstat(fd, &before) == 0, before.st_mode & S_IFMT == S_IFREG,
      let bytes = readAll(fd, size: Int(before.st_size))
    else { return nil }
    guard let folder, let program, !path.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A })
    else { return ReadList(bytes: bytes, record: nil, checkedBefore: false) }
    var after = stat()
    let print = fingerprint(before)
    guard fstat(fd, &after) == 0, fingerprint(after) == print else {
      return ReadList(bytes: bytes, record: nil, checkedBefore: false)
    }
    let line = "\(path)\t\(print)"
    let recorded = wordLists(in: folder, program: program)
    let recent = Date().timeIntervalSince1970 - 2
    let settled =
      Double(before.st_mtim.tv_sec) < recent && Double(before.st_ctim.tv_sec) < recent
    return ReadList(
      bytes: bytes, record: settled ? line : nil, checkedBefore: recorded.contains(line))
  }

  /// The word lists recorded as sorted by this program.
  static func wordLists(in folder: URL, program: String) -> [String] {
    guard let bytes = readOwn(folder.appendingPathComponent("word-lists")) else { return [] }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    guard lines.count >= 2, lines[0] == wordListsHeader, lines[1] == program else { return [] }
    return Array(lines.dropFirst(2))
  }

  /// Records that the word list `line` names was found sorted.
  static func recordSorted(_ line: String) {
    guard let folder, let program else { return }
    let path = line.prefix { $0 != "\t" }
    var lines = wordLists(in: folder, program: program).filter { $0.prefix { $0 != "\t" } != path }
    lines.append(line)
    let text = ([wordListsHeader, program] + lines).joined(separator: "\n") + "\n"
    store(Array(text.utf8), at: folder.appendingPathComponent("word-lists"))
  }
}

// MARK: - Encoding

/// Counts as LEB128, integers zigzagged, strings as their UTF-8 length and bytes.
struct CacheWriter {
  var bytes: [UInt8] = []

  mutating func count(_ n: Int) { varint(UInt64(n)) }

  mutating func varint(_ value: UInt64) {
    var x = value
    while x >= 0x80 {
      bytes.append(UInt8(x & 0x7F) | 0x80)
      x >>= 7
    }
    bytes.append(UInt8(x))
  }

  mutating func int(_ n: Int) { varint(UInt64(bitPattern: Int64((n << 1) ^ (n >> 63)))) }

  mutating func byte(_ b: UInt8) { bytes.append(b) }

  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      count(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func strings(_ list: [String]) {
    count(list.count)
    for s in list { string(s) }
  }
}

/// Reads what `CacheWriter` wrote; every read is bounds-checked and throws on damage.
struct CacheReader {
  struct Damaged: Error {}

  let bytes: UnsafeRawBufferPointer
  var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var atEnd: Bool { offset == bytes.count }

  mutating func byte() throws(Damaged) -> UInt8 {
    guard offset < bytes.count else { throw Damaged() }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// A count, never more than the bytes left (each element takes at least one).
  mutating func count() throws(Damaged) -> Int {
    var x: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      x |= UInt64(b & 0x7F) << shift
      if b < 0x80 { break }
      shift += 7
      guard shift < 63 else { throw Damaged() }
    }
    guard x <= UInt64(bytes.count - offset) else { throw Damaged() }
    return Int(x)
  }

  mutating func int() throws(Damaged) -> Int {
    var x: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      x |= UInt64(b & 0x7F) << shift
      if b < 0x80 { break }
      shift += 7
      guard shift < 64 else { throw Damaged() }
    }
    return Int(bitPattern: UInt(x >> 1)) ^ -Int(bitPattern: UInt(x & 1))
  }

  mutating func string() throws(Damaged) -> String {
    let n = try count()
    guard n > 0, let base = bytes.baseAddress else { return "" }
    let s = String(
      decoding: UnsafeBufferPointer(
        start: base.assumingMemoryBound(to: UInt8.self) + offset, count: n), as: UTF8.self)
    offset += n
    return s
  }

  /// A set written as `strings`, built as it is read.
  mutating func stringSet() throws(Damaged) -> Set<String> {
    let n = try count()
    var set = Set<String>(minimumCapacity: n)
    for _ in 0..<n { set.insert(try string()) }
    return set
  }

  mutating func strings() throws(Damaged) -> [String] {
    let n = try count()
    var list: [String] = []
    list.reserveCapacity(n)
    for _ in 0..<n { list.append(try string()) }
    return list
  }

  mutating func bytes(_ n: Int) throws(Damaged) -> [UInt8] {
    guard n <= bytes.count - offset else { throw Damaged() }
    defer { offset += n }
    return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]))
  }
}

extension Vocabulary {
  /// Every stored property, dictionaries and sets in sorted order, so the same vocabulary always
  /// gives the same bytes.
  func encoded() -> [UInt8] {
    var w = CacheWriter()
    let firsts = byFirstWord.keys.sorted()
    w.count(firsts.count)
    for first in firsts {
      w.string(first)
      let phrases = byFirstWord[first] ?? []
      w.count(phrases.count)
      for phrase in phrases {
        w.strings(phrase.words)
        Self.encode(phrase.meaning, &w)
      }
    }
    w.strings(knownWords.sorted())
    w.strings(fillers.sorted())
    let letters = fuzzyCandidates.keys.sorted()
    w.count(letters.count)
    for letter in letters {
      w.byte(letter)
      let words = fuzzyCandidates[letter] ?? []
      w.count(words.count)
      for word in words {
        w.count(word.count)
        w.bytes += word
      }
    }
    w.strings(medicalSuffixes)
    w.strings(medicalNouns.sorted())
    let aliasKeys = aliases.keys.sorted()
    w.count(aliasKeys.count)
    for key in aliasKeys {
      w.string(key)
      w.string(aliases[key] ?? "")
    }
    let signKeys = signWords.keys.sorted()
    w.count(signKeys.count)
    for key in signKeys {
      w.string(key)
      let entries = signWords[key] ?? []
      w.count(entries.count)
      for entry in entries {
        w.string(entry.concept)
        w.strings(entry.words)
      }
    }
    let runKeys = medicalRuns.keys.sorted()
    w.count(runKeys.count)
    for key in runKeys {
      w.string(key)
      let runs = medicalRuns[key] ?? []
      w.count(runs.count)
      for run in runs {
        w.strings(run.words)
        w.byte(run.widen ? 1 : 0)
      }
    }
    let removalList = removals.sorted { $0.lexicographicallyPrecedes($1) }
    w.count(removalList.count)
    for words in removalList { w.strings(words) }
    let headKeys = medicalHeads.keys.sorted()
    w.count(headKeys.count)
    for key in headKeys {
      w.string(key)
      let heads = medicalHeads[key] ?? []
      w.count(heads.count)
      for words in heads { w.strings(words) }
    }
    return w.bytes
  }

  /// Sites, sides and cues are stored as their place in these lists (the program's identity is
  /// part of the key, so a build with other cases never reads them), not as their names: a
  /// name read back went through a string switch for each of 2,700 phrases.
  static let sites = BodySite.allCases
  static let sides = Side.allCases
  static let cues = Cue.allCases

  static func encode(_ meaning: Meaning, _ w: inout CacheWriter) {
    switch meaning {
    case .condition(let id):
      w.count(0)
      w.string(id)
    case .site(let site):
      w.count(1)
      w.count(Self.sites.firstIndex(of: site) ?? 0)
    case .side(let side):
      w.count(2)
      w.count(Self.sides.firstIndex(of: side) ?? 0)
    case .symptom(let kind):
      w.count(3)
      w.string(kind)
    case .cue(let cue):
      w.count(4)
      w.count(Self.cues.firstIndex(of: cue) ?? 0)
    case .number(let n):
      w.count(5)
      w.int(n)
    case .unit(let n):
      w.count(6)
      w.int(n)
    case .daysAgo(let n):
      w.count(7)
      w.int(n)
    case .weekday(let n):
      w.count(8)
      w.int(n)
    case .known: w.count(9)
    case .month(let n):
      w.count(10)
      w.int(n)
    }
  }

  static func decodeMeaning(_ r: inout CacheReader) throws(CacheReader.Damaged) -> Meaning {
    switch try r.byte() {
    case 0: return .condition(try r.string())
    case 1:
      let i = try r.count()
      guard i < sites.count else { throw .init() }
      return .site(sites[i])
    case 2:
      let i = try r.count()
      guard i < sides.count else { throw .init() }
      return .side(sides[i])
    case 3: return .symptom(try r.string())
    case 4:
      let i = try r.count()
      guard i < cues.count else { throw .init() }
      return .cue(cues[i])
    case 5: return .number(try r.int())
    case 6: return .unit(try r.int())
    case 7: return .daysAgo(try r.int())
    case 8: return .weekday(try r.int())
    case 9: return .known
    case 10: return .month(try r.int())
    default: throw .init()
    }
  }

  /// The vocabulary `encoded()` wrote.
  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    var index: [String: [Phrase]] = [:]
    let firsts = try r.count()
    index.reserveCapacity(firsts)
    for _ in 0..<firsts {
      let first = try r.string()
      let n = try r.count()
      var phrases: [Phrase] = []
      phrases.reserveCapacity(n)
      for _ in 0..<n {
        let words = try r.strings()
        phrases.append(Phrase(words: words, meaning: try Self.decodeMeaning(&r)))
      }
      index[first] = phrases
    }
    byFirstWord = index
    knownWords = try r.stringSet()
    fillers = try r.stringSet()
    var candidates: [UInt8: [[UInt8]]] = [:]
    for _ in 0..<(try r.count()) {
      let letter = try r.byte()
      let n = try r.count()
      var words: [[UInt8]] = []
      words.reserveCapacity(n)
      for _ in 0..<n { words.append(try r.bytes(try r.count())) }
      candidates[letter] = words
    }
    fuzzyCandidates = candidates
    medicalSuffixes = try r.strings()
    medicalNouns = try r.stringSet()
    let aliasCount = try r.count()
    var aliases: [String: String] = [:]
    aliases.reserveCapacity(aliasCount)
    for _ in 0..<aliasCount {
      let key = try r.string()
      aliases[key] = try r.string()
    }
    self.aliases = aliases
    let signCount = try r.count()
    var signs: [String: [(concept: String, words: [String])]] = [:]
    signs.reserveCapacity(signCount)
    for _ in 0..<signCount {
      let key = try r.string()
      let n = try r.count()
      var entries: [(concept: String, words: [String])] = []
      entries.reserveCapacity(n)
      for _ in 0..<n {
        let concept = try r.string()
        entries.append((concept, try r.strings()))
      }
      signs[key] = entries
    }
    signWords = signs
    let runCount = try r.count()
    var runs: [String: [(words: [String], widen: Bool)]] = [:]
    runs.reserveCapacity(runCount)
    for _ in 0..<runCount {
      let key = try r.string()
      var list: [(words: [String], widen: Bool)] = []
      for _ in 0..<(try r.count()) {
        let words = try r.strings()
        let widen = try r.byte()
        guard widen <= 1 else { throw .init() }
        list.append((words, widen == 1))
      }
      runs[key] = list
    }
    medicalRuns = runs
    var removals = Set<[String]>()
    for _ in 0..<(try r.count()) { removals.insert(try r.strings()) }
    self.removals = removals
    let headCount = try r.count()
    var heads: [String: [[String]]] = [:]
    heads.reserveCapacity(headCount)
    for _ in 0..<headCount {
      let key = try r.string()
      var list: [[String]] = []
      for _ in 0..<(try r.count()) { list.append(try r.strings()) }
      heads[key] = list
    }
    medicalHeads = heads
  }
}
