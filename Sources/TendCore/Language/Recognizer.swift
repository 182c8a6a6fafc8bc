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
  /// For languages written with marks beyond Latin-1 (Vietnamese): the vocabulary with every mark
  /// stripped, used for a message typed without them.
  let plainVocabulary: Vocabulary?
  let rules: [String: PrecautionRule]
  let calendar: Calendar
  let signs: Signs
  let lexicon: Lexicon

  /// - Throws: `CatalogError` when the vocabulary names an unknown rule, site or key.
  public init(
    localizer: Localizer, catalog: Catalog, calendar: Calendar = Calendar(identifier: .gregorian)
  )
    throws(CatalogError)
  {
    let ids = Set(catalog.rules.map(\.id))
    let marked = Self.writtenWithMarks.contains(localizer.table.lang)
    vocabulary = try Vocabulary(localizer: localizer, ruleIDs: ids, marks: marked ? .keep : .latin1)
    plainVocabulary =
      marked ? try Vocabulary(localizer: localizer, ruleIDs: ids, marks: .strip) : nil
    rules = Dictionary(catalog.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.calendar = calendar
    placeFirst = localizer.table.lang.hasPrefix("zh")
    signs = try Signs.load(from: catalog.folder, catalog: catalog)
    lexicon = try Lexicon.load(from: catalog.folder, lang: localizer.table.lang)
    for concept in signs.concepts.sorted()
    where vocabulary.signWords.values.allSatisfy({
      !$0.contains { $0.concept == concept }
    }) {
      throw .malformed(
        file: "Locales/\(localizer.table.lang).json", line: 1, column: 1,
        field: "vocab.sign.\(concept)", reason: "no words for a concept Routines/signs.json uses")
    }
  }

  /// Whether the language names the place before the thing on it (左手的留置针).
  let placeFirst: Bool

  /// Languages whose letters carry marks beyond Latin-1 that people often leave out.
  static let writtenWithMarks: Set<String> = ["vi"]

  /// The vocabulary and the way of reading marks for `text`: in a language written with marks,
  /// a message typed with them is read with every mark kept, one typed without them against
  /// the vocabulary with every mark stripped.
  /// A message where fewer than a quarter of the words carry marks ("me em bi tieu duong, hai
  /// ban chan te rần rần") was typed without them, the odd marked word from a phone's
  /// suggestions aside: it is read with every mark stripped too.
  func reading(_ text: String) -> (Vocabulary, TextTokens.Marks) {
    guard let plainVocabulary else { return (vocabulary, .latin1) }
    var words = 0
    var marked = 0
    for word in text.split(whereSeparator: { !$0.isLetter }) {
      words += 1
      if TextTokens.hasMarks(String(word)) { marked += 1 }
    }
    return marked * 4 >= words && marked > 0 ? (vocabulary, .keep) : (plainVocabulary, .strip)
  }

  /// What `text` says, as of `today` (for "since Monday"), read together with what is already
  /// stored about the person (`profile`): cancer in the bone in the profile and "new back pain,
  /// her legs feel weak" in the words is the spinal-cord red flag.
  public func recognize(_ text: String, today: Date, profile: [Condition] = []) -> Recognition {
    let (vocabulary, marks) = reading(text)
    let tokens = TextTokens.tokenize(text, marks: marks)
    guard !tokens.isEmpty else { return Recognition(conditions: []) }
    let lexicon = lexicon
    let (all, words, fuzzy) = vocabulary.matches(tokens) {
      lexicon.isCommon(TextTokens.stripMarks($0))
    }
    var mentions: [PhraseMatch] = []
    var sites: [PhraseMatch] = []
    var sides: [PhraseMatch] = []
    var symptoms: [PhraseMatch] = []
    var cues: [PhraseMatch] = []
    var dateWords: [PhraseMatch] = []
    // A harmless phrase explains the words inside it: "heart of gold" is not the heart,
    // "tomar el aire" is not the breath.
    let harmless = all.filter { $0.meaning == .known && $0.last > $0.first }
    func explained(_ first: Int, _ last: Int) -> Bool {
      harmless.contains {
        $0.first <= first && $0.last >= last && $0.last - $0.first > last - first
      }
    }
    for match in Self.splitAmounts(all, words: words, tokens: tokens, vocabulary: vocabulary) {
      if Self.isNamed(match), match.meaning != .known, explained(match.first, match.last) {
        continue
      }
      // A side or a place inside a harmless phrase is the phrase's ("right now", "all right",
      // "after breast cancer").
      if case .side = match.meaning, explained(match.first, match.last) { continue }
      if case .site = match.meaning, explained(match.first, match.last) { continue }
      switch match.meaning {
      case .condition: mentions.append(match)
      case .site: sites.append(match)
      case .side: sides.append(match)
      case .symptom: symptoms.append(match)
      case .cue: cues.append(match); dateWords.append(match)
      case .number, .unit, .daysAgo, .weekday, .month: dateWords.append(match)
      case .known: break
      }
    }
    // "another one in his right foot": one more of the condition named last, within the
    // sentence or the one before, read as a mention of its own so it takes its own place.
    // "thêm cái vết loét" (another thing: an ulcer) names its own condition.
    for cue in cues where cue.meaning == .cue(.another) {
      guard !mentions.contains(where: { $0.first > cue.last && $0.first - cue.last <= 2 })
      else { continue }
      if let named = mentions.last(where: {
        $0.last < cue.first && cue.first - $0.last <= 16
          && tokens[cue.first].sentence - tokens[$0.first].sentence <= 1
      }) {
        mentions.append(
          PhraseMatch(meaning: named.meaning, first: cue.first, last: cue.last, fuzzy: false))
      }
    }
    mentions.sort { ($0.first, $0.last) < ($1.first, $1.last) }
    // "since yesterday" is a date; only a "since" that opens a clause of its own ("since the
    // nodes came out") keeps a cue after it from reaching back (`Negation`).
    let dateStarts = Set(
      dateWords.filter {
        switch $0.meaning {
        case .number, .unit, .daysAgo, .weekday, .month: true
        default: false
        }
      }.map(\.first))
    cues.removeAll { cue in
      cue.meaning == .cue(.since)
        && (cue.first + 1...cue.last + 1).contains(where: dateStarts.contains)
    }
    // "put in back in 2021", "six years back": "back" there is a date word, not the back.
    let unitEnds = Set(
      dateWords.filter {
        if case .unit = $0.meaning { true } else { false }
      }.map(\.last))
    sites.removeAll { site in
      cues.contains { cue in
        guard cue.first <= site.first, cue.last >= site.last else { return false }
        let next = cue.last + 1
        let year =
          next < tokens.count && tokens[next].number.map { (1900...2100).contains($0) } == true
        return cue.meaning == .cue(.within) && year
          || cue.meaning == .cue(.ago) && unitEnds.contains(cue.first - 1)
      }
    }
    // Sign concepts read from the words ("tight band round his chest"), kept for later.
    var hits = vocabulary.signHits(words, tokens).filter { !explained($0.first, $0.last) }
    // A blood pressure reading of 180 or more ("210 over 120", "la presión está en 210"; "à 21"
    // in centimetres of mercury, as French speakers say it) is a very high one.
    for hit in hits where hit.concept == "bloodPressure" {
      if let n = Self.number(
        after: hit.last, within: 4, in: tokens,
        where: {
          $0 >= 180 && $0 < 400 || $0 >= 18 && $0 < 30
        })
      {
        hits.append(Signs.Hit(concept: "bpHigh", first: n, last: n))
      }
    }
    // Sentences that say "today" or "in the last days" ("this morning", "au dîner", "anoche").
    let recentSentences = Set(
      hits.filter { $0.concept == "recentDay" }.map { tokens[$0.first].sentence })
    // A denial or past word inside a longer phrase that names something is that phrase's own
    // ("no siente las piernas", "can't lift her arm", "không té", "tuvo un infarto"): it
    // denies or dates nothing around it.
    let wordSpans =
      (mentions + symptoms).map { ($0.first, $0.last) } + hits.map { ($0.first, $0.last) }
    // Any cue inside a harmless phrase is the phrase's ("từng mảng" is patch by patch, not
    // "used to").
    // The cues as matched, before any is taken as a phrase's own: "no es que no le duele"
    // has its second "no" inside a sign phrase ("que no le"), and is still a second denial.
    let cuesAsMatched = cues
    // Where a phrase holds its own denial ("can't feel his feet"), the last word of it.
    var ownDenialEnds = Set<Int>()
    cues.removeAll { cue in
      guard case .cue(let kind) = cue.meaning, kind != .boundary, kind != .reason else {
        return false
      }
      if explained(cue.first, cue.last) { return true }
      // "plus de 3 semaines", "más de 2 años": more than a number, not "no more".
      if kind == .past || kind == .negation, cue.last + 1 < tokens.count,
        tokens[cue.last + 1].number != nil
      {
        return true
      }
      guard kind == .negation || kind == .negationAfter || kind == .past else { return false }
      guard
        let own = wordSpans.first(where: {
          $0.0 <= cue.first && $0.1 >= cue.last && $0.1 - $0.0 > cue.last - cue.first
        })
      else { return false }
      if kind == .negation { ownDenialEnds.insert(own.1) }
      return true
    }
    // "can't feel his feet anymore", "ne sent plus ses pieds du tout": a denial-after right
    // after a phrase that holds its own denial, or says what they cannot do
    // (`vocab.sign.inability`), is that phrase's too ("any more" goes with "can't"); the
    // numbness is there.
    for hit in hits where hit.concept == "inability" {
      for span in wordSpans where span.0 <= hit.first && span.1 >= hit.last && span.1 > hit.last {
        ownDenialEnds.insert(span.1)
      }
    }
    cues.removeAll { cue in
      cue.meaning == .cue(.negationAfter)
        && ownDenialEnds.contains { $0 < cue.first && cue.first - $0 - 1 <= 1 }
    }
    // "a PEG tube since he stopped being able to swallow": a boundary that opens with "since"
    // opens a clause of its own, as "since" does (`Negation`: a cue after it is that clause's).
    cues += cues.compactMap { cue in
      guard cue.meaning == .cue(.boundary), cue.last > cue.first,
        vocabulary.byFirstWord[words[cue.first]]?.contains(where: {
          $0.words.count == 1 && $0.meaning == .cue(.since)
        }) == true
      else { return nil }
      return PhraseMatch(meaning: .cue(.since), first: cue.first, last: cue.first, fuzzy: cue.fuzzy)
    }
    // A denial-after that is itself denied ("un ulcère qui cicatrise pas", "hasn't healed",
    // "chưa lành") says the thing is still there: it takes nothing away.
    // A denial-after that ends in "since" ("no problems since", "rien depuis") tells what came
    // after the thing named next ("no problems since her op 3 weeks ago"): it denies nothing
    // when a mention follows it.
    cues.removeAll { cue in
      guard cue.meaning == .cue(.negationAfter), cue.last > cue.first,
        vocabulary.byFirstWord[words[cue.last]]?.contains(where: {
          $0.words.count == 1 && $0.meaning == .cue(.since)
        }) == true
      else { return false }
      let follows = { (m: PhraseMatch) in
        m.first > cue.last && m.first - cue.last <= 3
          && tokens[m.first].clause == tokens[cue.last].clause
      }
      return mentions.contains(where: follows) || symptoms.contains(where: follows)
    }
    // "It's not that he doesn't have chest pain": a denial after "it's not that" in its
    // sentence (and the words of "not that" themselves) deny nothing.
    // Only when a second denial follows: with none, "it's not that painful" and "không phải
    // là đau ngực" are plain denials.
    // Each span once, decided on the cues as found (one phrase can match twice).
    func isDenial(_ cue: PhraseMatch) -> Bool {
      guard case .cue(let kind) = cue.meaning else { return false }
      return kind == .negation || kind == .negationAfter || kind == .past
    }
    let asFound = cues
    var seenNotThat = Set<[Int]>()
    for notThat in asFound where notThat.meaning == .cue(.notThat) {
      guard seenNotThat.insert([notThat.first, notThat.last]).inserted else { continue }
      let second = cuesAsMatched.contains {
        isDenial($0) && $0.first > notThat.last && $0.first - notThat.last <= 6
          && tokens[$0.first].sentence == tokens[notThat.first].sentence
      }
      guard second else {
        cues.append(
          PhraseMatch(
            meaning: .cue(.negation), first: notThat.first, last: notThat.last,
            fuzzy: notThat.fuzzy))
        continue
      }
      cues.removeAll { cue in
        isDenial(cue) && cue.first >= notThat.first && cue.first - notThat.last <= 6
          && tokens[cue.first].sentence == tokens[notThat.first].sentence
      }
    }
    let denials = cues.filter { $0.meaning == .cue(.negation) }
    cues.removeAll { cue in
      guard cue.meaning == .cue(.negationAfter) else { return false }
      return denials.contains {
        ($0.last + 1 == cue.first || cue.last + 1 == $0.first)
          && tokens[$0.first].clause == tokens[cue.first].clause
      }
    }
    // "for" with no length of time after it gives a reason ("radiotherapy for the bone met"):
    // read as a reason word too.
    // A length of time has a unit ("for a week", "for 3 days", "for years"): "for a bone met"
    // has a number word and no unit, so it is a reason.
    let unitStarts = Set(
      dateWords.filter {
        switch $0.meaning {
        case .unit, .daysAgo, .weekday, .month: true
        default: false
        }
      }.map(\.first))
    cues += cues.filter { cue in
      cue.meaning == .cue(.duration) && cue.first == cue.last
        && !(cue.last + 1...cue.last + 3).contains(where: unitStarts.contains)
    }.map { PhraseMatch(meaning: .cue(.reason), first: $0.first, last: $0.last, fuzzy: $0.fuzzy) }
    let statusable = mentions + symptoms.filter { !Self.contextOnly.contains(Self.kind($0)) }
    let span = Span(text: text, tokens: tokens)
    var build = Build(
      recognizer: self, tokens: tokens, span: span, sites: sites, sides: sides, cues: cues)

    // A sentence that says a finding is long-standing ("always a bit breathless, nothing new")
    // and nothing new: a lasting kind of warning sign named there is asked about, not an
    // emergency (the rule's own words: unchanged long-standing breathlessness is not this rule).
    // The long-standing words must be the finding's own: in its clause or the one just after
    // ("fainted ten minutes ago, … wants his back rub like always" is new).
    let longStandingHits = hits.filter { signs.longStandingConcepts.contains($0.concept) }
    func longStandingSaid(_ match: PhraseMatch) -> Bool {
      longStandingHits.contains { hit in
        tokens[hit.first].sentence == tokens[match.first].sentence
          && (tokens[match.first].clause...tokens[match.last].clause + 1).contains(
            tokens[hit.first].clause)
      }
    }
    let newSaid = Set(
      symptoms.filter { Self.kind($0) == "new" && !explained($0.first, $0.last) }.map {
        tokens[$0.first].sentence
      })

    // Conditions named outright, each present, denied or in the past.
    var present: [(id: String, match: PhraseMatch)] = []
    var pastMentions: [(id: String, match: PhraseMatch, cue: PhraseMatch)] = []
    var removedMentions: [(id: String, match: PhraseMatch)] = []
    // A restart word later in the sentence, after both the mention and the word that stopped
    // it, with no other mention of its own just after it ("stopped warfarin, restarted
    // aspirin" restarts the aspirin).
    func restarted(_ match: PhraseMatch, after cue: PhraseMatch) -> Bool {
      let from = max(match.last, cue.last)
      return cues.contains { again in
        guard again.meaning == .cue(.restart), again.first > from, again.first - from <= 14,
          tokens[again.first].sentence == tokens[match.first].sentence
        else { return false }
        return !statusable.contains {
          $0.first > again.last && $0.first - again.last <= 3 && $0.meaning != match.meaning
            && tokens[$0.first].clause == tokens[again.last].clause
        }
      }
    }
    // A cue that says the thing was taken out: a removal verb, or a removal word of the signs.
    func removalSaid(_ cue: PhraseMatch) -> Bool {
      vocabulary.isRemoval(cue, words)
        || hits.contains {
          $0.concept == "removedWord" && $0.first <= cue.last && $0.last >= cue.first
        }
    }
    for match in mentions {
      guard case .condition(let id) = match.meaning else { continue }
      let episode = ["whole-body", "skin"].contains(rules[id]?.category ?? "")
      switch Negation.status(
        of: match, cues: cues, mentions: statusable, tokens: tokens, episode: episode,
        places: sites)
      {
      case .present
      where Self.lastingKinds.contains(id)
        && longStandingSaid(match)
        && !newSaid.contains(tokens[match.first].sentence):
        build.addUnplaced(Unplaced.Mention(first: match.first, last: match.last, urgent: false))
      case .present: present.append((id, match))
      // A warning sign that has passed ("slurred for ten minutes, better now") still stands:
      // only a denial said before it ("no chest pain") takes a red flag away (DESIGN rule 5).
      case .negated(let cue) where cue.first > match.last && rules[id]?.isRedFlag == true:
        present.append((id, match))
      // "stopped warfarin in May but restarted it last week": going on again.
      case .negated(let cue) where restarted(match, after: cue),
        .past(let cue) where restarted(match, after: cue):
        present.append((id, match))
      case .negated(let cue):
        build.notCounted(id, cue, match, .negated)
        if rules[id]?.removalWhenRecent != nil, removalSaid(cue) {
          removedMentions.append((id, match))
        }
      case .past(let cue):
        pastMentions.append((id, match, cue))
        if rules[id]?.removalWhenRecent != nil, removalSaid(cue) {
          removedMentions.append((id, match))
        }
      }
    }
    // "a lump taken out of her right breast 12 days ago": taking it out was an operation, so a
    // removal dated inside the rule's `removalWhenRecent` time limit is that rule (recent
    // surgery) at the same place, though the thing itself is gone.
    let removalDates = DateWords.attach(
      DateWords.find(
        dateWords, tokens: tokens, mentionStarts: Set(removedMentions.map(\.match.first)),
        today: today, calendar: calendar), to: removedMentions.map(\.match), tokens: tokens)
    for (index, item) in removedMentions.enumerated() {
      guard let days = removalDates[index]?.days, let also = rules[item.id]?.removalWhenRecent,
        rules[also]?.isActive(daysSince: days) == true
      else { continue }
      present.append((also, item.match))
    }
    // Told in the past tense but dated inside the rule's time limit ("tuvo una cirugía hace 10
    // días", "had her knee done 10 days ago"): still in force.
    let pastDates = DateWords.attach(
      DateWords.find(
        dateWords, tokens: tokens, mentionStarts: Set(pastMentions.map(\.match.first)),
        today: today,
        calendar: calendar), to: pastMentions.map(\.match), tokens: tokens)
    for (index, item) in pastMentions.enumerated() {
      // "tuvo una trombosis en marzo, está con Xarelto": the clot's treatment goes on, so the
      // clot's precautions hold (the rule's `heldWhile`).
      if let held = rules[item.id]?.heldWhile,
        present.contains(where: { $0.id == held }) || profile.contains(where: { $0.id == held })
      {
        present.append((item.id, item.match))
        continue
      }
      // "on lui a retiré les ganglions", "had nodes removed two years ago": the removal is the
      // condition itself, and a removal in the past is still one (only a denial takes it away).
      if rules[item.id]?.removalIsTheCondition == true {
        present.append((item.id, item.match))
        continue
      }
      if let days = pastDates[index]?.days, let rule = rules[item.id],
        !vocabulary.isRemoval(item.cue, words),
        rule.activeDays != nil && rule.isActive(daysSince: days)
          || rule.lastsAfterDays.map({ days <= $0 }) == true
          // "she had a stroke last night", "tuvo un infarto el martes": a warning sign of the
          // last week is still one (DESIGN rule 5).
          || rule.isRedFlag && days <= Self.recentRedFlagDays
      {
        present.append((item.id, item.match))
      } else if pastDates[index] == nil, rules[item.id]?.isRedFlag == true,
        recentSentences.contains(tokens[item.match.first].sentence)
      {
        // "elle avait une oppression dans la poitrine après le repas": told in the past, but
        // today.
        present.append((item.id, item.match))
      } else if pastDates[index] == nil, rules[item.id]?.isRedFlag == true {
        // A warning sign in the past with no date ("he had a mini stroke"): Tend cannot tell
        // how long ago, so it asks the care team first instead of dropping it.
        build.notCounted(item.id, item.cue, item.match, .past)
        build.addUnplaced(
          Unplaced.Mention(first: item.match.first, last: item.match.last, urgent: false))
      } else {
        build.notCounted(item.id, item.cue, item.match, .past)
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
    build.mentions = statusable
    build.owners = Placement.owners(
      of: sites,
      // Every mention takes part, a rule without a place too: a place said right after it
      // ("une sonde urinaire fixée sur la cuisse gauche et un pacemaker") is not the next one's.
      mentions: present.filter { rules[$0.id] != nil }.map(\.match),
      tokens: tokens, placeFirst: placeFirst,
      // A reason ("nodes from his right groin for melanoma", read as a reason above): the place
      // before it is not the reason's.
      boundaries: Set(cues.filter(\.meaning.endsReach).map(\.first)),
      // A rule whose place changes nothing (mild arthritis: no site is left out) keeps a place
      // from a rule that leaves it out only when it is clearly its own ("une polyarthrite et
      // là son poignet droit est en pleine poussée": the wrist is the flare's).
      placeless: Set(
        present.filter {
          guard let rule = rules[$0.id] else { return false }
          return rule.site == PrecautionRule.SiteRequirement.none
            || rule.site == .optional && rule.avoid.isEmpty && rule.siteNotes.isEmpty
        }.map(\.match.first)))
    for (index, item) in present.enumerated() {
      // A warning sign dated more than a week back with no past word ("AVC il y a 4 ans"):
      // history, not today's emergency; Tend cannot tell what it left behind, so it asks the
      // care team first (a sign of today in the same message is read on its own).
      if let date = attached[index], date.days > Self.recentRedFlagDays, !date.ongoing,
        rules[item.id]?.isRedFlag == true
      {
        let when = PhraseMatch(
          meaning: .cue(.ago), first: date.first, last: date.last, fuzzy: false)
        build.notCounted(item.id, when, item.match, .past)
        if let known = rules[item.id]?.knownAfterwards {
          // A clot found weeks ago is a known clot now (the table's "had a clot in March").
          build.add(
            known,
            PhraseMatch(
              meaning: .condition(known), first: item.match.first,
              last: item.match.last, fuzzy: false), date: date)
        } else {
          build.addUnplaced(
            Unplaced.Mention(first: item.match.first, last: item.match.last, urgent: false))
        }
        continue
      }
      build.add(item.id, item.match, date: attached[index])
    }

    // "she is 31 wks": a number of weeks after "is" or "at" is how far along a pregnancy is.
    for cue in cues where cue.meaning == .cue(.gestation) {
      let n = cue.last + 1
      guard n + 1 < tokens.count, let weeks = tokens[n].number, (4...42).contains(weeks),
        dateWords.contains(where: { $0.first == n + 1 && $0.meaning == .unit(7) }),
        // "about 4 wks ago" is a date, not how far along she is.
        !cues.contains(where: { $0.first == n + 2 && $0.meaning == .cue(.ago) }),
        !present.contains(where: { $0.id == "pregnancy" })
      else { continue }
      build.addRedFlag(
        RedFlagPatterns.Found(id: "pregnancy", site: nil, first: cue.first, last: n + 1))
    }

    // Temperatures: a reading of 38 °C / 100.4 °F or more is a fever; a lower one denies one.
    let temperatureWords = presentSymptoms.filter { Self.kind($0) == "temperature" }.map(\.first)
    let units = Set(dateWords.compactMap { if case .unit = $0.meaning { $0.first } else { nil } })
    let readings =
      Temperature.readings(tokens: tokens, cueTokens: temperatureWords, unitTokens: units)
      + Temperature.chineseReadings(tokens: tokens, cueTokens: temperatureWords)
    build.applyReadings(readings)

    // Counts read as a condition: an INR of 4 or more ("INR 4 on Tuesday", "her INR is 5.2") is
    // a raised INR, which the rule table lists under low platelets (precautions.md rule 2); a
    // platelet count under 50,000 ("platelets are 20,000", "plt 15", "30k") is low platelets.
    // A white count under 4 (×10⁹/L, or under 4,000 per µL: "WBC 1.2", "白细胞只有1.2",
    // "bạch cầu chỉ 1,1") or neutrophils under 1.5 (or 1,500) is a low white count (rule 3;
    // NCI: neutropenia is an ANC under 1,500).
    let counts: [(concept: String, reach: Int, low: (Double) -> Bool, rule: String)] = [
      ("inr", 3, { $0 >= 4 && $0 < 20 }, "low-platelets"),
      ("platelet", 4, { $0 < 50 || ($0 >= 1000 && $0 < 50000) }, "low-platelets"),
      ("whiteCount", 4, { $0 < 4 || ($0 >= 100 && $0 < 4000) }, "low-white-count"),
      ("neutrophil", 4, { $0 < 1.5 || ($0 >= 100 && $0 < 1500) }, "low-white-count"),
    ]
    for count in counts {
      for hit in hits where hit.concept == count.concept {
        guard let n = Self.number(after: hit.last, within: count.reach, in: tokens),
          let value = tokens[n].number, count.low(value)
        else { continue }
        build.add(
          count.rule,
          PhraseMatch(meaning: .condition(count.rule), first: hit.first, last: n, fuzzy: false),
          date: nil)
      }
    }

    // Red flags described rather than named.
    let stored = Set(profile.map(\.id))
    for flag in RedFlagPatterns.find(
      symptoms: presentSymptoms, sites: sites, conditions: present, stored: stored, tokens: tokens)
    {
      build.addRedFlag(flag)
    }

    // Warning signs composed from everyday concepts ("tight band round his chest").
    let hitMatches = hits.map {
      PhraseMatch(
        meaning: .symptom("sign." + $0.concept), first: $0.first, last: $0.last, fuzzy: false)
    }
    // A concept word that is only part of a longer condition name already read ("blood" in
    // "blood thinners", "heart" in "heart failure") is that name's, not a sign of its own; a
    // word that is the whole mention ("bruises") still counts.
    let named = present.map(\.match).filter { rules[Self.id(of: $0)]?.isRedFlag == false }
    // Each concept word's status is read once: standing (present, or an urgent one denied only
    // after it), then, for most signs, not part of a longer condition name.
    let hitMentions = statusable + hitMatches
    // A sign's word told in the past tense ("au dîner papa avait du mal à articuler", "le
    // apretaba el pecho") stands when its sentence says it was today or in the last days
    // (`recentDay`: "at dinner", "this morning"); a warning sign told in the past with no such
    // word is shown as not understood (ask the care team first), never taken as nothing.
    var pastUrgent: [Int] = []
    let standing = hits.indices.filter { i in
      let urgent = signs.urgentConcepts.contains(hits[i].concept)
      let status = Negation.status(
        of: hitMatches[i], cues: cues, mentions: hitMentions, tokens: tokens)
      if Self.stands(hitMatches[i], urgent: urgent, status) { return true }
      guard case .past = status else { return false }
      if recentSentences.contains(tokens[hits[i].first].sentence) { return true }
      pastUrgent.append(i)
      return false
    }
    let presentHits = standing.filter { i in
      !named.contains {
        $0.first <= hits[i].first && $0.last >= hits[i].last
          && $0.last - $0.first > hits[i].last - hits[i].first
      }
    }.map { hits[$0] }
    let ids = stored.union(build.entries.map(\.condition.id))
    // A sign of something said to be in the past or long-standing ("a stroke years ago … a
    // weak left hand"), with nothing that says it is new, may be what that left behind: Tend cannot tell, so it
    // is not dropped but shown as not understood (ask the care team first).
    let past = Set(build.negated.filter { $0.reason == .past }.map(\.id))
    let saysNew = presentSymptoms.contains { Self.kind($0) == "new" }
    let longStandingSentences = Set(
      presentHits.filter { signs.longStandingConcepts.contains($0.concept) }.map {
        tokens[$0.first].sentence
      })
    // Signs that also read words inside condition names, over every standing concept word.
    let standingAll = standing.map { hits[$0] }
    let found =
      signs.find(presentHits, present: ids, tokens: tokens)
      + signs.find(standingAll, present: ids, tokens: tokens, overNames: true)
    for flag in found {
      // Only a lasting deficit (weakness, numbness, speech after a stroke) is read this way, and
      // only when the words that say "for years" are in the same sentence.
      // Long-standing breathlessness that is unchanged (COPD, heart failure) is not the sudden
      // kind either (the rule's own words).
      // The "for years" words must be the finding's own: in its clauses or the one just after
      // ("her right arm and leg are limp, she has had high blood pressure for years" is new).
      let lasting =
        Self.lastingKinds.contains(flag.id)
        && presentHits.contains { hit in
          signs.longStandingConcepts.contains(hit.concept)
            && tokens[hit.first].sentence == tokens[flag.first].sentence
            && (tokens[flag.first].clause...tokens[flag.last].clause + 1).contains(
              tokens[hit.first].clause)
        }
      if past.contains(flag.id) || lasting, !saysNew {
        build.addUnplaced(Unplaced.Mention(first: flag.first, last: flag.last, urgent: false))
      } else if flag.id == "not-understood-urgent",
        found.contains(where: {
          $0.id != flag.id && rules[$0.id]?.isRedFlag == true
            && tokens[$0.first].sentence == tokens[flag.first].sentence
        })
          || build.entries.contains(where: {
            $0.condition.id != flag.id && rules[$0.condition.id]?.isRedFlag == true
              && tokens[$0.first].sentence == tokens[flag.first].sentence
          })
      {
        // A warning sign already named in the sentence says it all.
        continue
      } else if flag.id == "not-understood-urgent" {
        // The safety net ("worried about his breathing"): shown as not understood, urgent.
        build.addUnplaced(Unplaced.Mention(first: flag.first, last: flag.last, urgent: true))
      } else if let rule = rules[flag.id], !rule.isRedFlag, rule.activeDays != nil {
        // A sign of a rule with a time limit ("le operaron la rodilla (prótesis) hace 2 meses")
        // is dated and placed like the rule named outright.
        let words = PhraseMatch(
          meaning: .condition(flag.id), first: flag.first, last: flag.last, fuzzy: false)
        build.add(flag.id, words, date: DateWords.attach(dates, to: [words], tokens: tokens)[0])
      } else {
        build.addRedFlag(flag)
      }
    }

    // A warning sign that only the words told in the past complete ("il avait du mal à
    // parler", no day said) is asked about: shown as not understood, never dropped.
    if !pastUrgent.isEmpty {
      let withPast = signs.find(
        presentHits + pastUrgent.map { hits[$0] }, present: ids, tokens: tokens)
      for sign in withPast where rules[sign.id]?.isRedFlag == true {
        guard !found.contains(where: { $0.id == sign.id }),
          !build.entries.contains(where: {
            $0.condition.id == sign.id
              && tokens[$0.first].sentence == tokens[sign.first].sentence
          })
        else { continue }
        build.addUnplaced(Unplaced.Mention(first: sign.first, last: sign.last, urgent: false))
      }
    }
    // What could not be placed: raises the verdict, never dropped.
    var covered = [Bool](repeating: false, count: tokens.count)
    for match in all { for i in match.first...match.last { covered[i] = true } }
    // A medical concept word ("seizure", "hypo") is explained only by a sign that read it.
    for hit in hits
    where !signs.medicalConcepts.contains(hit.concept)
      || found.contains(where: { $0.first <= hit.first && $0.last >= hit.last })
    {
      for i in hit.first...hit.last { covered[i] = true }
    }
    // A red-flag-system concept inside words already read as a condition ("numb feet" is
    // neuropathy) is explained; any other one makes an unplaced word in its sentence urgent.
    // A sentence that says the finding is long-standing ("her arms have been getting weaker
    // over the past year", "droopy by evening as usual") and nothing new is not urgent: an
    // unplaced disease there asks the care team first instead.
    let newSentences = Set(
      presentSymptoms.filter { Self.kind($0) == "new" }.map { tokens[$0.first].sentence })
    let urgentSentences = signs.urgentSentences(
      presentHits.filter { hit in
        !named.contains { $0.first <= hit.first && $0.last >= hit.last }
      }, partnersIn: presentHits, tokens: tokens
    ).filter { !longStandingSentences.contains($0) || newSentences.contains($0) }
    let feverish = stored.contains("fever") || build.entries.contains { $0.condition.id == "fever" }
    let namedSpans =
      all.filter(Self.isNamed).map { $0.first...$0.last }
      + hits.filter { hit in
        !signs.medicalConcepts.contains(hit.concept)
          || found.contains(where: { $0.first <= hit.first && $0.last >= hit.last })
      }.map { $0.first...$0.last }
    let unplaced = Unplaced(vocabulary: vocabulary, lexicon: lexicon).find(
      tokens: tokens, words: words, fuzzy: fuzzy, covered: covered, named: namedSpans, span: span,
      urgentSentences: urgentSentences, urgentEverywhere: feverish)
    for mention in unplaced {
      let match = PhraseMatch(
        meaning: .symptom("unplaced"), first: mention.first, last: mention.last, fuzzy: false)
      switch Negation.status(of: match, cues: cues, mentions: statusable, tokens: tokens) {
      case .present: build.addUnplaced(mention)
      // "a cochlear implant last year, it's all healed": a word after a device ("healed",
      // "better now") says the operation is over, not the device; only a denial before it or a
      // removal takes it away.
      case .negated(let cue)
      where cue.first > match.last && !vocabulary.isRemoval(cue, words)
        && Self.namesDevice(mention, words: words, vocabulary: vocabulary):
        build.addUnplaced(mention)
      case .negated(let cue): build.notCounted("not-understood", cue, match, .negated)
      case .past(let cue): build.notCounted("not-understood", cue, match, .past)
      }
    }
    return build.finish(unknownTerms: [])
  }

  /// Whether the words of `mention` hold a hand-listed medical word (`vocab.medicalWord`: an
  /// implant, a pump, a stimulator), the kind of thing that stays in after the operation.
  static func namesDevice(_ mention: Unplaced.Mention, words: [String], vocabulary: Vocabulary)
    -> Bool
  {
    (mention.first...mention.last).contains { i in
      vocabulary.medicalRuns(at: i, in: words).contains { !$0.widen }
    }
  }

  /// Warning signs that can be a lasting state (after a stroke, with COPD) rather than new.
  static let lastingKinds: Set<String> = [
    "sudden-weakness-or-numbness", "breathing-trouble-sudden",
  ]

  /// How many days a warning sign told in the past still stands.
  static let recentRedFlagDays = 7

  /// Symptom kinds that only set context and are never denied by a nearby "no".
  static let contextOnly: Set<String> = ["new", "cancer", "temperature"]

  /// "3 tuần trước" is three weeks ago, not "last week" (tuần trước) after a stray 3: a phrase
  /// for a fixed day back that starts with a unit word, right after a number, is read as that
  /// unit and the "ago" word after it.
  static func splitAmounts(
    _ all: [PhraseMatch], words: [String], tokens: [TextToken], vocabulary: Vocabulary
  ) -> [PhraseMatch] {
    var out: [PhraseMatch] = []
    // A number word before counts as a number ("ba tuần trước", three weeks ago).
    let numberWordEnds = Set(
      all.filter {
        if case .number = $0.meaning { true } else { false }
      }.map(\.last))
    for match in all {
      guard case .daysAgo = match.meaning, match.first > 0, match.last > match.first,
        tokens[match.first - 1].number != nil || numberWordEnds.contains(match.first - 1),
        let unit = vocabulary.byFirstWord[words[match.first]]?.first(where: {
          if case .unit = $0.meaning { $0.words.count == 1 } else { false }
        }),
        vocabulary.byFirstWord[words[match.first + 1]]?.contains(where: {
          $0.meaning == .cue(.ago) && $0.words.count == match.last - match.first
        }) == true
      else {
        out.append(match)
        continue
      }
      out.append(
        PhraseMatch(meaning: unit.meaning, first: match.first, last: match.first, fuzzy: false))
      out.append(
        PhraseMatch(meaning: .cue(.ago), first: match.first + 1, last: match.last, fuzzy: false))
    }
    return out
  }

  /// Whether a sign word counts: present, or an urgent concept (chest, speech, face …) whose
  /// only denial comes after it ("his speech was slurred, it's better now": a passing warning
  /// sign is still one).
  static func stands(_ match: PhraseMatch, urgent: Bool, _ status: Negation.Status) -> Bool {
    switch status {
    case .present: true
    case .negated(let cue), .past(let cue): urgent && cue.first > match.last
    }
  }

  /// The language a message's script says it is written in, when that is one Tend reads and
  /// the script tells it for sure: two or more Chinese characters (zh-Hans), or two or more
  /// letters only Vietnamese uses (ư, ơ, ă, đ, and the letters with a dot below or hook above).
  /// A message in Chinese read with the English words would pass as "nothing medical".
  public static func scriptLanguage(of text: String) -> String? {
    var han = 0
    var viet = 0
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if TextTokens.isIdeograph(v) {
        han += 1
      } else if (0x1EA0...0x1EF9).contains(v)
        || [0x110, 0x111, 0x1AF, 0x1B0, 0x1A0, 0x1A1, 0x102, 0x103]
          .contains(v)
      {
        viet += 1
      }
      if han >= 2 { return "zh-Hans" }
      if viet >= 2 { return "vi" }
    }
    return nil
  }

  /// Whether a match explains words: a condition, a symptom or a known harmless mention (not a
  /// site, side, cue or date).
  static func isNamed(_ match: PhraseMatch) -> Bool {
    switch match.meaning {
    case .condition, .symptom, .known: true
    default: false
    }
  }

  static func id(of match: PhraseMatch) -> String {
    if case .condition(let id) = match.meaning { return id }
    return ""
  }

  static func kind(_ match: PhraseMatch) -> String {
    if case .symptom(let kind) = match.meaning { return kind }
    return ""
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
