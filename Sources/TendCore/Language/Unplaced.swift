/// Finds what the recognizer could not place: medical words (a disease, drug, device or
/// procedure) that became part of no recognised condition and no harmless, known mention, and
/// rare words that are neither everyday words nor a typo of one. Each is shown back as not
/// understood and raises the verdict (DESIGN.md safety rule 6): to `not-understood-urgent`
/// (stop, call) when the same sentence touches a red-flag system or the message has a fever,
/// otherwise to `not-understood` (adjust, ask the care team first).
///
/// Names are not medical words: a capitalised word that does not start a sentence and is in no
/// medical list is taken for a name ("Harold", "Appa").
struct Unplaced {
  struct Mention: Sendable {
    var first: Int
    var last: Int
    var urgent: Bool
  }

  let vocabulary: Vocabulary
  let lexicon: Lexicon

  /// - Parameters:
  ///   - covered: tokens that a phrase, a sign concept or a known word already accounts for.
  ///   - urgentSentences: sentences with a present red-flag-system concept.
  ///   - urgentEverywhere: the message has a fever (an unknown medicine could be chemotherapy).
  ///   - named: the spans of conditions' and signs' words; a medical phrase that only overlaps
  ///     a site, a harmless word or a shorter sign word ("bomba de insulina", 刺激器 around 刺)
  ///     still counts.
  func find(
    tokens: [TextToken], words: [String], fuzzy: [Bool], covered: [Bool],
    named: [ClosedRange<Int>] = [], span: Span, urgentSentences: Set<Int>, urgentEverywhere: Bool
  ) -> [Mention] {
    var marked = [Bool](repeating: false, count: tokens.count)
    for i in tokens.indices where !covered[i] && isUnplaced(i, tokens, words, fuzzy, span) {
      marked[i] = true
    }
    // Medical words and phrases ("pump", "máy kích thích") and Chinese medical morphemes (病,
    // 移植, with the character before) not inside a known phrase.
    for i in tokens.indices {
      for run in vocabulary.medicalRuns(at: i, in: words) {
        let range = i..<(i + run.words.count)
        guard
          !named.contains(where: {
            $0.overlaps(range.lowerBound...(range.upperBound - 1)) && $0.count >= range.count
          })
        else { continue }
        for k in range { marked[k] = true }
        if run.widen, i > 0, !covered[i - 1], tokens[i - 1].clause == tokens[i].clause,
          tokens[i - 1].number == nil
        {
          marked[i - 1] = true
        }
      }
    }
    // A head word ("enfermedad", "bệnh", "syndrome") with the word after it.
    for i in tokens.indices {
      for head in vocabulary.medicalHeads[words[i]] ?? [] {
        // A head inside a known phrase ("hiệu thuốc" is a chemist's, "xịt thuốc" using the
        // inhaler) names nothing.
        guard i + head.count <= tokens.count, words[i..<(i + head.count)].elementsEqual(head),
          !(i..<(i + head.count)).contains(where: {
            covered[$0] && !vocabulary.fillers.contains(words[$0])
          })
        else { continue }
        // The name after the head, past small words ("sclérose en plaques", "bệnh của").
        var next = i + head.count
        while next < tokens.count, vocabulary.fillers.contains(words[next]),
          tokens[next].clause == tokens[i].clause
        {
          next += 1
        }
        guard next < tokens.count, tokens[next].clause == tokens[i].clause, !covered[next],
          tokens[next].number == nil
        else {
          continue
        }
        for k in i...next { marked[k] = true }
      }
    }
    // "Xyz disease", "Xyz syndrome": the word before a medical noun.
    for i in tokens.indices.dropFirst()
    where vocabulary.medicalNouns.contains(words[i]) && !covered[i - 1]
      && tokens[i - 1].number == nil
      && tokens[i - 1].clause == tokens[i].clause && !vocabulary.fillers.contains(words[i - 1])
    {
      marked[i - 1] = true
      marked[i] = true
    }
    var mentions: [Mention] = []
    var i = 0
    while i < tokens.count {
      guard marked[i] else {
        i += 1
        continue
      }
      var j = i
      while j + 1 < tokens.count, marked[j + 1], tokens[j + 1].clause == tokens[i].clause { j += 1 }
      let urgent = urgentEverywhere || urgentSentences.contains(tokens[i].sentence)
      mentions.append(Mention(first: i, last: j, urgent: urgent))
      i = j + 1
    }
    return mentions
  }

  /// The English spellings a French or Spanish medical word may have in the terminology: its
  /// ending changed the regular way (-ie → -y, -ia, -a; -ite → -itis; -ose → -osis; -ome → -oma;
  /// -émie → -emia; -ia → -y). With `diseasesOnly`, only the endings of diseases' names (an
  /// everyday adjective such as "biologique" is not one).
  static func cognates(of word: String, diseasesOnly: Bool = false) -> [String] {
    let diseases: [(String, [String])] = [
      ("emie", ["emia", "aemia"]), ("ie", ["y", "ia", "a"]), ("ite", ["itis"]),
      ("ose", ["osis"]), ("ome", ["oma"]),
    ]
    let endings =
      diseases + (diseasesOnly ? [] : [("ia", ["y"]), ("ico", ["ic"]), ("ique", ["ic"])])
    var out: [String] = []
    for (ending, english) in endings where word.hasSuffix(ending) {
      let stem = word.dropLast(ending.count)
      out += english.map { String(stem) + $0 }
    }
    return out
  }

  /// A fond diminutive of an everyday word ("cansadita" is cansada, "poquito" poco).
  static func isDiminutive(_ word: String, _ lexicon: Lexicon) -> Bool {
    for (suffix, base) in [
      ("itas", "as"), ("itos", "os"), ("ita", "a"), ("ito", "o"), ("quito", "co"), ("quita", "ca"),
      ("cita", ""), ("cito", ""),
    ] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
      if lexicon.isCommon(String(word.dropLast(suffix.count)) + base) { return true }
    }
    return false
  }

  /// An everyday word with a Spanish ending that the frequency lists rarely hold: a superlative
  /// ("estresadísima" is estresada) or a verb with its pronouns attached ("calentárselas" is
  /// calentar, "dándole" is dando).
  static func isInflected(_ word: String, _ lexicon: Lexicon) -> Bool {
    for (suffix, bases) in [
      ("isimas", ["as", "es", ""]), ("isimos", ["os", "es", ""]), ("isima", ["a", "e", ""]),
      ("isimo", ["o", "e", ""]),
    ] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
      let stem = String(word.dropLast(suffix.count))
      if bases.contains(where: { lexicon.isCommon(stem + $0) }) { return true }
    }
    for pronoun in [
      "selas", "selos", "sela", "selo", "sele", "seles", "mela", "melo", "tela", "telo", "nosla",
      "noslo", "las", "los", "les", "la", "lo", "le", "me", "te", "se", "nos",
    ] where word.hasSuffix(pronoun) && word.count > pronoun.count + 3 {
      let verb = String(word.dropLast(pronoun.count))
      guard ["ar", "er", "ir", "ando", "iendo"].contains(where: verb.hasSuffix) else { continue }
      if lexicon.isCommon(verb) { return true }
    }
    return false
  }

  private func isUnplaced(
    _ i: Int, _ tokens: [TextToken], _ words: [String], _ fuzzy: [Bool], _ span: Span
  ) -> Bool {
    let token = tokens[i]
    guard token.number == nil, !fuzzy[i] else { return false }
    let word = words[i]
    let length = word.utf8.count
    let bare = TextTokens.stripMarks(word)  // the word lists store words without marks
    // A word of the vocabulary is known, but a medical word that is known only as part of a
    // longer phrase that is not here ("prednisone" from "prednisone skin") is still medical.
    if vocabulary.knownWords.contains(word) {
      return length >= 5
        && lexicon.medical.contains(bare) && !lexicon.isCommonInOwnLanguage(bare)
    }
    // A medical ending ("sarcoidosis", "miastenia") marks a word whatever the lists say.
    if length >= 6, vocabulary.medicalSuffixes.contains(where: word.hasSuffix) { return true }
    // An everyday word of the message's own language is not medical because an English
    // terminology uses it ("piedra" is a stone in Spanish, a fungus in ICD-10-CM).
    // A long word from the terminology (a drug: "méthotrexate") stays medical even when the
    // language's everyday list has it.
    // So does a disease's name with its English ending changed ("sclérodermie", scleroderma).
    if lexicon.isCommonInOwnLanguage(bare),
      !(length >= 9
        && (lexicon.medical.contains(bare)
          || Self.cognates(of: bare, diseasesOnly: true).contains(where: lexicon.medical.contains)))
    {
      return false
    }
    if length >= 5, lexicon.medical.contains(bare) { return true }
    // A French or Spanish name of a disease the English terminology holds with its English
    // ending ("sclérodermie" is scleroderma, "arthrite" arthritis, "lymphome" lymphoma).
    if length >= 7, bare.unicodeScalars.allSatisfy({ $0.isASCII }),
      Self.cognates(of: bare).contains(where: lexicon.medical.contains)
    {
      return true
    }
    // A rare word: neither everyday nor a typo of an everyday word, and not a name.
    guard length >= 5, !lexicon.common.isEmpty, bare.unicodeScalars.allSatisfy({ $0.isASCII }),
      !lexicon.isCommon(bare), !lexicon.isTypoOfCommon(bare), !Self.isDiminutive(bare, lexicon),
      !Self.isInflected(bare, lexicon)
    else { return false }
    let original = span.text(i, i)
    let startsSentence = i == 0 || tokens[i - 1].sentence != token.sentence
    if let first = original.unicodeScalars.first, first.properties.isUppercase, !startsSentence {
      return false
    }
    return true
  }
}
