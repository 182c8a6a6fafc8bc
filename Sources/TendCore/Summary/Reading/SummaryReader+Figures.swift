/// `SummaryReader`'s figures-only mode, for `tend review` of several files (the table shows no
/// session row): each row is checked exactly as `row()` checks it (the same keys, types, enum
/// values and times, failing with the same line and field) but kept only as what the
/// recomputed figures read (`ReviewFigures.Row`: its day, whether it stopped, its scores), so
/// no text, list or dictionary is made for it. `SummaryReaderTests` reads every fixture and
/// many damaged files both ways and compares the outcome.
extension SummaryReader {
  /// Reads the whole of `bytes` as one `SummaryData` without its session rows, and those rows
  /// as figures (nil when the export has none).
  static func readFigures(_ bytes: UnsafeBufferPointer<UInt8>)
    -> Result<(SummaryData, [ReviewFigures.Row]?), Failure>
  {
    guard let base = bytes.baseAddress, bytes.count > 0 else {
      return .failure(Failure(offset: 0, field: "", reason: "the file is empty"))
    }
    var r = SummaryReader(base, count: bytes.count)
    r.figuresOnly = true
    do throws(Failure) {
      let data = try r.summary()
      r.c.skipSpace()
      guard r.c.i == bytes.count else { throw r.fail("unexpected text after the end") }
      return .success((data, r.figureRows))
    } catch {
      return .failure(error)
    }
  }

  /// A session row as the figures read it, checked as `row()` checks it.
  mutating func figuresRow() throws(Failure) -> ReviewFigures.Row {
    var out = ReviewFigures.Row(day: nil, stopped: false)
    try object(Self.rowKeys) { r, k throws(Failure) in
      switch k {
      case 0: _ = try r.int()
      case 1: out.day = try r.optional { r throws(Failure) in try r.time() }?.localDay
      case 2, 5: _ = try r.optInt()
      case 3, 6, 8, 13, 14: try r.skipOptString()
      case 4, 15: try r.array { r throws(Failure) in try r.skipString() }
      case 7: out.stopped = try r.stringIs("stopped")
      case 9: try r.scores { out.setBefore($0, $1) }
      case 10: try r.scores { out.setAfter($0, $1) }
      case 11, 12: _ = try r.optional { r throws(Failure) in try r.word(RatedBy.self) }
      default:
        _ = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.breach() }
        }
      }
    }
    return out
  }

  /// What `string()` checks, without making the string.
  mutating func skipString() throws(Failure) {
    guard let raw = c.rawString() else { throw fail("expected a string") }
    if raw.escaped,
      ByteCursor.unescape(
        UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
        == nil
    {
      throw fail("expected a string")
    }
  }

  /// What `optString()` checks, without making the string.
  mutating func skipOptString() throws(Failure) {
    _ = try optional { r throws(Failure) in try r.skipString() }
  }

  /// Whether the string here (checked as `string()` checks it) is `word` (ASCII).
  mutating func stringIs(_ word: StaticString) throws(Failure) -> Bool {
    guard let raw = c.rawString() else { throw fail("expected a string") }
    guard raw.escaped else { return c.equals(raw, word) }
    guard
      let text = ByteCursor.unescape(
        UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
    else { throw fail("expected a string") }
    return text == "\(word)"
  }

  /// A row's ratings as `intsByName()` reads them (the same checks, failing the same way), each
  /// score of a known scale handed to `set` with the scale's rank; other keys are checked and
  /// left out.
  mutating func scores(_ set: (Int, Int) -> Void) throws(Failure) {
    guard c.depth < ByteCursor.maxDepth else { throw fail("nested too deeply") }
    guard c.take(0x7B) else { throw fail("expected an object") }
    c.depth += 1
    var seen: UInt8 = 0
    // Other keys, for their duplicates (a set: a hostile file may hold many).
    var others = Set<String>()
    if !c.take(0x7D) {
      repeat {
        guard let raw = c.rawString() else {
          throw fail(c.peek == 0x7D ? "a trailing comma" : "expected a key in quotes")
        }
        var rank: Int?
        var name: String?
        if raw.escaped {
          guard
            let text = ByteCursor.unescape(
              UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start))
          else { throw fail(c.peek == 0x7D ? "a trailing comma" : "expected a key in quotes") }
          name = text
          rank = SummaryScale(rawValue: text)?.rank
        } else {
          rank = Self.scaleNames.firstIndex { c.equals(raw, $0) }
          if rank == nil {
            name = String(
              decoding: UnsafeBufferPointer(start: c.base + raw.start, count: raw.end - raw.start),
              as: UTF8.self)
          }
        }
        let key = rank.map { SummaryScale.allCases[$0].rawValue } ?? name ?? ""
        guard c.take(0x3A) else { throw fail("expected ':' after the key") }
        let twice: Bool
        if let rank {
          twice = seen & (1 << UInt8(rank)) != 0
          seen |= 1 << UInt8(rank)
        } else {
          twice = !others.insert(key).inserted
        }
        guard !twice else { throw fail("given twice").under(key) }
        let value: Int
        do { value = try int() } catch { throw error.under(key) }
        if let rank { set(rank, value) }
      } while c.take(0x2C)
      guard c.take(0x7D) else { throw fail("expected ',' or '}'") }
    }
    c.depth -= 1
  }

  /// `SummaryScale`'s names by rank, as static text to compare raw keys with.
  static let scaleNames: [StaticString] = [
    "pain", "anxiety", "tiredness", "comfort", "nausea", "mood", "breathlessness",
  ]
}
