import Foundation

/// Care advice as a FHIR R4 Bundle (collection) a health system could send: a Patient, a
/// Practitioner, and an active CarePlan whose period, author, description and Tend limit
/// extensions (`.ci/fhir/StructureDefinition-advice-*.json`) carry the limits. Sealed with the
/// same `content-sha256` meta extension as summaries.
///
/// Reading is strict where it matters: each element Tend needs must be there with the right
/// type, and an extension on the CarePlan that Tend does not know is an error (a limit Tend
/// cannot follow is never silently dropped).
enum AdviceFHIR {
  static let base = "https://tend.example/fhir/StructureDefinition/"
  static let maxPressure = base + "advice-max-pressure"
  static let avoidSite = base + "advice-avoid-site"
  static let avoidPosition = base + "advice-avoid-position"
  static let noJointMovement = base + "advice-no-joint-movement"
  static let maxMinutes = base + "advice-max-minutes"

  static func uuid() -> String { "urn:uuid:" + UUID().uuidString.lowercased() }

  /// The sealed Bundle text.
  static func text(_ advice: CareAdvice) -> (text: String, advice: CareAdvice) {
    let patient = uuid()
    let practitioner = uuid()
    var ext: [OrderedJSON] = []
    if let p = advice.limits.maxPressure {
      ext.append(.obj([("url", .string(maxPressure)), ("valueInteger", .int(p.rawValue))]))
    }
    for region in advice.limits.avoid {
      ext.append(.obj([("url", .string(avoidSite)), ("valueCode", .string(region.token))]))
    }
    for position in advice.limits.avoidPositions {
      ext.append(
        .obj([("url", .string(avoidPosition)), ("valueCode", .string(position.rawValue))]))
    }
    if advice.limits.noJointMovement {
      ext.append(.obj([("url", .string(noJointMovement)), ("valueBoolean", .bool(true))]))
    }
    if let m = advice.limits.maxMinutes {
      ext.append(.obj([("url", .string(maxMinutes)), ("valueInteger", .int(m))]))
    }
    let resources: [(String, OrderedJSON)] = [
      (
        patient,
        .obj([
          ("resourceType", .string("Patient")),
          ("name", .array([.obj([("text", .string(advice.receiver))])])),
        ])
      ),
      (
        practitioner,
        .obj([
          ("resourceType", .string("Practitioner")),
          ("name", .array([.obj([("text", .string(advice.from))])])),
          (
            "qualification",
            advice.role.map { .array([.obj([("code", .obj([("text", .string($0))]))])]) }
          ),
        ])
      ),
      (
        uuid(),
        .obj([
          ("resourceType", .string("CarePlan")),
          ("extension", .array(ext)),
          ("status", .string("active")), ("intent", .string("plan")),
          ("title", .string("Massage limits")),
          ("description", .string(advice.why)),
          ("subject", .obj([("reference", .string(patient))])),
          ("period", .obj([("start", .string(advice.start)), ("end", .string(advice.until))])),
          ("created", .string(advice.issued)),
          ("author", .obj([("reference", .string(practitioner))])),
        ])
      ),
    ]
    let bundle = OrderedJSON.obj([
      ("resourceType", .string("Bundle")),
      (
        "meta",
        .obj([
          (
            "extension",
            .array([
              .obj([
                ("url", .string(FHIRCodes.checksumExtension)),
                ("valueString", .string(Checksum.placeholder)),
              ])
            ])
          )
        ])
      ),
      ("identifier", .obj([("system", .string("urn:ietf:rfc:3986")), ("value", .string(uuid()))])),
      ("type", .string("collection")),
      ("entry", .array(resources.map { .obj([("fullUrl", .string($0.0)), ("resource", $0.1)]) })),
    ])
    return AdviceFile.seal(bundle.text() + "\n", advice)
  }

  /// Reads the advice and the checksum it claims from a parsed Bundle.
  static func read(_ root: JSONNode, _ r: DataReader) throws(CatalogError) -> (CareAdvice, String?)
  {
    guard r.text(root, "resourceType") == "Bundle" else {
      throw r.error(root["resourceType"] ?? root, "resourceType", "expected \"Bundle\"")
    }
    var claimed: String?
    if let meta = root["meta"], let exts = meta["extension"], case .array(let items) = exts.kind {
      for item in items where r.text(item, "url") == FHIRCodes.checksumExtension {
        claimed = r.text(item, "valueString")
      }
    }
    let entries = try r.array(root, "", "entry")
    func resource(_ type: String) throws(CatalogError) -> (JSONNode, String) {
      for (i, entry) in entries.enumerated() {
        if let res = entry["resource"], r.text(res, "resourceType") == type {
          return (res, "entry[\(i)].resource")
        }
      }
      throw r.error(root, "entry", "no \(type) in the Bundle")
    }
    // Exactly one CarePlan: two plans could disagree, and Tend would follow only one of them.
    let plans = entries.enumerated().filter { _, entry in
      entry["resource"].map { r.text($0, "resourceType") == "CarePlan" } ?? false
    }
    if plans.count > 1 {
      throw r.error(
        plans[1].element, "entry[\(plans[1].offset)].resource",
        "a second CarePlan; Tend follows advice with exactly one")
    }
    let (plan, path) = try resource("CarePlan")
    if let modifier = plan["modifierExtension"] {
      throw r.error(
        modifier, r.join(path, "modifierExtension"),
        "a modifier Tend does not know changes what the plan means; it cannot follow it")
    }
    let intent = r.text(plan, "intent")
    guard intent == "plan" || intent == "order" else {
      throw r.error(
        plan["intent"] ?? plan, r.join(path, "intent"), "expected \"plan\" or \"order\"")
    }
    if let activities = plan["activity"], case .array(let items) = activities.kind {
      for (i, activity) in items.enumerated() {
        let at = "\(r.join(path, "activity"))[\(i)]"
        if let detail = activity["detail"], let dnp = detail["doNotPerform"] {
          throw r.error(
            dnp, "\(at).detail.doNotPerform",
            "an activity not to perform; Tend cannot tell what it forbids")
        }
        if let modifier = activity["modifierExtension"] {
          throw r.error(
            modifier, "\(at).modifierExtension",
            "a modifier Tend does not know; it cannot follow it")
        }
      }
    }
    /// The resource `reference` points at (by the entry's fullUrl, or `Type/id`).
    func referenced(_ key: String, _ type: String) throws(CatalogError) -> (JSONNode, String) {
      let at = r.join(r.join(path, key), "reference")
      guard let node = plan[key], let ref = r.text(node, "reference") else {
        throw r.error(plan[key] ?? plan, at, "names no \(type)")
      }
      for (i, entry) in entries.enumerated() {
        guard let res = entry["resource"], r.text(res, "resourceType") == type else { continue }
        let full = r.text(entry, "fullUrl")
        let local = r.text(res, "id").map { "\(type)/\($0)" }
        if ref == full || ref == local || (local.map { full?.hasSuffix("/" + $0) } ?? nil) == true {
          return (res, "entry[\(i)].resource")
        }
      }
      throw r.error(node, at, "\"\(ref)\" is not a \(type) in the Bundle")
    }
    let (patient, patientPath) = try referenced("subject", "Patient")
    let (author, authorPath) = try referenced("author", "Practitioner")
    guard r.text(plan, "status") == "active" else {
      throw r.error(plan["status"] ?? plan, r.join(path, "status"), "expected \"active\"")
    }
    let period = try r.member(plan, path, "period")
    let periodPath = r.join(path, "period")
    let (start, until) = try CareTeamReader.span(period, periodPath, "start", "end", r)
    var limits = CareLimits()
    let exts = plan["extension"] == nil ? [] : try r.array(plan, path, "extension")
    for (i, ext) in exts.enumerated() {
      let at = "\(r.join(path, "extension"))[\(i)]"
      let url = try r.string(ext, at, "url")
      switch url {
      case maxPressure:
        // Several ceilings: the strictest (lowest) wins.
        let value = try r.int(ext, at, "valueInteger", in: 0...Pressure.relaxation.rawValue)
        limits.maxPressure = Pressure(
          rawValue: min(value, limits.maxPressure?.rawValue ?? value))
      case avoidSite:
        let token = try r.string(ext, at, "valueCode")
        guard let region = BodyRegion(token: token) else {
          throw r.error(ext, r.join(at, "valueCode"), "\"\(token)\" is not a body site")
        }
        limits.avoid.append(region)
      case avoidPosition:
        limits.avoidPositions.append(
          try r.choice(ext, at, "valueCode", as: Position.self))
      case noJointMovement:
        limits.noJointMovement = try r.bool(ext, at, "valueBoolean") || limits.noJointMovement
      case maxMinutes:
        let value = try r.int(ext, at, "valueInteger", in: CareLimits.minutesRange)
        limits.maxMinutes = min(value, limits.maxMinutes ?? value)
      default:
        throw r.error(
          ext, r.join(at, "url"), "a limit Tend does not know (\(url)); it cannot follow it")
      }
    }
    let role = author["qualification"].flatMap { q -> String? in
      guard case .array(let items) = q.kind, let first = items.first else { return nil }
      return first["code"].flatMap { r.text($0, "text") }
    }
    let advice = CareAdvice(
      id: "", receiver: try name(patient, patientPath, r), from: try name(author, authorPath, r),
      role: role, why: try r.string(plan, path, "description"),
      issued: try CareTeamReader.day(plan, path, "created", r), start: start, until: until,
      limits: limits, checksum: "")
    return (advice, claimed)
  }

  static func name(_ node: JSONNode, _ path: String, _ r: DataReader) throws(CatalogError)
    -> String
  {
    let names = try r.array(node, path, "name")
    guard let first = names.first else { throw r.error(node, r.join(path, "name"), "is empty") }
    return try r.string(first, r.join(path, "name[0]"), "text")
  }
}

extension DataReader {
  /// A member's string value, or nil (for looking around a document without failing).
  func text(_ node: JSONNode, _ key: String) -> String? { node[key]?.stringValue }
}
