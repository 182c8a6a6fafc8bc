/// A phrase found in a message: what it means and which tokens it covers.
public struct PhraseMatch: Sendable, Hashable {
  public var meaning: Vocabulary.Meaning
  /// First and last token index, inclusive.
  public var first: Int
  public var last: Int
  /// Whether a misspelling was read as a vocabulary word to find it.
  public var fuzzy: Bool
}

extension Vocabulary {
  /// Each token's word as the vocabulary knows it: the token itself when it is a known word;
  /// otherwise the nearest vocabulary word of six letters or more with the same first letter,
  /// within an edit distance scaled to that word's length (1 up to eight letters, 2 beyond);
  /// otherwise the token itself. Only unknown words pay for the fuzzy search, and an everyday
  /// word of the language (`isEveryday`) is read as another word only when they differ in their
  /// ending ("fourmillent" is "fourmille"; "peeling" is not "peeing").
  func resolve(_ tokens: [TextToken], isEveryday: (String) -> Bool = { _ in false }) -> (
    words: [String], fuzzy: [Bool]
  ) {
    var words: [String] = []
    var fuzzy: [Bool] = []
    words.reserveCapacity(tokens.count)
    fuzzy.reserveCapacity(tokens.count)
    for token in tokens {
      let text = aliases[token.text] ?? token.text
      let bytes = text.utf8
      // A short word (3-4 letters) is read as another only when two letters next to each
      // other were swapped ("cnat" is "cant"): the commonest slip, and never a new word.
      if token.number == nil, (3...4).contains(bytes.count), byFirstWord[text] == nil,
        !knownWords.contains(text), !isEveryday(text),
        let swapped = swapped(Array(bytes))
      {
        words.append(swapped)
        fuzzy.append(true)
        continue
      }
      guard token.number == nil, bytes.count >= 5, byFirstWord[text] == nil,
        !knownWords.contains(text), let candidates = fuzzyCandidates[bytes.first!]
      else {
        words.append(text)
        fuzzy.append(false)
        continue
      }
      let a = Array(bytes)
      let everyday = isEveryday(text)
      var best: [UInt8]?
      var bestDistance = 3
      for b in candidates {
        if everyday {
          let shared = zip(a, b).prefix { $0 == $1 }.count
          // Two letters of ending apart only for long words ("fourmillent", "fourmille").
          let slack = max(a.count, b.count) >= 9 ? 2 : 1
          guard shared >= min(a.count, b.count) - slack else { continue }
        }
        let limit = min(b.count >= 9 ? 2 : 1, bestDistance - 1)
        guard limit >= 0, abs(a.count - b.count) <= limit else { continue }
        let d = Self.distance(a, b, limit: limit)
        if d <= limit {
          best = b
          bestDistance = d
        }
      }
      if let best {
        words.append(String(decoding: best, as: UTF8.self))
        fuzzy.append(true)
      } else {
        words.append(text)
        fuzzy.append(false)
      }
    }
    return (words, fuzzy)
  }

  /// Every phrase in the message. Within one category (conditions, sites, sides, symptoms, cues,
  /// dates) matches never overlap: left to right, the longest phrase starting at a word wins.
  /// Between two words of a phrase up to two filler words may stand ("pain in *her* chest"),
  /// never across a sentence break.
  func matches(_ tokens: [TextToken], isEveryday: (String) -> Bool = { _ in false }) -> (
    matches: [PhraseMatch], words: [String], fuzzy: [Bool]
  ) {
    let (words, fuzzy) = resolve(tokens, isEveryday: isEveryday)
    var found: [PhraseMatch] = []
    var nextFree = [Int](repeating: 0, count: 7)
    for i in tokens.indices {
      guard let candidates = byFirstWord[words[i]] else { continue }
      var taken = [Bool](repeating: false, count: 7)
      for phrase in candidates {
        let category = phrase.meaning.category
        // Dates are read word for word: "三个月" (three months) is not "三月" (March).
        guard !taken[category], i >= nextFree[category],
          let last = end(of: phrase.words, at: i, words, tokens, gaps: category != 5)
        else { continue }
        taken[category] = true
        nextFree[category] = last + 1
        let isFuzzy = fuzzy[i...last].contains(true)
        found.append(PhraseMatch(meaning: phrase.meaning, first: i, last: last, fuzzy: isFuzzy))
        // A place word listed under two sites ("elbow": upper arm and forearm, "wrist": forearm
        // and hand) is both.
        if case .site = phrase.meaning {
          for other in candidates
          where other.words == phrase.words && other.meaning != phrase.meaning
            && other.meaning.category == category
          {
            found.append(
              PhraseMatch(meaning: other.meaning, first: i, last: last, fuzzy: isFuzzy))
          }
        }
      }
    }
    return (found, words, fuzzy)
  }

  /// Whether a past cue's words are also a removal ("le quitaron", "took"): something taken out
  /// on Friday is gone, not a recent event still in force.
  func isRemoval(_ cue: PhraseMatch, _ words: [String]) -> Bool {
    removals.contains(Array(words[cue.first...cue.last]))
  }

  /// The index of the last token of `phrase` when it starts at `start`, or nil.
  func end(
    of phrase: [String], at start: Int, _ words: [String], _ tokens: [TextToken],
    gaps: Bool = true
  ) -> Int? {
    var j = start
    let sentence = tokens[start].sentence
    for k in 1..<phrase.count {
      var next = j + 1
      var skipped = 0
      while next < words.count, tokens[next].sentence == sentence, words[next] != phrase[k] {
        guard gaps, skipped < 2, fillers.contains(words[next]) else { return nil }
        skipped += 1
        next += 1
      }
      guard next < words.count, tokens[next].sentence == sentence else { return nil }
      j = next
    }
    return j
  }

  /// Every concept of `vocab.sign.*` in the message, overlaps allowed (one word may belong to
  /// several concepts: "tight" is discomfort and swelling).
  func signHits(_ words: [String], _ tokens: [TextToken]) -> [Signs.Hit] {
    var hits: [Signs.Hit] = []
    for i in tokens.indices {
      guard let candidates = signWords[words[i]] else { continue }
      var seen = Set<String>()
      for (concept, phrase) in candidates.sorted(by: { $0.words.count > $1.words.count }) {
        guard !seen.contains(concept) else { continue }
        let last = phrase.count == 1 ? i : end(of: phrase, at: i, words, tokens)
        guard let last else { continue }
        seen.insert(concept)
        hits.append(Signs.Hit(concept: concept, first: i, last: last))
      }
    }
    return hits
  }

  /// The one word that starts a vocabulary phrase and is `word` with two neighbouring letters
  /// swapped, if exactly one is.
  func swapped(_ word: [UInt8]) -> String? {
    var found: String?
    for i in 0..<(word.count - 1) where word[i] != word[i + 1] {
      var w = word
      w.swapAt(i, i + 1)
      let text = String(decoding: w, as: UTF8.self)
      guard byFirstWord[text] != nil else { continue }
      if found != nil { return nil }
      found = text
    }
    return found
  }

  /// Optimal-string-alignment distance, or `limit + 1` as soon as it must exceed `limit`.
  static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = i
      for j in 1...b.count {
        var d = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d = min(d, before[j - 2] + 1)
        }
        current[j] = d
        rowMin = min(rowMin, d)
      }
      if rowMin > limit { return limit + 1 }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }
}
