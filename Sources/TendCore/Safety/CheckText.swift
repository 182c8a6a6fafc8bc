/// Renders a check for people: the verdict first, what was understood, the advice, the routines
/// fitted to today, and always the coach line. Plain text that fits 80 columns.
///
/// An emergency verdict names the number for where the user is (`emergency`), or, when that is
/// unknown, says "the emergency number" and how to set the region.
public struct CheckText: Sendable {
  public let t: Localizer
  public let emergency: EmergencyContact
  /// Columns the text is wrapped to (78 fits 80); the conversation, which wraps every line to
  /// the terminal as it prints, sets a width nothing reaches so lines stay whole.
  public var width = 78

  public init(localizer: Localizer, emergency: EmergencyContact = .unknown) {
    t = localizer
    self.emergency = emergency
  }

  /// - Parameter recognition: what was read from the caregiver's own words, if any: shown
  ///   with what was understood (what was not counted, unknown words, a request to confirm).
  public func render(
    _ result: SafetyChecker.Result, detailed: Bool, recognition: Recognition? = nil
  ) -> String {
    var out: [String] = []
    let coach = result.messages.last
    let body = result.messages.dropLast()
    if let verdict = body.first {
      out.append(t.render(emergency.line(verdict, t)))
      if result.restrictions.emergency, let hint = emergency.hint {
        out += wrap(t.render(hint), indent: "")
      }
    }
    if !result.conditions.isEmpty {
      out.append("")
      out.append(t("check.understood"))
      for item in result.conditions {
        out.append("  - " + conditionLine(item))
      }
    }
    if let recognition {
      if result.conditions.isEmpty { out += ["", t("check.understood")] }
      for line in recognition.messages {
        out += wrap(t.render(emergency.line(line, t)), indent: "  ")
      }
    }
    var advice = Array(body.dropFirst())
    // Under stop-and-call only the red flag's own lines stand with the call: another rule's
    // massage advice ("light strokes only") would read as a go-ahead, so it waits below, under
    // its own heading, for when the care team says massage is fine again.
    var later: [Message] = []
    if result.restrictions.verdict == .stopCallProvider {
      let because = result.restrictions.verdictBecause
      later = advice.filter { line in
        // `rule.<id>.advice`, or its sided form `rule.<id>.advice.where` (`SidedAdvice`).
        let parts = line.key.split(separator: ".")
        guard parts.count >= 3, parts[0] == "rule", parts[2] == "advice" else { return false }
        return !because.contains(String(parts[1]))
      }
      advice.removeAll { later.contains($0) }
      // The headline has said stop and whom to call: a red flag's own advice adds only what
      // it does not say (`RedFlagCall`), so the call is read once (stranger 5, F27).
      advice = advice.compactMap { line in
        let parts = line.key.split(separator: ".")
        guard parts.count == 3, parts[0] == "rule", parts[2] == "advice",
          because.contains(String(parts[1]))
        else { return line }
        let more = RedFlagCall.moreKey(String(parts[1]))
        return t.has(more) ? Message(more) : nil
      }
    }
    if !advice.isEmpty {
      out.append("")
      for line in advice { out += wrap(t.render(emergency.line(line, t)), indent: "") }
    }
    if !later.isEmpty {
      out.append("")
      out += wrap(t("check.whenCleared"), indent: "")
      for line in later { out += wrap(t.render(emergency.line(line, t)), indent: "  ") }
    }
    let r = result.restrictions
    if r.verdict.allowsMassage {
      out.append("")
      out.append(
        t(
          "check.limits.pressure",
          [
            "pressure": .number(r.maxPressure.rawValue),
            "name": .key("pressure.\(r.maxPressure.rawValue)"),
          ]))
      let avoided = r.avoidedRegions.map { regionName($0.region) }
      if !avoided.isEmpty {
        out += wrap(t("check.limits.avoid", ["sites": .text(t.list(avoided))]), indent: "")
      }
      let positions = r.avoidPositions.keys.sorted().map { t("position.\($0.rawValue)") }
      if !positions.isEmpty {
        out += wrap(
          t("check.limits.positions", ["positions": .text(t.list(positions))]), indent: "")
      }
      if !r.noJointMovement.isEmpty { out.append(t("check.limits.noJoints")) }
      if let minutes = r.maxMinutes {
        out.append(t("check.limits.minutes", ["count": .number(minutes)]))
      }
    }
    out.append("")
    if detailed, let plan = result.plans.first {
      out += planLines(plan)
      if let preparation = result.preparation {
        out.append("")
        out += preparation.textLines(t)
      }
    } else {
      out.append(t("check.routines"))
      // Each routine's key folded once, not twice per comparison (the same order).
      var keys: [String: String] = [:]
      for plan in result.plans where keys[plan.routine.id] == nil {
        keys[plan.routine.id] = RoutineWords.sortKey(plan.routine.id, t)
      }
      for plan in result.plans.sorted(by: {
        ($0.verdict, keys[$0.routine.id]!) < ($1.verdict, keys[$1.routine.id]!)
      }) {
        out.append(summaryLine(plan))
      }
    }
    out.append("")
    if let coach { out += wrap(t.render(coach), indent: "") }
    return out.joined(separator: "\n") + "\n"
  }

  public func regionName(_ region: BodyRegion) -> String { t.regionName(region) }

  func conditionLine(_ item: SafetyChecker.CheckedCondition) -> String {
    var line = t("rule.\(item.condition.id).name")
    if let region = item.condition.region { line += " — " + regionName(region) }
    if let days = item.condition.daysSince {
      line += " — " + t("check.daysAgo", ["count": .number(days)])
    }
    if !item.active { line += " " + t("check.noLongerActive") }
    if let matched = item.condition.matched { line += t.aside(t.quote(matched)) }
    return line
  }

  public func summaryLine(_ plan: Plan) -> String {
    let mark = "  " + statusWord(plan.verdict)
    var line =
      "\(mark)  " + RoutineWords.listed(plan.routine.id, title: t(plan.routine.titleKey), t) + " · "
      + t("routine.minutes", ["count": .number(plan.routine.minutes)])
    switch plan.verdict {
    case .ok: break
    case .adjust:
      let changed = plan.steps.filter { $0.action != .keep }.count
      line += " · " + t("check.stepsChanged", ["count": .number(changed)])
    case .excluded:
      if let reason = plan.reasons.first { line += " · " + t.render(reason) }
    }
    return line
  }

  /// The routine list's status column in this language (`ok`, `adjust`, `no` in English),
  /// padded to the widest of the three so the columns line up, wide characters counted twice.
  public func statusWord(_ verdict: Plan.Verdict) -> String {
    let all: [Plan.Verdict] = [.ok, .adjust, .excluded]
    let width = all.map { TerminalText.width(t("check.status.\($0.rawValue)")) }.max() ?? 0
    return TerminalText.pad(t("check.status.\(verdict.rawValue)"), to: width)
  }

  public func planLines(_ plan: Plan) -> [String] {
    var out = [t(plan.routine.titleKey) + " — " + t("plan.verdict.\(plan.verdict.rawValue)")]
    for reason in plan.reasons { out += wrap(t.render(reason), indent: "  ") }
    if !plan.positions.isEmpty {
      out.append(
        t(
          "plan.positions",
          ["positions": .text(t.list(plan.positions.map { t("position.\($0.rawValue)") }))]))
    }
    for (i, step) in plan.steps.enumerated() {
      let action = t("plan.action.\(step.action.rawValue)")
      var head = "\(i + 1). [\(action)] "
      if let site = step.site {
        head += regionName(BodyRegion(site, side: step.side)) + ", "
      }
      head += t("technique.\(step.technique.rawValue)")
      if step.technique.touches {
        head += ", " + t("plan.pressure", ["pressure": .number(step.pressure.rawValue)])
      }
      out.append(head)
      if step.action != .skip {
        out += wrap(t(step.textKey), indent: "   ")
      }
      for reason in step.reasons { out += wrap("→ " + t.render(reason), indent: "   ") }
    }
    return out
  }

  /// Wraps text at 78 columns with an indent.
  public func wrap(_ text: String, indent: String, width: Int? = nil) -> [String] {
    TerminalText.wrap(text, indent: indent, width: width ?? self.width)
  }

}
