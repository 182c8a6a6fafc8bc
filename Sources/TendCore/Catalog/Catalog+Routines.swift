import Foundation

extension Catalog {
  /// Reads every `Routines/*.json` except `precautions.json` and `signs.json` (the rules and their warning signs), sorted by id.
  static func loadRoutines(in folder: URL) throws(CatalogError) -> [Routine] {
    let dir = folder.appendingPathComponent("Routines")
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    } catch {
      throw .unreadable(file: "Routines", reason: "cannot list the folder")
    }
    var routines: [Routine] = []
    for name in names.sorted() where name.hasSuffix(".json") && !["precautions.json", "signs.json"].contains(name) {
      let (bytes, file) = try read(dir.appendingPathComponent(name), relativeTo: folder)
      routines.append(try readRoutine(bytes, file: file, expectedID: String(name.dropLast(5))))
    }
    return routines
  }

  static func readRoutine(_ bytes: [UInt8], file: String, expectedID: String) throws(CatalogError)
    -> Routine
  {
    let (r, root) = try DataReader.parse(bytes, file: file)
    _ = try r.object(root, "", allowed: ["v", "id", "minutes", "areas", "positions", "steps"])
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
    var steps: [Step] = []
    var ids = Set<String>()
    for (i, node) in try r.array(root, "", "steps").enumerated() {
      let path = "steps[\(i)]"
      _ = try r.object(
        node, path,
        allowed: [
          "id", "site", "side", "technique", "pressure", "seconds", "jointMovement", "positions",
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
      if site == nil, technique != .checkIn {
        throw r.error(siteNode, "\(path).site", "only a check-in step may have no site")
      }
      if let site, side != nil, !site.isPaired {
        throw r.error(sideNode, "\(path).side", "\(site.rawValue) has no left or right side")
      }
      let pressure = Pressure(rawValue: try r.int(node, path, "pressure", in: 0...3))!
      if !technique.touches, pressure != .stillHold {
        throw r.error(
          try r.member(node, path, "pressure"), "\(path).pressure",
          "a check-in touches nothing: pressure must be 0")
      }
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
      steps.append(
        Step(
          id: stepID, site: site, side: side, technique: technique, pressure: pressure,
          seconds: try r.int(node, path, "seconds", in: 5...600),
          jointMovement: try r.bool(node, path, "jointMovement"), positions: stepPositions))
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
    return Routine(id: id, minutes: minutes, areas: areas, positions: positions, steps: steps)
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
