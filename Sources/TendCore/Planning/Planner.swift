/// Fits routines to today's restrictions: each step kept, adapted (other side only, lighter) or
/// skipped, with the reason.
///
/// Guarantee: no step that is kept or adapted lands on an avoided region, exceeds the ceiling
/// that applies where it lands, moves a joint when joint movement is off, or needs a position
/// that is ruled out. A routine with nothing left to do is excluded.
public enum Planner {
  public static func plan(_ routine: Routine, under restrictions: Restrictions) -> Plan {
    guard restrictions.verdict.allowsMassage else {
      return excluded(
        routine, [Message("plan.excluded.notToday")], positions: [])
    }
    let positions = routine.positions.filter { restrictions.avoidPositions[$0] == nil }
    guard !positions.isEmpty else {
      let rules = routine.positions.flatMap { restrictions.avoidPositions[$0] ?? [] }
      return excluded(
        routine, [Message("plan.excluded.noPosition", ["rules": ruleNames(Set(rules))])],
        positions: [])
    }
    var steps = routine.steps.map { fit($0, positions: positions, restrictions) }
    let capReasons = applyTimeCap(&steps, restrictions.maxMinutes)
    let touching = steps.contains { $0.isDone && $0.step.technique.touches }
    guard touching else {
      return excluded(routine, [Message("plan.excluded.nothingLeft")], positions: positions)
    }
    let changed = steps.contains { $0.action != .keep }
    return Plan(
      routine: routine, verdict: changed ? .adjust : .ok, steps: steps, positions: positions,
      reasons: capReasons)
  }

  /// Plans every routine, in the order given.
  public static func plans(_ routines: [Routine], under restrictions: Restrictions) -> [Plan] {
    routines.map { plan($0, under: restrictions) }
  }

  private static func fit(
    _ step: Step, positions: [Position], _ r: Restrictions
  ) -> Plan.PlannedStep {
    var planned = Plan.PlannedStep(
      step: step, action: .keep, site: step.site, side: step.side, pressure: step.pressure,
      reasons: [])
    func skip(_ message: Message) -> Plan.PlannedStep {
      planned.action = .skip
      planned.reasons = [message]
      return planned
    }
    if !step.positions.contains(where: positions.contains) {
      return skip(Message("plan.skip.position"))
    }
    if step.jointMovement, !r.noJointMovement.isEmpty {
      return skip(Message("plan.skip.jointMovement", ["rules": ruleNames(r.noJointMovement)]))
    }
    guard let region = step.region else { return planned }
    let avoiders = r.avoiders(of: region)
    var landed = region
    if !avoiders.isEmpty {
      let freeSides =
        step.side == nil && region.site.isPaired
        ? Side.allCases.filter { r.avoiders(of: BodyRegion(region.site, side: $0)).isEmpty } : []
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
    let (ceiling, because) = r.ceiling(at: landed)
    if step.pressure > ceiling {
      planned.action = .adapt
      planned.pressure = ceiling
      planned.reasons.append(
        Message(
          ceiling == .stillHold ? "plan.adapt.stillHold" : "plan.adapt.lighter",
          ["pressure": .number(ceiling.rawValue), "rules": ruleNames(because)]))
    }
    return planned
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
        step: $0, action: .skip, site: $0.site, side: $0.side, pressure: $0.pressure,
        reasons: reasons)
    }
    return Plan(
      routine: routine, verdict: .excluded, steps: steps, positions: positions, reasons: reasons)
  }

  /// A message argument naming the rules, in a stable order.
  static func ruleNames(_ ids: Set<String>) -> Message.Argument {
    .keys(ids.sorted().map { "rule.\($0).name" })
  }
}
