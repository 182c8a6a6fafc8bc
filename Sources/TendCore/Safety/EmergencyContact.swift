import Foundation

/// Whom to call in an emergency, for where this person is: the region (known, not guessed; see
/// `RegionSetting`) and its entry in `Routines/emergency-numbers.json`.
///
/// Every emergency line goes through `line(_:)`, so the chat, `tend check` and the summary name
/// the same number, or, when the region is unknown or not in the table, say "the emergency
/// number" and how to set the region. A number is never guessed from the language.
public struct EmergencyContact: Sendable, Equatable {
  public var region: String?
  public var entry: EmergencyNumbers.Entry?
  public var origin: RegionSetting.Origin?

  public init(region: String?, entry: EmergencyNumbers.Entry?, origin: RegionSetting.Origin? = nil)
  {
    self.region = region
    self.entry = entry
    self.origin = origin
  }

  /// The contact for a resolved region.
  public init(_ setting: RegionSetting, table: EmergencyNumbers) {
    self.init(
      region: setting.region, entry: setting.region.flatMap { table[$0] }, origin: setting.origin)
  }

  /// Nothing known: lines say "the emergency number".
  public static let unknown = EmergencyContact(region: nil, entry: nil)

  /// The number to dial, nil when Tend does not know it.
  public var number: String? { entry?.number }

  /// The message with the number in it when known: a key `K` that has a `K.number` form in
  /// the locale becomes that form with a `number` argument (`check.verdict.emergency` → "Do
  /// not massage. Call 911 now."; `rule.chest-pain.advice` → "… Call the emergency number
  /// (911) now …"). Other keys, and every key when the number is unknown, are left as they are.
  public func line(_ message: Message, _ t: Localizer) -> Message {
    Self.line(message, number: number, t)
  }

  /// `line(_:_:)` for a bare number (nil: unknown).
  public static func line(_ message: Message, number: String?, _ t: Localizer) -> Message {
    guard let number, t.has(message.key + ".number") else { return message }
    var out = message
    out.key += ".number"
    out.args["number"] = .text(number)
    return out
  }

  /// What to say when the number is unknown: how to set the region (nil when it is known).
  public var hint: Message? {
    guard number == nil else { return nil }
    if let region { return Message("region.notInTable", ["region": .text(region)]) }
    return Message("region.unknown")
  }
}
