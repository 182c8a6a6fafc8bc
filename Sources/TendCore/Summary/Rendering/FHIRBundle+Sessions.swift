extension FHIRBundle {
  /// A Procedure for one session, then its Observations.
  mutating func addSession(_ r: SummaryData.Row) {
    let t = options.localizer
    let url = "urn:uuid:" + options.ids.next()
    let start = r.at
    let end = r.at.map { $0.adding(minutes: r.minutes ?? 0) }
    let routine = r.routine.map { w.routineName($0) } ?? t("summary.fhir.massage")
    let sites: [OrderedJSON] = r.sites.map { token in
      let codes = [
        FHIRCodes.bodySite(token).map { FHIRBundle.coding(FHIRCodes.snomed, $0) },
        FHIRBundle.coding(Self.siteSystem, token),
      ]
      return Self.concept(codes.compactMap { $0 }, text: w.siteName(token))
    }
    let stopped = r.status == "stopped"
    let performer = r.by.flatMap { people[$0] }
    add(
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
      ]))
    let ratings = [
      ("before", r.before, r.beforeBy, r.beforeRater), ("after", r.after, r.afterBy, r.afterRater),
    ]
    for (when, scores, by, name) in ratings {
      for scale in SummaryScale.allCases {
        guard let value = scores[scale.rawValue] else { continue }
        let c = scale.fhirCoding
        // A caregiver's rating: the one who rated, when named and in the bundle, else the
        // one who gave the session.
        let rater = by == .caregiver ? name.flatMap { people[$0] } ?? performer ?? patient : patient
        add(
          "urn:uuid:" + options.ids.next(),
          .obj([
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
            ("partOf", .array([Self.ref(url)])),
            ("effectiveDateTime", .str((when == "before" ? start : end)?.description)),
            ("performer", .array([Self.ref(rater)])),
            (
              "valueQuantity",
              .obj([
                ("value", .int(value)), ("unit", .string("{score}")),
                ("system", .string("http://unitsofmeasure.org")),
                ("code", .string("{score}")),
              ])
            ),
          ]))
      }
    }
    if let water = r.water,
      let code = ["given": "accepted", "declined": "declined", "later": "later"][water]
    {
      observation(
        partOf: url, code: "water-reminder", text: t("summary.fhir.water"), at: end,
        value: ("valueCodeableConcept", Self.concept([Self.coding(FHIRCodes.tendSystem, code)])))
    }
    if let p = r.pressure {
      observation(
        partOf: url, code: "pressure-level", text: t("summary.fhir.pressure"), at: start,
        value: ("valueInteger", .int(p)))
    }
  }

  mutating func observation(
    partOf url: String, code: String, text: String, at: SummaryTime?, value: (String, OrderedJSON)
  ) {
    add(
      "urn:uuid:" + options.ids.next(),
      .obj([
        ("resourceType", .string("Observation")), ("status", .string("final")),
        ("code", Self.concept([Self.coding(FHIRCodes.tendSystem, code)], text: text)),
        ("subject", Self.ref(patient)),
        ("partOf", .array([Self.ref(url)])),
        ("effectiveDateTime", .str(at?.description)),
        value,
      ]))
  }
}
