import Foundation

extension Catalog {
  private static let itemFields: Set<String> = ["id", "section", "when", "per", "sources"]
  private static let whenFields: Set<String> = [
    "anyRule", "noRule", "position", "preparationAllowed", "preparationRuledOut",
    "routinePrepares", "noJointMovement", "positionsRuledOut", "allergiesRecorded",
  ]

  /// Reads `Routines/preparation.json`: the handout sections and the preparation items.
  ///
  /// Fails closed on: an unknown field, section, position or set-up; a rule id that is not in
  /// `precautions.json`; a source that names no handout section or rule; an item whose rules
  /// are not among its sources; a per-condition item without rules; an item without English
  /// words (`prep.item.<id>`); a position some routine uses with no item saying where the
  /// pillows go.
  static func loadPreparation(
    in folder: URL, rules: [PrecautionRule], routines: [Routine], english: LocaleTable
  ) throws(CatalogError) -> PreparationTable {
    let url = folder.appendingPathComponent("Routines/preparation.json")
    let (bytes, name) = try read(url, relativeTo: folder)
    let (r, root) = try DataReader.parse(bytes, file: name)
    _ = try r.object(root, "", allowed: ["v", "about", "handout", "items"])
    _ = try r.int(root, "", "v", in: 1...schemaVersion)
    let handoutNode = try r.object(
      try r.member(root, "", "handout"), "handout", allowed: ["url", "sections"])
    let handoutURL = try r.string(handoutNode, "handout", "url")
    var sections: [PreparationTable.HandoutSection] = []
    for (i, node) in try r.array(handoutNode, "handout", "sections").enumerated() {
      let path = "handout.sections[\(i)]"
      _ = try r.object(node, path, allowed: ["id", "title", "says"])
      let section = PreparationTable.HandoutSection(
        id: try r.string(node, path, "id"), title: try r.string(node, path, "title"),
        says: try r.string(node, path, "says"))
      guard !sections.contains(where: { $0.id == section.id }) else {
        throw r.error(node, "\(path).id", "duplicate section id \"\(section.id)\"")
      }
      sections.append(section)
    }
    let ruleIDs = Set(rules.map(\.id))
    var items: [PreparationTable.Item] = []
    for (i, node) in try r.array(root, "", "items").enumerated() {
      let path = "items[\(i)]"
      _ = try r.object(node, path, allowed: itemFields)
      let id = try r.string(node, path, "id")
      guard !items.contains(where: { $0.id == id }) else {
        throw r.error(node, "\(path).id", "duplicate item id \"\(id)\"")
      }
      let section = try r.choice(node, path, "section", as: Preparation.Section.self)
      let when = try readWhen(try r.member(node, path, "when"), "\(path).when", r, ruleIDs)
      var perCondition = false
      if let per = try r.optionalString(node, path, "per") {
        guard per == "condition" else {
          throw r.error(node, "\(path).per", "unknown value \"\(per)\" (expected \"condition\")")
        }
        guard !when.anyRule.isEmpty else {
          throw r.error(node, "\(path).per", "a line per condition needs \"when.anyRule\"")
        }
        perCondition = true
      }
      var sources: [String] = []
      for (j, source) in try r.array(node, path, "sources").enumerated() {
        let spath = "\(path).sources[\(j)]"
        guard let s = source.stringValue else {
          throw r.error(source, spath, "expected a string, found \(source.typeName)")
        }
        let known: Bool
        if s.hasPrefix("handout:") {
          known = sections.contains { $0.id == s.dropFirst("handout:".count) }
        } else if s.hasPrefix("rule:") {
          known = ruleIDs.contains(String(s.dropFirst("rule:".count)))
        } else {
          known = false
        }
        guard known else {
          throw r.error(
            source, spath, "\"\(s)\" names no handout section and no rule in precautions.json")
        }
        sources.append(s)
      }
      guard !sources.isEmpty else { throw r.error(node, "\(path).sources", "needs a source") }
      for rule in when.anyRule where !sources.contains("rule:\(rule)") {
        throw r.error(node, "\(path).sources", "\"rule:\(rule)\" is in when.anyRule, not here")
      }
      guard english["prep.item.\(id)"] != nil else {
        throw r.error(
          node, "\(path).id", "no English words: add \"prep.item.\(id)\" to Locales/en.json")
      }
      items.append(
        PreparationTable.Item(
          id: id, section: section, when: when, perCondition: perCondition, sources: sources,
          line: r.line(of: node)))
    }
    for routine in routines {
      for position in routine.positions
      where !items.contains(where: { $0.when.position == position }) {
        throw r.error(
          root, "items",
          "no item says how to set up \(position.rawValue) (used by \(routine.id))")
      }
    }
    return PreparationTable(url: handoutURL, handout: sections, items: items)
  }

  private static func readWhen(
    _ node: JSONNode, _ path: String, _ r: DataReader, _ ruleIDs: Set<String>
  ) throws(CatalogError) -> PreparationTable.When {
    _ = try r.object(node, path, allowed: whenFields)
    var w = PreparationTable.When()
    func ids(_ key: String) throws(CatalogError) -> [String] {
      guard node[key] != nil else { return [] }
      var out: [String] = []
      for (j, item) in try r.array(node, path, key).enumerated() {
        guard let id = item.stringValue, ruleIDs.contains(id) else {
          throw r.error(
            item, "\(path).\(key)[\(j)]",
            "unknown condition id \(item.stringValue.map { "\"\($0)\"" } ?? item.typeName)")
        }
        out.append(id)
      }
      return out
    }
    w.anyRule = try ids("anyRule")
    w.noRule = try ids("noRule")
    if node["position"] != nil {
      w.position = try r.choice(node, path, "position", as: Position.self)
    }
    func prep(_ key: String) throws(CatalogError) -> Step.Preparation? {
      node[key] == nil ? nil : try r.choice(node, path, key, as: Step.Preparation.self)
    }
    w.preparationAllowed = try prep("preparationAllowed")
    w.preparationRuledOut = try prep("preparationRuledOut")
    w.routinePrepares = try prep("routinePrepares")
    if node["noJointMovement"] != nil {
      w.noJointMovement = try r.bool(node, path, "noJointMovement")
    }
    if node["positionsRuledOut"] != nil {
      w.positionsRuledOut = try r.bool(node, path, "positionsRuledOut")
    }
    if node["allergiesRecorded"] != nil {
      w.allergiesRecorded = try r.bool(node, path, "allergiesRecorded")
    }
    return w
  }
}
