import Foundation

/// Reads a Tend FHIR export back into summary entries, so `tend review` computes a Bundle's
/// summary with the same code that made it (the round trip is also a test oracle).
///
/// It relies on the local codings Tend writes beside the standard ones (sites, precaution ids)
/// and on the summary-period extension; a Bundle from elsewhere reads as far as it matches.
enum FHIRReader {
  struct Read {
    var receiver: SummaryReceiver
    var entries: [SummaryEntry]
    var period: SummaryPeriod?
    var made: SummaryTime?
    var checksum: String?
    var deidentified: Bool
    var version: TendVersion?
    /// Red flags said in the family's words (Flags coded `said-red-flag`), without the words.
    var said: [SummaryData.SaidFlag] = []
  }

  typealias Object = [String: Any]

  static func text(_ o: Any?, _ path: String...) -> String? {
    var node = o
    for key in path {
      if let i = Int(key) {
        node = (node as? [Any]).flatMap { $0.indices.contains(i) ? $0[i] : nil }
      } else {
        node = (node as? Object)?[key]
      }
    }
    return node as? String
  }

  static func read(_ bundle: Object) -> Read? {
    guard bundle["resourceType"] as? String == "Bundle", let list = bundle["entry"] as? [Object]
    else { return nil }
    var checksum: String?
    var period: SummaryPeriod?
    var version: TendVersion?
    for ext in ((bundle["meta"] as? Object)?["extension"] as? [Object]) ?? [] {
      if ext["url"] as? String == FHIRCodes.checksumExtension {
        checksum = ext["valueString"] as? String
      }
      if ext["url"] as? String == FHIRBundle.versionExtension {
        version = (ext["valueString"] as? String).flatMap(TendVersion.init(token:))
      }
      if ext["url"] as? String == FHIRBundle.periodExtension, let p = ext["valuePeriod"] as? Object,
        let a = p["start"] as? String, let b = p["end"] as? String
      {
        let years = a.count == 4
        if let f = years
          ? Int(a).map({ CivilDay.days(year: $0, month: 1, day: 1) }) : CivilDay.parse(a),
          let t = years
            ? Int(b).map({ CivilDay.days(year: $0, month: 12, day: 31) }) : CivilDay.parse(b)
        {
          period = SummaryPeriod(from: f, to: t, yearsOnly: years)
        }
      }
    }
    let made = (bundle["timestamp"] as? String).flatMap(SummaryTime.parse)
    let resources = list.compactMap { e -> (String, Object)? in
      guard let url = e["fullUrl"] as? String, let r = e["resource"] as? Object else { return nil }
      return (url, r)
    }
    let deidentified = made == nil
    let fallback = SummaryTime(seconds: Int64(period?.from ?? 0) * 86_400, offset: 0)
    var receiver = SummaryReceiver(id: "", name: "")
    var patientURL = ""
    var people: [String: String] = [:]
    var observations: [String: [Object]] = [:]
    for (url, r) in resources {
      switch r["resourceType"] as? String {
      case "Patient":
        patientURL = url
        receiver.name = text(r, "name", "0", "text") ?? ""
        receiver.birthYear = text(r, "birthDate").flatMap { Int($0.prefix(4)) }
      case "RelatedPerson":
        people[url] =
          text(r, "name", "0", "text") ?? text(r, "relationship", "0", "text") ?? "caregiver"
      case "Observation":
        if let target = text(r, "partOf", "0", "reference") {
          observations[target, default: []].append(r)
        }
      default: break
      }
    }
    receiver.caregivers = Array(people.values)
    var entries: [SummaryEntry] = []
    var said: [SummaryData.SaidFlag] = []
    for (url, r) in resources {
      switch r["resourceType"] as? String {
      case "Procedure":
        entries += session(
          r, observations[url] ?? [], patient: patientURL, people: people, fallback: fallback)
      case "Flag":
        let codings = ((r["code"] as? Object)?["coding"] as? [Object]) ?? []
        guard
          let id = codings.first(where: { $0["system"] as? String == FHIRBundle.precautionSystem }
          )?["code"] as? String
        else { continue }
        // The care team's answers and advice are not precautions of the person.
        if id.hasPrefix("care-team-") { continue }
        // A red flag said is words, not a condition of the person's profile.
        if id == FHIRBundle.saidRedFlagCode {
          let source = codings.first { $0["code"] as? String == id }?["display"] as? String
          said.append(
            .init(
              when: text(r, "period", "start") ?? "", source: source ?? "note",
              rules: codings.dropFirst().compactMap { $0["code"] as? String }, words: nil,
              session: nil, cleared: text(r, "period", "end")))
          continue
        }
        // Where it applies: the precaution-site extension (older exports: a second coding).
        let siteCodings =
          ((r["extension"] as? [Object])?.first {
            $0["url"] as? String == FHIRBundle.precautionSiteExtension
          }?["valueCodeableConcept"] as? Object)?["coding"] as? [Object]
        let token =
          (siteCodings ?? codings).first { $0["system"] as? String == FHIRBundle.siteSystem }?[
            "code"] as? String
        let (side, site) = splitSite(token)
        let since = text(r, "period", "start")
        entries.append(
          .condition(
            SummaryCondition(at: nil, change: .added, id: id, site: site, side: side, since: since))
        )
        if let end = text(r, "period", "end"), let day = CivilDay.parse(end) {
          entries.append(
            .condition(
              SummaryCondition(
                at: SummaryTime(seconds: Int64(day) * 86_400, offset: 0), change: .removed, id: id,
                site: site, side: side)))
        }
      case "Consent":
        let provision = r["provision"] as? Object
        entries.append(
          .consent(
            SummaryConsent(
              at: text(r, "dateTime").flatMap(SummaryTime.parse),
              sharedWith: text(provision, "actor", "0", "reference", "display") ?? "care team",
              from: text(provision, "period", "start"), to: text(provision, "period", "end"))))
      default: break
      }
    }
    return Read(
      receiver: receiver, entries: entries, period: period, made: made, checksum: checksum,
      deidentified: deidentified, version: version,
      said: said.sorted { $0.when < $1.when })
  }

  static func splitSite(_ token: String?) -> (side: String?, site: String?) {
    guard let token else { return (nil, nil) }
    for side in ["left", "right"] where token.hasPrefix(side + "-") {
      return (side, String(token.dropFirst(side.count + 1)))
    }
    return (nil, token)
  }

  static func session(
    _ r: Object, _ obs: [Object], patient: String, people: [String: String], fallback: SummaryTime
  ) -> [SummaryEntry] {
    let start = text(r, "performedPeriod", "start").flatMap(SummaryTime.parse)
    var s = SummarySession(at: start ?? fallback)
    if let end = text(r, "performedPeriod", "end").flatMap(SummaryTime.parse), let start {
      s.minutes = Int((end.seconds - start.seconds) / 60)
    }
    s.routine = text(r, "instantiatesUri", "0").map { String($0.split(separator: "/").last ?? "") }
    s.stoppedEarly = r["status"] as? String == "stopped"
    s.stopReason = s.stoppedEarly ? text(r, "statusReason", "text") : nil
    s.by = text(r, "performer", "0", "actor", "reference").flatMap { people[$0] }
    s.note = text(r, "note", "0", "text")
    for site in (r["bodySite"] as? [Object]) ?? [] {
      let codings = (site["coding"] as? [Object]) ?? []
      if let token = codings.first(where: { $0["system"] as? String == FHIRBundle.siteSystem })?[
        "code"] as? String
      {
        s.sites.append(token)
      }
    }
    var water: SummaryWater?
    for o in obs {
      let coding = (
        text(o, "code", "coding", "0", "system"), text(o, "code", "coding", "0", "code")
      )
      if coding == (FHIRCodes.tendSystem, "pressure-level") {
        s.pressure = o["valueInteger"] as? Int
        continue
      }
      if coding == (FHIRCodes.tendSystem, "water-reminder") {
        let code = text(o, "valueCodeableConcept", "coding", "0", "code")
        let answer =
          ["accepted": "given", "declined": "declined", "later": "later"][code ?? ""] ?? "offered"
        water = SummaryWater(
          at: text(o, "effectiveDateTime").flatMap(SummaryTime.parse) ?? s.at, answer: answer)
        continue
      }
      guard
        let scale = SummaryScale.allCases.first(where: {
          $0.fhirCoding.system == coding.0 && $0.fhirCoding.code == coding.1
        }),
        let value = (o["valueQuantity"] as? Object)?["value"] as? Int
      else { continue }
      let categories = ((o["category"] as? [Object]) ?? []).compactMap {
        text($0, "coding", "0", "code")
      }
      let by: RatedBy = text(o, "performer", "0", "reference") == patient ? .receiver : .caregiver
      if categories.contains("after-session") {
        if s.after == nil { s.after = SummaryRatings(ratedBy: by, scores: Scores()) }
        s.after?.scores[scale] = value
      } else {
        if s.before == nil { s.before = SummaryRatings(ratedBy: by, scores: Scores()) }
        s.before?.scores[scale] = value
      }
    }
    return [.session(s)] + (water.map { [.water($0)] } ?? [])
  }
}
