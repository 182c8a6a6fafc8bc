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
    let start = r.at
    let end = r.at.map { $0.adding(minutes: r.minutes ?? 0) }
    let stopped = r.status == "stopped"
    let performer = r.by.flatMap { people[$0] }
    // The Procedure, written member by member as `procedure(…)` builds and `compact` writes it
    // (tested so): its fixed parts made once, its words once per routine.
    out.append(contentsOf: Self.nextEntry)
    out.append(contentsOf: Self.procedureOpening)
    let idAt = out.count
    ids.next(into: &out)
    // The Procedure's `"urn:uuid:…"`, for the Observations' `partOf`.
    var urlQuoted = Self.urnOpening
    urlQuoted.append(contentsOf: out[idAt...])
    urlQuoted.append(UInt8(ascii: "\""))
    out.append(contentsOf: Self.procedureResource)
    let words = procedureWords(r.routine)
    out.append(contentsOf: words.instantiates)
    if stopped {
      out.append(contentsOf: Self.stoppedStatus)
      OrderedJSON.quote(r.stopReason ?? stoppedText(r), into: &out)
      out.append(contentsOf: Self.afterReason)
    } else {
      out.append(contentsOf: Self.completedStatus)
    }
    if let open = words.textOpen, let close = words.textClose {
      out.append(contentsOf: open)
      localNumber(r.number, into: &out)
      out.append(contentsOf: close)
    } else {
      let routine = r.routine.map { w.routineName($0) } ?? t("summary.fhir.massage")
      out.append(contentsOf: Self.codeOpening)
      OrderedJSON.quote(
        t("summary.fhir.procedure", ["routine": .text(routine), "number": .number(r.number)]),
        into: &out)
      out.append(contentsOf: Self.codeClosing)
    }
    out.append(contentsOf: subjectMember)
    var startText: [UInt8] = []
    var endText: [UInt8] = []
    if let start, let end {
      start.writeDescription(into: &startText)
      end.writeDescription(into: &endText)
      out.append(contentsOf: Self.periodStart)
      out.append(contentsOf: startText)
      out.append(contentsOf: Self.periodEnd)
      out.append(contentsOf: endText)
      out.append(contentsOf: Self.periodClose)
    }
    if let performer {
      out.append(contentsOf: Self.performerOpening)
      OrderedJSON.quote(performer, into: &out)
      out.append(contentsOf: Self.performerClosing)
    }
    if !r.sites.isEmpty {
      out.append(contentsOf: Self.bodySiteOpening)
      for (i, site) in r.sites.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: siteConceptText(site))
      }
      out.append(UInt8(ascii: "]"))
    }
    if let note = r.note {
      out.append(contentsOf: Self.noteOpening)
      OrderedJSON.quote(note, into: &out)
      out.append(contentsOf: Self.noteClosing)
    }
    out.append(contentsOf: Self.procedureClosing)
    let ratings = [
      ("before", r.before, r.beforeBy, r.beforeRater), ("after", r.after, r.afterBy, r.afterRater),
    ]
    for (when, scores, by, name) in ratings where !scores.isEmpty {
      let time = when == "before" ? startText : endText
      // A caregiver's rating: the one who rated, when named and in the bundle, else the one
      // who gave the session.
      let rater = by == .caregiver ? name.flatMap { people[$0] } ?? performer ?? patient : patient
      for (index, scale) in SummaryScale.allCases.enumerated() {
        guard let value = scores[scale.rawValue] else { continue }
        let template = ratingTemplate(
          when: when, scale: scale, index: index, timed: start != nil)
        out.append(contentsOf: Self.nextEntry)
        template.write(into: &out) { hole, out in
          switch hole {
          case .id: Self.freshURN(ids, into: &out)
          case .partOf: out.append(contentsOf: urlQuoted)
          case .time:
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: time)
            out.append(UInt8(ascii: "\""))
          case .rater: OrderedJSON.quote(rater, into: &out)
          case .value: OrderedJSON.digits(value, into: &out)
          case .limit: break
          }
        }
      }
    }
    if let water = r.water, let answer = Self.waterAnswers[water] {
      let timed = start != nil
      let template = cachedTemplate(
        &waterTemplates, code: "water-reminder", text: t("summary.fhir.water"), timed: timed,
        value: "valueCodeableConcept")
      observation(template, partOf: urlQuoted, at: timed ? endText : nil, into: &out) {
        $0.append(contentsOf: answer)
      }
    }
    if let p = r.pressure {
      let timed = start != nil
      let template = cachedTemplate(
        &pressureTemplates, code: "pressure-level", text: t("summary.fhir.pressure"),
        timed: timed, value: "valueInteger")
      observation(template, partOf: urlQuoted, at: timed ? startText : nil, into: &out) {
        OrderedJSON.digits(p, into: &$0)
      }
    }
  }

  /// The water answer's `valueCodeableConcept` as compact text, by the journal's answer.
  static let waterAnswers: [String: [UInt8]] = {
    var out: [String: [UInt8]] = [:]
    for (answer, code) in [("given", "accepted"), ("declined", "declined"), ("later", "later")] {
      var text: [UInt8] = []
      concept([coding(FHIRCodes.tendSystem, code)]).compact(into: &text)
      out[answer] = text
    }
    return out
  }()

  /// The Procedure for a session as a tree (what `session` writes, member by member; tests
  /// compare the two).
  func procedure(_ r: SummaryData.Row, url: String) -> OrderedJSON {
    let t = options.localizer
    let start = r.at
    let end = r.at.map { $0.adding(minutes: r.minutes ?? 0) }
    let routine = r.routine.map { w.routineName($0) } ?? t("summary.fhir.massage")
    let sites: [OrderedJSON] = r.sites.map { site in
      let codes = [
        FHIRCodes.bodySite(site).map { FHIRBundle.coding(FHIRCodes.snomed, $0) },
        FHIRBundle.coding(Self.siteSystem, site),
      ]
      return Self.concept(codes.compactMap { $0 }, text: w.siteName(site))
    }
    let stopped = r.status == "stopped"
    let performer = r.by.flatMap { people[$0] }
    return Self.entry(
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
  }

  static let procedureOpening = Array(#"{"fullUrl":"urn:uuid:"#.utf8)
  static let procedureResource = Array(#"","resource":{"resourceType":"Procedure","#.utf8)
  static let stoppedStatus = Array(#""status":"stopped","statusReason":{"text":"#.utf8)
  static let afterReason = Array("},".utf8)
  static let completedStatus = Array(#""status":"completed","#.utf8)
  static let codeOpening = Array(
    (#""code":{"coding":[{"system":"# + OrderedJSON.quote(FHIRCodes.snomed) + #","code":"#
      + OrderedJSON.quote(FHIRCodes.massage) + #"}],"text":"#).utf8)
  static let codeClosing = Array("},".utf8)
  static let periodStart = Array(#","performedPeriod":{"start":""#.utf8)
  static let periodEnd = Array(#"","end":""#.utf8)
  static let periodClose = Array(#""}"#.utf8)
  static let performerOpening = Array(#","performer":[{"actor":{"reference":"#.utf8)
  static let performerClosing = Array("}}]".utf8)
  static let bodySiteOpening = Array(#","bodySite":["#.utf8)
  static let noteOpening = Array(#","note":[{"text":"#.utf8)
  static let noteClosing = Array("}]".utf8)
  static let procedureClosing = Array("}}".utf8)

  /// `"subject":{"reference":"<the Patient>"}`.
  static func makeSubject(_ patient: String) -> [UInt8] {
    var out = Array(#""subject":"#.utf8)
    ref(patient).compact(into: &out)
    return out
  }

  /// A routine's words in its Procedure: `instantiatesUri` (with its comma, or nothing), and
  /// the `code` member cut where the session's number goes (nil when the message does not take
  /// the number exactly once as plain text: then it is rendered for each session).
  struct ProcedureWords {
    var instantiates: [UInt8]
    var textOpen: [UInt8]?
    var textClose: [UInt8]?
  }

  mutating func procedureWords(_ routine: String?) -> ProcedureWords {
    let key = routine ?? ""
    if let made = procedureWordsMade[key] { return made }
    let t = options.localizer
    var instantiates: [UInt8] = []
    if let routine {
      instantiates.append(contentsOf: #""instantiatesUri":["#.utf8)
      OrderedJSON.quote(FHIRCodes.routineBase + routine, into: &instantiates)
      instantiates.append(contentsOf: "],".utf8)
    }
    let name = routine.map { w.routineName($0) } ?? t("summary.fhir.massage")
    // A mark no message or routine name holds: where the number goes.
    let mark = "\u{1}"
    var made = ProcedureWords(instantiates: instantiates)
    if !name.contains(mark) {
      let text = t("summary.fhir.procedure", ["routine": .text(name), "number": .text(mark)])
      let parts = text.split(separator: "\u{1}", omittingEmptySubsequences: false)
      if parts.count == 2 {
        var open = Self.codeOpening
        open.append(UInt8(ascii: "\""))
        open.append(contentsOf: Self.escaped(String(parts[0])))
        var close = Self.escaped(String(parts[1]))
        close.append(UInt8(ascii: "\""))
        close.append(contentsOf: Self.codeClosing)
        made.textOpen = open
        made.textClose = close
      }
    }
    procedureWordsMade[key] = made
    return made
  }

  /// A string's JSON text without its quotes.
  static func escaped(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    OrderedJSON.quote(s, into: &out)
    return Array(out.dropFirst().dropLast())
  }

  /// `n` as the localizer writes a number (`Localizer.text(.number(n))`), escaped for a JSON
  /// string. A number of 1,000 or more is written as that of its thousands, made once, with
  /// its last three digits after: digit grouping goes by the count of digits, never by their
  /// values. Anything the localizer writes otherwise (not ending in `000`) is formatted whole.
  mutating func localNumber(_ n: Int, into out: inout [UInt8]) {
    let t = options.localizer
    guard n >= 0 else {
      out.append(contentsOf: Self.escaped(t.text(.number(n))))
      return
    }
    if n < 1000 {
      if let made = smallNumbers[n] {
        out.append(contentsOf: made)
      } else {
        let made = Self.escaped(t.text(.number(n)))
        smallNumbers[n] = made
        out.append(contentsOf: made)
      }
      return
    }
    let k = n / 1000
    let prefix: [UInt8]?
    if lastThousand.k == k {
      prefix = lastThousand.prefix
    } else if let made = thousands[k] {
      prefix = made
      lastThousand = (k, made)
    } else {
      let whole = Self.escaped(t.text(.number(k * 1000)))
      let zeros: [UInt8] = [0x30, 0x30, 0x30]
      prefix = whole.count > 3 && Array(whole.suffix(3)) == zeros ? Array(whole.dropLast(3)) : nil
      thousands[k] = prefix
      lastThousand = (k, prefix)
    }
    guard let prefix else {
      out.append(contentsOf: Self.escaped(t.text(.number(n))))
      return
    }
    out.append(contentsOf: prefix)
    let r = n % 1000
    out.append(0x30 + UInt8(r / 100))
    out.append(0x30 + UInt8(r / 10 % 10))
    out.append(0x30 + UInt8(r % 10))
  }

  /// A body site's CodeableConcept as compact text, made once per site.
  mutating func siteConceptText(_ token: String) -> [UInt8] {
    if let made = siteTexts[token] { return made }
    var out: [UInt8] = []
    siteConcept(token).compact(into: &out)
    siteTexts[token] = out
    return out
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
    if key < ratingTemplates.count, let made = ratingTemplates[key] { return made }
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
    if key < ratingTemplates.count { ratingTemplates[key] = made }
    return made
  }

  /// An Observation of a session with one `code` of Tend's, with holes for its id, the
  /// Procedure, its time (when `timed`) and its `value` member's value.
  /// The Observation template for `code`, made the first time it is asked for (one untimed,
  /// one timed) and kept in `cache`.
  func cachedTemplate(
    _ cache: inout [JSONTemplate?], code: String, text: String, timed: Bool, value: String
  ) -> JSONTemplate {
    if let made = cache[timed ? 1 : 0] { return made }
    let template = observationTemplate(code: code, text: text, timed: timed, value: value)
    cache[timed ? 1 : 0] = template
    return template
  }

  func observationTemplate(code: String, text: String, timed: Bool, value: String)
    -> JSONTemplate
  {
    let resource = OrderedJSON.obj([
      ("resourceType", .string("Observation")), ("status", .string("final")),
      ("code", Self.concept([Self.coding(FHIRCodes.tendSystem, code)], text: text)),
      ("subject", Self.ref(patient)),
      ("partOf", .array([.obj([("reference", .hole(.partOf))])])),
      ("effectiveDateTime", timed ? .hole(.time) : nil),
      (value, .hole(.value)),
    ])
    return JSONTemplate(Self.entry(.hole(.id), resource))
  }

  /// Writes an Observation of `observationTemplate`, after a comma and a newline.
  func observation(
    _ template: JSONTemplate, partOf url: [UInt8], at time: [UInt8]?, into out: inout [UInt8],
    value: (inout [UInt8]) -> Void
  ) {
    let ids = options.ids
    out.append(contentsOf: Self.nextEntry)
    template.write(into: &out) { hole, out in
      switch hole {
      case .id: Self.freshURN(ids, into: &out)
      case .partOf: out.append(contentsOf: url)
      case .time:
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: time ?? [])
        out.append(UInt8(ascii: "\""))
      case .value: value(&out)
      case .rater, .limit: break
      }
    }
  }
}
