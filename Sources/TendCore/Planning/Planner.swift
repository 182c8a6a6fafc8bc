/// Fits routines to today's restrictions: each step kept, adapted (other side only, lighter, a
/// gentler variant) or skipped, with the reason.
///
/// Guarantee: no step that is kept or adapted lands on an avoided region, exceeds the ceiling
/// that applies where it lands, uses a technique that is ruled out or needs more pressure than
/// that ceiling, sets up a preparation that is ruled out, moves a joint when joint movement is
/// off, or needs a position that is ruled out. Its text key is the variant's and the kept side's
/// own words. A routine with nothing left to do, or needing a set-up that is ruled out, is
/// excluded.
public enum Planner {
  public static func plan(_ routine: Routine, under restrictions: Restrictions) -> Plan {
    guard restrictions.verdict.allowsMassage else {
      return excluded(
        routine, [Message("plan.excluded.notToday")], positions: [])
    }
    var positions = routine.positions.filter { restrictions.avoidPositions[$0] == nil }
    guard !positions.isEmpty else {
      let rules = routine.positions.flatMap { restrictions.avoidPositions[$0] ?? [] }
      return excluded(
        routine, [Message("plan.excluded.noPosition", ["rules": ruleNames(Set(rules))])],
        positions: [])
    }
    let blocked = routine.needs.filter { restrictions.avoidPreparations[$0] != nil }
    guard blocked.isEmpty else {
      let rules = blocked.flatMap { restrictions.avoidPreparations[$0] ?? [] }
      return excluded(
        routine,
        [
          Message(
            "plan.excluded.preparation",
            ["what": preparationNames(blocked), "rules": ruleNames(Set(rules))])
        ], positions: positions)
    }
    var reasons: [Message] = []
    var turningOff = false
    if let rules = restrictions.avoidPreparations[.turnOver],
      let only = onePosition(routine, positions)
    {
      positions = [only]
      turningOff = true
      reasons.append(Message("plan.adjust.noTurning", ["rules": ruleNames(rules)]))
    }
    var steps = routine.steps.map {
      fit($0, routine.id, positions: positions, turningOff: turningOff, restrictions)
    }
    reasons += applyTimeCap(&steps, restrictions.maxMinutes)
    applyFollowUps(&steps, routine.id)
    let touching = steps.contains { $0.isDone && $0.technique.touches }
    guard touching else {
      return excluded(routine, [Message("plan.excluded.nothingLeft")], positions: positions)
    }
    let changed = steps.contains { $0.action != .keep }
    return Plan(
      routine: routine, verdict: changed ? .adjust : .ok, steps: steps, positions: positions,
      reasons: reasons)
  }

  /// Plans every routine, in the order given.
  public static func plans(_ routines: [Routine], under restrictions: Restrictions) -> [Plan] {
    routines.map { plan($0, under: restrictions) }
  }

  /// With turning over ruled out, the one allowed position to stay in when the routine's steps
  /// are split between positions (one side, then the other): the one most steps fit. nil when
  /// every step fits every allowed position, so staying put costs nothing.
  private static func onePosition(_ routine: Routine, _ positions: [Position]) -> Position? {
    let touching = routine.steps.filter(\.technique.touches)
    guard positions.count > 1,
      touching.contains(where: { step in !positions.allSatisfy(step.positions.contains) })
    else { return nil }
    return positions.max { a, b in
      let fitA = touching.filter { $0.positions.contains(a) }.count
      let fitB = touching.filter { $0.positions.contains(b) }.count
      // On a tie the earlier position wins (max returns the last of equal elements otherwise).
      return fitA < fitB
        || (fitA == fitB && positions.firstIndex(of: a)! > positions.firstIndex(of: b)!)
    }
  }

  private static func fit(
    _ step: Step, _ routineID: String, positions: [Position], turningOff: Bool, _ r: Restrictions
  ) -> Plan.PlannedStep {
    var planned = Plan.PlannedStep(
      step: step, action: .keep, site: step.site, side: step.side, technique: step.technique,
      pressure: step.pressure, variant: nil, textKey: step.textKey(in: routineID), reasons: [])
    func skip(_ message: Message) -> Plan.PlannedStep {
      planned.action = .skip
      planned.reasons = [message]
      return planned
    }
    if !step.positions.contains(where: positions.contains) {
      let rules = r.avoidPreparations[.turnOver] ?? []
      return skip(
        turningOff
          ? Message("plan.skip.noTurning", ["rules": ruleNames(rules)])
          : Message("plan.skip.position"))
    }
    if step.jointMovement, !r.noJointMovement.isEmpty {
      return skip(Message("plan.skip.jointMovement", ["rules": ruleNames(r.noJointMovement)]))
    }
    let blocked = step.prepares.filter { r.avoidPreparations[$0] != nil }
    if !blocked.isEmpty {
      let rules = blocked.flatMap { r.avoidPreparations[$0] ?? [] }
      return skip(
        Message(
          "plan.skip.preparation",
          ["what": preparationNames(blocked), "rules": ruleNames(Set(rules))]))
    }
    var ceiling = r.maxPressure
    var because = r.pressureBecause
    if let region = step.region {
      let avoiders = r.avoiders(of: region)
      var landed = region
      if !avoiders.isEmpty {
        let freeSides =
          step.hasSideTexts
          ? Side.allCases.filter { r.avoiders(of: BodyRegion(region.site, side: $0)).isEmpty }
          : []
        guard let side = freeSides.first, freeSides.count == 1 else {
          return skip(
            Message(
              "plan.skip.avoid",
              ["site": .region(region.site, region.side), "rules": ruleNames(avoiders)]))
        }
        landed = BodyRegion(region.site, side: side)
        planned.action = .adapt
        planned.side = side
        planned.reasons.append(
          Message(
            "plan.adapt.side",
            ["side": .key("side.\(side.rawValue)"), "rules": ruleNames(avoiders)]))
      }
      (ceiling, because) = r.ceiling(at: landed)
    }
    let techniqueRules = r.avoidTechniques[step.technique]
    if techniqueRules != nil || step.minimumPressure > ceiling {
      let name = Message.Argument.key("technique.\(step.technique.rawValue)")
      let usable = step.variants.first {
        r.avoidTechniques[$0.technique] == nil && $0.minimumPressure <= ceiling
      }
      guard let variant = usable else {
        return skip(
          techniqueRules.map {
            Message("plan.skip.technique", ["technique": name, "rules": ruleNames($0)])
          }
            ?? Message(
              "plan.skip.tooFirm",
              [
                "technique": name, "pressure": .number(ceiling.rawValue),
                "rules": ruleNames(because),
              ]))
      }
      planned.action = .adapt
      planned.technique = variant.technique
      planned.pressure = min(variant.pressure, ceiling)
      planned.variant = variant.id
      let instead = Message.Argument.key("technique.\(variant.technique.rawValue)")
      planned.reasons.append(
        techniqueRules.map {
          Message(
            "plan.adapt.technique",
            ["technique": name, "instead": instead, "rules": ruleNames($0)])
        }
          ?? Message(
            "plan.adapt.tooFirm",
            [
              "technique": name, "instead": instead, "pressure": .number(ceiling.rawValue),
              "rules": ruleNames(because),
            ]))
    } else if step.pressure > ceiling {
      planned.action = .adapt
      planned.pressure = ceiling
      planned.reasons.append(
        Message(
          "plan.adapt.lighter",
          ["pressure": .number(ceiling.rawValue), "rules": ruleNames(because)]))
    }
    planned.textKey = step.textKey(
      in: routineID, variant: planned.variant, side: planned.side == step.side ? nil : planned.side
    )
    return planned
  }

  /// A step that follows a material (lotion) no earlier step done today put on: said in its
  /// `.alone` words ("stroke their forehead", not "wipe the lotion off your hands first"), or
  /// skipped when it does not touch (it only cleans up after it).
  private static func applyFollowUps(_ steps: inout [Plan.PlannedStep], _ routineID: String) {
    var used = Set<Step.Material>()
    for index in steps.indices {
      let step = steps[index].step
      if let material = step.follows, steps[index].isDone, !used.contains(material) {
        if step.technique.touches {
          steps[index].textKey = steps[index].textKey(in: routineID, after: used)
        } else {
          steps[index].action = .skip
          steps[index].reasons = [
            Message("plan.skip.nothingToFollow", ["what": .key("material.\(material.rawValue)")])
          ]
        }
      }
      if steps[index].isDone { used.formUnion(step.uses) }
    }
  }

  /// Skips steps from the end (keeping the closing step) until the plan fits the time cap.
  private static func applyTimeCap(_ steps: inout [Plan.PlannedStep], _ cap: Int?) -> [Message] {
    guard let cap else { return [] }
    let limit = cap * 60
    var total = steps.filter(\.isDone).reduce(0) { $0 + $1.step.seconds }
    guard total > limit else { return [] }
    for index in steps.indices.reversed() where total > limit {
      guard steps[index].isDone, steps[index].step.technique != .closing else { continue }
      total -= steps[index].step.seconds
      steps[index].action = .skip
      steps[index].reasons = [Message("plan.skip.timeCap", ["count": .number(cap)])]
    }
    return [Message("plan.adjust.timeCap", ["minutes": .number(cap)])]
  }

  private static func excluded(
    _ routine: Routine, _ reasons: [Message], positions: [Position]
  ) -> Plan {
    let steps = routine.steps.map {
      Plan.PlannedStep(
        step: $0, action: .skip, site: $0.site, side: $0.side, technique: $0.technique,
        pressure: $0.pressure, variant: nil, textKey: $0.textKey(in: routine.id),
        reasons: reasons)
    }
    return Plan(
      routine: routine, verdict: .excluded, steps: steps, positions: positions, reasons: reasons)
  }

  /// A message argument naming the rules, in a stable order.
  static func ruleNames(_ ids: Set<String>) -> Message.Argument {
    .keys(ids.sorted().map { "rule.\($0).name" })
  }

  /// A message argument naming preparations.
  static func preparationNames(_ items: [Step.Preparation]) -> Message.Argument {
    .keys(Set(items).sorted().map { "preparation.\($0.rawValue)" })
  }
}
