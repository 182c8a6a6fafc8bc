import Foundation
import TendCore

/// Who we are caring for: choosing a receiver, adding one, and keeping the profile in step.
extension Conversation {
  mutating func askWho() -> [Action] {
    phase = .choosingReceiver
    guard !receivers.isEmpty else {
      return [.say(t("chat.who.first")), prompt("chat.namePrompt")]
    }
    var out: [Action] = [.say(t("chat.who.list"))]
    for (i, profile) in receivers.enumerated() { out.append(.say("  \(i + 1). \(profile.name)")) }
    out.append(.say(t("chat.who.hint")))
    return out + [prompt("chat.namePrompt")]
  }

  mutating func chooseReceiver(_ line: String) -> [Action] {
    if line.isEmpty, receivers.count == 1 { return select(0) }
    guard !line.isEmpty else { return [.say(t("chat.who.again"))] }
    let first = CommandLineWords.split(line).first?.lowercased() ?? ""
    if ["suggest", "show", "speak"].contains(first) || context.commands.contains(first) {
      return command(line) + [.say(t("chat.who.again"))]
    }
    if Self.commands.contains(first),
      receivers.first(where: { $0.name.lowercased() == line.lowercased() }) == nil
    {
      return [.say(t("chat.who.again"))]
    }
    if let n = Int(line) {
      guard receivers.indices.contains(n - 1) else { return [.say(t("chat.who.noNumber"))] }
      return select(n - 1)
    }
    if let i = receivers.firstIndex(where: {
      $0.name.lowercased() == line.lowercased() || $0.id == line
    }) {
      return select(i)
    }
    let name = String(line.prefix(60))
    let words = CommandLineWords.split(line)
    if words.count == 1, nameQueried != line,
      let guess = Suggest.nearest(to: first, in: Self.commands + context.commands)
    {
      nameQueried = line
      return [
        .say(t("chat.didYouMean", ["word": .text(line), "guess": .text(guess)])),
        .say(t("chat.who.isName")),
      ]
    }
    guard !receivers.isEmpty else { return addReceiver(name) }
    phase = .confirmingNewReceiver(name)
    return [.say(t("chat.who.confirmNew", ["name": .text(name)])), prompt("chat.yesNoPrompt")]
  }

  mutating func confirmNewReceiver(_ name: String, _ line: String) -> [Action] {
    switch yesNo(line) {
    case true?: return addReceiver(name)
    case false?: return askWho()
    case nil: return chooseReceiver(line)
    }
  }

  mutating func select(_ index: Int) -> [Action] {
    current = index
    let profile = receivers[index]
    var out: [Action] = [.say(t("chat.caringFor", ["name": .text(profile.name)]))]
    if !profile.conditions.isEmpty {
      let names = profile.conditions.map { t("rule.\($0.id).name") }
      out.append(.say(t("chat.inForce", ["rules": .text(t.list(names))])))
    }
    out += redFlagActions(profile.conditions.map(\.id))
    phase = .idle
    return out + [.say(t("chat.idleHint")), idlePrompt()]
  }

  mutating func addReceiver(_ name: String) -> [Action] {
    var base = String(
      name.lowercased().unicodeScalars.map {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-"
      })
    base = base.split(separator: "-").joined(separator: "-")
    if base.isEmpty { base = "receiver" }
    var id = base
    var n = 2
    while receivers.contains(where: { $0.id == id }) {
      id = "\(base)-\(n)"
      n += 1
    }
    let profile = Profile(id: id, name: name)
    receivers.append(profile)
    current = receivers.count - 1
    return [.saveProfile(profile), .say(t("chat.added", ["name": .text(name)]))] + startIntake()
  }

  /// Adds conditions to the receiver's profile (skipping ones already there), logs each, saves
  /// once, and stops everything when one is a red flag.
  mutating func addConditions(_ conditions: [Condition]) -> [Action] {
    guard let i = current else { return [] }
    var out: [Action] = []
    var added: [String] = []
    for c in conditions {
      let exists = receivers[i].conditions.contains {
        $0.id == c.id && $0.site == c.site && $0.side == c.side
      }
      guard !exists else { continue }
      let since = c.daysSince.map {
        CalendarDay.format(now.addingTimeInterval(Double(-$0) * 86_400))
      }
      let entry = ProfileCondition(
        id: c.id, site: c.site, side: c.side, since: since, note: c.matched)
      receivers[i].conditions.append(entry)
      out.append(.log(.conditionAdded(entry), receiverID: receivers[i].id))
      out.append(
        .say(
          t(
            "chat.conditionAdded",
            ["rule": .key("rule.\(c.id).name"), "where": .text(whereText(c))])))
      added.append(c.id)
    }
    if !added.isEmpty { out.insert(.saveProfile(receivers[i]), at: 0) }
    return out + redFlagActions(added)
  }

  /// Removes conditions by rule id (the caregiver said they are gone), logging each.
  mutating func removeConditions(_ ids: [String]) -> [Action] {
    guard let i = current else { return [] }
    let gone = receivers[i].conditions.filter { ids.contains($0.id) }
    guard !gone.isEmpty else { return [] }
    receivers[i].conditions.removeAll { ids.contains($0.id) }
    var out: [Action] = [.saveProfile(receivers[i])]
    for entry in gone {
      out.append(.log(.conditionRemoved(entry), receiverID: receivers[i].id))
      out.append(.say(t("chat.conditionRemoved", ["rule": .key("rule.\(entry.id).name")])))
    }
    return out
  }

  func whereText(_ c: Condition) -> String {
    guard let region = c.region else { return "" }
    return " (" + t.regionName(region) + ")"
  }

  /// Red flags stop everything: no massage, and whom to call (the emergency number for chest
  /// pain, sudden breathlessness or stroke signs; the care team otherwise).
  func redFlagActions(_ ids: [String]) -> [Action] {
    let rules = Array(Set(ids)).sorted().compactMap { context.catalog.rule($0) }.filter(\.isRedFlag)
    guard !rules.isEmpty else { return [] }
    var out: [Action] = [.say(t("chat.redFlag.stop"))]
    if rules.contains(where: \.emergency) {
      out.append(.say(t("chat.redFlag.emergency", ["number": .text(context.emergencyNumber)])))
    } else {
      out.append(.say(t("chat.redFlag.careTeam")))
    }
    for rule in rules { out.append(.say(t("rule.\(rule.id).advice"))) }
    return out
  }

  /// Whether anything in force today rules out massage (a red flag, or "not today").
  func massageAllowed() -> Bool {
    guard let profile = receiver else { return false }
    let checker = SafetyChecker(catalog: context.catalog)
    guard let (r, _, _) = try? checker.restrictions(for: profile.conditions(asOf: now)) else {
      return false
    }
    return r.verdict.allowsMassage
  }
}
