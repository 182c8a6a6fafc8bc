/// The summary as a FHIR R4 `Bundle` of type `collection` (clinical-export.md 1.2): a Patient,
/// a RelatedPerson per caregiver, a Consent per sharing record, a Flag per precaution in force,
/// and per session a Procedure (`stopped` with its reason when stopped early) with one
/// Observation per rating before and after, the water answer and the pressure, each linked to
/// the Procedure by `partOf`.
///
/// Guarantees: every `fullUrl` is a fresh lowercase `urn:uuid` (new on every export, so two
/// exports cannot be linked), every reference resolves inside the Bundle, every dateTime with a
/// time carries its UTC offset. Local codes (sites, precautions) ride beside the standard ones
/// so `tend review` can read the file back into the same summary.
struct FHIRBundle {
  let data: SummaryData
  let options: RenderOptions
  let w: SummaryWords
  var entries: [(String, OrderedJSON)] = []
  let patient: String
  var people: [String: String] = [:]
  /// Each kind of Observation a session makes, as text with holes for what changes from one
  /// session to the next (ids, time, rater, value), made on first use (`FHIRBundle+Sessions`).
  /// The rating Observations' templates by `ratingSlot` (when, timed, scale), made on first use.
  var ratingTemplates: [JSONTemplate?] = Array(
    repeating: nil, count: 4 * SummaryScale.allCases.count)
  /// The water answer's and the pressure's Observation templates (untimed, timed), and a day's
  /// water by form (`fluidSlot`), made on first use.
  var waterTemplates: [JSONTemplate?] = [nil, nil]
  var pressureTemplates: [JSONTemplate?] = [nil, nil]
  var fluidTemplates: [JSONTemplate?] = Array(repeating: nil, count: 8)
  /// Each body site's CodeableConcept, made on first use, and its compact text.
  var siteConcepts: [String: OrderedJSON] = [:]
  var siteTexts: [String: [UInt8]] = [:]
  /// Each routine's words in its Procedure, made on first use (`procedureWords`).
  var procedureWordsMade: [String: ProcedureWords] = [:]
  /// Session numbers as the localizer writes them: below 1,000, and the part before the last
  /// three digits of larger ones, by thousands (nil: formatted whole each time).
  var smallNumbers: [[UInt8]?] = Array(repeating: nil, count: 1000)
  var thousands: [Int: [UInt8]?] = [:]
  /// The part before the last three digits for the last thousands asked (most sessions in a
  /// row share it), as `thousands` holds it.
  var lastThousand: (k: Int, prefix: [UInt8]?) = (-1, nil)
  /// The Procedure's `subject` member.
  let subjectMember: [UInt8]

  static let siteSystem = "https://tend.example/fhir/CodeSystem/tend-site"
  static let precautionSystem = "https://tend.example/fhir/CodeSystem/tend-precaution"
  static let periodExtension = "https://tend.example/fhir/StructureDefinition/summary-period"
  /// Which Tend and which rules made the Bundle (`TendVersion.token`); defined in `.ci/fhir/`.
  static let versionExtension = "https://tend.example/fhir/StructureDefinition/made-with"
  /// Where a precaution applies (Flag has no bodySite); defined in `.ci/fhir/`.
  static let precautionSiteExtension =
    "https://tend.example/fhir/StructureDefinition/precaution-site"
  /// v3-RoleCode for the relationships a family names (clinical-export.md 1.2).
  static let roleCodes: [String: (String, String)] = [
    "daughter": ("DAUC", "daughter"), "son": ("SONC", "son"), "spouse": ("SPS", "spouse"),
    "wife": ("SPS", "spouse"), "husband": ("SPS", "spouse"), "partner": ("SPS", "spouse"),
    "friend": ("FRND", "unrelated friend"), "neighbor": ("NBOR", "neighbor"),
    "neighbour": ("NBOR", "neighbor"), "family": ("FAMMEMB", "family member"),
  ]
  static let rcSystem = "http://terminology.hl7.org/CodeSystem/"

  init(_ data: SummaryData, _ options: RenderOptions) {
    self.data = data
    self.options = options
    w = SummaryWords(data, options.localizer)
    patient = "urn:uuid:" + options.ids.next()
    subjectMember = Self.makeSubject(patient)
  }

  static func ref(_ url: String) -> OrderedJSON { .obj([("reference", .string(url))]) }

  static func coding(_ system: String, _ code: String, _ display: String? = nil) -> OrderedJSON {
    .obj([("system", .string(system)), ("code", .string(code)), ("display", .str(display))])
  }

  static func concept(_ codings: [OrderedJSON], text: String? = nil) -> OrderedJSON {
    .obj([("coding", .array(codings)), ("text", .str(text))])
  }

  mutating func add(_ url: String, _ resource: OrderedJSON) { entries.append((url, resource)) }

  func render() -> String {
    var b = self
    var out = Array(b.head().utf8)
    for row in data.sessions ?? [] { b.session(row, into: &out) }
    out.append(contentsOf: b.tail().utf8)
    return String(decoding: out, as: UTF8.self)
  }

  /// The Bundle up to its last resource before the sessions (the `entry` array left open).
  ///
  /// The Bundle is written compact, one entry a line: the Bundle's own members on the first
  /// line, then each entry on a line of its own (`{"fullUrl":…,"resource":{…}}`), then, after
  /// `entry`, its `meta` (the period, made-with and checksum extensions) on the last line.
  /// JSON's spaces mean nothing to a FHIR reader; indenting every member made nearly half of a
  /// long export's bytes, and each line is still one resource for a person reading or diffing.
  /// `meta` comes last (JSON members have no order) so that the checksum, which covers every
  /// byte before it, can be sealed as the export streams: nothing has to be held back or
  /// written over once the end is known. Exports made before (with `meta` on the first line)
  /// verify the same way: the rule (`Checksum`) does not say where the digest stands.
  mutating func head() -> String {
    build()
    let bundle = OrderedJSON.obj([
      ("resourceType", .string("Bundle")),
      (
        "identifier",
        .obj([
          ("system", .string("urn:ietf:rfc:3986")),
          ("value", .string("urn:uuid:" + options.ids.next())),
        ])
      ),
      ("type", .string("collection")),
      ("timestamp", .str(data.made?.description)),
    ])
    var out: [UInt8] = []
    bundle.compact(into: &out)
    out.removeLast()  // its closing brace: `entry` and `meta` come last
    out.append(contentsOf: #","entry":["#.utf8)
    // The Patient is always there, so `entry` is not empty.
    for (i, (url, resource)) in entries.enumerated() {
      out.append(contentsOf: i == 0 ? Self.firstEntry : Self.nextEntry)
      Self.entry(url, resource).compact(into: &out)
    }
    entries = []
    return String(decoding: out, as: UTF8.self)
  }

  /// The last line: the end of `entry`, then the Bundle's `meta` (with the checksum's
  /// placeholder when asked), then the Bundle's closing brace.
  func metaLine() -> [UInt8] {
    var meta: [OrderedJSON] = [
      .obj([
        ("url", .string(Self.periodExtension)),
        (
          "valuePeriod",
          .obj([("start", .string(data.period.fromText)), ("end", .string(data.period.toText))])
        ),
      ])
    ]
    if let version = data.version {
      meta.append(
        .obj([("url", .string(Self.versionExtension)), ("valueString", .string(version.token))]))
    }
    if options.checksum {
      meta.append(
        .obj([
          ("url", .string(FHIRCodes.checksumExtension)),
          ("valueString", .string(Checksum.placeholder)),
        ]))
    }
    var out = Array("\n],\"meta\":".utf8)
    OrderedJSON.obj([("extension", .array(meta))]).compact(into: &out)
    out.append(contentsOf: Array("}\n".utf8))
    return out
  }

  static let firstEntry = Array("\n".utf8)
  static let nextEntry = Array(",\n".utf8)

  static func entry(_ url: String, _ resource: OrderedJSON) -> OrderedJSON {
    entry(.string(url), resource)
  }

  static func entry(_ url: OrderedJSON, _ resource: OrderedJSON) -> OrderedJSON {
    .obj([("fullUrl", url), ("resource", resource)])
  }

  /// The entries added since the last call, each after a comma, as items of `entry`.
  mutating func takeEntries(into out: inout [UInt8]) {
    for (url, resource) in entries {
      out.append(contentsOf: Self.nextEntry)
      Self.entry(url, resource).compact(into: &out)
    }
    entries = []
  }

  /// The water per day, then the end of the Bundle with its `meta`.
  mutating func tail() -> String {
    String(decoding: tailBytes().bytes, as: UTF8.self)
  }

  /// The water per day, then the end of the Bundle with its `meta`, and where in those bytes
  /// the checksum's placeholder stands (when asked for).
  mutating func tailBytes() -> (bytes: [UInt8], placeholder: Int?) {
    var out: [UInt8] = []
    takeEntries(into: &out)
    for day in data.water?.days ?? [] { fluidIntake(day, into: &out) }
    let meta = metaLine()
    let at = options.checksum ? meta.firstRange(of: Array(Checksum.placeholder.utf8)) : nil
    let placeholder = at.map { out.count + $0.lowerBound }
    out.append(contentsOf: meta)
    return (out, placeholder)
  }

  mutating func build() {
    let ids = (data.receiver.identifiers ?? []).map { i in
      OrderedJSON.obj([("system", .str(i.system)), ("value", .string(i.value))])
    }
    add(
      patient,
      .obj([
        ("resourceType", .string("Patient")),
        ("identifier", ids.isEmpty ? nil : .array(ids)),
        ("active", .bool(true)),
        ("name", data.receiver.name.map { .array([.obj([("text", .string($0))])]) }),
        (
          "birthDate",
          data.receiver.birthDate.map { .string($0) }
            ?? data.receiver.birthYear.map { .string(String($0)) }
        ),
      ]))
    addAllergies()
    for c in data.caregivers {
      let url = "urn:uuid:" + options.ids.next()
      people[c.name] = url
      let deid = data.deidentified
      add(
        url,
        .obj([
          ("resourceType", .string("RelatedPerson")), ("patient", Self.ref(patient)),
          (
            "relationship",
            .array([
              Self.concept(
                c.relationship.flatMap { Self.roleCodes[$0.lowercased()] }.map {
                  [Self.coding(Self.rcSystem + "v3-RoleCode", $0.0, $0.1)]
                } ?? [],
                text: c.relationship ?? (deid ? c.name : "caregiver"))
            ])
          ),
          ("name", deid ? nil : .array([.obj([("text", .string(c.name))])])),
        ]))
    }
    for c in data.consents { addConsent(c) }
    for p in data.precautions { addFlag(p) }
    for s in data.redFlags.said ?? [] { addSaidFlag(s) }
    for (item, line) in zip(data.careTeam ?? [], w.careTeamLines) { addCareTeamFlag(item, line) }
  }

  /// Allergies: the family's own words from the profile, and each lotion-allergy precaution in
  /// force, as AllergyIntolerance (reported by the family, so `unconfirmed`).
  mutating func addAllergies() {
    var seen = Set<String>()
    var items: [(String, [OrderedJSON])] = []
    for text in data.receiver.allergies ?? [] where seen.insert(text.lowercased()).inserted {
      items.append((text, []))
    }
    for p in data.precautions where p.id.hasPrefix("lotion-allergy") && p.until == nil {
      let text = w.ruleName(p.id)
      guard seen.insert(text.lowercased()).inserted else { continue }
      items.append((text, [Self.coding(Self.precautionSystem, p.id)]))
    }
    for (text, codings) in items {
      add(
        "urn:uuid:" + options.ids.next(),
        .obj([
          ("resourceType", .string("AllergyIntolerance")),
          (
            "clinicalStatus",
            Self.concept([
              Self.coding(Self.rcSystem + "allergyintolerance-clinical", "active", "Active")
            ])
          ),
          (
            "verificationStatus",
            Self.concept([
              Self.coding(
                Self.rcSystem + "allergyintolerance-verification", "unconfirmed", "Unconfirmed")
            ])
          ),
          (
            "code",
            codings.isEmpty ? .obj([("text", .string(text))]) : Self.concept(codings, text: text)
          ),
          ("patient", Self.ref(patient)),
        ]))
    }
  }

  /// One day's water noted, as LOINC 9000-1 "Fluid intake oral Measured" in mL (check digit
  /// and code verified, clinical-export.md 1.3), with the care team's limit as the reference
  /// range's high end and `H` when the day went over it.
  mutating func addFluidIntake(_ d: SummaryData.WaterDay) {
    add("urn:uuid:" + options.ids.next(), fluidIntakeResource(d, template: false))
  }

  /// The entry `addFluidIntake` adds, after a comma and a newline, written from a template made
  /// once per form (a day or a time, over the limit or not, with a limit or not): the same bytes
  /// as the entry `takeEntries` writes, ids drawn in the same order (`FHIRWritingTests`).
  mutating func fluidIntake(_ d: SummaryData.WaterDay, into out: inout [UInt8]) {
    let slot = (d.day.count == 10 ? 1 : 0) + (d.over ? 2 : 0) + (d.limitML != nil ? 4 : 0)
    let template: JSONTemplate
    if let made = fluidTemplates[slot] {
      template = made
    } else {
      template = JSONTemplate(Self.entry(.hole(.id), fluidIntakeResource(d, template: true)))
      fluidTemplates[slot] = template
    }
    let ids = options.ids
    out.append(contentsOf: Self.nextEntry)
    template.write(into: &out) { hole, out in
      switch hole {
      case .id: Self.freshURN(ids, into: &out)
      case .time: OrderedJSON.quote(d.day, into: &out)
      case .value: OrderedJSON.digits(d.totalML, into: &out)
      case .limit: OrderedJSON.digits(d.limitML ?? 0, into: &out)
      case .partOf, .rater: break
      }
    }
  }

  /// A day's water as a resource; with `template`, holes where the day, the total and the limit
  /// go.
  func fluidIntakeResource(_ d: SummaryData.WaterDay, template: Bool) -> OrderedJSON {
    let t = options.localizer
    let ml = { (n: OrderedJSON) -> OrderedJSON in
      .obj([
        ("value", n), ("unit", .string("mL")),
        ("system", .string("http://unitsofmeasure.org")), ("code", .string("mL")),
      ])
    }
    let day: OrderedJSON = template ? .hole(.time) : .string(d.day)
    let effective: (String, OrderedJSON) =
      d.day.count == 10
      ? ("effectivePeriod", .obj([("start", day), ("end", day)]))
      : ("effectiveDateTime", day)
    let total: OrderedJSON = template ? .hole(.value) : .int(d.totalML)
    let limit = d.limitML.map { template ? OrderedJSON.hole(.limit) : .int($0) }
    return
      .obj([
        ("resourceType", .string("Observation")), ("status", .string("final")),
        (
          "code",
          Self.concept(
            [Self.coding(FHIRCodes.loinc, "9000-1", "Fluid intake oral Measured")],
            text: t("summary.section.water"))
        ),
        ("subject", Self.ref(patient)),
        effective,
        ("valueQuantity", ml(total)),
        (
          "interpretation",
          d.over
            ? .array([
              Self.concept([
                Self.coding(Self.rcSystem + "v3-ObservationInterpretation", "H", "High")
              ])
            ]) : nil
        ),
        ("referenceRange", limit.map { .array([.obj([("high", ml($0))])]) }),
      ])
  }

  mutating func addConsent(_ c: SummaryConsent) {
    let t = options.localizer
    let period: OrderedJSON? =
      c.from == nil && c.to == nil ? nil : .obj([("start", .str(c.from)), ("end", .str(c.to))])
    add(
      "urn:uuid:" + options.ids.next(),
      .obj([
        ("resourceType", .string("Consent")), ("status", .string("active")),
        (
          "scope",
          Self.concept([
            Self.coding(Self.rcSystem + "consentscope", "patient-privacy", "Privacy Consent")
          ])
        ),
        (
          "category",
          .array([Self.concept([Self.coding(FHIRCodes.loinc, "59284-0", "Patient Consent")])])
        ),
        ("patient", Self.ref(patient)),
        ("dateTime", .str(c.at?.description)),
        ("performer", .array([Self.ref(patient)])),
        (
          "policyRule",
          Self.concept(
            [Self.coding(Self.rcSystem + "v3-ActCode", "OPTIN", "opt-in")],
            text: t("summary.fhir.policy"))
        ),
        (
          "provision",
          .obj([
            ("type", .string("permit")), ("period", period),
            (
              "actor",
              .array([
                .obj([
                  (
                    "role",
                    Self.concept([
                      Self.coding(
                        Self.rcSystem + "v3-ParticipationType", "IRCP", "information recipient")
                    ])
                  ),
                  ("reference", .obj([("display", .string(c.sharedWith))])),
                ])
              ])
            ),
            (
              "action",
              .array([
                Self.concept([Self.coding(Self.rcSystem + "consentaction", "disclose", "Disclose")])
              ])
            ),
            (
              "purpose", .array([Self.coding(Self.rcSystem + "v3-ActReason", "TREAT", "treatment")])
            ),
          ])
        ),
      ]))
  }

  /// The care team's answer or advice as a safety Flag: its words, its days, and its code
  /// (`care-team-clearance` or `care-team-advice`) in Tend's precaution system.
  mutating func addCareTeamFlag(_ item: SummaryCareTeam, _ text: String) {
    add(
      "urn:uuid:" + options.ids.next(),
      .obj([
        ("resourceType", .string("Flag")),
        ("status", .string("active")),
        (
          "category",
          .array([Self.concept([Self.coding(Self.rcSystem + "flag-category", "safety", "Safety")])])
        ),
        (
          "code",
          Self.concept([Self.coding(Self.precautionSystem, "care-team-\(item.kind)")], text: text)
        ),
        ("subject", Self.ref(patient)),
        ("period", .obj([("start", .string(item.start)), ("end", .string(item.until))])),
      ]))
  }

  mutating func addFlag(_ p: SummaryData.Precaution) {
    var text = w.ruleName(p.id)
    if let site = p.site { text += ": " + w.siteName(p.side.map { "\($0)-\(site)" } ?? site) }
    let period: OrderedJSON? =
      p.since == nil && p.until == nil
      ? nil : .obj([("start", .str(p.since)), ("end", .str(p.until))])
    let siteCode = p.site.map { site in p.side.map { "\($0)-\(site)" } ?? site }
    add(
      "urn:uuid:" + options.ids.next(),
      .obj([
        ("resourceType", .string("Flag")),
        (
          "extension",
          siteCode.map { token in
            .array([
              .obj([
                ("url", .string(Self.precautionSiteExtension)),
                (
                  "valueCodeableConcept",
                  Self.concept(
                    [FHIRCodes.bodySite(token).map { Self.coding(FHIRCodes.snomed, $0) }]
                      .compactMap { $0 } + [Self.coding(Self.siteSystem, token)],
                    text: w.siteName(token))
                ),
              ])
            ])
          }
        ),
        ("status", .string(p.until == nil ? "active" : "inactive")),
        (
          "category",
          .array([Self.concept([Self.coding(Self.rcSystem + "flag-category", "safety", "Safety")])])
        ),
        (
          "code",
          Self.concept([Self.coding(Self.precautionSystem, p.id)], text: text)
        ),
        ("subject", Self.ref(patient)),
        ("period", period),
      ]))
  }
}
