/// Where a mention is on the body: the site and side words near it.
enum Placement {
  /// The site of a mention: a site inside the mention's own words ("knee replacement"), else
  /// the nearest site in the same clause within eight words ("a port on the right side of her
  /// chest"); a nearby site inside the chosen one is more exact and wins ("leg ulcer on her
  /// calf"). With `preferLimb` (rules about a whole limb), a site on an arm or leg wins over
  /// one elsewhere ("arm swollen since the breast surgery").
  /// A site that `owners` gives to another mention is not a candidate ("a PEG tube and a PICC in
  /// his right arm": the arm is the PICC's, the tube keeps its rule's usual site).
  static func site(
    for mention: PhraseMatch, sites: [PhraseMatch], tokens: [TextToken], preferLimb: Bool = false,
    owners: [Int: Int] = [:], wholeLimb: Bool = false, placeFirst: Bool = false
  ) -> PhraseMatch? {
    let own = sites.filter { owners[$0.first].map { $0 == mention.first } ?? true }
    let found = nearest(
      for: mention, sites: own, tokens: tokens, preferLimb: preferLimb, placeFirst: placeFirst)
    // A rule about a whole limb may share the limb another mention names ("lymphoedema in his
    // left leg after the groin nodes were removed").
    if wholeLimb, found.flatMap(bodySite)?.limb == nil {
      let limbs = sites.filter { bodySite($0)?.limb != nil }
      if let limb = nearest(for: mention, sites: limbs, tokens: tokens, preferLimb: true) {
        return limb
      }
    }
    return found
  }

  /// Between two sites as near, the one said after the mention wins ("un cancer de la prostate
  /// avec des métas osseuses dans la colonne": the spine), or before it in languages that name
  /// the place first.
  private static func nearest(
    for mention: PhraseMatch, sites: [PhraseMatch], tokens: [TextToken], preferLimb: Bool,
    placeFirst: Bool = false
  ) -> PhraseMatch? {
    var candidates: [(PhraseMatch, Int)] = []
    let clause = tokens[mention.first].clause
    // An aside in brackets between them is skipped ("un patch de Versatis (lidocaïne) sur le
    // bas du dos").
    for site in sites
    where tokens[site.first].clause == clause
      || site.first > mention.last && tokens[site.first].host == tokens[mention.last].host
    {
      let distance: Int
      if site.last < mention.first {
        distance = mention.first - site.last - 1
      } else if site.first > mention.last {
        distance = site.first - mention.last - 1
      } else {
        distance = -1  // inside the mention
      }
      guard distance <= 8 else { continue }
      candidates.append((site, distance))
    }
    if preferLimb {
      let limbs = candidates.filter { bodySite($0.0)?.limb != nil }
      if !limbs.isEmpty { candidates = limbs }
    }
    // Nothing in the clause: the next clause of the same sentence, just after the mention
    // ("his gout's flared up again, right big toe is swollen"), when no other condition could
    // own that site first (the caller's mention is the nearest one before it).
    if candidates.isEmpty {
      for site in sites
      where tokens[site.first].sentence == tokens[mention.first].sentence
        && tokens[site.first].clause == clause + 1 && site.first > mention.last
        && site.first - mention.last - 1 <= 8
      {
        candidates.append((site, site.first - mention.last - 1))
      }
    }
    let later = { (site: PhraseMatch) in (site.first > mention.last) != placeFirst ? 0 : 1 }
    guard
      var best = candidates.min(by: {
        ($0.1, later($0.0)) < ($1.1, later($1.0))
      })
    else { return nil }
    for other in candidates {
      if let inner = bodySite(other.0), let outer = bodySite(best.0), inner != outer,
        inner.isWithin(outer)
      {
        best = other
      }
    }
    return best.0
  }

  /// Which mention each site belongs to when several mentions in a clause could take it, as
  /// site start → mention start. Each mention takes at most one site and each site one mention,
  /// the closest pairs first; a site said after a mention ("a patch on her upper arm") is closer
  /// than one said before it by one word, except in languages that name the place first
  /// (`placeFirst`: 左手的留置针); between equally close pairs, the mention with fewer sites to
  /// choose from goes first ("his right arm has an IV and his left leg a cast").
  /// `placeless`: mentions whose rule has no place (a urinary catheter, a blood thinner).
  /// A site said before a mention with an "and" between them ("une sonde fixée sur la cuisse
  /// gauche et un pacemaker") is the earlier mention's: two words further from the later one.
  static func owners(
    of sites: [PhraseMatch], mentions: [PhraseMatch], tokens: [TextToken], placeFirst: Bool,
    boundaries: Set<Int> = [], placeless: Set<Int> = []
  ) -> [Int: Int] {
    guard mentions.count > 1, !sites.isEmpty else { return [:] }
    struct Pair {
      var site: Int
      var mention: Int
      var score: Int
      var penalty: Int
    }
    var pairs: [Pair] = []
    for mention in mentions {
      let clause = tokens[mention.first].clause
      for site in sites
      where tokens[site.first].clause == clause
        || site.first > mention.last && tokens[site.first].host == tokens[mention.last].host
      {
        let before = site.last < mention.first
        let after = site.first > mention.last
        let distance =
          before ? mention.first - site.last - 1 : after ? site.first - mention.last - 1 : -1
        guard distance <= 8 else { continue }
        var penalty = (before && !placeFirst) || (after && placeFirst) ? 1 : 0
        if !placeFirst, before, (site.last + 1..<mention.first).contains(where: boundaries.contains)
        {
          penalty += 2
        }
        // A mention whose rule has no place only keeps a place from the next one when it is
        // clearly its own.
        if placeless.contains(mention.first) { penalty += 2 }
        pairs.append(
          Pair(
            site: site.first, mention: mention.first, score: distance + penalty, penalty: penalty))
      }
    }
    var choices: [Int: Int] = [:]
    for pair in pairs { choices[pair.mention, default: 0] += 1 }
    pairs.sort {
      ($0.score, choices[$0.mention]!, $0.penalty, $0.site)
        < ($1.score, choices[$1.mention]!, $1.penalty, $1.site)
    }
    var owners: [Int: Int] = [:]
    var placed = Set<Int>()
    for pair in pairs where owners[pair.site] == nil && !placed.contains(pair.mention) {
      owners[pair.site] = pair.mention
      placed.insert(pair.mention)
    }
    return owners
  }

  /// A second site joined to the chosen one by a single word ("her right hip and thigh bone",
  /// "from the hand to the elbow"), unless another mention owns it.
  static func joinedSite(
    after site: PhraseMatch, sites: [PhraseMatch], tokens: [TextToken], mention: PhraseMatch,
    owners: [Int: Int], sides: [PhraseMatch] = [], cues: [PhraseMatch] = []
  ) -> PhraseMatch? {
    // One word between, or one word and a side ("her left hip and right thigh"), or up to three
    // words that name nothing else ("behind her knee and down the calf").
    let sideEnd = sides.first { $0.first == site.last + 2 }?.last
    // A range: an extent word between the two places, in one sentence, with no other place,
    // side (but the first place's own) or cue but "and" between.
    if let reached = sites.first(where: { next in
      next.first > site.last && next.first - site.last - 1 <= 8
        && tokens[next.first].sentence == tokens[site.first].sentence
        && bodySite(next) != bodySite(site)
        && (owners[next.first].map { $0 == mention.first } ?? true)
        && !sites.contains { $0.first > site.last && $0.first < next.first }
        && !sides.contains { $0.first > site.last + 1 && $0.first < next.first }
        && cues.contains {
          $0.meaning == .cue(.extent) && $0.first > site.last && $0.last < next.first
        }
        && cues.allSatisfy {
          !($0.first > site.last && $0.last < next.first)
            || $0.meaning == .cue(.extent) || $0.meaning.endsReach
            || $0.meaning == .cue(.reference)
        }
    }) {
      return reached
    }
    // "xương chậu bên phải và cột sống thắt lưng", "her hip on the right and her back": a side
    // said right after the first place, then "and", then the second place.
    let sideAfter = sides.first { $0.first == site.last + 1 || $0.first == site.last + 2 }?.last
    return sites.first { next in
      (next.first == site.last + 2 || sideEnd.map { next.first == $0 + 1 } == true
        || sideAfter.map { end in
          next.first > end + 1 && next.first - end - 1 <= 3
            && !sites.contains { $0.first > end && $0.first < next.first }
            && !sides.contains { $0.first > end && $0.first < next.first }
            && joinedByAnd(end + 1, next.first - 1, cues)
        } == true
        || (next.first > site.last + 2 && next.first - site.last - 1 <= 3
          && !sites.contains { $0.first > site.last && $0.first < next.first }
          && !sides.contains { $0.first > site.last && $0.first < next.first }
          && joinedByAnd(site.last + 1, next.first - 1, cues)))
        && tokens[next.first].clause == tokens[site.first].clause
        && (owners[next.first].map { $0 == mention.first } ?? true)
        && bodySite(next) != bodySite(site)
    }
  }

  /// The place a range starts from, before `site` ("膝盖后面一直到小腿肚…静脉曲张": the knee),
  /// for languages that name the place before the mention: an extent word between the two,
  /// in one sentence, with no other place or cue but "and" between.
  static func rangeStart(
    before site: PhraseMatch, sites: [PhraseMatch], tokens: [TextToken], cues: [PhraseMatch]
  ) -> PhraseMatch? {
    sites.last { start in
      start.last < site.first && site.first - start.last - 1 <= 8
        && tokens[start.first].sentence == tokens[site.first].sentence
        && bodySite(start) != bodySite(site)
        && !sites.contains { $0.first > start.last && $0.last < site.first }
        && cues.contains {
          $0.meaning == .cue(.extent) && $0.first > start.last && $0.last < site.first
        }
        && cues.allSatisfy {
          !($0.first > start.last && $0.last < site.first)
            || $0.meaning == .cue(.extent) || $0.meaning.endsReach
        }
    }
  }

  /// Whether the words `first...last` hold a boundary word ("and") and no other cue: "and
  /// down the calf" joins, "since the groin" and "but not the calf" do not.
  static func joinedByAnd(_ first: Int, _ last: Int, _ cues: [PhraseMatch]) -> Bool {
    let inside = cues.filter { $0.first >= first && $0.last <= last }
    return inside.contains { $0.meaning.endsReach }
      && inside.allSatisfy { $0.meaning.endsReach }
  }

  static func bodySite(_ match: PhraseMatch) -> BodySite? {
    if case .site(let site) = match.meaning { return site }
    return nil
  }

  /// The side said for a site: a side word up to four words before it in the same clause
  /// ("left knee", "right side of her chest"), or right after it ("arm, the left one").
  static func side(
    of site: PhraseMatch, sides: [PhraseMatch], tokens: [TextToken], sites: [PhraseMatch] = []
  ) -> (Side, PhraseMatch)? {
    let clause = tokens[site.first].clause
    var best: (Side, PhraseMatch, Int)?
    for match in sides where tokens[match.first].clause == clause {
      guard case .side(let side) = match.meaning else { continue }
      let distance: Int
      if match.last < site.first {
        distance = site.first - match.last - 1
        guard distance <= 3 else { continue }
        // "el brazo izquierdo y los pies": a side right after another site is that site's.
        if distance > 0, sites.contains(where: { $0.last + 1 == match.first }) { continue }
      } else if match.first > site.last {
        distance = match.first - site.last + 2
        guard distance <= 4 else { continue }
      } else {
        distance = 0
      }
      if best == nil || distance < best!.2 { best = (side, match, distance) }
    }
    return best.map { ($0.0, $0.1) }
  }

  /// A side said without a site, near a mention ("a port on the right side"): only a side
  /// phrase of two words or more, since a lone "right" is too often "right now".
  /// The nearest one wins, one after the mention on a tie; a side nearer to another mention
  /// is that one's ("a port on the right and lymph nodes removed on the left").
  static func loneSide(
    near mention: PhraseMatch, sides: [PhraseMatch], tokens: [TextToken],
    others: [PhraseMatch] = []
  ) -> (Side, PhraseMatch)? {
    let clause = tokens[mention.first].clause
    func gap(_ side: PhraseMatch, _ m: PhraseMatch) -> Int {
      side.first > m.last ? side.first - m.last : m.first - side.last
    }
    var best: (Side, PhraseMatch, Int)?
    for match in sides where match.last > match.first && tokens[match.first].clause == clause {
      guard case .side(let side) = match.meaning else { continue }
      let here = gap(match, mention)
      guard here <= 7 else { continue }
      if others.contains(where: {
        $0.first != mention.first && tokens[$0.first].clause == clause && gap(match, $0) < here
      }) {
        continue
      }
      let score = here * 2 + (match.first > mention.last ? 0 : 1)
      if best == nil || score < best!.2 { best = (side, match, score) }
    }
    return best.map { ($0.0, $0.1) }
  }
}
