/// Reads the care team's records strictly (the profile's `clearances` and `advice`, and an
/// advice file's limits), with the same rules as the rest of a profile: no unknown key, no
/// wrong type, no `null` where a value is needed, real days, known sites and positions, numbers
/// in range. Every error names the file, line, column and field.
enum CareTeamReader {
  static let limitKeys: Set<String> = [
    "maxPressure", "avoid", "avoidPositions", "noJointMovement", "maxMinutes",
  ]
  static let clearanceKeys: Set<String> = limitKeys.union([
    "id", "from", "rules", "given", "until", "note", "addedBy",
  ])
  static let adviceKeys: Set<String> = [
    "id", "receiver", "from", "role", "why", "issued", "start", "until", "limits", "checksum",
    "importedBy",
  ]

  static func clearances(_ root: JSONNode, _ r: DataReader) throws(CatalogError) -> [Clearance]? {
    guard root["clearances"] != nil else { return nil }
    return try r.array(root, "", "clearances").enumerated().map { (i, node) throws(CatalogError) in
      try clearance(node, "clearances[\(i)]", r)
    }
  }

  static func advice(_ root: JSONNode, _ r: DataReader) throws(CatalogError) -> [CareAdvice]? {
    guard root["advice"] != nil else { return nil }
    return try r.array(root, "", "advice").enumerated().map { (i, node) throws(CatalogError) in
      let path = "advice[\(i)]"
      _ = try r.object(node, path, allowed: adviceKeys)
      let limitsNode = try r.member(node, path, "limits")
      let checksum = try r.string(node, path, "checksum")
      guard checksum.utf8.count == 64, checksum.utf8.allSatisfy({ isHex($0) }) else {
        throw r.error(
          node["checksum"] ?? node, r.join(path, "checksum"), "expected 64 hex digits (SHA-256)")
      }
      let (start, until) = try span(node, path, "start", "until", r)
      return CareAdvice(
        id: try r.string(node, path, "id"), receiver: try r.string(node, path, "receiver"),
        from: try r.string(node, path, "from"), role: try r.optionalString(node, path, "role"),
        why: try r.string(node, path, "why"), issued: try day(node, path, "issued", r),
        start: start, until: until,
        limits: try limits(limitsNode, r.join(path, "limits"), r), checksum: checksum,
        importedBy: try r.optionalString(node, path, "importedBy"))
    }
  }

  static func clearance(_ node: JSONNode, _ path: String, _ r: DataReader) throws(CatalogError)
    -> Clearance
  {
    _ = try r.object(node, path, allowed: clearanceKeys)
    let rules = try r.array(node, path, "rules").enumerated().map {
      (i, item) throws(CatalogError) -> String in
      guard case .string(let id) = item.kind, (try? ConditionSpec.parse(id))?.id == id else {
        throw r.error(item, "\(r.join(path, "rules"))[\(i)]", "expected a rule id")
      }
      return id
    }
    guard !rules.isEmpty else {
      throw r.error(node["rules"] ?? node, r.join(path, "rules"), "names no rule")
    }
    let (given, until) = try span(node, path, "given", "until", r)
    return Clearance(
      id: try r.string(node, path, "id"), from: try r.string(node, path, "from"), rules: rules,
      limits: try limits(node, path, r), given: given, until: until,
      note: try ProfileReader.text(node, path, "note", r),
      addedBy: try ProfileReader.text(node, path, "addedBy", r))
  }

  /// The limit keys of `node` (other keys are the caller's to check).
  static func limits(_ node: JSONNode, _ path: String, _ r: DataReader) throws(CatalogError)
    -> CareLimits
  {
    guard case .object = node.kind else {
      throw r.error(node, path, "expected an object, found \(node.typeName)")
    }
    var limits = CareLimits()
    if let value = node["maxPressure"], !value.isNull {
      limits.maxPressure = Pressure(
        rawValue: try r.int(node, path, "maxPressure", in: 0...Pressure.relaxation.rawValue))
    }
    if node["avoid"] != nil {
      limits.avoid = try r.array(node, path, "avoid").enumerated().map {
        (i, item) throws(CatalogError) -> BodyRegion in
        guard case .string(let token) = item.kind, let region = BodyRegion(token: token) else {
          throw r.error(
            item, "\(r.join(path, "avoid"))[\(i)]",
            "expected a body site like left-arm or lower-back")
        }
        return region
      }
    }
    if node["avoidPositions"] != nil {
      limits.avoidPositions = try r.array(node, path, "avoidPositions").enumerated().map {
        (i, item) throws(CatalogError) in
        try r.choice(item, "\(r.join(path, "avoidPositions"))[\(i)]", as: Position.self)
      }
    }
    if node["noJointMovement"] != nil {
      limits.noJointMovement = try r.bool(node, path, "noJointMovement")
    }
    limits.maxMinutes = try r.optionalInt(node, path, "maxMinutes", in: CareLimits.minutesRange)
    return limits
  }

  /// Two days that must both be real, the second not before the first.
  static func span(
    _ node: JSONNode, _ path: String, _ first: String, _ last: String, _ r: DataReader
  ) throws(CatalogError) -> (String, String) {
    let a = try day(node, path, first, r)
    let b = try day(node, path, last, r)
    if let x = CalendarDay.parse(a), let y = CalendarDay.parse(b), y < x {
      throw r.error(
        node[last] ?? node, r.join(path, last), "\(b) is before \(first) \(a)")
    }
    return (a, b)
  }

  static func day(_ node: JSONNode, _ path: String, _ key: String, _ r: DataReader)
    throws(CatalogError) -> String
  {
    let text = try r.string(node, path, key)
    guard let day = CalendarDay.parse(text), (1900...2200).contains(CalendarDay.year(of: day))
    else {
      throw r.error(
        node[key] ?? node, r.join(path, key), "\"\(text)\" is not a real day like 2026-11-29")
    }
    return text
  }

  static func isHex(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x61...0x66).contains(b) }
}

extension CareTeamReader {
  /// Reads one clearance (or, with `advice`, one advice) object on its own: the journal's check.
  static func record(_ bytes: [UInt8], advice: Bool) throws(CatalogError) {
    let (r, node) = try DataReader.parse(bytes, file: "journal")
    if advice {
      let wrapped = JSONNode(
        kind: .object([("advice", JSONNode(kind: .array([node]), offset: 0))]), offset: 0)
      _ = try Self.advice(wrapped, r)
    } else {
      _ = try clearance(node, "clearance", r)
    }
  }
}
