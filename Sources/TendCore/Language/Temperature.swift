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

  /// Chinese numerals for a temperature written in characters: 三十八度五 (38.5), 三十九度,
  /// 三十八点五度, 烧到四十度.
  static let chineseDigits: [String: Int] = [
    "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9,
  ]

  /// Readings written in Chinese numerals next to a temperature word.
  static func chineseReadings(tokens: [TextToken], cueTokens: [Int]) -> [Reading] {
    var found: [Reading] = []
    var i = 0
    while i < tokens.count {
      // A run like 三十八: tens digit, 十, units digit.
      var j = i
      var value = 0
      var seen = false
      if let d = chineseDigits[tokens[j].text], j + 1 < tokens.count, tokens[j + 1].text == "十" {
        value = d * 10
        j += 2
        seen = true
      } else if tokens[j].text == "十" {
        value = 10
        j += 1
        seen = true
      }
      guard seen else {
        i += 1
        continue
      }
      if j < tokens.count, let d = chineseDigits[tokens[j].text] {
        value += d
        j += 1
      }
      var reading = Double(value)
      var last = j - 1
      // 三十八度五 or 三十八点五(度).
      if j < tokens.count, tokens[j].text == "度" || tokens[j].text == "点" {
        last = j
        if j + 1 < tokens.count, let d = chineseDigits[tokens[j + 1].text] {
          reading += Double(d) / 10
          last = j + 1
        } else if j + 1 < tokens.count, tokens[j + 1].text == "半" {
          reading += 0.5
          last = j + 1
        }
      }
      let sentence = tokens[i].sentence
      let nearCue = cueTokens.filter {
        tokens[$0].sentence == sentence && $0 >= i - 4 && $0 <= last + 1
      }
      if (34.0...43.5).contains(reading), !nearCue.isEmpty {
        found.append(
          Reading(
            first: min(i, nearCue.min() ?? i), last: max(last, nearCue.max() ?? last),
            value: reading, isFever: reading >= feverCelsius))
      }
      i = last + 1
    }
    return found
  }
}
