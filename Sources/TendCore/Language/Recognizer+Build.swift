/// Assembles a `Recognition` from the pieces the recognizer found: places each mention on the
/// body, dates it, folds in temperature readings and described red flags, and removes
/// duplicates (a mention with a site replaces the same mention without one).
struct Build {
  struct Entry {
    var condition: Condition
    var first: Int
    var last: Int
  }

  let recognizer: Recognizer
  let tokens: [TextToken]
  let span: Span
  let sites: [PhraseMatch]
  let sides: [PhraseMatch]
  let cues: [PhraseMatch]
  /// Which mention each site belongs to (site start → mention start), see `Placement.owners`.
  var owners: [Int: Int] = [:]
  /// Every condition and symptom mention, for the "nothing else named between" tests.
  var mentions: [PhraseMatch] = []
  var entries: [Entry] = []
  var negated: [Recognition.NotCounted] = []
  var unplaced: [Recognition.NotUnderstood] = []

  init(
    recognizer: Recognizer, tokens: [TextToken], span: Span, sites: [PhraseMatch],
    sides: [PhraseMatch], cues: [PhraseMatch]
  ) {
    self.recognizer = recognizer
    self.tokens = tokens
    self.span = span
    self.sites = sites
    self.sides = sides
    self.cues = cues
  }

  /// A mention that does not count; `cue` may stand before or after the mention.
  mutating func notCounted(
    _ id: String, _ cue: PhraseMatch, _ mention: PhraseMatch,
    _ reason: Recognition.NotCounted.Reason
  ) {
    let first = min(cue.first, mention.first)
    let last = max(cue.last, mention.last)
    negated.append(.init(id: id, matched: span.text(first, last), reason: reason))
  }

  /// Mentions with no place word next to them ("a port on the right"): a lone side nearer to
  /// one of them is that one's.
  var unsited: [PhraseMatch] {
    mentions.filter { m in
      !sites.contains { s in
        tokens[s.first].clause == tokens[m.first].clause
          && (s.first > m.last ? s.first - m.last : m.first - s.last) <= 3
      }
    }
  }

  /// A condition named outright, placed by the site and side words near it.
  mutating func add(_ id: String, _ match: PhraseMatch, date: DateWords.Mention?) {
    guard let rule = recognizer.rules[id] else { return }
    var first = match.first
    var last = match.last
    func extend(_ m: PhraseMatch) {
      first = min(first, m.first)
      last = max(last, m.last)
    }
    var site: BodySite?
    var side: Side?
    var joined: (BodySite, Side?, PhraseMatch)?
    var placedBy: PhraseMatch?
    var laterPlace: PhraseMatch?
    var usualOnSide: BodySite?
    if rule.site != .none {
      if let found = Placement.site(
        for: match, sites: sites, tokens: tokens, preferLimb: rule.defaultSite?.limb != nil,
        owners: owners, wholeLimb: rule.avoid.contains(.margin(.limb)),
        placeFirst: recognizer.placeFirst)
        // A sign's words may hold the place ("la rodilla izquierda (prótesis)").
        ?? sites.first(where: { $0.first >= match.first && $0.last <= match.last }),
        case .site(let s) = found.meaning
      {
        site = s
        placedBy = found
        extend(found)
        let ownSide = Placement.side(of: found, sides: sides, tokens: tokens, sites: sites)
        if let other = owners[found.first], other != match.first,
          let (said, words) = Placement.loneSide(
            near: match, sides: sides, tokens: tokens, others: unsited),
          said != ownSide?.0, let usual = rule.defaultSite
        {
          // "her left arm has the fistula and the right has a PICC": another mention's limb,
          // and a side of its own said near this one: its usual place on that side.
          site = usual
          side = said
          placedBy = nil
          extend(words)
        } else if let (said, words) = ownSide {
          side = said
          extend(words)
        } else if let (said, words) = sideOfSamePart(after: found, site: s) {
          // "a cracked heel on his left foot": the side said for the larger part it is on.
          side = said
          extend(words)
        }
        joined = joinedSite(after: found, mention: match, side: side)
        if joined == nil, found.last < match.first,
          let start = Placement.rangeStart(before: found, sites: sites, tokens: tokens, cues: cues),
          case .site(let s0) = start.meaning
        {
          let said = Placement.side(of: start, sides: sides, tokens: tokens, sites: sites)?.0
          joined = (s0, said ?? (s0.limb != nil ? side : nil), start)
        }
      } else if let (said, words) = Placement.loneSide(
        near: match, sides: sides, tokens: tokens, others: unsited)
      {
        site = rule.defaultSite
        side = said
        extend(words)
      } else if let place = laterClauseSite(after: match), case .site(let s) = place.meaning {
        // "il a son patch d'Exelon, cette semaine on l'a collé en haut du dos à droite": the
        // place told in the next clause, where nothing else is named.
        site = s
        side = Placement.side(of: place, sides: sides, tokens: tokens, sites: sites)?.0
        laterPlace = place
        extend(place)
      } else if refersBack(match),
        let place = sites.last(where: {
          $0.last < match.first && match.first - $0.last <= 8
            && tokens[$0.first].sentence == tokens[match.first].sentence
        }), case .site(let s) = place.meaning
      {
        // "she knocked her left forearm on the door, there's a bruise": the place just named.
        site = s
        side = Placement.side(of: place, sides: sides, tokens: tokens, sites: sites)?.0
        if rule.category == "device" || rule.defaultSite?.limb != nil,
          let usual = rule.defaultSite, !s.isWithin(usual), !usual.isWithin(s)
        {
          usualOnSide = usual
        }
      } else if refersBack(match), let previous = entries.last(where: { $0.condition.site != nil })
      {
        site = previous.condition.site
        side = previous.condition.side
        // "the port is on that side too": that side, but a device's or a limb rule's own place
        // on it as well (fail closed: both are left out).
        if rule.category == "device" || rule.defaultSite?.limb != nil,
          let usual = rule.defaultSite, let s = site, !s.isWithin(usual), !usual.isWithin(s)
        {
          usualOnSide = usual
        }
      }
    }
    if let date {
      first = min(first, date.first)
      last = max(last, date.last)
    }
    let condition = Condition(
      id: id, site: site, side: side, daysSince: date?.days, matched: span.text(first, last))
    entries.append(Entry(condition: condition, first: first, last: last))
    if let usual = usualOnSide {
      let own = Condition(
        id: id, site: usual, side: side, daysSince: date?.days, matched: span.text(first, last))
      entries.append(Entry(condition: own, first: first, last: last))
    }
    // Made in an operation on the day the words give ("una colostomía hace 3 semanas", "a
    // pacemaker put in 2 wks ago", "a port for ten days"): that operation is recent surgery
    // too, at the same place.
    if let also = rule.alsoWhenRecent, let date,
      recognizer.rules[also]?.isActive(daysSince: date.days) == true
    {
      let surgery = Condition(
        id: also, site: site, side: side, daysSince: date.days, matched: span.text(first, last))
      entries.append(Entry(condition: surgery, first: first, last: last))
    }
    // The same words name a second site too ("elbow", "wrist", "ankle"): both are left out.
    if let placed = placedBy, case .site(let s) = placed.meaning {
      for also in sites
      where also.first == placed.first && also.last == placed.last && also.meaning != placed.meaning
      {
        guard case .site(let s2) = also.meaning, s2 != s else { continue }
        let second = Condition(
          id: id, site: s2, side: side, daysSince: date?.days, matched: span.text(first, last))
        entries.append(Entry(condition: second, first: first, last: last))
      }
    }
    // A line or port in the neck runs under the collarbone: its rule's chest, on the side said
    // ("a line in her neck on the right side"), is left out too (fail closed).
    if site == .neck, rule.defaultSite == .chest {
      let said = placedBy.flatMap {
        Placement.side(of: $0, sides: sides, tokens: tokens, sites: sites)?.0
      }
      let chest = Condition(
        id: id, site: .chest, side: said, daysSince: date?.days, matched: span.text(first, last))
      entries.append(Entry(condition: chest, first: first, last: last))
    }
    // A device placed from another clause ("she has a port, her left arm is fine") may not be
    // there: the device's usual place stays left out as well (fail closed).
    if let placed = placedBy ?? laterPlace,
      tokens[placed.first].clause != tokens[match.first].clause,
      tokens[placed.first].host != tokens[match.last].host,
      rule.category == "device", let usual = rule.defaultSite, usual != site
    {
      let kept = Condition(
        id: id, site: usual, side: nil, daysSince: date?.days, matched: span.text(first, last))
      entries.append(Entry(condition: kept, first: first, last: last))
    }
    if let (s2, side2, words) = joined {
      let last2 = max(last, words.last)
      let second = Condition(
        id: id, site: s2, side: side2, daysSince: date?.days, matched: span.text(first, last2))
      entries.append(Entry(condition: second, first: first, last: last2))
    }
  }

  /// A second site joined to the one found by a single word ("her right hip and thigh bone"):
  /// on the same side unless it names its own or is in the middle of the body.
  func joinedSite(after found: PhraseMatch, mention: PhraseMatch, side: Side?) -> (
    BodySite, Side?, PhraseMatch
  )? {
    guard
      let next = Placement.joinedSite(
        after: found, sites: sites, tokens: tokens, mention: mention, owners: owners,
        sides: sides, cues: cues),
      case .site(let s2) = next.meaning
    else { return nil }
    // Its own side word stands after the first site ("left hip and right thigh").
    let own = Placement.side(of: next, sides: sides, tokens: tokens, sites: sites).flatMap {
      $0.1.first > found.last ? $0 : nil
    }
    // Only a limb, hip or shoulder takes the first site's side: "her left hip and lower spine"
    // is the whole spine.
    let inherits = s2.limb != nil || s2 == .hip || s2 == .shoulder
    return (s2, own.map(\.0) ?? (inherits ? side : nil), next)
  }

  /// A place in a later clause of the mention's sentence, up to ten words on, in a clause that
  /// points back at the mention, with no other mention before it and no other mention's claim
  /// on it ("she has a port, her left arm is fine" is not a port in the arm).
  /// Also the next sentence when it opens by pointing back ("She has lymphoedema. It's in her
  /// left arm").
  func laterClauseSite(after match: PhraseMatch) -> PhraseMatch? {
    let sentence = tokens[match.first].sentence
    guard
      let place = sites.first(where: {
        $0.first > match.last && $0.first - match.last <= 14
          && (tokens[$0.first].sentence == sentence || tokens[$0.first].sentence == sentence + 1)
          && tokens[$0.first].clause != tokens[match.last].clause
      }),
      owners[place.first].map({ $0 == match.first }) ?? true,
      !mentions.contains(where: { $0.first > match.last && $0.first < place.first }),
      // The later clause points back at the mention ("we put it on", "on l'a collé", "贴在");
      // in the next sentence, with the sentence's first words.
      cues.contains(where: {
        $0.meaning == .cue(.reference) && $0.first > match.last && $0.last < place.first
          && tokens[$0.first].clause == tokens[place.first].clause
          && (tokens[$0.first].sentence == sentence
            || tokens[$0.first - 1].sentence != tokens[$0.first].sentence)
      })
    else { return nil }
    return place
  }

  /// The side of the larger part named right after `found` in its clause, that holds it ("heel
  /// on his left foot"); never a neighbour's ("knee op, his right calf" leaves the knee's side
  /// unsaid).
  func sideOfSamePart(after found: PhraseMatch, site: BodySite) -> (Side, PhraseMatch)? {
    guard
      let next = sites.first(where: {
        $0.first > found.last && $0.first - found.last <= 4
          && tokens[$0.first].clause == tokens[found.first].clause
      }), case .site(let s2) = next.meaning,
      site.selfAndAncestors.contains(s2)
    else { return nil }
    return Placement.side(of: next, sides: sides, tokens: tokens, sites: sites)
  }

  /// Whether "it" or "there" stands in the mention's clause, pointing at an earlier place.
  func refersBack(_ match: PhraseMatch) -> Bool {
    cues.contains {
      $0.meaning == .cue(.reference) && tokens[$0.first].clause == tokens[match.first].clause
        && abs($0.first - match.last) <= 4
    }
  }

  /// Fever readings add a fever; a normal reading denies a fever said in the same sentence.
  mutating func applyReadings(_ readings: [Temperature.Reading]) {
    let feverSentences = Set(readings.filter(\.isFever).map { tokens[$0.first].sentence })
    for reading in readings {
      let sentence = tokens[reading.first].sentence
      let said = entries.indices.filter {
        entries[$0].condition.id == "fever" && tokens[entries[$0].first].sentence == sentence
      }
      if reading.isFever {
        if said.isEmpty {
          let condition = Condition(id: "fever", matched: span.text(reading.first, reading.last))
          entries.append(Entry(condition: condition, first: reading.first, last: reading.last))
        }
      } else if !feverSentences.contains(sentence) {
        let first = min(reading.first, said.map { entries[$0].first }.min() ?? reading.first)
        let last = max(reading.last, said.map { entries[$0].last }.max() ?? reading.last)
        for index in said.reversed() { entries.remove(at: index) }
        negated.append(.init(id: "fever", matched: span.text(first, last), reason: .normalReading))
      }
    }
  }

  /// A red flag found from its symptoms.
  mutating func addRedFlag(_ flag: RedFlagPatterns.Found) {
    guard let rule = recognizer.rules[flag.id] else { return }
    var site: BodySite?
    var side: Side?
    var first = flag.first
    var last = flag.last
    // A sign found from concepts carries no site: take the site its words name, or the one
    // nearest them in the clause, as for a condition named outright.
    let words = PhraseMatch(
      meaning: .condition(flag.id), first: flag.first, last: flag.last, fuzzy: false)
    let place =
      flag.site
      ?? sites.first { $0.first >= flag.first && $0.last <= flag.last }
      ?? (rule.site == .none
        ? nil
        : Placement.site(
          for: words, sites: sites, tokens: tokens, preferLimb: rule.defaultSite?.limb != nil,
          placeFirst: recognizer.placeFirst))
    var joined: (BodySite, Side?, PhraseMatch)?
    if rule.site != .none, let found = place, case .site(let s) = found.meaning {
      site = s
      first = min(first, found.first)
      last = max(last, found.last)
      if let (said, sideWords) = Placement.side(
        of: found, sides: sides, tokens: tokens, sites: sites)
      {
        side = said
        first = min(first, sideWords.first)
        last = max(last, sideWords.last)
      }
      joined = joinedSite(after: found, mention: words, side: side)
    }
    let condition = Condition(id: flag.id, site: site, side: side, matched: span.text(first, last))
    entries.append(Entry(condition: condition, first: first, last: last))
    if let (s2, side2, next) = joined {
      let last2 = max(last, next.last)
      let second = Condition(id: flag.id, site: s2, side: side2, matched: span.text(first, last2))
      entries.append(Entry(condition: second, first: first, last: last2))
    }
  }

  /// Words that could not be placed: a condition that raises the verdict, and the words kept
  /// to show back.
  /// The same words are shown once, however many readings found them.
  mutating func addUnplaced(_ mention: Unplaced.Mention) {
    let words = span.text(mention.first, mention.last)
    guard !unplaced.contains(where: { $0.words == words && $0.urgent == mention.urgent }) else {
      return
    }
    let id = mention.urgent ? "not-understood-urgent" : "not-understood"
    unplaced.append(.init(words: words, urgent: mention.urgent))
    let condition = Condition(id: id, matched: words)
    entries.append(Entry(condition: condition, first: mention.first, last: mention.last))
  }

  /// The recognition: duplicates merged, denials of things also said to be present dropped,
  /// explanations given next to a red flag kept for the caregiver to see.
  func finish(unknownTerms: [String]) -> Recognition {
    var kept: [Entry] = []
    for entry in entries {
      let c = entry.condition
      if let i = kept.firstIndex(where: {
        $0.condition.id == c.id && $0.condition.region == c.region
      }) {
        if kept[i].condition.daysSince == nil { kept[i].condition.daysSince = c.daysSince }
      } else if c.site != nil,
        let i = kept.firstIndex(where: { $0.condition.id == c.id && $0.condition.site == nil })
      {
        kept[i] = entry
      } else if c.site == nil, kept.contains(where: { $0.condition.id == c.id }) {
        continue
      } else {
        kept.append(entry)
      }
    }
    let ids = Set(kept.map(\.condition.id))
    var seen = Set<String>()
    let denied = negated.filter { !ids.contains($0.id) && seen.insert($0.id).inserted }
    let flags = kept.filter { recognizer.rules[$0.condition.id]?.isRedFlag == true }
    var redFlags: [String] = []
    for flag in flags where !redFlags.contains(flag.condition.id) {
      redFlags.append(flag.condition.id)
    }
    let flagSentences = Set(flags.map { tokens[$0.first].sentence })
    var dismissals: [String] = []
    for cue in cues
    where cue.meaning == .cue(.dismissal) && flagSentences.contains(tokens[cue.first].sentence) {
      var end = cue.last
      while end + 1 < tokens.count, tokens[end + 1].clause == tokens[cue.last].clause { end += 1 }
      dismissals.append(span.text(cue.first, end))
    }
    return Recognition(
      conditions: kept.map(\.condition), negated: denied,
      unknownTerms: unknownTerms + unplaced.map(\.words), redFlags: redFlags,
      dismissals: dismissals, notUnderstood: unplaced)
  }
}
