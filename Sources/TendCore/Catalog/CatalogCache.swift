import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The whole catalog, compiled, kept between runs so that a command does not parse and check
/// 340 KB of JSON at every start (45 M instructions of a `routines --json` run of 87 M).
///
/// Guarantees, in the manner of `RecognizerCache`:
/// - **The key is every input, byte for byte.** A record (`catalog-<languages>` in Tend's cache
///   folder) holds the program's identity (`RecognizerCache.program`: a rebuilt or reinstalled
///   `tend` never reads another build's record), the languages, and the name and full bytes of
///   every file the catalog is made from, in the order `Catalog.loadFiles` reads them (the
///   routine files found by listing `Routines/` now, so an added or removed routine is another
///   key). It is used only when all of that is the same bytes now: one changed byte in any
///   rule, routine, locale, number or preparation file loads and checks everything again.
/// - **Only a catalog that loaded whole is kept**, after its rule examples passed and its
///   languages were checked, and only when the files read again after the load are exactly the
///   bytes the load read (a file changed meanwhile is not kept, and code that starts reading
///   another file stops the cache rather than being skipped by it).
/// - **A damaged, foreign or odd record is ignored** (not a regular file of this user, writable
///   by others, a link, a bad checksum, truncated, a value that does not decode): the catalog is
///   loaded from the data and stored again. The record is written whole beside its place, mode
///   0600, and renamed into it.
/// - **It never changes advice:** the record decodes to the same value (`==`) that loading the
///   data gives (`CatalogCacheTests`, for every language, and over tampered records).
///
/// A record is trusted no further than the files of this user's cache folder are: the checksum
/// finds damage, it is not a signature.
enum CatalogCache {
  static let magic = Array("tend catalog 3\n".utf8)

  /// The record for `languages` (English first, then the rest as given).
  static func url(in folder: URL, languages: [String]) -> URL? {
    let name = (["en"] + languages.filter { $0 != "en" }).joined(separator: "+")
    guard name.utf8.allSatisfy({ $0 == 0x2B || $0 == 0x2D || isalnum(Int32($0)) != 0 }) else {
      return nil
    }
    return folder.appendingPathComponent("catalog-\(name)", isDirectory: false)
  }

  /// The names of the files `Catalog.loadFiles` reads, relative to the data folder, in the order
  /// it reads them; nil when `Routines/` cannot be listed.
  static func inputNames(of folder: URL, languages: [String]) -> [String]? {
    guard let dir = opendir(folder.path + "/Routines") else { return nil }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if Catalog.isRoutineFile(name) { names.append(name) }
    }
    closedir(dir)
    return ["Locales/en.json"] + languages.filter { $0 != "en" }.map { "Locales/\($0).json" }
      + ["Routines/precautions.json"] + names.sorted().map { "Routines/\($0)" }
      + ["Routines/emergency-numbers.json", "Routines/preparation.json"]
  }

  /// Every input file's name and bytes, as `ReadLog` logs them; nil when one cannot be read.
  static func inputs(of folder: URL, languages: [String]) -> [UInt8]? {
    guard let names = inputNames(of: folder, languages: languages) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    for name in names {
      let fd = open(folder.path + "/" + name, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var st = stat()
      guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
        let bytes = RecognizerCache.readAll(fd, size: Int(st.st_size))
      else { return nil }
      out += Array(name.utf8) + [0]
      withUnsafeBytes(of: UInt64(bytes.count)) { out += $0 }
      out += bytes
    }
    return out
  }

  /// The key of a record: the program, the languages and every input.
  static func key(_ inputs: [UInt8], languages: [String]) -> [UInt8]? {
    guard let program = RecognizerCache.program else { return nil }
    return Array("\(program)\n\(languages.joined(separator: "+"))\n".utf8) + inputs
  }

  /// The catalog kept for exactly the files in `folder` now, or nil.
  static func load(from folder: URL, languages: [String], in cache: URL) -> Catalog? {
    guard let url = url(in: cache, languages: languages),
      let file = RecognizerCache.readOwn(url),
      let inputs = inputs(of: folder, languages: languages),
      let key = key(inputs, languages: languages)
    else { return nil }
    return file.withUnsafeBytes { raw -> Catalog? in
      let m = magic.count
      guard raw.count >= m + 16, raw.prefix(m).elementsEqual(magic) else { return nil }
      let sum = raw.loadUnaligned(fromByteOffset: m, as: UInt64.self)
      let body = UnsafeRawBufferPointer(rebasing: raw[(m + 8)...])
      guard sum == RecognizerCache.checksum(body) else { return nil }
      let length = Int(body.loadUnaligned(as: UInt64.self))
      guard length == key.count, body.count >= 8 + length,
        key.withUnsafeBytes({ memcmp($0.baseAddress!, body.baseAddress! + 8, length) == 0 })
      else { return nil }
      var reader = CacheReader(UnsafeRawBufferPointer(rebasing: body[(8 + length)...]))
      guard let catalog = try? Catalog(decoding: &reader, folder: folder), reader.atEnd else {
        return nil
      }
      return catalog
    }
  }

  /// Keeps `catalog`, loaded whole and checked from the files `log` holds, when those are still
  /// exactly the files in `folder`.
  static func keep(
    _ catalog: Catalog, read log: ReadLog, folder: URL, languages: [String], in cache: URL
  ) {
    let read = log.bytes
    guard let url = url(in: cache, languages: languages),
      let inputs = inputs(of: folder, languages: languages), inputs == read,
      let key = key(inputs, languages: languages)
    else { return }
    var body: [UInt8] = []
    withUnsafeBytes(of: UInt64(key.count)) { body += $0 }
    body += key
    body += catalog.encoded()
    var file = magic
    let sum = body.withUnsafeBytes { RecognizerCache.checksum($0) }
    withUnsafeBytes(of: sum) { file += $0 }
    file += body
    RecognizerCache.store(file, at: url)
  }
}

// MARK: - Encoding

extension CacheWriter {
  mutating func bool(_ b: Bool) { byte(b ? 1 : 0) }

  mutating func raw<T: RawRepresentable>(_ value: T) where T.RawValue == String {
    string(value.rawValue)
  }

  mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
    guard let value else { return byte(0) }
    byte(1)
    write(&self, value)
  }

  mutating func list<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
    count(values.count)
    for value in values { write(&self, value) }
  }

  mutating func pressure(_ p: Pressure) { count(p.rawValue) }
}

extension CacheReader {
  mutating func bool() throws(Damaged) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw Damaged()
    }
  }

  mutating func raw<T: RawRepresentable>(_: T.Type) throws(Damaged) -> T
  where T.RawValue == String {
    guard let value = T(rawValue: try string()) else { throw Damaged() }
    return value
  }

  mutating func optional<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> T?
  {
    switch try byte() {
    case 0: return nil
    case 1: return try read(&self)
    default: throw Damaged()
    }
  }

  mutating func list<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> [T] {
    let n = try count()
    var out: [T] = []
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(try read(&self)) }
    return out
  }

  mutating func pressure() throws(Damaged) -> Pressure {
    guard let p = Pressure(rawValue: try count()) else { throw Damaged() }
    return p
  }
}

extension Catalog {
  /// Every stored value, dictionaries in key order, so the same catalog gives the same bytes.
  func encoded() -> [UInt8] {
    var w = CacheWriter()
    english.encode(&w)
    let langs = locales.keys.sorted()
    w.count(langs.count)
    for lang in langs {
      w.string(lang)
      locales[lang]!.encode(&w)
    }
    w.list(rules) { w, rule in rule.encode(&w) }
    w.list(escalations) { w, e in
      w.string(e.id)
      w.strings(e.when)
      w.strings(e.withAny)
      w.raw(e.verdict)
      w.bool(e.emergency)
    }
    w.list(routines) { w, routine in routine.encode(&w) }
    let techniques = techniques.minimum.sorted { $0.key.rawValue < $1.key.rawValue }
    w.list(techniques) { w, pair in
      w.raw(pair.key)
      w.pressure(pair.value)
    }
    w.list(emergencyNumbers.entries) { w, entry in
      w.string(entry.region)
      w.string(entry.number)
      w.optional(entry.also) { w, s in w.string(s) }
      w.string(entry.source)
    }
    preparation.encode(&w)
    w.int(rulesVersion)
    return w.bytes
  }

  /// The catalog `encoded()` wrote, for the data folder `folder`.
  init(decoding r: inout CacheReader, folder: URL) throws(CacheReader.Damaged) {
    let english = try LocaleTable(decoding: &r)
    var locales: [String: LocaleTable] = [:]
    for _ in 0..<(try r.count()) {
      let lang = try r.string()
      locales[lang] = try LocaleTable(decoding: &r)
    }
    let rules = try r.list { r throws(CacheReader.Damaged) in try PrecautionRule(decoding: &r) }
    let escalations = try r.list { r throws(CacheReader.Damaged) in
      Escalation(
        id: try r.string(), when: try r.strings(), withAny: try r.strings(),
        verdict: try r.raw(Verdict.self), emergency: try r.bool())
    }
    let routines = try r.list { r throws(CacheReader.Damaged) in try Routine(decoding: &r) }
    var minimum: [Step.Technique: Pressure] = [:]
    for _ in 0..<(try r.count()) {
      let technique = try r.raw(Step.Technique.self)
      minimum[technique] = try r.pressure()
    }
    let entries = try r.list { r throws(CacheReader.Damaged) in
      EmergencyNumbers.Entry(
        region: try r.string(), number: try r.string(),
        also: try r.optional { r throws(CacheReader.Damaged) in try r.string() },
        source: try r.string())
    }
    let preparation = try PreparationTable(decoding: &r)
    let rulesVersion = try r.int()
    self.init(
      folder: folder, rules: rules, escalations: escalations, routines: routines,
      techniques: TechniqueTable(minimum: minimum), english: english, locales: locales,
      emergencyNumbers: EmergencyNumbers(entries), preparation: preparation,
      rulesVersion: rulesVersion)
  }
}

extension LocaleTable {
  func encode(_ w: inout CacheWriter) {
    w.string(lang)
    let keys = values.keys.sorted()
    w.count(keys.count)
    for key in keys {
      w.string(key)
      switch values[key]! {
      case .text(let s):
        w.byte(0)
        w.string(s)
      case .plural(let forms):
        w.byte(1)
        let categories = forms.keys.sorted()
        w.count(categories.count)
        for category in categories {
          w.string(category)
          w.string(forms[category]!)
        }
      case .list(let phrases):
        w.byte(2)
        w.strings(phrases)
      }
      w.optional(lines[key]) { w, line in w.int(line) }
    }
    let others = lines.keys.filter { values[$0] == nil }.sorted()
    w.count(others.count)
    for key in others {
      w.string(key)
      w.int(lines[key]!)
    }
  }

  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    let lang = try r.string()
    let n = try r.count()
    var values: [String: Value] = [:]
    var lines: [String: Int] = [:]
    values.reserveCapacity(n)
    lines.reserveCapacity(n)
    for _ in 0..<n {
      let key = try r.string()
      switch try r.byte() {
      case 0: values[key] = .text(try r.string())
      case 1:
        var forms: [String: String] = [:]
        for _ in 0..<(try r.count()) {
          let category = try r.string()
          forms[category] = try r.string()
        }
        values[key] = .plural(forms)
      case 2: values[key] = .list(try r.strings())
      default: throw .init()
      }
      if let line = try r.optional({ r throws(CacheReader.Damaged) in try r.int() }) {
        lines[key] = line
      }
    }
    for _ in 0..<(try r.count()) {
      let key = try r.string()
      lines[key] = try r.int()
    }
    self.init(lang: lang, values: values, lines: lines)
  }
}

extension PrecautionRule {
  func encode(_ w: inout CacheWriter) {
    w.string(id)
    w.string(category)
    w.raw(site)
    w.optional(defaultSite) { w, s in w.raw(s) }
    w.raw(verdict)
    w.optional(maxPressure) { w, p in w.pressure(p) }
    w.list(avoid) { w, region in Self.encode(region, &w) }
    w.list(siteNotes) { w, note in
      Self.encode(note.region, &w)
      w.pressure(note.maxPressure)
    }
    w.list(avoidPositions) { w, position in
      switch position {
      case .fixed(let p):
        w.byte(0)
        w.raw(p)
      case .onAffectedSide: w.byte(1)
      case .lyingOnSite: w.byte(2)
      }
    }
    w.bool(noJointMovement)
    w.list(avoidTechniques) { w, t in w.raw(t) }
    w.optional(onlyTechniques) { w, list in w.list(list) { w, t in w.raw(t) } }
    w.optional(techniqueSource) { w, s in w.string(s) }
    w.list(avoidPreparations) { w, p in w.raw(p) }
    w.optional(preparationSource) { w, s in w.string(s) }
    w.optional(maxMinutes) { w, n in w.int(n) }
    w.bool(askCareTeam)
    w.bool(emergency)
    w.optional(activeDays) { w, n in w.int(n) }
    w.optional(earlyPhase) { w, e in
      w.int(e.days)
      w.bool(e.noJointMovement)
      w.bool(e.askCareTeam)
    }
    w.optional(lastsAfterDays) { w, n in w.int(n) }
    w.optional(knownAfterwards) { w, s in w.string(s) }
    w.optional(alsoWhenRecent) { w, s in w.string(s) }
    w.optional(heldWhile) { w, s in w.string(s) }
    w.bool(removalIsTheCondition)
    w.optional(removalWhenRecent) { w, s in w.string(s) }
    w.list(sources) { w, s in
      w.string(s.url)
      w.string(s.note)
    }
    w.list(examples) { w, example in
      w.strings(example.conditions)
      w.optional(example.routine) { w, s in w.string(s) }
      let keys = example.expect.keys.sorted()
      w.count(keys.count)
      for key in keys {
        w.string(key)
        switch example.expect[key]! {
        case .bool(let b):
          w.byte(0)
          w.bool(b)
        case .int(let n):
          w.byte(1)
          w.int(n)
        case .string(let s):
          w.byte(2)
          w.string(s)
        case .strings(let list):
          w.byte(3)
          w.strings(list)
        case .null: w.byte(4)
        }
      }
      w.int(example.line)
    }
    w.int(line)
  }

  static func encode(_ region: RegionRule, _ w: inout CacheWriter) {
    switch region {
    case .margin(let m):
      w.byte(0)
      w.raw(m)
    case .fixed(let site, let side):
      w.byte(1)
      w.raw(site)
      w.raw(side)
    }
  }

  static func decodeRegion(_ r: inout CacheReader) throws(CacheReader.Damaged) -> RegionRule {
    switch try r.byte() {
    case 0: return .margin(try r.raw(Margin.self))
    case 1: return .fixed(try r.raw(BodySite.self), try r.raw(SideRule.self))
    default: throw .init()
    }
  }

  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    typealias D = CacheReader.Damaged
    let id = try r.string()
    let category = try r.string()
    let site = try r.raw(SiteRequirement.self)
    let defaultSite = try r.optional { r throws(D) in try r.raw(BodySite.self) }
    let verdict = try r.raw(Verdict.self)
    let maxPressure = try r.optional { r throws(D) in try r.pressure() }
    let avoid = try r.list { r throws(D) in try Self.decodeRegion(&r) }
    let notes = try r.list { r throws(D) in
      SiteNote(region: try Self.decodeRegion(&r), maxPressure: try r.pressure())
    }
    let positions = try r.list { r throws(D) -> PositionRule in
      switch try r.byte() {
      case 0: return .fixed(try r.raw(Position.self))
      case 1: return .onAffectedSide
      case 2: return .lyingOnSite
      default: throw .init()
      }
    }
    let noJointMovement = try r.bool()
    let avoidTechniques = try r.list { r throws(D) in try r.raw(Step.Technique.self) }
    let onlyTechniques = try r.optional { r throws(D) in
      try r.list { r throws(D) in try r.raw(Step.Technique.self) }
    }
    let techniqueSource = try r.optional { r throws(D) in try r.string() }
    let avoidPreparations = try r.list { r throws(D) in try r.raw(Step.Preparation.self) }
    let preparationSource = try r.optional { r throws(D) in try r.string() }
    let maxMinutes = try r.optional { r throws(D) in try r.int() }
    let askCareTeam = try r.bool()
    let emergency = try r.bool()
    let activeDays = try r.optional { r throws(D) in try r.int() }
    let earlyPhase = try r.optional { r throws(D) in
      EarlyPhase(days: try r.int(), noJointMovement: try r.bool(), askCareTeam: try r.bool())
    }
    let lastsAfterDays = try r.optional { r throws(D) in try r.int() }
    let knownAfterwards = try r.optional { r throws(D) in try r.string() }
    let alsoWhenRecent = try r.optional { r throws(D) in try r.string() }
    let heldWhile = try r.optional { r throws(D) in try r.string() }
    let removalIsTheCondition = try r.bool()
    let removalWhenRecent = try r.optional { r throws(D) in try r.string() }
    let sources = try r.list { r throws(D) in Source(url: try r.string(), note: try r.string()) }
    let examples = try r.list { r throws(D) -> RuleExample in
      let conditions = try r.strings()
      let routine = try r.optional { r throws(D) in try r.string() }
      var expect: [String: ExampleValue] = [:]
      for _ in 0..<(try r.count()) {
        let key = try r.string()
        switch try r.byte() {
        case 0: expect[key] = .bool(try r.bool())
        case 1: expect[key] = .int(try r.int())
        case 2: expect[key] = .string(try r.string())
        case 3: expect[key] = .strings(try r.strings())
        case 4: expect[key] = .null
        default: throw .init()
        }
      }
      return RuleExample(
        conditions: conditions, routine: routine, expect: expect, line: try r.int())
    }
    self.init(
      id: id, category: category, site: site, defaultSite: defaultSite, verdict: verdict,
      maxPressure: maxPressure, avoid: avoid, siteNotes: notes, avoidPositions: positions,
      noJointMovement: noJointMovement, avoidTechniques: avoidTechniques,
      onlyTechniques: onlyTechniques, techniqueSource: techniqueSource,
      avoidPreparations: avoidPreparations, preparationSource: preparationSource,
      maxMinutes: maxMinutes, askCareTeam: askCareTeam, emergency: emergency,
      activeDays: activeDays, earlyPhase: earlyPhase, lastsAfterDays: lastsAfterDays,
      knownAfterwards: knownAfterwards, alsoWhenRecent: alsoWhenRecent, heldWhile: heldWhile,
      removalIsTheCondition: removalIsTheCondition, sources: sources,
      examples: examples, line: try r.int())
    self.removalWhenRecent = removalWhenRecent
  }
}

extension Routine {
  func encode(_ w: inout CacheWriter) {
    w.string(id)
    w.int(minutes)
    w.list(areas) { w, s in w.raw(s) }
    w.list(positions) { w, p in w.raw(p) }
    w.list(needs) { w, p in w.raw(p) }
    w.list(steps) { w, step in
      w.string(step.id)
      w.optional(step.site) { w, s in w.raw(s) }
      w.optional(step.side) { w, s in w.raw(s) }
      w.raw(step.technique)
      w.pressure(step.pressure)
      w.pressure(step.minimumPressure)
      w.int(step.seconds)
      w.bool(step.jointMovement)
      w.list(step.positions) { w, p in w.raw(p) }
      w.list(step.prepares) { w, p in w.raw(p) }
      w.list(step.variants) { w, v in
        w.string(v.id)
        w.raw(v.technique)
        w.pressure(v.pressure)
        w.pressure(v.minimumPressure)
      }
      w.list(step.uses) { w, m in w.raw(m) }
      w.optional(step.follows) { w, m in w.raw(m) }
    }
  }

  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    typealias D = CacheReader.Damaged
    let id = try r.string()
    let minutes = try r.int()
    let areas = try r.list { r throws(D) in try r.raw(BodySite.self) }
    let positions = try r.list { r throws(D) in try r.raw(Position.self) }
    let needs = try r.list { r throws(D) in try r.raw(Step.Preparation.self) }
    let steps = try r.list { r throws(D) in
      Step(
        id: try r.string(), site: try r.optional { r throws(D) in try r.raw(BodySite.self) },
        side: try r.optional { r throws(D) in try r.raw(Side.self) },
        technique: try r.raw(Step.Technique.self), pressure: try r.pressure(),
        minimumPressure: try r.pressure(), seconds: try r.int(), jointMovement: try r.bool(),
        positions: try r.list { r throws(D) in try r.raw(Position.self) },
        prepares: try r.list { r throws(D) in try r.raw(Step.Preparation.self) },
        variants: try r.list { r throws(D) in
          Step.Variant(
            id: try r.string(), technique: try r.raw(Step.Technique.self),
            pressure: try r.pressure(), minimumPressure: try r.pressure())
        },
        uses: try r.list { r throws(D) in try r.raw(Step.Material.self) },
        follows: try r.optional { r throws(D) in try r.raw(Step.Material.self) })
    }
    self.init(
      id: id, minutes: minutes, areas: areas, positions: positions, needs: needs, steps: steps)
  }
}

extension PreparationTable {
  func encode(_ w: inout CacheWriter) {
    w.string(url)
    w.list(handout) { w, s in
      w.string(s.id)
      w.string(s.title)
      w.string(s.says)
    }
    w.list(items) { w, item in
      w.string(item.id)
      w.raw(item.section)
      let when = item.when
      w.strings(when.anyRule)
      w.strings(when.noRule)
      w.optional(when.position) { w, p in w.raw(p) }
      w.optional(when.preparationAllowed) { w, p in w.raw(p) }
      w.optional(when.preparationRuledOut) { w, p in w.raw(p) }
      w.optional(when.routinePrepares) { w, p in w.raw(p) }
      w.bool(when.noJointMovement)
      w.bool(when.positionsRuledOut)
      w.optional(when.allergiesRecorded) { w, b in w.bool(b) }
      w.bool(item.perCondition)
      w.strings(item.sources)
      w.int(item.line)
    }
  }

  init(decoding r: inout CacheReader) throws(CacheReader.Damaged) {
    typealias D = CacheReader.Damaged
    let url = try r.string()
    let handout = try r.list { r throws(D) in
      HandoutSection(id: try r.string(), title: try r.string(), says: try r.string())
    }
    let items = try r.list { r throws(D) -> Item in
      let id = try r.string()
      let section = try r.raw(Preparation.Section.self)
      var when = When()
      when.anyRule = try r.strings()
      when.noRule = try r.strings()
      when.position = try r.optional { r throws(D) in try r.raw(Position.self) }
      when.preparationAllowed = try r.optional { r throws(D) in try r.raw(Step.Preparation.self) }
      when.preparationRuledOut = try r.optional { r throws(D) in try r.raw(Step.Preparation.self) }
      when.routinePrepares = try r.optional { r throws(D) in try r.raw(Step.Preparation.self) }
      when.noJointMovement = try r.bool()
      when.positionsRuledOut = try r.bool()
      when.allergiesRecorded = try r.optional { r throws(D) in try r.bool() }
      return Item(
        id: id, section: section, when: when, perCondition: try r.bool(), sources: try r.strings(),
        line: try r.int())
    }
    self.init(url: url, handout: handout, items: items)
  }
}
