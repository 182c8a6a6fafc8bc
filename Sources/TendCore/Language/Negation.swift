/// Decides whether a mention is there now, denied ("no fever", "isn't on blood thinners") or
/// in the past ("used to take warfarin but stopped").
///
/// A cue before a mention reaches it only inside the same clause, across at most five words,
/// and not across a boundary word ("but", "and"). A cue after a mention ("ruled out", "came
/// out", "stopped it") reaches back up to twelve words within the clause (or a later clause of
/// the sentence that points back with "it" or "that"), unless another mention stands between
/// them or the cue is followed by a mention of its own ("stopped aspirin").
/// Explanations ("probably from standing") are never negations.
enum Negation {
  enum Status: Equatable, Sendable {
    case present
    /// Denied, with the cue's words.
    case negated(cue: PhraseMatch)
    /// In the past, with the cue's words.
    case past(cue: PhraseMatch)
  }

  /// The status of `mention` among `cues` (cue matches) and `mentions` (every condition and
  /// symptom match, for the "nothing in between" test).
  /// - Parameter episode: the mention is of something that comes and goes (a fever, a cold, a
  ///   rash): a cue in a later clause of the sentence reaches it ("had the flu last week, better
  ///   now"); for a medicine, a device or a lasting condition it must point back ("it", "that").
  static func status(
    of mention: PhraseMatch, cues: [PhraseMatch], mentions: [PhraseMatch], tokens: [TextToken],
    episode: Bool = false, places: [PhraseMatch] = []
  ) -> Status {
    let head = tokens[mention.first]
    // Cues before: the nearest one in reach wins.
    var before: Status = .present
    var nearest = Int.max
    // A cue may end inside the mention's first words: "not on" + "on treatment".
    for cue in cues
    where cue.last < mention.first || (cue.first < mention.first && cue.last < mention.last) {
      guard case .cue(let kind) = cue.meaning,
        kind == .negation || kind == .past || kind == .negationAfter
      else { continue }
      let gap = max(0, mention.first - cue.last - 1)
      // A denial-after of three words or more right before a mention works forwards too ("ya
      // no toma warfarina"); a short one does not ("has gone red" is red).
      if kind == .negationAfter, cue.last - cue.first < 2 || gap > 2 { continue }
      guard gap <= 5, gap < nearest,
        tokens[cue.last].clause == head.clause
      else { continue }
      // A "since" in between opens what came after ("no fever since the chemo on Monday":
      // the chemo is there).
      let blocked = cues.contains {
        $0.meaning.endsReach && $0.first > cue.last && $0.last < mention.first
          || $0.meaning == .cue(.since) && $0.first > cue.last && $0.first < mention.first
      }
      guard !blocked else { continue }
      nearest = gap
      before = kind == .past ? .past(cue: cue) : .negated(cue: cue)
    }
    if before != .present { return before }
    // "took his port out": a removal verb just before and "out" just after, in one clause.
    if let open = cues.last(where: {
      $0.meaning == .cue(.removedBefore) && $0.last < mention.first
        && mention.first - $0.last <= 3 && tokens[$0.last].clause == head.clause
    }),
      cues.contains(where: {
        $0.meaning == .cue(.removedAfter) && $0.first > mention.last
          && $0.first - mention.last <= 2 && tokens[$0.first].clause == head.clause
      })
    {
      return .past(cue: open)
    }
    // "radiotherapy for the bone met finished in May": a cue after a reason ("for", "pour",
    // "para") belongs to the thing done for it, not to the reason.
    // The place of the thing done may stand before the reason ("radiotherapy to his lower
    // back for a bone met finished last Tuesday"): a place and up to two small words between.
    func nearEnough(_ x: PhraseMatch, _ reason: PhraseMatch) -> Bool {
      let gap = reason.first - x.last - 1
      if gap <= 1 { return true }
      guard gap <= 6 else { return false }
      let placed = (x.last + 1..<reason.first).filter { i in
        places.contains { $0.first <= i && $0.last >= i }
      }.count
      return placed > 0 && gap - placed <= 2
    }
    func isReason(_ y: PhraseMatch, of x: PhraseMatch) -> Bool {
      x.last < y.first && x.meaning != y.meaning
        && cues.contains {
          $0.meaning == .cue(.reason) && $0.first > x.last && nearEnough(x, $0)
            && $0.last < y.first && y.first - $0.last - 1 <= 3
        }
    }
    let givenFor = mentions.contains { isReason(mention, of: $0) }
    // Cues after.
    for cue in cues where cue.first > mention.last && !givenFor {
      guard case .cue(let kind) = cue.meaning, kind == .negationAfter || kind == .past else {
        continue
      }
      // The next sentence reaches back only when it opens with a word that points at the
      // mention ("shingles on his back last autumn. It cleared up completely").
      let nextSentence =
        tokens[cue.first].sentence == head.sentence + 1
        && cues.contains {
          $0.meaning == .cue(.reference) && $0.first > mention.last && $0.last < cue.first
            && tokens[$0.first].sentence == tokens[cue.first].sentence
            && ($0.first == 0 || tokens[$0.first - 1].sentence != tokens[$0.first].sentence)
        }
      guard tokens[cue.first].sentence == head.sentence || nextSentence,
        cue.first - mention.last - 1 <= 12
      else {
        continue
      }
      // In a later clause the cue reaches back only through a word that points at the mention
      // ("a port, it came out in March"): "she's on warfarin, doing much better now" is not
      // "off warfarin". An aside in brackets between them is skipped ("the port (right chest)
      // was removed").
      if tokens[cue.first].clause != head.clause, tokens[cue.first].host != head.host,
        tokens[cue.first].host != head.outer, !episode
      {
        let pointed = cues.contains {
          $0.meaning == .cue(.reference) && $0.first > mention.last && $0.last < cue.first
            && tokens[$0.first].clause == tokens[cue.first].clause
        }
        guard pointed else { continue }
      }
      // Another mention between them, or one whose own words hold the cue ("nodes were
      // removed"), takes the cue for itself.
      // A second mention of the same thing ("a PICC for IV antibiotics, but it came out") is
      // not another one.
      let between = mentions.contains {
        $0.first > mention.last && $0.first <= cue.last && $0.meaning != mention.meaning
          && !isReason($0, of: mention)
      }
      let ownMention = mentions.contains {
        $0.first > cue.last && $0.first - cue.last <= 3
          && tokens[$0.first].clause == tokens[cue.last].clause
      }
      guard !between, !ownMention else { continue }
      // "lymphoedema in her right leg since the groin nodes came out": a cue after "since"
      // belongs to the clause "since" opens, not to what was said before it.
      let opened = cues.contains {
        $0.meaning == .cue(.since) && $0.first > mention.last && $0.last < cue.first
      }
      guard !opened else { continue }
      return kind == .past ? .past(cue: cue) : .negated(cue: cue)
    }
    // "a catheter in hospital, but they took it out": a removal verb, a word that points back
    // and "out", later in the sentence, with nothing else named in between.
    for pointer in cues
    where pointer.meaning == .cue(.reference) && pointer.first > mention.last
      && tokens[pointer.first].sentence == head.sentence && pointer.first - mention.last - 1 <= 12
    {
      guard
        let open = cues.last(where: {
          $0.meaning == .cue(.removedBefore) && $0.first > mention.last
            && $0.last < pointer.first && pointer.first - $0.last <= 1
        }),
        cues.contains(where: {
          $0.meaning == .cue(.removedAfter) && $0.first > pointer.last
            && $0.first - pointer.last <= 1
        }),
        !mentions.contains(where: {
          $0.first > mention.last && $0.first < open.first && $0.meaning != mention.meaning
        })
      else { continue }
      return .past(cue: open)
    }
    return .present
  }
}
