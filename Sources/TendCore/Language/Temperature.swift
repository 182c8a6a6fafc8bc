/// Temperature readings in a message: 38.4 and 100.8 are fevers, 37.1 is not.
///
/// A number counts as a reading when it lies in a body-temperature range (34-43.5 °C or
/// 93-110 °F) and either has decimals or stands within four words of a temperature word
/// ("temp", "fever", "°", "degrees"); a number followed by a unit of time ("38 weeks") never
/// does. Fever means 38.0 °C or 100.4 °F and above.
enum Temperature {
  struct Reading: Sendable, Equatable {
    var first: Int
    var last: Int
    var value: Double
    var isFever: Bool
  }

  static let feverCelsius = 38.0
  static let feverFahrenheit = 100.4

  /// Every reading. `cueTokens` are the tokens of temperature words; `unitTokens` the first
  /// tokens of time units.
  static func readings(tokens: [TextToken], cueTokens: [Int], unitTokens: Set<Int>) -> [Reading] {
    var found: [Reading] = []
    for (i, token) in tokens.enumerated() {
      guard let value = token.number, !unitTokens.contains(i + 1) else { continue }
      let celsius = (34.0...43.5).contains(value)
      let fahrenheit = (93.0...110.0).contains(value)
      guard celsius || fahrenheit else { continue }
      let nearCue = cueTokens.filter {
        tokens[$0].sentence == token.sentence && $0 >= i - 4 && $0 <= i + 2
      }
      let hasDecimals = token.text.contains(".") || token.text.contains(",")
      guard hasDecimals || !nearCue.isEmpty else { continue }
      let fever = celsius ? value >= feverCelsius : value >= feverFahrenheit
      let first = min(i, nearCue.min() ?? i)
      let last = max(i, nearCue.filter { $0 > i }.max() ?? i)
      found.append(Reading(first: first, last: last, value: value, isFever: fever))
    }
    return found
  }
}
