import Foundation

/// Renders receivers for people: one summary line for a list, and the full details.
public struct ReceiverText: Sendable {
  public let t: Localizer
  public let catalog: Catalog

  public init(localizer: Localizer, catalog: Catalog) {
    t = localizer
    self.catalog = catalog
  }

  /// `Mum (mum) · 2 conditions · fluid limit 1,500 mL`.
  public func summaryLine(_ profile: Profile, today: Date = Date()) -> String {
    var parts = [t("receivers.nameAndID", ["name": .text(profile.name), "id": .text(profile.id)])]
    parts.append(
      t(
        "receivers.conditionCount",
        ["count": .number(profile.conditionsInForce(asOf: today, catalog: catalog).count)]))
    if let limit = profile.fluidLimitML {
      parts.append(t("receivers.fluidLimit", ["limit": .number(limit)]))
    }
    return PlainText.display(parts.joined(separator: " · "))
  }

  /// Every field, then each condition with its place, age, note, who added it, and whether it
  /// still applies (computed from its `since` date and its rule's time limit).
  public func details(_ profile: Profile, today: Date = Date()) -> [String] {
    var out = [t("receivers.nameAndID", ["name": .text(profile.name), "id": .text(profile.id)])]
    let none = t("receivers.noneSet")
    out.append(t("receivers.field.language", ["value": .text(profile.language ?? none)]))
    out.append(
      t(
        "receivers.field.caregivers",
        ["value": .text(profile.caregivers.isEmpty ? none : t.list(profile.caregivers))]))
    out.append(
      t(
        "receivers.field.allergies",
        ["value": .text(profile.allergies.isEmpty ? none : t.list(profile.allergies))]))
    out.append(
      profile.fluidLimitML.map { t("receivers.field.fluidLimit", ["limit": .number($0)]) }
        ?? t("receivers.field.noFluidLimit"))
    out.append(
      t(
        "receivers.field.reminder",
        ["count": .number(WaterReminder.minutes(flag: nil, profile: profile))]))
    if profile.conditions.isEmpty {
      out.append(t("receivers.field.noConditions"))
      return out.map(PlainText.display)
    }
    out.append(t("receivers.field.conditions"))
    let inForce = profile.conditionsInForce(asOf: today, catalog: catalog)
    for item in profile.conditions {
      out.append("  - " + conditionLine(item, inForce: inForce.contains(item), today: today))
    }
    return out.map(PlainText.display)
  }

  /// `IV line (left forearm), since 2026-11-20 (9 days ago), added by Ana: "note"`.
  public func conditionLine(_ item: ProfileCondition, inForce: Bool, today: Date) -> String {
    var line = t("rule.\(item.id).name")
    if let site = item.site { line += " (" + t.regionName(BodyRegion(site, side: item.side)) + ")" }
    let days = item.condition(asOf: today).daysSince
    if let since = item.since {
      line += ", " + t("receivers.since", ["date": .text(since)])
    }
    if let days { line += " (" + t("check.daysAgo", ["count": .number(days)]) + ")" }
    if let by = item.addedBy { line += ", " + t("receivers.addedBy", ["name": .text(by)]) }
    if let note = item.note { line += ": \"\(note)\"" }
    if !inForce { line += " " + t("check.noLongerActive") }
    return PlainText.display(line)
  }

  /// A profile condition from a parsed spec; `+Nd` becomes a `since` date N days before today.
  public static func profileCondition(_ condition: Condition, by: String?, today: Date = Date())
    -> ProfileCondition
  {
    var since: String?
    if let days = condition.daysSince {
      since = CalendarDay.format(
        Calendar(identifier: .gregorian).date(byAdding: .day, value: -days, to: today) ?? today)
    }
    return ProfileCondition(
      id: condition.id, site: condition.site, side: condition.side, since: since, addedBy: by)
  }
}

extension ProfileStore {
  /// Profiles as a pretty JSON array with a trailing newline.
  public static func encodeList(_ profiles: [Profile]) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(profiles)
    data.append(0x0A)
    return data
  }
}
