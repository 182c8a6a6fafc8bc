import Foundation

/// Reads `profile.json` strictly: the file says exactly what it means, or it is an error.
///
/// Guarantees (a profile that breaks any of them is not read, so no advice is given for that
/// person: fail closed):
/// - Exactly RFC 8259 JSON (the catalog's strict parser: no duplicate keys, bounded nesting).
/// - No unknown key (the nearest known key is suggested: `"conditons"` → `"conditions"`), no value
///   of the wrong type, no `null` where a value is required (`"conditions": null` is an error;
///   a person with no conditions says `"conditions": []`).
/// - Numbers in range: a fluid limit of 100-10,000 mL, reminder minutes of 1-1440, days since a
///   condition began of 0-36,500; dates are real calendar days (`2026-02-30` is an error).
/// - In a home, the folder is the identity: `id` must equal the folder's name, and `name` must be
///   a usable name (`ReceiverName`).
/// Every error names the file, line, column and field (`ReceiverError.badProfile`).
public enum ProfileReader {
  static let profileKeys: Set<String> = [
    "v", "id", "name", "conditions", "allergies", "fluidLimitML", "language", "caregivers",
    "reminderMinutes", "clearances", "advice", "intakeUnfinished",
  ]
  static let conditionKeys: Set<String> = [
    "id", "site", "side", "since", "daysSince", "note", "addedBy",
  ]
  public static let fluidLimitRange = 100...10_000
  public static let daysSinceRange = 0...36_500

  /// Reads a profile's bytes.
  /// - Parameters:
  ///   - file: the path named in errors.
  ///   - folderID: the receiver's folder name when the file lives in a home (then `id` and
  ///     `name` are required and `id` must equal it); nil for a free-standing `--profile` file.
  /// - Throws: `ReceiverError.badProfile`.
  public static func read(_ bytes: [UInt8], file: String, folderID: String?)
    throws(ReceiverError) -> Profile
  {
    do {
      return try parse(bytes, file: file, folderID: folderID)
    } catch {
      guard case .malformed(let file, let line, let column, let field, let reason) = error else {
        throw .badProfile(file: file, line: 1, column: 1, field: "", reason: "\(error)")
      }
      throw .badProfile(file: file, line: line, column: column, field: field, reason: reason)
    }
  }

  /// Where the `index`th condition's id stands in a profile's bytes (the item itself for a spec
  /// string), for errors found after reading, such as an id the catalog does not know.
  /// - Returns: line, column and field (`conditions[2].id`), or nil when it cannot be found.
  public static func conditionLocation(_ bytes: [UInt8], index: Int) -> (
    line: Int, column: Int, field: String
  )? {
    let bytes = ByteOrderMark.strip(bytes)
    guard let (r, root) = try? DataReader.parse(bytes, file: ""),
      case .array(let items)? = root["conditions"]?.kind, items.indices.contains(index)
    else { return nil }
    let item = items[index]
    let node = item["id"] ?? item
    let (line, column) = r.locator.location(of: node.offset)
    return (line, column, "conditions[\(index)]" + (item["id"] == nil ? "" : ".id"))
  }

  static func parse(_ bytes: [UInt8], file: String, folderID: String?) throws(CatalogError)
    -> Profile
  {
    // A byte-order mark (some editors add one) is allowed; positions count from after it.
    let (r, root) = try DataReader.parse(ByteOrderMark.strip(bytes), file: file)
    _ = try r.object(root, "", allowed: profileKeys)
    let v = try r.optionalInt(root, "", "v", in: 0...1_000_000) ?? 1
    guard v <= 1 else {
      throw r.error(
        root["v"] ?? root, "v", "schema version \(v) is newer than this Tend reads (1)")
    }
    var id = "profile"
    var name = "profile"
    if let folderID {
      id = try r.string(root, "", "id")
      guard id == folderID else {
        throw r.error(
          root["id"] ?? root, "id",
          "the id \"\(id)\" is not this folder's name \"\(folderID)\"; the folder is the identity")
      }
      name = try r.string(root, "", "name")
    } else {
      id = try r.optionalString(root, "", "id") ?? id
      name = try r.optionalString(root, "", "name") ?? id
    }
    if let problem = ReceiverName.problem(name), folderID != nil || root["name"] != nil {
      throw r.error(root["name"] ?? root, "name", problem.english)
    }
    let conditions = try r.array(root, "", "conditions").enumerated().map {
      (i, node) throws(CatalogError) in try condition(node, "conditions[\(i)]", r)
    }
    let language = try r.optionalString(root, "", "language")
    if let language, !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
      throw r.error(root["language"] ?? root, "language", "\"\(language)\" is not a language code")
    }
    var profile = Profile(
      id: id, name: name, conditions: conditions,
      allergies: try strings(root, "allergies", r),
      fluidLimitML: try r.optionalInt(root, "", "fluidLimitML", in: fluidLimitRange),
      language: language, caregivers: try strings(root, "caregivers", r),
      reminderMinutes: try r.optionalInt(
        root, "", "reminderMinutes", in: WaterReminder.minutesRange))
    profile.clearances = try CareTeamReader.clearances(root, r)
    profile.advice = try CareTeamReader.advice(root, r)
    if let value = root["intakeUnfinished"], !value.isNull {
      profile.intakeUnfinished = try r.bool(root, "", "intakeUnfinished")
    }
    return profile
  }

  /// An optional array of non-empty strings; `null` is an error (leave the key out instead).
  static func strings(_ node: JSONNode, _ key: String, _ r: DataReader) throws(CatalogError)
    -> [String]
  {
    guard node[key] != nil else { return [] }
    return try r.array(node, "", key).enumerated().map { (i, item) throws(CatalogError) in
      guard case .string(let s) = item.kind, !s.isEmpty else {
        throw r.error(item, "\(key)[\(i)]", "expected a non-empty string, found \(item.typeName)")
      }
      return s
    }
  }

  static func condition(_ node: JSONNode, _ path: String, _ r: DataReader) throws(CatalogError)
    -> ProfileCondition
  {
    if case .string(let spec) = node.kind {
      let condition: Condition
      do {
        condition = try ConditionSpec.parse(spec)
      } catch {
        throw r.error(node, path, "cannot read the condition \"\(spec)\" (\(error))")
      }
      if let days = condition.daysSince, !daysSinceRange.contains(days) {
        throw r.error(node, path, "\(days) days is out of range")
      }
      return ProfileCondition(
        id: condition.id, site: condition.site, side: condition.side,
        daysSince: condition.daysSince)
    }
    _ = try r.object(node, path, allowed: conditionKeys)
    let since = try r.optionalString(node, path, "since")
    if let since {
      guard let day = CalendarDay.parse(since), (1900...2200).contains(CalendarDay.year(of: day))
      else {
        throw r.error(
          node["since"] ?? node, r.join(path, "since"),
          "\"\(since)\" is not a real day like 2026-11-29")
      }
    }
    let site: BodySite? =
      try node["site"].flatMap { $0.isNull ? nil : $0 }.map { (value) throws(CatalogError) in
        try r.choice(value, r.join(path, "site"), as: BodySite.self)
      }
    let side: Side? =
      try node["side"].flatMap { $0.isNull ? nil : $0 }.map { (value) throws(CatalogError) in
        try r.choice(value, r.join(path, "side"), as: Side.self)
      }
    let id = try r.string(node, path, "id")
    guard (try? ConditionSpec.parse(id))?.id == id else {
      throw r.error(node["id"] ?? node, r.join(path, "id"), "\"\(id)\" is not a condition id")
    }
    return ProfileCondition(
      id: id, site: site, side: side, since: since,
      daysSince: try r.optionalInt(node, path, "daysSince", in: daysSinceRange),
      note: try text(node, path, "note", r), addedBy: try text(node, path, "addedBy", r))
  }

  /// An optional string that may be empty (free text).
  static func text(_ node: JSONNode, _ path: String, _ key: String, _ r: DataReader)
    throws(CatalogError) -> String?
  {
    guard let value = node[key], !value.isNull else { return nil }
    guard case .string(let s) = value.kind else {
      throw r.error(value, r.join(path, key), "expected a string, found \(value.typeName)")
    }
    return s
  }
}
