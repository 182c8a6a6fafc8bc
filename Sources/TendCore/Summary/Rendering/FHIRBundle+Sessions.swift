extension FHIRBundle {
  /// A Procedure for one session, then its Observations: each entry after a comma and a
  /// newline, appended to `out`.
  ///
  /// The Observations differ from one session to the next only in their ids, time, rater and
  /// value, so each kind (a rating of one scale before or after, the water answer, the
  /// pressure) is made once as an `OrderedJSON` with holes there (`JSONTemplate`) and then
  /// written with those filled in: the same bytes as building and writing it anew, without the
  /// work. Ids are drawn in the same order as before (the Procedure's, then each
  /// Observation's as it is written).
  mutating func session(_ r: SummaryData.Row, into out: inout [UInt8]) {
    let t = options.localizer
    let ids = options.ids
    let url = "urn:uuid:" + ids.next()
    let start = r.at
    let end = r.at.map { $0.adding(minutes: r.minutes ?? 0) }
    let routine = r.routine.map { w.routineName($0) } ?? t("summary.fhir.massage")
    let sites: [OrderedJSON] = r.sites.map { siteConcept($0) }
    let stopped = r.status == "stopped"
    let performer = r.by.flatMap { people[$0] }
    out.append(contentsOf: Self.nextEntry)
    Self.entry(
      url,
      .obj([
        ("resourceType", .string("Procedure")),
        ("instantiatesUri", r.routine.map { .array([.string(FHIRCodes.routineBase + $0)]) }),
        ("status", .string(stopped ? "stopped" : "completed")),
        (
          "statusReason",
          stopped ? .obj([("text", .string(r.stopReason ?? stoppedText(r)))]) : nil
        ),
        (
          "code",
          Self.concept(
            [Self.coding(FHIRCodes.snomed, FHIRCodes.massage)],
            text: t(
              "summary.fhir.procedure", ["routine": .text(routine), "number": .number(r.number)]))
        ),
        ("subject", Self.ref(patient)),
        (
          "performedPeriod",
          start.map { .obj([("start", .string($0.description)), ("end", .str(end?.description))]) }
        ),
        ("performer", performer.map { .array([.obj([("actor", Self.ref($0))])]) }),
        ("bodySite", .array(sites)),
        ("note", r.note.map { .array([.obj([("text", .string($0))])]) }),
      ])
    ).compact(into: &out)
    let startText = start?.description
    let endText = end?.description
    let ratings = [
      ("before", r.before, r.beforeBy, r.beforeRater), ("after", r.after, r.afterBy, r.afterRater),
    ]
    for (when, scores, by, name) in ratings {
      let time = when == "before" ? startText : endText
      for (index, scale) in SummaryScale.allCases.enumerated() {
        guard let value = scores[scale.rawValue] else { continue }
        // A caregiver's rating: the one who rated, when named and in the bundle, else the
        // one who gave the session.
        let rater = by == .caregiver ? name.flatMap { people[$0] } ?? performer ?? patient : patient
        let template = ratingTemplate(when: when, scale: scale, index: index, timed: time != nil)
        out.append(contentsOf: Self.nextEntry)
        template.write(into: &out) { hole, out in
          switch hole {
          case .id: Self.freshURN(ids, into: &out)
          case .partOf: OrderedJSON.quote(url, into: &out)
          case .time: OrderedJSON.quote(time ?? "", into: &out)
          case .rater: OrderedJSON.quote(rater, into: &out)
          case .value: OrderedJSON.digits(value, into: &out)
          }
        }
      }
    }
    if let water = r.water,
      let code = ["given": "accepted", "declined": "declined", "later": "later"][water]
    {
      observation(
        partOf: url, code: "water-reminder", text: t("summary.fhir.water"), at: endText,
        value: ("valueCodeableConcept", Self.concept([Self.coding(FHIRCodes.tendSystem, code)])),
        into: &out)
    }
    if let p = r.pressure {
      observation(
        partOf: url, code: "pressure-level", text: t("summary.fhir.pressure"), at: startText,
        value: ("valueInteger", .int(p)), into: &out)
    }
  }

  /// `"urn:uuid:…"` with a fresh id, as `.string("urn:uuid:" + ids.next())` writes it.
  static func freshURN(_ ids: UUIDSource, into out: inout [UInt8]) {
    out.append(contentsOf: urnOpening)
    ids.next(into: &out)
    out.append(UInt8(ascii: "\""))
  }

  static let urnOpening = Array("\"urn:uuid:".utf8)

  /// A body site's CodeableConcept: SNOMED CT where known, Tend's own token, its name.
  mutating func siteConcept(_ token: String) -> OrderedJSON {
    if let made = siteConcepts[token] { return made }
    let codes = [
      FHIRCodes.bodySite(token).map { FHIRBundle.coding(FHIRCodes.snomed, $0) },
      FHIRBundle.coding(Self.siteSystem, token),
    ]
    let concept = Self.concept(codes.compactMap { $0 }, text: w.siteName(token))
    siteConcepts[token] = concept
    return concept
  }

  /// The entry of a rating of `scale` before or after a session, with holes for its id, the
  /// Procedure it is part of, its time (when the session has one), who rated and the score.
  mutating func ratingTemplate(when: String, scale: SummaryScale, index: Int, timed: Bool)
    -> JSONTemplate
  {
    let key = (when == "before" ? 0 : 1) + 2 * (timed ? 1 : 0) + 4 * index
    if let made = ratingTemplates[key] { return made }
    let t = options.localizer
    let c = scale.fhirCoding
    let resource = OrderedJSON.obj([
      ("resourceType", .string("Observation")), ("status", .string("final")),
      (
        "category",
        .array([
          Self.concept([
            Self.coding(Self.rcSystem + "observation-category", "survey", "Survey")
          ]),
          Self.concept([
            Self.coding(
              FHIRCodes.tendSystem, "\(when)-session", t("summary.fhir.\(when)Category"))
          ]),
        ])
      ),
      (
        "code",
        Self.concept(
          [Self.coding(c.system, c.code, c.display)],
          text: t(
            "summary.fhir.\(when)",
            ["scale": .text(w.scaleName(scale)), "anchor": .text(w.scaleAnchor(scale))]))
      ),
      ("subject", Self.ref(patient)),
      ("partOf", .array([.obj([("reference", .hole(.partOf))])])),
      ("effectiveDateTime", timed ? .hole(.time) : nil),
      ("performer", .array([.obj([("reference", .hole(.rater))])])),
      (
        "valueQuantity",
        .obj([
          ("value", .hole(.value)), ("unit", .string("{score}")),
          ("system", .string("http://unitsofmeasure.org")),
          ("code", .string("{score}")),
        ])
      ),
    ])
    let made = JSONTemplate(Self.entry(.hole(.id), resource))
    ratingTemplates[key] = made
    return made
  }

  mutating func observation(
    partOf url: String, code: String, text: String, at time: String?,
    value: (String, OrderedJSON), into out: inout [UInt8]
  ) {
    let key = "\(code) \(value.0) \(time != nil)"
    let template: JSONTemplate
    if let made = templates[key] {
      template = made
    } else {
      let resource = OrderedJSON.obj([
        ("resourceType", .string("Observation")), ("status", .string("final")),
        ("code", Self.concept([Self.coding(FHIRCodes.tendSystem, code)], text: text)),
        ("subject", Self.ref(patient)),
        ("partOf", .array([.obj([("reference", .hole(.partOf))])])),
        ("effectiveDateTime", time == nil ? nil : .hole(.time)),
        (value.0, .hole(.value)),
      ])
      template = JSONTemplate(Self.entry(.hole(.id), resource))
      templates[key] = template
    }
    let ids = options.ids
    out.append(contentsOf: Self.nextEntry)
    template.write(into: &out) { hole, out in
      switch hole {
      case .id: Self.freshURN(ids, into: &out)
      case .partOf: OrderedJSON.quote(url, into: &out)
      case .time: OrderedJSON.quote(time ?? "", into: &out)
      case .value: value.1.compact(into: &out)
      case .rater: break
      }
    }
  }
}
