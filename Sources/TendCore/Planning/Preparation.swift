/// What to set up before the first step of one plan, fitted to the person today: the room, the
/// caregiver, consent and dignity, the lotion and the position (issue 20).
///
/// Every line comes from an item of `Routines/preparation.json` whose condition holds for the
/// same restrictions, conditions and plan the check made, so a line never says something those
/// rule out (a pillow under the knees when a rule forbids it) and every item that the profile
/// triggers is said (a nut allergy always gives the nut-free lotion line). Guarantees: no
/// preparation exists for a plan that is excluded or a day with no massage (fail closed); a line
/// per condition names the place the plan avoids (the condition's site, or the rule's default
/// site on both sides when none was given).
public struct Preparation: Sendable, Hashable {
  /// The five parts of a preparation, in the order they are said.
  public enum Section: String, Sendable, Hashable, CaseIterable, Comparable {
    case room, caregiver, consent, lotion, position

    public static func < (lhs: Self, rhs: Self) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  /// One thing to say, with where it comes from.
  public struct Line: Sendable, Hashable {
    /// The item id in `preparation.json`.
    public var id: String
    public var section: Section
    /// What the caregiver is told (`prep.item.<id>` with its arguments).
    public var message: Message
    /// `handout:<section>` and `rule:<id>` references.
    public var sources: [String]
    /// A stable name for this line for this person (item, and the place or rules it names):
    /// a line already gone through today is not said again.
    public var token: String
  }

  /// The routine the preparation is for.
  public var routine: String
  public var lines: [Line]

  /// The preparation for `plan`, or nil when there is nothing to prepare for (no massage today,
  /// or the routine is excluded).
  /// - Parameters:
  ///   - restrictions: the merged restrictions the plan was made under.
  ///   - conditions: the checked conditions; only active ones count.
  ///   - allergies: the allergies recorded on the receiver, in the family's words (the
  ///     profile's `allergies`): with any, the lotion line names them (fail closed: Tend does
  ///     not guess which ingredient they mean).
  public static func make(
    for plan: Plan, restrictions: Restrictions,
    conditions: [SafetyChecker.CheckedCondition], catalog: Catalog, allergies: [String] = []
  ) -> Preparation? {
    guard restrictions.verdict.allowsMassage, plan.verdict != .excluded,
      !catalog.preparation.items.isEmpty
    else { return nil }
    let active = conditions.filter(\.active).map(\.condition)
    let activeIDs = Set(active.map(\.id))
    let allergies = allergies.map { PlainText.display($0) }.filter { !$0.isEmpty }
    var lines: [Line] = []
    for item in catalog.preparation.items {
      let w = item.when
      var rules = Set(w.anyRule.filter(activeIDs.contains))
      guard w.anyRule.isEmpty || !rules.isEmpty else { continue }
      guard !w.noRule.contains(where: activeIDs.contains) else { continue }
      if let p = w.position, !plan.positions.contains(p) { continue }
      if let wanted = w.allergiesRecorded, wanted == allergies.isEmpty { continue }
      if let p = w.preparationAllowed, restrictions.avoidPreparations[p] != nil { continue }
      if let p = w.preparationRuledOut {
        guard let by = restrictions.avoidPreparations[p] else { continue }
        rules.formUnion(by)
      }
      if let p = w.routinePrepares,
        !plan.routine.steps.contains(where: { $0.prepares.contains(p) })
      {
        continue
      }
      if w.noJointMovement {
        guard !restrictions.noJointMovement.isEmpty else { continue }
        rules.formUnion(restrictions.noJointMovement)
      }
      var args: [String: Message.Argument] = [:]
      var extra = ""
      if w.allergiesRecorded == true {
        args["allergies"] = .text(allergies.joined(separator: ", "))
        extra = ":" + allergies.sorted().joined(separator: ",")
      }
      if w.positionsRuledOut {
        let out = plan.routine.positions.filter { restrictions.avoidPositions[$0] != nil }
        guard !out.isEmpty else { continue }
        rules.formUnion(out.flatMap { restrictions.avoidPositions[$0] ?? [] })
        args["positions"] = .keys(out.map { "position.\($0.rawValue)" })
      }
      let key = "prep.item.\(item.id)"
      if item.perCondition {
        var seen = Set<String>()
        for condition in active where w.anyRule.contains(condition.id) {
          var a = args
          a["what"] = .key("rule.\(condition.id).name")
          let region =
            condition.region ?? catalog.rule(condition.id)?.defaultSite.map { BodyRegion($0) }
          if let region { a["where"] = .region(region.site, region.side) }
          let token = "\(item.id)@\(condition.id)@\(region?.token ?? "-")"
          guard seen.insert(token).inserted else { continue }
          lines.append(
            Line(
              id: item.id, section: item.section, message: Message(key, a),
              sources: item.sources, token: token))
        }
        continue
      }
      if !rules.isEmpty { args["rules"] = Planner.ruleNames(rules) }
      let token =
        (rules.isEmpty ? item.id : "\(item.id):\(rules.sorted().joined(separator: ","))") + extra
      lines.append(
        Line(
          id: item.id, section: item.section, message: Message(key, args), sources: item.sources,
          token: token))
    }
    // Stable: by section, then in file order.
    let ordered = lines.enumerated().sorted {
      ($0.element.section, $0.offset) < ($1.element.section, $1.offset)
    }.map(\.element)
    return Preparation(routine: plan.routine.id, lines: ordered)
  }

  /// The lines not yet gone through (`done` holds tokens of lines said earlier today).
  public func remaining(after done: Set<String>) -> [Line] {
    lines.filter { !done.contains($0.token) }
  }
}

/// The preparation items of `Routines/preparation.json`, validated by the catalog.
public struct PreparationTable: Sendable, Hashable {
  /// A section of the source handout that an item rests on.
  public struct HandoutSection: Sendable, Hashable {
    public var id: String
    /// The heading as it stands in the handout.
    public var title: String
    /// The handout's own words that the items rest on (quoted, for review).
    public var says: String
  }

  /// When an item is said; every part given must hold.
  public struct When: Sendable, Hashable {
    /// Some active condition has one of these ids.
    public var anyRule: [String] = []
    /// No active condition has any of these ids.
    public var noRule: [String] = []
    /// The plan keeps this position.
    public var position: Position?
    /// No rule rules this set-up out.
    public var preparationAllowed: Step.Preparation?
    /// A rule rules this set-up out.
    public var preparationRuledOut: Step.Preparation?
    /// The routine has a step that sets this up.
    public var routinePrepares: Step.Preparation?
    /// Joint movement is off today.
    public var noJointMovement = false
    /// Some of the routine's positions are ruled out today.
    public var positionsRuledOut = false
    /// true: the receiver has allergies recorded; false: none recorded.
    public var allergiesRecorded: Bool?

    public init() {}
  }

  public struct Item: Sendable, Hashable {
    public var id: String
    public var section: Preparation.Section
    public var when: When
    /// One line per active condition of `when.anyRule`, naming its place.
    public var perCondition: Bool
    /// `handout:<section id>` or `rule:<rule id>`; at least one.
    public var sources: [String]
    /// 1-based line in the file.
    public var line: Int
  }

  public var url: String
  public var handout: [HandoutSection]
  public var items: [Item]

  public init(url: String = "", handout: [HandoutSection] = [], items: [Item] = []) {
    self.url = url
    self.handout = handout
    self.items = items
  }
}
