import Foundation

extension Catalog {
  /// Reads every `Routines/*.json` except `precautions.json`, `signs.json`,
  /// `emergency-numbers.json` and `preparation.json` (the rules, their warning signs, the
  /// numbers to call, what to set up before a session), sorted by id.
  static func loadRoutines(in folder: URL, techniques: TechniqueTable) throws(CatalogError)
    -> [Routine]
  {
    let dir = folder.appendingPathComponent("Routines")
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    } catch {
      throw .unreadable(file: "Routines", reason: "cannot list the folder")
    }
    var routines: [Routine] = []
    for name in names.sorted() where isRoutineFile(name) {
      let (bytes, file) = try read(dir.appendingPathComponent(name), relativeTo: folder)
      routines.append(
        try readRoutine(
          bytes, file: file, expectedID: String(name.dropLast(5)), techniques: techniques))
    }
    return routines
  }

  /// Whether a file in `Routines/` is a routine: every `.json` but the four tables.
  static func isRoutineFile(_ name: String) -> Bool {
    name.hasSuffix(".json")
      && !["precautions.json", "signs.json", "emergency-numbers.json", "preparation.json"]
        .contains(name)
  }

  static func readRoutine(
    _ bytes: [UInt8], file: String, expectedID: String, techniques: TechniqueTable
  ) throws(CatalogError) -> Routine {
    let (r, root) = try DataReader.parse(bytes, file: file)
    _ = try r.object(
      root, "", allowed: ["v", "id", "minutes", "areas", "positions", "needs", "steps"])
    _ = try r.int(root, "", "v", in: 1...schemaVersion)
    let id = try r.string(root, "", "id")
    guard id == expectedID else {
      throw r.error(
        try r.member(root, "", "id"), "id",
        "\"\(id)\" does not match the file name \"\(expectedID)\"")
    }
    let minutes = try r.int(root, "", "minutes", in: 1...15)
    var areas: [BodySite] = []
    for (i, item) in try r.array(root, "", "areas").enumerated() {
      areas.append(try r.choice(item, "areas[\(i)]", as: BodySite.self))
    }
    let positions = try readPositions(try r.array(root, "", "positions"), "positions", r)
    guard !positions.isEmpty else {
      throw r.error(root, "positions", "a routine needs at least one position")
    }
    let needs = try readList(root["needs"], "needs", r, as: Step.Preparation.self)
    var steps: [Step] = []
    var ids = Set<String>()
    for (i, node) in try r.array(root, "", "steps").enumerated() {
      let path = "steps[\(i)]"
      _ = try r.object(
        node, path,
        allowed: [
          "id", "site", "side", "technique", "pressure", "seconds", "jointMovement", "positions",
          "prepares", "variants", "uses", "follows",
        ])
      let stepID = try r.string(node, path, "id")
      guard ids.insert(stepID).inserted else {
        throw r.error(
          try r.member(node, path, "id"), "\(path).id", "duplicate step id \"\(stepID)\"")
      }
      let technique = try r.choice(node, path, "technique", as: Step.Technique.self)
      let siteNode = try r.member(node, path, "site")
      let site: BodySite? =
        siteNode.isNull ? nil : try r.choice(siteNode, "\(path).site", as: BodySite.self)
      let sideNode = try r.member(node, path, "side")
      let side: Side? =
        sideNode.isNull ? nil : try r.choice(sideNode, "\(path).side", as: Side.self)
      if site == nil, technique.touches {
        throw r.error(siteNode, "\(path).site", "only a check-in or set-up step may have no site")
      }
      if let site, side != nil, !site.isPaired {
        throw r.error(sideNode, "\(path).side", "\(site.rawValue) has no left or right side")
      }
      let pressure = Pressure(rawValue: try r.int(node, path, "pressure", in: 0...3))!
      if !technique.touches, pressure != .stillHold {
        throw r.error(
          try r.member(node, path, "pressure"), "\(path).pressure",
          "\(technique.rawValue) is no massage: pressure must be 0")
      }
      let minimum = techniques.minimumPressure(technique)
      if pressure < minimum {
        throw r.error(
          try r.member(node, path, "pressure"), "\(path).pressure",
          "\(technique.rawValue) needs at least pressure \(minimum.rawValue)")
      }
      let variants = try readVariants(node["variants"], path, r, techniques, technique, pressure)
      var stepPositions = positions
      if let p = node["positions"] {
        guard case .array(let items) = p.kind else {
          throw r.error(p, "\(path).positions", "expected an array")
        }
        stepPositions = try readPositions(items, "\(path).positions", r)
        for (j, position) in stepPositions.enumerated() where !positions.contains(position) {
          throw r.error(
            items[j], "\(path).positions[\(j)]",
            "\(position.rawValue) is not one of the routine's positions")
        }
      }
      var follows: Step.Material?
      if let node = node["follows"] {
        follows = try r.choice(node, "\(path).follows", as: Step.Material.self)
      }
      steps.append(
        Step(
          id: stepID, site: site, side: side, technique: technique, pressure: pressure,
          minimumPressure: minimum, seconds: try r.int(node, path, "seconds", in: 5...600),
          jointMovement: try r.bool(node, path, "jointMovement"), positions: stepPositions,
          prepares: try readList(
            node["prepares"], "\(path).prepares", r, as: Step.Preparation.self),
          variants: variants,
          uses: try readList(node["uses"], "\(path).uses", r, as: Step.Material.self),
          follows: follows))
    }
    guard !steps.isEmpty else { throw r.error(root, "steps", "a routine needs steps") }
    let total = steps.reduce(0) { $0 + $1.seconds }
    let rounded = max(1, Int((Double(total) / 60).rounded()))
    guard rounded == minutes else {
      throw r.error(
        try r.member(root, "", "minutes"), "minutes",
        "\(minutes) does not match the steps, which add up to \(total) seconds (\(rounded) minutes)"
      )
    }
    return Routine(
      id: id, minutes: minutes, areas: areas, positions: positions, needs: needs, steps: steps)
  }

  /// An optional list of enum values (absent: empty).
  private static func readList<T: RawRepresentable & CaseIterable>(
    _ node: JSONNode?, _ path: String, _ r: DataReader, as type: T.Type
  ) throws(CatalogError) -> [T] where T.RawValue == String {
    guard let node else { return [] }
    guard case .array(let items) = node.kind else {
      throw r.error(node, path, "expected an array")
    }
    var out: [T] = []
    for (i, item) in items.enumerated() {
      out.append(try r.choice(item, "\(path)[\(i)]", as: T.self))
    }
    return out
  }

  /// A step's gentler variants: each touches, uses another technique, presses no harder than the
  /// step and at least as hard as its own technique needs.
  private static func readVariants(
    _ node: JSONNode?, _ stepPath: String, _ r: DataReader, _ techniques: TechniqueTable,
    _ stepTechnique: Step.Technique, _ stepPressure: Pressure
  ) throws(CatalogError) -> [Step.Variant] {
    guard let node else { return [] }
    guard case .array(let items) = node.kind else {
      throw r.error(node, "\(stepPath).variants", "expected an array")
    }
    var out: [Step.Variant] = []
    for (i, item) in items.enumerated() {
      let path = "\(stepPath).variants[\(i)]"
      _ = try r.object(item, path, allowed: ["id", "technique", "pressure"])
      let id = try r.string(item, path, "id")
      guard !id.isEmpty, !Side.allCases.map(\.rawValue).contains(id),
        !out.contains(where: { $0.id == id })
      else {
        throw r.error(item, "\(path).id", "\"\(id)\" cannot name a variant here")
      }
      let technique = try r.choice(item, path, "technique", as: Step.Technique.self)
      guard technique != stepTechnique, technique.touches, technique != .jointCircles else {
        throw r.error(
          try r.member(item, path, "technique"), "\(path).technique",
          "a variant uses another technique that touches and moves no joint")
      }
      let pressure = Pressure(rawValue: try r.int(item, path, "pressure", in: 0...3))!
      let minimum = techniques.minimumPressure(technique)
      guard pressure >= minimum, pressure <= stepPressure else {
        throw r.error(
          try r.member(item, path, "pressure"), "\(path).pressure",
          "must be between \(minimum.rawValue) (what \(technique.rawValue) needs) and the step's \(stepPressure.rawValue)"
        )
      }
      out.append(
        Step.Variant(id: id, technique: technique, pressure: pressure, minimumPressure: minimum))
    }
    return out
  }

  private static func readPositions(_ items: [JSONNode], _ path: String, _ r: DataReader)
    throws(CatalogError) -> [Position]
  {
    var result: [Position] = []
    for (i, item) in items.enumerated() {
      result.append(try r.choice(item, "\(path)[\(i)]", as: Position.self))
    }
    return result
  }
}
