/// Red flags that are described rather than named: a limb that is swollen and warm, redness
/// and pus at a line, new back pain with weak legs in someone with cancer, new bruising on a
/// blood thinner. The symptom words come from `vocab.symptom.*`; the patterns are here.
///
/// Symptoms count only when not denied ("isn't swollen"); an explanation ("probably from
/// standing") never cancels them. Each pattern reads one sentence at a time, except the
/// spinal-cord one, which reads the whole message.
enum RedFlagPatterns {
  struct Found: Sendable {
    var id: String
    var site: PhraseMatch?
    var first: Int
    var last: Int
  }

  /// Conditions near which redness or heat means a spreading infection.
  static let linesAndWounds: Set<String> = [
    "iv-line", "port", "surgical-incision", "open-wound", "drain-or-stoma", "pacemaker",
    "lymphedema", "lymph-nodes-removed", "skin-infection", "recent-surgery", "urinary-catheter",
    "joint-replacement-hip", "joint-replacement-knee",
  ]
  static let cancer: Set<String> = ["bone-metastases", "tumour", "chemotherapy"]
  /// Conditions whose skin weeps by itself.
  static let blistering: Set<String> = ["shingles", "rash"]
  /// Lines whose arm or neck swelling is a possible clot.
  static let lines: Set<String> = ["iv-line", "port"]
  static let jointConditions: Set<String> = ["inflamed-joint", "arthritis-mild"]
  static let bleedingRisk: Set<String> = ["anticoagulants", "low-platelets"]

  /// - Parameters:
  ///   - symptoms: present symptom matches.
  ///   - conditions: present condition mentions with their rule ids.
  ///   - stored: the rule ids already in the person's profile.
  static func find(
    symptoms: [PhraseMatch], sites: [PhraseMatch], conditions: [(id: String, match: PhraseMatch)],
    stored: Set<String> = [], tokens: [TextToken]
  ) -> [Found] {
    var found: [Found] = []
    let ids = Set(conditions.map(\.id)).union(stored)
    let sentences = Set(symptoms.map { tokens[$0.first].sentence })
    for sentence in sentences.sorted() {
      let here = symptoms.filter { tokens[$0.first].sentence == sentence }
      var kinds = Set<String>()
      for case .symptom(let kind) in here.map(\.meaning) { kinds.insert(kind) }
      let siteHere = sites.filter { tokens[$0.first].sentence == sentence }
      // The words shown back: the symptoms themselves, not "today" or "temp".
      let shown = here.filter { !Recognizer.contextOnly.contains(Recognizer.kind($0)) }
      let first = (shown.isEmpty ? here : shown).map(\.first).min()!
      let last = (shown.isEmpty ? here : shown).map(\.last).max()!
      func span(_ site: PhraseMatch?) -> (Int, Int) {
        (min(first, site?.first ?? first), max(last, site?.last ?? last))
      }
      // The limb the symptoms are about: the arm or leg site nearest to the symptom words.
      let limb = siteHere.filter {
        if case .site(let s) = $0.meaning {
          s.limb != nil || s == .hip || s == .shoulder
        } else {
          false
        }
      }.min { distance($0, first, last) < distance($1, first, last) }
      let isJoint =
        limb.map {
          if case .site(let s) = $0.meaning { [.knee, .hip, .shoulder].contains(s) } else { false }
        } ?? false
      let nearWound = conditions.contains {
        linesAndWounds.contains($0.id) && tokens[$0.match.first].sentence == sentence
      }
      // A joint flare (gout, arthritis) named in the sentence explains a hot, swollen joint:
      // that is the inflamed-joint rule, not a clot.
      let jointFlare = conditions.contains {
        jointConditions.contains($0.id) && tokens[$0.match.first].sentence == sentence
      }
      let swollen = kinds.contains("swollen")
      let hot = kinds.contains("warm")
      let red = kinds.contains("red")
      let painful = kinds.contains("painful")
      // A line or port, and the arm, the shoulder or the neck swollen: a clot around the line
      // (the rule's own words: "arm swollen near the PICC or port").
      let aroundLine = siteHere.first {
        if case .site(let s) = $0.meaning {
          s.limb == .arm || s == .neck || s == .shoulder
        } else {
          false
        }
      }
      if swollen, let place = aroundLine, !ids.isDisjoint(with: lines),
        !ids.contains("lymphedema")
      {
        let (a, b) = span(place)
        found.append(Found(id: "dvt-suspected", site: place, first: a, last: b))
      } else if kinds.contains("pus") || kinds.contains("spreading")
        // Weeping or oozing is an infection sign at a wound, a line or a place on the body
        // (not tears); open shingles blisters or eczema weep by themselves (their own rules).
        || kinds.contains("weeping") && ids.isDisjoint(with: blistering)
          && (nearWound || !siteHere.isEmpty)
      {
        let (a, b) = span(limb ?? siteHere.first)
        found.append(Found(id: "infection-signs", site: limb ?? siteHere.first, first: a, last: b))
      } else if let limb, !isJoint, !jointFlare, swollen || painful,
        hot || red || (swollen && painful)
      {
        let (a, b) = span(limb)
        found.append(Found(id: "dvt-suspected", site: limb, first: a, last: b))
      } else if let limb, isJoint, !nearWound, swollen, hot || red || painful {
        let (a, b) = span(limb)
        found.append(Found(id: "inflamed-joint", site: limb, first: a, last: b))
      } else if !jointFlare, red && hot || (nearWound && (red || hot) && (swollen || painful)) {
        let (a, b) = span(limb ?? siteHere.first)
        found.append(Found(id: "infection-signs", site: limb ?? siteHere.first, first: a, last: b))
      }
      if kinds.contains("bruising"), kinds.contains("new") || kinds.contains("bleeding"),
        !ids.isDisjoint(with: bleedingRisk)
      {
        found.append(Found(id: "bleeding-signs", site: nil, first: first, last: last))
      }
    }
    // Spinal-cord warning: new back pain and weak or numb legs, in someone with cancer.
    let back = symptoms.first { $0.meaning == .symptom("backPain") }
    let legs = symptoms.first { $0.meaning == .symptom("legWeakness") }
    let hasCancer =
      !ids.isDisjoint(with: cancer) || symptoms.contains { $0.meaning == .symptom("cancer") }
    if let back, let legs, hasCancer {
      found.append(
        Found(
          id: "sudden-weakness-or-numbness", site: nil, first: min(back.first, legs.first),
          last: max(back.last, legs.last)))
    }
    return found
  }

  /// Words between a site and the symptom words (0 when they touch or overlap).
  static func distance(_ site: PhraseMatch, _ first: Int, _ last: Int) -> Int {
    if site.last < first { return first - site.last }
    if site.first > last { return site.first - last }
    return 0
  }
}
