import Foundation

/// Reads what a caregiver would tell a nurse ("mum's on warfrin and had her left knee done 10
/// days ago, still a dressing on it") and finds the conditions, sides, sites and dates, the
/// red flags even when explained away, and the medical-looking words it does not know.
///
/// Built once from a language's vocabulary (plus English) and the catalog's rules; then
/// `recognize` is a pure function of the text and today's date. It tokenises once, looks
/// phrases up by their first word, and spends a bounded fuzzy search only on unknown words.
/// Every condition it returns names a rule in the catalog. Nothing it finds is trusted
/// silently: the front doors show it back for the caregiver to confirm.
public struct Recognizer: Sendable {
  public let vocabulary: Vocabulary
  let rules: [String: PrecautionRule]
  let calendar: Calendar

  /// - Throws: `CatalogError` when the vocabulary names an unknown rule, site or key.
  public init(
    localizer: Localizer, catalog: Catalog, calendar: Calendar = Calendar(identifier: .gregorian)
  )
    throws(CatalogError)
  {
    vocabulary = try Vocabulary(localizer: localizer, ruleIDs: Set(catalog.rules.map(\.id)))
    rules = Dictionary(catalog.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.calendar = calendar
  }

  /// What `text` says, as of `today` (for "since Monday").
  public func recognize(_ text: String, today: Date) -> Recognition {
    let tokens = TextTokens.tokenize(text)
    guard !tokens.isEmpty else { return Recognition(conditions: []) }
    let (all, words) = vocabulary.matches(tokens)
    var mentions: [PhraseMatch] = []
    var sites: [PhraseMatch] = []
    var sides: [PhraseMatch] = []
    var symptoms: [PhraseMatch] = []
    var cues: [PhraseMatch] = []
    var dateWords: [PhraseMatch] = []
    for match in all {
      switch match.meaning {
      case .condition: mentions.append(match)
      case .site: sites.append(match)
      case .side: sides.append(match)
      case .symptom: symptoms.append(match)
      case .cue: cues.append(match); dateWords.append(match)
      case .number, .unit, .daysAgo, .weekday: dateWords.append(match)
      case .known: break
      }
    }
    let statusable = mentions + symptoms.filter { !Self.contextOnly.contains(Self.kind($0)) }
    let span = Span(text: text, tokens: tokens)
    var build = Build(
      recognizer: self, tokens: tokens, span: span, sites: sites, sides: sides, cues: cues)

    // Conditions named outright, each present, denied or in the past.
    var present: [(id: String, match: PhraseMatch)] = []
    for match in mentions {
      guard case .condition(let id) = match.meaning else { continue }
      switch Negation.status(of: match, cues: cues, mentions: statusable, tokens: tokens) {
      case .present: present.append((id, match))
      case .negated(let cue): build.notCounted(id, cue, match, .negated)
      case .past(let cue): build.notCounted(id, cue, match, .past)
      }
    }
    let presentSymptoms = symptoms.filter {
      Self.contextOnly.contains(Self.kind($0))
        || Negation.status(of: $0, cues: cues, mentions: statusable, tokens: tokens) == .present
    }

    // Dates, then each condition with its site, side and date.
    let dates = DateWords.find(
      dateWords, tokens: tokens, mentionStarts: Set(present.map(\.match.first)), today: today,
      calendar: calendar)
    let attached = DateWords.attach(dates, to: present.map(\.match), tokens: tokens)
    for (index, item) in present.enumerated() {
      build.add(item.id, item.match, date: attached[index])
    }

    // Temperatures: a reading of 38 °C / 100.4 °F or more is a fever; a lower one denies one.
    let temperatureWords = presentSymptoms.filter { Self.kind($0) == "temperature" }.map(\.first)
    let units = Set(dateWords.compactMap { if case .unit = $0.meaning { $0.first } else { nil } })
    let readings = Temperature.readings(
      tokens: tokens, cueTokens: temperatureWords, unitTokens: units)
    build.applyReadings(readings)

    // Red flags described rather than named.
    for flag in RedFlagPatterns.find(
      symptoms: presentSymptoms, sites: sites, conditions: present, tokens: tokens)
    {
      build.addRedFlag(flag)
    }
    return build.finish(unknownTerms: unknownTerms(tokens, words, all, span))
  }

  /// Symptom kinds that only set context and are never denied by a nearby "no".
  static let contextOnly: Set<String> = ["new", "cancer", "temperature"]

  static func kind(_ match: PhraseMatch) -> String {
    if case .symptom(let kind) = match.meaning { return kind }
    return ""
  }

  /// Words that look medical (a medical ending such as `-osis`, or a word before "disease")
  /// that no phrase covers, in the caregiver's spelling, each once.
  func unknownTerms(_ tokens: [TextToken], _ words: [String], _ all: [PhraseMatch], _ span: Span)
    -> [String]
  {
    var covered = [Bool](repeating: false, count: tokens.count)
    for match in all { for i in match.first...match.last { covered[i] = true } }
    var terms: [String] = []
    var i = 0
    while i < tokens.count {
      defer { i += 1 }
      let word = tokens[i].text
      guard !covered[i], tokens[i].number == nil, words[i] == word,
        !vocabulary.knownWords.contains(word), word.utf8.count >= 4
      else { continue }
      if i + 1 < tokens.count, vocabulary.medicalNouns.contains(words[i + 1]),
        tokens[i + 1].clause == tokens[i].clause
      {
        terms.append(span.text(i, i + 1))
        i += 1
      } else if word.utf8.count >= 6, vocabulary.medicalSuffixes.contains(where: word.hasSuffix) {
        terms.append(span.text(i, i))
      }
    }
    var seen = Set<String>()
    return terms.filter { seen.insert($0.lowercased()).inserted }
  }
}

/// Cuts the caregiver's own words out of the message by token positions.
struct Span: Sendable {
  let text: String
  let tokens: [TextToken]

  func text(_ first: Int, _ last: Int) -> String {
    String(text[tokens[first].range.lowerBound..<tokens[last].range.upperBound])
  }
}
