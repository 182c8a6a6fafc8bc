import Foundation

/// The small file a clinician writes with `tend advise` and a family imports: limits for one
/// person, with dates, who and why, sealed with its own SHA-256 (`Checksum`, as exports are).
///
/// Two forms carry the same fields: Tend JSON (`kind: tend-care-advice`, `v: 1`) and a FHIR R4
/// Bundle (a Patient, a Practitioner and a CarePlan with Tend's limit extensions, defined in
/// `.ci/fhir/`). `read` accepts either, strictly (`DataReader`: file, line, column, field), and
/// refuses a file whose checksum is missing or does not match, and one that has ended.
///
/// The checksum catches damage and casual edits (a changed ceiling, a changed date); it is not a
/// signature: anyone with Tend can write a new sealed file. The family still reads the advice in
/// plain words and confirms it, and it can only add limits.
public enum AdviceFile {
  public static let kind = "tend-care-advice"
  public static let version = 1
  static let keys: Set<String> = [
    "kind", "v", "receiver", "from", "role", "why", "issued", "start", "until", "limits",
    "checksum",
  ]

  /// Why a file was refused. Messages are keys (`careteam.error.*`).
  public enum Problem: Error, Equatable, Sendable {
    case unreadable(file: String, reason: String)
    case malformed(file: String, line: Int, column: Int, field: String, reason: String)
    case unsealed(file: String)
    case altered(file: String)
    case ended(file: String, until: String)
    case otherPerson(file: String, writtenFor: String, receiver: String)
    case noLimits(file: String)
    /// It runs longer than `CareAdvice.maxDays` (what `tend advise` allows).
    case tooLong(file: String, start: String, until: String)
    /// Its `issued` day is after today.
    case issuedLater(file: String, issued: String)

    public var message: Message {
      switch self {
      case .unreadable(let file, let reason):
        Message("careteam.error.unreadable", ["file": .text(file), "reason": .reason(reason)])
      case .malformed(let file, let line, let column, let field, let reason):
        Message(
          "careteam.error.malformed",
          [
            "file": .text(file), "line": .number(line), "column": .number(column),
            "field": .text(field), "reason": .reason(reason),
          ])
      case .unsealed(let file): Message("careteam.error.unsealed", ["file": .text(file)])
      case .altered(let file): Message("careteam.error.altered", ["file": .text(file)])
      case .ended(let file, let until):
        Message("careteam.error.ended", ["file": .text(file), "until": .text(until)])
      case .otherPerson(let file, let writtenFor, let receiver):
        Message(
          "careteam.error.otherPerson",
          ["file": .text(file), "for": .text(writtenFor), "name": .text(receiver)])
      case .noLimits(let file): Message("careteam.error.noLimits", ["file": .text(file)])
      case .tooLong(let file, let start, let until):
        Message(
          "careteam.error.adviceSpan",
          [
            "file": .text(file), "start": .text(start), "until": .text(until),
            "count": .number(CareAdvice.maxDays),
          ])
      case .issuedLater(let file, let issued):
        Message("careteam.error.issuedLater", ["file": .text(file), "issued": .text(issued)])
      }
    }
  }

  /// The sealed Tend JSON text of `advice` (its `id` and `checksum` are set by sealing).
  public static func json(_ advice: CareAdvice) -> (text: String, advice: CareAdvice) {
    let doc = OrderedJSON.obj([
      ("kind", .string(kind)), ("v", .int(version)), ("receiver", .string(advice.receiver)),
      ("from", .string(advice.from)), ("role", .str(advice.role)), ("why", .string(advice.why)),
      ("issued", .string(advice.issued)), ("start", .string(advice.start)),
      ("until", .string(advice.until)), ("limits", limits(advice.limits)),
      ("checksum", .string(Checksum.placeholder)),
    ])
    return seal(doc.text() + "\n", advice)
  }

  /// The limits as a JSON object (absent limits left out).
  static func limits(_ limits: CareLimits) -> OrderedJSON {
    .obj([
      ("maxPressure", limits.maxPressure.map { .int($0.rawValue) }),
      ("avoid", .array(limits.avoid.map { .string($0.token) })),
      ("avoidPositions", .array(limits.avoidPositions.map { .string($0.rawValue) })),
      ("noJointMovement", limits.noJointMovement ? .bool(true) : nil),
      ("maxMinutes", limits.maxMinutes.map { .int($0) }),
    ])
  }

  static func seal(_ text: String, _ advice: CareAdvice) -> (text: String, advice: CareAdvice) {
    let (sealed, digest) = Checksum.seal(text)
    var out = advice
    out.checksum = digest
    out.id = String(digest.prefix(12))
    return (sealed, out)
  }

  /// Reads an advice file's bytes (Tend JSON or FHIR), checks its seal and its dates.
  /// - Parameters:
  ///   - file: the path named in every error.
  ///   - today: a file whose `until` is before this day is refused as ended.
  /// - Throws: `Problem`.
  public static func read(_ bytes: [UInt8], file: String, today: Date) throws(Problem)
    -> CareAdvice
  {
    let advice: CareAdvice
    let claimed: String?
    do {
      let (r, root) = try DataReader.parse(bytes, file: file)
      if root["resourceType"] != nil {
        (advice, claimed) = try AdviceFHIR.read(root, r)
      } else {
        (advice, claimed) = try readJSON(root, r)
      }
    } catch {
      guard case .malformed(let f, let line, let column, let field, let reason) = error else {
        throw .unreadable(file: file, reason: "\(error)")
      }
      throw .malformed(file: f, line: line, column: column, field: field, reason: reason)
    }
    switch Checksum.verify(bytes, claimed: claimed) {
    case .missing: throw .unsealed(file: file)
    case .altered: throw .altered(file: file)
    case .intact(let digest):
      var sealed = advice
      sealed.checksum = digest
      sealed.id = String(digest.prefix(12))
      if let end = CalendarDay.parse(sealed.until), CalendarDay.days(from: today, to: end) < 0 {
        throw .ended(file: file, until: sealed.until)
      }
      // The same date checks as `tend advise`: at most `maxDays` long, not written later.
      if let first = CalendarDay.parse(sealed.start), let last = CalendarDay.parse(sealed.until),
        CalendarDay.days(from: first, to: last) > CareAdvice.maxDays
      {
        throw .tooLong(file: file, start: sealed.start, until: sealed.until)
      }
      if let issued = CalendarDay.parse(sealed.issued),
        CalendarDay.days(from: today, to: issued) > 0
      {
        throw .issuedLater(file: file, issued: sealed.issued)
      }
      if sealed.limits.isEmpty { throw .noLimits(file: file) }
      return sealed
    }
  }

  static func readJSON(_ root: JSONNode, _ r: DataReader) throws(CatalogError)
    -> (CareAdvice, String?)
  {
    _ = try r.object(root, "", allowed: keys)
    guard try r.string(root, "", "kind") == kind else {
      throw r.error(root["kind"] ?? root, "kind", "expected \"\(kind)\"")
    }
    let v = try r.int(root, "", "v", in: 0...1_000_000)
    guard v == version else {
      throw r.error(root["v"] ?? root, "v", "schema version \(v) is not one this Tend reads (1)")
    }
    let (start, until) = try CareTeamReader.span(root, "", "start", "until", r)
    let limits = try r.object(
      try r.member(root, "", "limits"), "limits", allowed: CareTeamReader.limitKeys)
    let advice = CareAdvice(
      id: "", receiver: try r.string(root, "", "receiver"), from: try r.string(root, "", "from"),
      role: try r.optionalString(root, "", "role"), why: try r.string(root, "", "why"),
      issued: try CareTeamReader.day(root, "", "issued", r), start: start, until: until,
      limits: try CareTeamReader.limits(limits, "limits", r), checksum: "")
    return (advice, try r.string(root, "", "checksum"))
  }

  /// The longest an advice file may be (a few hundred bytes in practice).
  public static let maxBytes = 64 * 1024
}

extension AdviceFile {
  /// The sealed FHIR R4 Bundle text of `advice` (`AdviceFHIR`).
  public static func fhir(_ advice: CareAdvice) -> (text: String, advice: CareAdvice) {
    AdviceFHIR.text(advice)
  }
}
