import Foundation

extension Catalog {
  private static let ruleFields: Set<String> = [
    "id", "category", "site", "defaultSite", "verdict", "maxPressure", "avoid", "siteNotes",
    "avoidPositions", "noJointMovement", "maxMinutes", "askCareTeam", "emergency", "activeDays",
    "earlyPhase", "lastsAfterDays", "sources", "examples", "techniques", "preparations",
    "knownAfterwards", "alsoWhenRecent", "heldWhile", "removalIsTheCondition",
    "removalWhenRecent",
  ]
  static let categories = [
    "red-flag", "medicine", "device", "surgery", "skin", "bones", "cancer", "whole-body", "other",
    "unknown",
  ]

  /// Reads `Routines/precautions.json`: the rules, the escalations and the technique table.
  static func loadRules(in folder: URL) throws(CatalogError)
    -> ([PrecautionRule], [Escalation], TechniqueTable, Int)
  {
    let url = folder.appendingPathComponent("Routines/precautions.json")
    let (bytes, name) = try read(url, relativeTo: folder)
    let (r, root) = try DataReader.parse(bytes, file: name)
    _ = try r.object(root, "", allowed: ["v", "rules", "escalations", "techniques"])
    let v = try r.int(root, "", "v", in: 1...schemaVersion)
    let techniques = try readTechniques(try r.member(root, "", "techniques"), r)
    var rules: [PrecautionRule] = []
    var seen = Set<String>()
    for (i, node) in try r.array(root, "", "rules").enumerated() {
      let rule = try readRule(node, "rules[\(i)]", r)
      guard seen.insert(rule.id).inserted else {
        throw r.error(node, "rules[\(i)].id", "duplicate rule id \"\(rule.id)\"")
      }
      rules.append(rule)
    }
    guard !rules.isEmpty else { throw r.error(root, "rules", "no rules: nothing could be checked") }
    // A rule named by another must exist, and `alsoWhenRecent` must name one with a time limit.
    let limits = Dictionary(rules.map { ($0.id, $0.activeDays) }, uniquingKeysWith: { a, _ in a })
    for (i, node) in try r.array(root, "", "rules").enumerated() {
      for key in ["knownAfterwards", "alsoWhenRecent", "heldWhile", "removalWhenRecent"] {
        guard let other = try r.optionalString(node, "rules[\(i)]", key) else { continue }
        guard let limit = limits[other] else {
          throw r.error(node, "rules[\(i)].\(key)", "unknown rule id \"\(other)\"")
        }
        if key == "alsoWhenRecent" || key == "removalWhenRecent", limit == nil {
          throw r.error(
            node, "rules[\(i)].\(key)", "\"\(other)\" has no time limit (activeDays)")
        }
      }
    }
    var escalations: [Escalation] = []
    for (i, node) in try r.array(root, "", "escalations").enumerated() {
      let path = "escalations[\(i)]"
      _ = try r.object(
        node, path, allowed: ["id", "when", "withAny", "verdict", "emergency", "sources"])
      let ids = { (key: String) throws(CatalogError) -> [String] in
        var out: [String] = []
        for (j, item) in try r.array(node, path, key).enumerated() {
          guard let id = item.stringValue, seen.contains(id) else {
            throw r.error(
              item, "\(path).\(key)[\(j)]",
              "unknown condition id \(item.stringValue.map { "\"\($0)\"" } ?? item.typeName)")
          }
          out.append(id)
        }
        return out
      }
      let when = try ids("when")
      guard !when.isEmpty else { throw r.error(node, "\(path).when", "needs at least one id") }
      _ = try readSources(node, path, r)
      escalations.append(
        Escalation(
          id: try r.string(node, path, "id"), when: when, withAny: try ids("withAny"),
          verdict: try r.choice(node, path, "verdict", as: Verdict.self),
          emergency: try r.bool(node, path, "emergency")))
    }
    return (rules, escalations, techniques, v)
  }

  /// The technique table: every technique once, with the lowest level it needs and why.
  private static func readTechniques(_ node: JSONNode, _ r: DataReader) throws(CatalogError)
    -> TechniqueTable
  {
    guard case .array(let items) = node.kind else {
      throw r.error(node, "techniques", "expected an array")
    }
    var minimum: [Step.Technique: Pressure] = [:]
    for (i, item) in items.enumerated() {
      let path = "techniques[\(i)]"
      _ = try r.object(item, path, allowed: ["id", "minPressure", "why"])
      let technique = try r.choice(item, path, "id", as: Step.Technique.self)
      guard minimum[technique] == nil else {
        throw r.error(item, "\(path).id", "\(technique.rawValue) is listed twice")
      }
      _ = try r.string(item, path, "why")
      let level = Pressure(rawValue: try r.int(item, path, "minPressure", in: 0...3))!
      if !technique.touches || technique == .stillHold || technique == .closing,
        level != .stillHold
      {
        throw r.error(item, "\(path).minPressure", "\(technique.rawValue) needs no pressure: 0")
      }
      minimum[technique] = level
    }
    for technique in Step.Technique.allCases where minimum[technique] == nil {
      throw r.error(node, "techniques", "\(technique.rawValue) has no entry")
    }
    return TechniqueTable(minimum: minimum)
  }

  /// `{"avoid": [...], "only": [...], "source": "..."}` for techniques or preparations.
  private static func readLimits<T: RawRepresentable & CaseIterable>(
    _ node: JSONNode, _ key: String, _ path: String, _ r: DataReader, only: Bool, as: T.Type
  ) throws(CatalogError) -> (avoid: [T], only: [T]?, source: String?) where T.RawValue == String {
    guard let limits = node[key], !limits.isNull else { return ([], nil, nil) }
    let p = "\(path).\(key)"
    _ = try r.object(limits, p, allowed: only ? ["avoid", "only", "source"] : ["avoid", "source"])
    func list(_ name: String) throws(CatalogError) -> [T]? {
      guard let items = limits[name] else { return nil }
      guard case .array(let nodes) = items.kind else {
        throw r.error(items, "\(p).\(name)", "expected an array")
      }
      var out: [T] = []
      for (i, item) in nodes.enumerated() {
        out.append(try r.choice(item, "\(p).\(name)[\(i)]", as: T.self))
      }
      return out
    }
    let avoid = try list("avoid") ?? []
    let onlyList = try list("only")
    guard !avoid.isEmpty || !(onlyList ?? []).isEmpty else {
      throw r.error(limits, p, "needs a non-empty \"avoid\"\(only ? " or \"only\"" : "") list")
    }
    let source = try r.string(limits, p, "source")
    guard !source.isEmpty else { throw r.error(limits, "\(p).source", "say where this comes from") }
    return (avoid, onlyList, source)
  }

  private static func readRule(_ node: JSONNode, _ path: String, _ r: DataReader)
    throws(CatalogError) -> PrecautionRule
  {
    _ = try r.object(node, path, allowed: ruleFields)
    let id = try r.string(node, path, "id")
    let category = try r.string(node, path, "category")
    guard categories.contains(category) else {
      throw r.error(
        try r.member(node, path, "category"), "\(path).category",
        "unknown category \"\(category)\" (expected one of \(categories.joined(separator: ", ")))")
    }
    let site = try r.choice(node, path, "site", as: PrecautionRule.SiteRequirement.self)
    let defaultSite: BodySite? = try {
      () throws(CatalogError) -> BodySite? in
      guard let value = node["defaultSite"], !value.isNull else { return nil }
      return try r.choice(value, "\(path).defaultSite", as: BodySite.self)
    }()
    if site == .required, defaultSite == nil {
      throw r.error(node, "\(path).defaultSite", "a rule that needs a site needs a defaultSite")
    }
    let verdict = try r.choice(node, path, "verdict", as: Verdict.self)
    let maxPressure = try r.optionalInt(node, path, "maxPressure", in: 0...3).flatMap(Pressure.init)
    var avoid: [PrecautionRule.RegionRule] = []
    for (i, item) in try r.array(node, path, "avoid").enumerated() {
      avoid.append(try readRegion(item, "\(path).avoid[\(i)]", r, extra: []))
    }
    var notes: [PrecautionRule.SiteNote] = []
    for (i, item) in try r.array(node, path, "siteNotes").enumerated() {
      let p = "\(path).siteNotes[\(i)]"
      let region = try readRegion(item, p, r, extra: ["maxPressure"])
      let pressure = Pressure(rawValue: try r.int(item, p, "maxPressure", in: 0...3))!
      notes.append(.init(region: region, maxPressure: pressure))
    }
    var positions: [PrecautionRule.PositionRule] = []
    for (i, item) in try r.array(node, path, "avoidPositions").enumerated() {
      let p = "\(path).avoidPositions[\(i)]"
      switch item.stringValue {
      case "on-affected-side": positions.append(.onAffectedSide)
      case "lying-on-site": positions.append(.lyingOnSite)
      default: positions.append(.fixed(try r.choice(item, p, as: Position.self)))
      }
    }
    let emergency = try r.bool(node, path, "emergency")
    if emergency, verdict != .stopCallProvider {
      throw r.error(node, "\(path).emergency", "only a stop-call-provider rule can be an emergency")
    }
    var early: PrecautionRule.EarlyPhase?
    if let e = node["earlyPhase"], !e.isNull {
      let p = "\(path).earlyPhase"
      _ = try r.object(e, p, allowed: ["days", "noJointMovement", "askCareTeam"])
      early = .init(
        days: try r.int(e, p, "days", in: 1...3650),
        noJointMovement: try r.bool(e, p, "noJointMovement"),
        askCareTeam: try r.bool(e, p, "askCareTeam"))
    }
    let techniques = try readLimits(
      node, "techniques", path, r, only: true, as: Step.Technique.self)
    let preparations = try readLimits(
      node, "preparations", path, r, only: false, as: Step.Preparation.self)
    let sources = try readSources(node, path, r)
    var examples: [RuleExample] = []
    for (i, item) in try r.array(node, path, "examples").enumerated() {
      examples.append(try readExample(item, "\(path).examples[\(i)]", r))
    }
    guard !examples.isEmpty else {
      throw r.error(node, "\(path).examples", "every rule needs at least one example")
    }
    var rule = PrecautionRule(
      id: id, category: category, site: site, defaultSite: defaultSite, verdict: verdict,
      maxPressure: maxPressure, avoid: avoid, siteNotes: notes, avoidPositions: positions,
      noJointMovement: try r.bool(node, path, "noJointMovement"),
      avoidTechniques: techniques.avoid, onlyTechniques: techniques.only,
      techniqueSource: techniques.source, avoidPreparations: preparations.avoid,
      preparationSource: preparations.source,
      maxMinutes: try r.optionalInt(node, path, "maxMinutes", in: 1...120),
      askCareTeam: try r.bool(node, path, "askCareTeam"), emergency: emergency,
      activeDays: try r.optionalInt(node, path, "activeDays", in: 1...36500), earlyPhase: early,
      sources: sources, examples: examples, line: r.line(of: node))
    rule.lastsAfterDays = try r.optionalInt(node, path, "lastsAfterDays", in: 1...365)
    rule.knownAfterwards = try r.optionalString(node, path, "knownAfterwards")
    rule.alsoWhenRecent = try r.optionalString(node, path, "alsoWhenRecent")
    rule.heldWhile = try r.optionalString(node, path, "heldWhile")
    rule.removalIsTheCondition =
      node["removalIsTheCondition"] == nil
      ? false : try r.bool(node, path, "removalIsTheCondition")
    rule.removalWhenRecent = try r.optionalString(node, path, "removalWhenRecent")
    return rule
  }

  private static func readRegion(
    _ node: JSONNode, _ path: String, _ r: DataReader, extra: Set<String>
  ) throws(CatalogError) -> PrecautionRule.RegionRule {
    _ = try r.object(node, path, allowed: Set(["margin", "site", "side"]).union(extra))
    if node["margin"] != nil {
      return .margin(try r.choice(node, path, "margin", as: PrecautionRule.Margin.self))
    }
    guard node["site"] != nil else {
      throw r.error(node, path, "needs either \"margin\" or \"site\"")
    }
    return .fixed(
      try r.choice(node, path, "site", as: BodySite.self),
      try r.choice(node, path, "side", as: PrecautionRule.SideRule.self))
  }

  private static func readSources(_ node: JSONNode, _ path: String, _ r: DataReader)
    throws(CatalogError) -> [PrecautionRule.Source]
  {
    var sources: [PrecautionRule.Source] = []
    for (i, item) in try r.array(node, path, "sources").enumerated() {
      let p = "\(path).sources[\(i)]"
      _ = try r.object(item, p, allowed: ["url", "note"])
      let url = try r.string(item, p, "url")
      guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
        throw r.error(item, "\(p).url", "a source must be a web address")
      }
      sources.append(.init(url: url, note: try r.string(item, p, "note")))
    }
    guard !sources.isEmpty else {
      throw r.error(node, "\(path).sources", "every rule needs at least one source")
    }
    return sources
  }

  private static func readExample(_ node: JSONNode, _ path: String, _ r: DataReader)
    throws(CatalogError) -> RuleExample
  {
    _ = try r.object(node, path, allowed: ["conditions", "routine", "expect", "note"])
    var conditions: [String] = []
    for (i, item) in try r.array(node, path, "conditions").enumerated() {
      guard let spec = item.stringValue else {
        throw r.error(item, "\(path).conditions[\(i)]", "expected a condition spec")
      }
      conditions.append(spec)
    }
    let expectNode = try r.member(node, path, "expect")
    guard case .object(let members) = expectNode.kind, !members.isEmpty else {
      throw r.error(expectNode, "\(path).expect", "expected a non-empty object")
    }
    var expect: [String: ExampleValue] = [:]
    for (key, value) in members {
      switch value.kind {
      case .bool(let b): expect[key] = .bool(b)
      case .number(let d): expect[key] = .int(Int(d))
      case .string(let s): expect[key] = .string(s)
      case .null: expect[key] = .null
      case .array(let items):
        expect[key] = .strings(items.compactMap(\.stringValue))
      case .object:
        throw r.error(value, "\(path).expect.\(key)", "expected a plain value or a list")
      }
    }
    return RuleExample(
      conditions: conditions, routine: try r.optionalString(node, path, "routine"),
      expect: expect, line: r.line(of: node))
  }
}
