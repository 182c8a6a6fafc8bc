import Foundation

/// Warning signs described in everyday words, read from `Routines/signs.json`: each sign names
/// a rule and the groups of concepts that must all be present (not denied) in one sentence or in
/// the whole message, optionally only with certain conditions present (in the words or the
/// profile) and never when a condition that explains it is there. The concepts' words are the
/// `vocab.sign.<concept>` lists of each language, so one table serves every language.
///
/// Example: `{"rule": "chest-pain", "all": [["chest"], ["discomfort"]], "scope": "sentence"}`
/// finds "feels like an elephant sitting on his chest".
public struct Signs: Sendable {
  public struct Sign: Sendable, Hashable {
    public enum Scope: String, Sendable, CaseIterable {
      case sentence, message
    }
    public let rule: String
    /// Every group must be matched by one of its concepts.
    public let groups: [[String]]
    public let scope: Scope
    /// At least one of these rule ids must be present (in the words or the profile); empty: none needed.
    public let needs: Set<String>
    /// None of these rule ids may be present.
    public let unless: Set<String>
    /// Whether the sign also reads concept words that are part of a condition's name ("feet
    /// feel numb" is neuropathy, and with new back pain and cancer in the bone also a spinal
    /// warning).
    public var overNames: Bool = false
    /// Line in the file, for messages.
    public let line: Int
  }

  public let signs: [Sign]
  /// Concepts that mark a red-flag system (chest, breathing, speech, face, vision, a weak or
  /// swollen limb, bleeding): an unexplained medical word next to one is treated as urgent.
  public let urgentConcepts: Set<String>
  /// Concepts that say a finding is long-standing ("since his stroke", "for years"): a sign
  /// found with one of them and nothing that says it is new is shown as not understood (ask
  /// the care team) instead of as an emergency.
  public let longStandingConcepts: Set<String>
  /// Concepts whose words are medical by themselves ("seizure", "hypo", "blood pressure"): when
  /// no sign reads them, they are shown as not understood, never taken as explained.
  public let medicalConcepts: Set<String>
  /// Urgent concepts whose words are everyday ones ("lost", "black", "can't see"): they mark a
  /// red-flag system only with one of these partners in the same sentence ("lost" with an eye
  /// or sight word; "black" with a stool or vomit word).
  public let urgentWith: [String: Set<String>]
  /// Every concept named in the file.
  public var concepts: Set<String> {
    Set(signs.flatMap { $0.groups.flatMap { $0 } }).union(urgentConcepts).union(
      longStandingConcepts
    ).union(medicalConcepts).union(urgentWith.values.flatMap { $0 })
  }

  public init(
    signs: [Sign] = [], urgentConcepts: Set<String> = [], longStandingConcepts: Set<String> = [],
    medicalConcepts: Set<String> = [], urgentWith: [String: Set<String>] = [:]
  ) {
    self.signs = signs
    self.urgentConcepts = urgentConcepts
    self.longStandingConcepts = longStandingConcepts
    self.medicalConcepts = medicalConcepts
    self.urgentWith = urgentWith
  }

  /// The sentences where an urgent concept stands, with its partner where it needs one.
  func urgentSentences(_ hits: [Hit], partnersIn all: [Hit], tokens: [TextToken]) -> Set<Int> {
    var out = Set<Int>()
    for hit in hits where urgentConcepts.contains(hit.concept) {
      let sentence = tokens[hit.first].sentence
      if let partners = urgentWith[hit.concept],
        !all.contains(where: {
          partners.contains($0.concept) && tokens[$0.first].sentence == sentence
        })
      {
        continue
      }
      out.insert(sentence)
    }
    return out
  }

  /// Reads and checks `Routines/signs.json`: rule ids must exist; every concept must have
  /// English words (`vocab.sign.<concept>`).
  /// - Throws: `CatalogError` naming file, line and field.
  public static func load(from folder: URL, catalog: Catalog) throws(CatalogError) -> Signs {
    let url = folder.appendingPathComponent("Routines/signs.json")
    let (bytes, name) = try Catalog.read(url, relativeTo: folder)
    let english = Set(catalog.english.values.keys.filter { $0.hasPrefix("vocab.sign.") })
    // Read and checked before from exactly these bytes, rules and words (`SignsCache`).
    let slot = SignsCache.Slot(name: name, bytes: bytes, catalog: catalog, english: english)
    if let cached = slot?.load() { return cached }
    let (r, root) = try DataReader.parse(bytes, file: name)
    _ = try r.object(
      root, "",
      allowed: [
        "v", "urgentConcepts", "longStandingConcepts", "medicalConcepts", "urgentWith", "signs",
      ])
    _ = try r.int(root, "", "v", in: 1...1)
    func concept(_ node: JSONNode, _ path: String) throws(CatalogError) -> String {
      guard let s = node.stringValue, !s.isEmpty else {
        throw r.error(node, path, "expected a concept name, found \(node.typeName)")
      }
      guard english.contains("vocab.sign.\(s)") else {
        throw r.error(
          node, path, "no English words for the concept (vocab.sign.\(s) in Locales/en.json)")
      }
      return s
    }
    var urgent = Set<String>()
    for (i, node) in try r.array(root, "", "urgentConcepts").enumerated() {
      urgent.insert(try concept(node, "urgentConcepts[\(i)]"))
    }
    var longStanding = Set<String>()
    for (i, node) in try r.array(root, "", "longStandingConcepts").enumerated() {
      longStanding.insert(try concept(node, "longStandingConcepts[\(i)]"))
    }
    var medical = Set<String>()
    if root["medicalConcepts"] != nil {
      for (i, node) in try r.array(root, "", "medicalConcepts").enumerated() {
        medical.insert(try concept(node, "medicalConcepts[\(i)]"))
      }
    }
    var urgentWith: [String: Set<String>] = [:]
    if let node = root["urgentWith"] {
      guard case .object(let members) = node.kind else {
        throw r.error(node, "urgentWith", "expected an object of concept: [partner concepts]")
      }
      for (name, value) in members {
        let path = "urgentWith.\(name)"
        guard urgent.contains(name) else {
          throw r.error(value, path, "not one of urgentConcepts")
        }
        guard case .array(let items) = value.kind, !items.isEmpty else {
          throw r.error(value, path, "expected a non-empty array of concepts")
        }
        var partners = Set<String>()
        for (k, item) in items.enumerated() {
          partners.insert(try concept(item, "\(path)[\(k)]"))
        }
        urgentWith[name] = partners
      }
    }
    var signs: [Sign] = []
    for (i, node) in try r.array(root, "", "signs").enumerated() {
      let path = "signs[\(i)]"
      _ = try r.object(
        node, path,
        allowed: ["rule", "all", "scope", "needs", "unless", "overNames", "why", "sources"])
      let rule = try r.string(node, path, "rule")
      guard catalog.rule(rule) != nil else {
        throw r.error(try r.member(node, path, "rule"), "\(path).rule", "unknown rule \"\(rule)\"")
      }
      var groups: [[String]] = []
      for (j, group) in try r.array(node, path, "all").enumerated() {
        guard case .array(let items) = group.kind, !items.isEmpty else {
          throw r.error(group, "\(path).all[\(j)]", "expected a non-empty array of concepts")
        }
        var names: [String] = []
        for (k, item) in items.enumerated() {
          names.append(try concept(item, "\(path).all[\(j)][\(k)]"))
        }
        groups.append(names)
      }
      guard !groups.isEmpty else { throw r.error(node, "\(path).all", "needs at least one group") }
      func ids(_ key: String) throws(CatalogError) -> Set<String> {
        guard node[key] != nil else { return [] }
        var out = Set<String>()
        for (j, item) in try r.array(node, path, key).enumerated() {
          guard let id = item.stringValue, catalog.rule(id) != nil else {
            throw r.error(item, "\(path).\(key)[\(j)]", "unknown rule id")
          }
          out.insert(id)
        }
        return out
      }
      _ = try r.string(node, path, "why")
      guard case .array(let sources)? = node["sources"]?.kind, !sources.isEmpty else {
        throw r.error(node, "\(path).sources", "every sign needs at least one source")
      }
      var sign = Sign(
        rule: rule, groups: groups, scope: try r.choice(node, path, "scope", as: Sign.Scope.self),
        needs: try ids("needs"), unless: try ids("unless"), line: r.line(of: node))
      if let over = node["overNames"] {
        guard case .bool(let b) = over.kind else {
          throw r.error(over, "\(path).overNames", "expected true or false")
        }
        sign.overNames = b
      }
      signs.append(sign)
    }
    let loaded = Signs(
      signs: signs, urgentConcepts: urgent, longStandingConcepts: longStanding,
      medicalConcepts: medical, urgentWith: urgentWith)
    slot?.store(loaded)
    return loaded
  }

  /// A concept found in a message.
  struct Hit: Sendable {
    var concept: String
    var first: Int
    var last: Int
  }

  /// The signs whose groups are all present, with the token span they cover.
  /// - Parameter overNames: read only the signs that read words inside condition names.
  func find(
    _ hits: [Hit], present ids: Set<String>, tokens: [TextToken], overNames: Bool = false
  ) -> [RedFlagPatterns.Found] {
    var found: [RedFlagPatterns.Found] = []
    let sentences = Set(hits.map { tokens[$0.first].sentence }).sorted()
    for sign in signs where !overNames || sign.overNames {
      guard sign.needs.isEmpty || !sign.needs.isDisjoint(with: ids),
        sign.unless.isDisjoint(with: ids)
      else { continue }
      let scopes: [[Hit]] =
        sign.scope == .message
        ? [hits] : sentences.map { s in hits.filter { tokens[$0.first].sentence == s } }
      for here in scopes {
        var first = Int.max
        var last = -1
        var all = true
        for group in sign.groups {
          guard let hit = here.first(where: { group.contains($0.concept) }) else {
            all = false
            break
          }
          first = min(first, hit.first)
          last = max(last, hit.last)
        }
        if all {
          found.append(RedFlagPatterns.Found(id: sign.rule, site: nil, first: first, last: last))
          break
        }
      }
    }
    return found
  }
}
