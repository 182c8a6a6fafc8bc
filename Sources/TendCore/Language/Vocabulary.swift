/// The words the recognizer knows, read from the `vocab.*` list keys of one language plus
/// English, and indexed by each phrase's first word.
///
/// Keys (each a list of phrases): `vocab.condition.<rule-id>`, `vocab.site.<site>`,
/// `vocab.side.left|right`, `vocab.symptom.<kind>`, `vocab.cue.<cue>`, `vocab.number.<n>`,
/// `vocab.unit.<days-per-unit>`, `vocab.daysAgo.<n>`, `vocab.weekday.<1-7, Sunday first>`, `vocab.month.<1-12>`,
/// `vocab.common` (everyday words), `vocab.filler` (words a phrase may skip), `vocab.known`
/// (medical words that need no rule), `vocab.medicalSuffix` and `vocab.medicalNoun` (what
/// makes an unknown word look medical). An unknown `vocab.*` key, rule id or site is an error:
/// the vocabulary fails closed like the rest of the data.
public struct Vocabulary: Sendable {
  /// What a phrase means.
  public enum Meaning: Hashable, Sendable {
    case condition(String)
    case site(BodySite)
    case side(Side)
    case symptom(String)
    case cue(Cue)
    case number(Int)
    /// A unit of time, in days (`week` = 7).
    case unit(Int)
    /// A day a fixed number of days back (`yesterday` = 1, `last week` = 7).
    case daysAgo(Int)
    /// A weekday, 1 = Sunday … 7 = Saturday (Foundation's numbering).
    case weekday(Int)
    /// A month of the year, 1 = January … 12 = December ("in March", "desde marzo").
    case month(Int)
    /// A medical word that needs no precaution rule (`diabetes`, `metformin`).
    case known

    /// Matches of one category never overlap; matches of different categories may.
    /// A cue that ends a negation's reach: a boundary, or a reason word.
    var endsReach: Bool { self == .cue(.boundary) || self == .cue(.reason) }

    var category: Int {
      switch self {
      case .condition, .known: 0
      case .site: 1
      case .side: 2
      case .symptom: 3
      case .cue: 4
      case .number, .unit, .daysAgo, .weekday, .month: 5
      }
    }
  }

  /// Small words that steer the meaning of what is near them.
  public enum Cue: String, Sendable, CaseIterable {
    /// "no", "isn't on", "without": the next mention is not there.
    case negation
    /// "ruled out", "anymore", "is gone": the mention before is not there.
    case negationAfter
    /// "used to", "finished", "stopped": the next mention is in the past.
    case past
    /// "probably from", "just from": an explanation that never cancels a red flag.
    case dismissal
    /// Words that end a negation's reach ("but", "and", "though").
    case boundary
    /// "ago" after an amount of time; `agoBefore` ("hace") before it.
    case ago, agoBefore
    /// "since Monday"; "for three weeks"; "in 2019".
    case since, duration, within
    /// "it", "there": the mention is where the previous one was ("still a dressing on it").
    case reference
    /// "took … out", "had … out": a mention between the two was removed (in the past).
    case removedBefore, removedAfter
    /// "she is", "at" before "31 wks": a number of weeks that is a pregnancy.
    case gestation
    /// "down to", "running down", "hasta", "jusqu'au", "一直到": the place after it is reached
    /// from the place before ("behind the knee and down the calf"): both are the mention's.
    case extent
    /// "para", "pour", "to treat": what comes after is the reason for the mention before
    /// ("la radiothérapie pour la métastase est finie": the radiotherapy is what finished). It
    /// ends a negation's reach as a boundary does. In English the reason word is "for" with no
    /// length of time after it, a `duration` cue read as a reason by the recognizer.
    case reason
    /// "another one", "un autre", "另一个": one more of the condition named just before, in a
    /// place of its own ("an IV in his left hand and another one in his right foot").
    case another
    /// "restarted it", "se lo volvieron a poner", "on le lui a remis", "接着吃", "cho uống
    /// lại": what was stopped before it in the sentence is going on again.
    case restart
    /// "it's not that", "no es que", "ce n'est pas que", "不是说", "không phải là": the denial
    /// after it is denied ("it's not that he doesn't have chest pain"): it takes nothing away.
    case notThat
  }

  struct Phrase: Sendable {
    var words: [String]
    var meaning: Meaning
  }

  let byFirstWord: [String: [Phrase]]
  /// Every word of every phrase, the everyday words and the fillers.
  let knownWords: Set<String>
  let fillers: Set<String>
  /// Longer vocabulary words that a misspelling may be matched to, by first letter.
  let fuzzyCandidates: [UInt8: [[UInt8]]]
  let medicalSuffixes: [String]
  let medicalNouns: Set<String>
  /// Spellings read as another word (`vocab.alias`: "cannot=cant").
  let aliases: [String: String]
  /// `vocab.sign.<concept>`: everyday words for the concepts warning signs are made of,
  /// indexed by first word; matched apart from the phrases above, overlaps allowed.
  let signWords: [String: [(concept: String, words: [String])]]
  /// `vocab.medicalWord` (words or phrases that are medical whatever the terminology says:
  /// implant, pump, "máy kích thích") and `vocab.medicalMorpheme` (characters or runs that mark
  /// Chinese words as medical: 病, 炎, 移植, which also take the character before), by first word.
  let medicalRuns: [String: [(words: [String], widen: Bool)]]
  /// Every removal cue's words (`vocab.cue.removedBefore`), also those read as past cues.
  let removals: Set<[String]>
  /// `vocab.medicalHead`: words that start a medical name in languages that put the noun first
  /// ("enfermedad de …", "bệnh …"), by first word.
  let medicalHeads: [String: [[String]]]

  /// Reads the vocabulary of `localizer`'s language and of its English fallback.
  /// - Throws: `CatalogError.malformed` naming the locale file, line and key for an unknown key,
  ///   rule id or site.
  /// - Parameter marks: how the phrases' marks are read, the same way as the messages they
  ///   are matched against (see `TextTokens.Marks`).
  public init(localizer: Localizer, ruleIDs: Set<String>, marks: TextTokens.Marks = .latin1)
    throws(CatalogError)
  {
    // A vocabulary compiled before from exactly these words, rules and program, when a front
    // door keeps one (`RecognizerCache`); otherwise, and after, it is built and kept.
    let slot = RecognizerCache.Slot(localizer: localizer, ruleIDs: ruleIDs, marks: marks)
    if let cached = slot?.load() {
      self = cached
      return
    }
    var phrases: [Phrase] = []
    var siteWords: [[String]: [BodySite]] = [:]
    var known = Set<String>()
    var fillers = Set<String>()
    var suffixes: [String] = []
    var nouns = Set<String>()
    var fuzzy = Set<String>()
    var signs: [String: [(concept: String, words: [String])]] = [:]
    var medicalWords: [[String]] = []
    var heads: [[String]] = []
    var morphemes: [[String]] = []
    // `vocab.alias`: "variant=word" pairs, other spellings read as that word ("cannot=cant"),
    // in messages and phrases alike; the message's language first.
    var aliases: [String: String] = [:]
    for table in [localizer.table, localizer.fallback].compactMap({ $0 }) {
      guard case .list(let pairs)? = table.values["vocab.alias"] else { continue }
      for pair in pairs {
        let parts = pair.split(separator: "=", maxSplits: 1).map {
          TextTokens.words(String($0), marks: marks)
        }
        guard parts.count == 2, parts[0].count == 1, parts[1].count == 1 else {
          throw .malformed(
            file: "Locales/\(table.lang).json", line: table.lines["vocab.alias"] ?? 1, column: 1,
            field: "vocab.alias", reason: "expected one word=one word, found \"\(pair)\"")
        }
        if aliases[parts[0][0]] == nil { aliases[parts[0][0]] = parts[1][0] }
      }
    }
    self.aliases = aliases
    // `vocab.unmarkedAmbiguous`: one-syllable words that, written without their marks, are
    // mostly another everyday word ("roi" is rồi, already, far more often than rơi, dropped):
    // read without marks, no one-word phrase of them counts; phrases of several words still do.
    var ambiguous = Set<String>()
    if marks == .strip, case .list(let list)? = localizer.table.values["vocab.unmarkedAmbiguous"] {
      for word in list { ambiguous.formUnion(TextTokens.words(word, marks: marks)) }
    }
    // `vocab.notEnglish`: everyday words of the message's language that the English fallback
    // must not read as English ("tía" is an aunt in Spanish, not a TIA): one-word English
    // phrases of these words are left out.
    var notEnglish = Set<String>()
    if localizer.fallback != nil, case .list(let list)? = localizer.table.values["vocab.notEnglish"]
    {
      for word in list { notEnglish.formUnion(TextTokens.words(word, marks: marks)) }
    }
    // `vocab.droppedWord`: words speakers leave out of the language's phrases ("ne" and "n'"
    // in spoken French: "elle arrive pas à respirer" is "elle n'arrive pas à respirer"): each
    // phrase of a finding (a sign, a condition, a symptom) holding one is also read without it,
    // when two words or more are left. Cues are not: "c'est plus" is "it is more" as often as
    // "it is no longer", so a denial is only read as written.
    var dropped = Set<String>()
    if case .list(let list)? = localizer.table.values["vocab.droppedWord"] {
      for word in list { dropped.formUnion(TextTokens.words(word, marks: marks)) }
    }
    for table in [localizer.table, localizer.fallback].compactMap({ $0 }) {
      let isFallback = table.lang != localizer.table.lang
      // Only the `vocab.*` keys are sorted: the same order, a sixth of the keys.
      for (key, value) in table.values.filter({ $0.key.hasPrefix("vocab.") }).sorted(by: {
        $0.key < $1.key
      }) {
        guard case .list(let list) = value else { continue }
        let file = "Locales/\(table.lang).json"
        let bad = { (reason: String) -> CatalogError in
          .malformed(file: file, line: table.lines[key] ?? 1, column: 1, field: key, reason: reason)
        }
        let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
        let name = parts.count > 2 ? parts[2] : ""
        var lists = list.map { TextTokens.words($0, marks: marks).map { aliases[$0] ?? $0 } }
          .filter { !$0.isEmpty && !($0.count == 1 && ambiguous.contains($0[0])) }
          .filter { !(isFallback && $0.count == 1 && notEnglish.contains($0[0])) }
        if !isFallback, !dropped.isEmpty, ["sign", "condition", "symptom"].contains(parts[1]) {
          let shorter = lists.map { $0.filter { !dropped.contains($0) } }.filter { $0.count >= 2 }
          let known = Set(lists)
          lists += Set(shorter).subtracting(known).sorted { $0.lexicographicallyPrecedes($1) }
        }
        var meaning: Meaning?
        switch parts[1] {
        case "condition":
          guard ruleIDs.contains(name) else { throw bad("no precaution rule \"\(name)\"") }
          meaning = .condition(name)
          lists.forEach { fuzzy.formUnion($0) }
        case "site":
          guard let site = BodySite(rawValue: name) else { throw bad("no body site \"\(name)\"") }
          for words in lists { siteWords[words, default: []].append(site) }
          lists.forEach { fuzzy.formUnion($0) }
        case "side":
          guard let side = Side(rawValue: name) else { throw bad("no side \"\(name)\"") }
          meaning = .side(side)
        case "symptom":
          meaning = .symptom(name)
          lists.forEach { fuzzy.formUnion($0) }
        case "cue":
          guard let cue = Cue(rawValue: name) else { throw bad("no cue \"\(name)\"") }
          meaning = .cue(cue)
        case "number", "unit", "daysAgo", "weekday", "month":
          guard let n = Int(name) else { throw bad("expected a number after \(parts[1])") }
          let kinds: [String: Meaning] = [
            "number": .number(n), "unit": .unit(n), "daysAgo": .daysAgo(n), "weekday": .weekday(n),
            "month": .month(n),
          ]
          meaning = kinds[parts[1]]
        case "known": meaning = .known
        case "alias" where name.isEmpty: break  // read above
        case "unmarkedAmbiguous" where name.isEmpty: break  // read above
        case "notEnglish" where name.isEmpty: break  // read above
        case "droppedWord" where name.isEmpty: break  // read above
        case "common": lists.forEach { known.formUnion($0) }
        case "filler": lists.forEach { fillers.formUnion($0) }
        case "medicalSuffix": suffixes += list.map { $0.lowercased() }
        case "medicalNoun": lists.forEach { nouns.formUnion($0) }
        case "sign":
          guard !name.isEmpty else { throw bad("expected vocab.sign.<concept>") }
          for words in lists { signs[words[0], default: []].append((name, words)) }
          // Only long sign words take typos: a short one would catch everyday words
          // ("peeling" is one edit from "peeing").
          lists.forEach { fuzzy.formUnion($0.filter { $0.utf8.count >= 8 }) }
        case "medicalWord": medicalWords += lists
        case "medicalHead": heads += lists
        case "medicalMorpheme": morphemes += lists
        default: throw bad("unknown vocabulary key")
        }
        if let meaning {
          phrases += lists.map { Phrase(words: $0, meaning: meaning) }
        }
      }
    }
    // A word filed under two sites (elbow: upper arm and forearm) means the nearest site that
    // holds both (the arm): stricter is always allowed.
    for (words, sites) in siteWords.sorted(by: {
      $0.key.joined(separator: " ") < $1.key.joined(separator: " ")
    }) {
      phrases.append(Phrase(words: words, meaning: .site(Self.commonSite(sites.sorted()))))
    }
    // A removal that is also a past cue ("le quitaron") is read as the past cue, so it takes
    // the mention after it on its own ("le quitaron la sonda"); it is still known as a removal (never promoted to
    // present by a recent date).
    let pastWords = Set(phrases.filter { $0.meaning == .cue(.past) }.map(\.words))
    removals = Set(phrases.filter { $0.meaning == .cue(.removedBefore) }.map(\.words))
    // Likewise a denial-after that is also a past cue: a past cue reaches both ways.
    phrases.removeAll {
      ($0.meaning == .cue(.removedBefore) || $0.meaning == .cue(.negationAfter))
        && pastWords.contains($0.words)
    }
    var index: [String: [Phrase]] = [:]
    for phrase in phrases {
      index[phrase.words[0], default: []].append(phrase)
      known.formUnion(phrase.words)
    }
    byFirstWord = index.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    for list in signs.values { for entry in list { known.formUnion(entry.words) } }
    // A medical word is read as itself, never as a typo of another ("bomba" is not "bombea").
    for run in medicalWords { known.formUnion(run) }
    knownWords = known.union(fillers).union(nouns)
    self.fillers = fillers
    medicalSuffixes = suffixes.sorted { $0.count > $1.count }
    medicalNouns = nouns
    signWords = signs
    var runs: [String: [(words: [String], widen: Bool)]] = [:]
    for run in medicalWords { runs[run[0], default: []].append((run, false)) }
    for run in morphemes { runs[run[0], default: []].append((run, true)) }
    medicalRuns = runs
    medicalHeads = Dictionary(grouping: heads, by: { $0[0] })
    var candidates: [UInt8: [[UInt8]]] = [:]
    for word in fuzzy.sorted() where word.utf8.count >= 6 {
      candidates[word.utf8.first!, default: []].append(Array(word.utf8))
    }
    fuzzyCandidates = candidates
    slot?.store(self)
  }

  /// The nearest site that holds every one of `sites`; when none holds them all (groin: belly
  /// and thigh), the whole limb of the one in a limb, else the first in `BodySite` order.
  static func commonSite(_ sites: [BodySite]) -> BodySite {
    guard var best = sites.first else { return .arm }
    for site in sites.dropFirst() where !site.isWithin(best) {
      if let shared = best.selfAndAncestors.first(where: { site.isWithin($0) }) {
        best = shared
      } else if best.limb == nil, let limb = site.limb {
        // No part holds both (the groin: belly and thigh): the whole limb, stricter than
        // either (nodes taken from the groin leave out the leg).
        best = limb
      }
    }
    return best
  }
}

extension Vocabulary {
  /// The medical words and morphemes (`medicalRuns`) whose words stand in `words` from `i` on.
  func medicalRuns(at i: Int, in words: [String]) -> [(words: [String], widen: Bool)] {
    (medicalRuns[words[i]] ?? []).filter { run in
      i + run.words.count <= words.count
        && words[i..<(i + run.words.count)].elementsEqual(run.words)
    }
  }
}
