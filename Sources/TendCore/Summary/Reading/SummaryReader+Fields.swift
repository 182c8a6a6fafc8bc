/// `SummaryReader`'s part that knows the export's schema: one function per type, each listing
/// its keys in the order its `switch` numbers them (`case 0` is the first key). The keys, which
/// are required and how each value is checked follow the type's `Codable` conformance exactly
/// (`SummaryReaderTests` decodes the same files both ways, with every optional part present).
extension SummaryReader {
  mutating func optString() throws(Failure) -> String? {
    try optional { r throws(Failure) in try r.string() }
  }
  mutating func optInt() throws(Failure) -> Int? {
    try optional { r throws(Failure) in try r.int() }
  }
  mutating func optDouble() throws(Failure) -> Double? {
    try optional { r throws(Failure) in try r.double() }
  }

  static let summaryKeys: [Key] = [
    .r("v"), .r("kind"), .o("made"), .o("version"), .r("period"), .r("receiver"),
    .r("deidentified"), .r("omitted"), .r("caregivers"), .r("totals"), .r("routines"),
    .r("sites"), .r("pressure"), .r("ratings"), .r("trend"), .r("stopped"), .r("precautions"),
    .o("water"), .o("feelings"), .o("notes"), .r("consents"), .r("redFlags"), .o("safety"),
    .o("sessions"), .o("checksum"), .o("careTeam"),
  ]

  mutating func summary() throws(Failure) -> SummaryData {
    var v = 0
    var kind = ""
    var made: SummaryTime?
    var version: TendVersion?
    var period = SummaryPeriod(from: 0, to: 0)
    var receiver = SummaryData.Receiver()
    var deidentified = false
    var omitted: [SummaryPart] = []
    var caregivers: [SummaryData.Caregiver] = []
    var totals = SummaryData.Totals()
    var routines: [SummaryData.Count] = []
    var sites: [SummaryData.Count] = []
    var pressure: [Int] = []
    var ratings: [SummaryData.RatingChange] = []
    var trend: [SummaryData.TrendSeries] = []
    var stopped: [SummaryData.Stopped] = []
    var precautions: [SummaryData.Precaution] = []
    var water: SummaryData.Water?
    var feelings: [SummaryData.Feeling]?
    var notes: [SummaryData.Note]?
    var consents: [SummaryConsent] = []
    var redFlags = SummaryData.RedFlags()
    var safety: SummaryData.Safety?
    var sessions: [SummaryData.Row]?
    var checksum: String?
    var careTeam: [SummaryCareTeam]?
    try object(Self.summaryKeys) { r, k throws(Failure) in
      switch k {
      case 0: v = try r.int()
      case 1: kind = try r.string()
      case 2: made = try r.optional { r throws(Failure) in try r.time() }
      case 3: version = try r.optional { r throws(Failure) in try r.version() }
      case 4: period = try r.period()
      case 5: receiver = try r.receiver()
      case 6: deidentified = try r.bool()
      case 7: omitted = try r.list { r throws(Failure) in try r.word(SummaryPart.self) }
      case 8: caregivers = try r.list { r throws(Failure) in try r.caregiver() }
      case 9: totals = try r.totals()
      case 10: routines = try r.list { r throws(Failure) in try r.count() }
      case 11: sites = try r.list { r throws(Failure) in try r.count() }
      case 12: pressure = try r.list { r throws(Failure) in try r.int() }
      case 13: ratings = try r.list { r throws(Failure) in try r.ratingChange() }
      case 14: trend = try r.list { r throws(Failure) in try r.trendSeries() }
      case 15: stopped = try r.list { r throws(Failure) in try r.stopped() }
      case 16: precautions = try r.list { r throws(Failure) in try r.precaution() }
      case 17: water = try r.optional { r throws(Failure) in try r.water() }
      case 18:
        feelings = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.feeling() }
        }
      case 19:
        notes = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.note() }
        }
      case 20: consents = try r.list { r throws(Failure) in try r.consent() }
      case 21: redFlags = try r.redFlags()
      case 22: safety = try r.optional { r throws(Failure) in try r.safety() }
      case 23 where r.figuresOnly:
        let rows = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.figuresRow() }
        }
        r.figureRows = rows
      case 23:
        sessions = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.row() }
        }
      case 24: checksum = try r.optString()
      default:
        careTeam = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.careTeam() }
        }
      }
    }
    return SummaryData(
      v: v, kind: kind, made: made, version: version, period: period, receiver: receiver,
      deidentified: deidentified, omitted: omitted, caregivers: caregivers, totals: totals,
      routines: routines, sites: sites, pressure: pressure, ratings: ratings, trend: trend,
      stopped: stopped, precautions: precautions, water: water, feelings: feelings, notes: notes,
      consents: consents, redFlags: redFlags, safety: safety, sessions: sessions,
      checksum: checksum, careTeam: careTeam)
  }

  static let versionKeys: [Key] = [.r("tend"), .r("rules"), .r("data")]

  mutating func version() throws(Failure) -> TendVersion {
    var v = TendVersion(tend: "", rules: 0, data: "")
    try object(Self.versionKeys) { r, k throws(Failure) in
      switch k {
      case 0: v.tend = try r.string()
      case 1: v.rules = try r.int()
      default: v.data = try r.string()
      }
    }
    return v
  }

  static let periodKeys: [Key] = [.r("from"), .r("to")]

  mutating func period() throws(Failure) -> SummaryPeriod {
    let start = c.i
    var from = ""
    var to = ""
    try object(Self.periodKeys) { r, k throws(Failure) in
      if k == 0 { from = try r.string() } else { to = try r.string() }
    }
    guard let period = SummaryPeriod(fromText: from, toText: to) else {
      throw Failure(offset: start, field: "from", reason: "bad period \(from)…\(to)")
    }
    return period
  }

  static let receiverKeys: [Key] = [
    .o("id"), .o("name"), .o("birthYear"), .o("birthDate"), .o("identifiers"), .o("allergies"),
  ]

  mutating func receiver() throws(Failure) -> SummaryData.Receiver {
    var out = SummaryData.Receiver()
    try object(Self.receiverKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.id = try r.optString()
      case 1: out.name = try r.optString()
      case 2: out.birthYear = try r.optInt()
      case 3: out.birthDate = try r.optString()
      case 4:
        out.identifiers = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.identifier() }
        }
      default: out.allergies = try r.optional { r throws(Failure) in try r.strings() }
      }
    }
    return out
  }

  static let identifierKeys: [Key] = [.o("system"), .r("value")]

  mutating func identifier() throws(Failure) -> SummaryIdentifier {
    var out = SummaryIdentifier(value: "")
    try object(Self.identifierKeys) { r, k throws(Failure) in
      if k == 0 { out.system = try r.optString() } else { out.value = try r.string() }
    }
    return out
  }

  static let caregiverKeys: [Key] = [.r("name"), .o("relationship"), .r("sessions")]

  mutating func caregiver() throws(Failure) -> SummaryData.Caregiver {
    var out = SummaryData.Caregiver(name: "", relationship: nil, sessions: 0)
    try object(Self.caregiverKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.name = try r.string()
      case 1: out.relationship = try r.optString()
      default: out.sessions = try r.int()
      }
    }
    return out
  }

  static let totalsKeys: [Key] = [
    .r("sessions"), .r("minutes"), .o("medianMinutes"), .o("minMinutes"), .o("maxMinutes"),
    .r("stopped"), .r("rated"), .r("ratedByReceiver"), .r("ratedByCaregiver"), .r("activeDays"),
    .r("feelings"), .r("notes"), .o("raters"),
  ]

  mutating func totals() throws(Failure) -> SummaryData.Totals {
    var t = SummaryData.Totals()
    try object(Self.totalsKeys) { r, k throws(Failure) in
      switch k {
      case 0: t.sessions = try r.int()
      case 1: t.minutes = try r.int()
      case 2: t.medianMinutes = try r.optInt()
      case 3: t.minMinutes = try r.optInt()
      case 4: t.maxMinutes = try r.optInt()
      case 5: t.stopped = try r.int()
      case 6: t.rated = try r.int()
      case 7: t.ratedByReceiver = try r.int()
      case 8: t.ratedByCaregiver = try r.int()
      case 9: t.activeDays = try r.int()
      case 10: t.feelings = try r.int()
      case 11: t.notes = try r.int()
      default:
        t.raters =
          try r.optional { r throws(Failure) in try r.list { r throws(Failure) in try r.count() } }
          ?? []
      }
    }
    return t
  }

  static let countKeys: [Key] = [.r("id"), .r("count")]

  mutating func count() throws(Failure) -> SummaryData.Count {
    var out = SummaryData.Count(id: "", count: 0)
    try object(Self.countKeys) { r, k throws(Failure) in
      if k == 0 { out.id = try r.string() } else { out.count = try r.int() }
    }
    return out
  }

  static let ratingKeys: [Key] = [
    .r("scale"), .o("tenMeans"), .r("sessions"), .r("meanBefore"), .r("meanAfter"),
    .r("meanChange"), .r("improved2"), .r("worsened2"),
  ]

  mutating func ratingChange() throws(Failure) -> SummaryData.RatingChange {
    var out = SummaryData.RatingChange(
      scale: .pain, tenMeans: nil, sessions: 0, meanBefore: 0, meanAfter: 0, meanChange: 0,
      improved2: 0, worsened2: 0)
    try object(Self.ratingKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.scale = try r.word(SummaryScale.self)
      case 1: out.tenMeans = try r.optString()
      case 2: out.sessions = try r.int()
      case 3: out.meanBefore = try r.double()
      case 4: out.meanAfter = try r.double()
      case 5: out.meanChange = try r.double()
      case 6: out.improved2 = try r.int()
      default: out.worsened2 = try r.int()
      }
    }
    return out
  }

  static let trendKeys: [Key] = [
    .r("scale"), .r("start"), .r("days"), .r("after"), .o("firstWeekBefore"),
    .o("lastWeekBefore"),
  ]

  mutating func trendSeries() throws(Failure) -> SummaryData.TrendSeries {
    var out = SummaryData.TrendSeries(
      scale: .pain, start: "", days: [], after: [], firstWeekBefore: nil, lastWeekBefore: nil)
    try object(Self.trendKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.scale = try r.word(SummaryScale.self)
      case 1: out.start = try r.string()
      case 2: out.days = try r.list { r throws(Failure) in try r.optDouble() }
      case 3: out.after = try r.list { r throws(Failure) in try r.optDouble() }
      case 4: out.firstWeekBefore = try r.optDouble()
      default: out.lastWeekBefore = try r.optDouble()
      }
    }
    return out
  }

  static let stoppedKeys: [Key] = [
    .r("when"), .o("minutes"), .o("plannedMinutes"), .o("routine"), .o("reason"),
    .o("preparationSkipped"), .o("redFlags"),
  ]

  mutating func stopped() throws(Failure) -> SummaryData.Stopped {
    var out = SummaryData.Stopped(when: "")
    try object(Self.stoppedKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.when = try r.string()
      case 1: out.minutes = try r.optInt()
      case 2: out.plannedMinutes = try r.optInt()
      case 3: out.routine = try r.optString()
      case 4: out.reason = try r.optString()
      case 6: out.redFlags = try r.optional { r throws(Failure) in try r.strings() }
      default: out.preparationSkipped = try r.optional { r throws(Failure) in try r.bool() }
      }
    }
    return out
  }

  static let precautionKeys: [Key] = [
    .r("id"), .o("site"), .o("side"), .o("since"), .o("until"), .r("redFlag"),
  ]

  mutating func precaution() throws(Failure) -> SummaryData.Precaution {
    var out = SummaryData.Precaution(id: "", redFlag: false)
    try object(Self.precautionKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.id = try r.string()
      case 1: out.site = try r.optString()
      case 2: out.side = try r.optString()
      case 3: out.since = try r.optString()
      case 4: out.until = try r.optString()
      default: out.redFlag = try r.bool()
      }
    }
    return out
  }

  static let waterKeys: [Key] = [
    .r("offered"), .r("given"), .r("declined"), .r("later"), .r("amountML"), .o("fluidLimitML"),
    .o("days"),
  ]

  mutating func water() throws(Failure) -> SummaryData.Water {
    var out = SummaryData.Water()
    try object(Self.waterKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.offered = try r.int()
      case 1: out.given = try r.int()
      case 2: out.declined = try r.int()
      case 3: out.later = try r.int()
      case 4: out.amountML = try r.int()
      case 5: out.fluidLimitML = try r.optInt()
      default:
        out.days = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.waterDay() }
        }
      }
    }
    return out
  }

  static let waterDayKeys: [Key] = [.r("day"), .r("totalML"), .o("limitML")]

  mutating func waterDay() throws(Failure) -> SummaryData.WaterDay {
    var out = SummaryData.WaterDay(day: "", totalML: 0)
    try object(Self.waterDayKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.day = try r.string()
      case 1: out.totalML = try r.int()
      default: out.limitML = try r.optInt()
      }
    }
    return out
  }

  static let feelingKeys: [Key] = [
    .r("when"), .o("ratedBy"), .r("scores"), .o("text"), .o("by"), .o("own"),
  ]

  mutating func feeling() throws(Failure) -> SummaryData.Feeling {
    var out = SummaryData.Feeling(when: "", scores: [:])
    try object(Self.feelingKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.when = try r.string()
      case 1: out.ratedBy = try r.optional { r throws(Failure) in try r.word(RatedBy.self) }
      case 2: out.scores = try r.intsByName()
      case 3: out.text = try r.optString()
      case 4: out.by = try r.optString()
      default: out.own = try r.optional { r throws(Failure) in try r.bool() }
      }
    }
    return out
  }

  static let noteKeys: [Key] = [.r("when"), .r("text")]

  mutating func note() throws(Failure) -> SummaryData.Note {
    var out = SummaryData.Note(when: "", text: "")
    try object(Self.noteKeys) { r, k throws(Failure) in
      if k == 0 { out.when = try r.string() } else { out.text = try r.string() }
    }
    return out
  }

  static let consentKeys: [Key] = [
    .o("at"), .r("sharedWith"), .r("what"), .o("from"), .o("to"), .o("format"), .o("by"),
  ]

  mutating func consent() throws(Failure) -> SummaryConsent {
    var out = SummaryConsent(at: nil, sharedWith: "")
    try object(Self.consentKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.at = try r.optional { r throws(Failure) in try r.time() }
      case 1: out.sharedWith = try r.string()
      case 2: out.what = try r.strings()
      case 3: out.from = try r.optString()
      case 4: out.to = try r.optString()
      case 5: out.format = try r.optString()
      default: out.by = try r.optString()
      }
    }
    return out
  }

  static let redFlagsKeys: [Key] = [
    .r("worseAfter"), .r("conditions"), .o("emergencyNumber"), .o("cleared"), .o("said"),
    .o("wordsUnread"),
  ]

  mutating func redFlags() throws(Failure) -> SummaryData.RedFlags {
    var out = SummaryData.RedFlags()
    try object(Self.redFlagsKeys) {
      r, k throws(Failure) in
      switch k {
      case 0: out.worseAfter = try r.int()
      case 1: out.conditions = try r.strings()
      case 3:
        out.cleared = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.clearedFlag() }
        }
      case 4:
        out.said = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.saidFlag() }
        }
      case 5: out.wordsUnread = try r.optInt()
      default: out.emergencyNumber = try r.optString()
      }
    }
    return out
  }

  static let clearedFlagKeys: [Key] = [.r("id"), .r("until")]

  mutating func clearedFlag() throws(Failure) -> SummaryData.ClearedFlag {
    var out = SummaryData.ClearedFlag(id: "", until: "")
    try object(Self.clearedFlagKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.id = try r.string()
      default: out.until = try r.string()
      }
    }
    return out
  }

  static let saidFlagKeys: [Key] = [
    .r("when"), .r("source"), .r("rules"), .o("words"), .o("session"), .o("cleared"), .o("by"),
    .o("own"),
  ]

  mutating func saidFlag() throws(Failure) -> SummaryData.SaidFlag {
    var out = SummaryData.SaidFlag(when: "", source: "", rules: [])
    try object(Self.saidFlagKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.when = try r.string()
      case 1: out.source = try r.string()
      case 2: out.rules = try r.strings()
      case 3: out.words = try r.optString()
      case 4: out.session = try r.optInt()
      case 5: out.cleared = try r.optString()
      case 6: out.by = try r.optString()
      default: out.own = try r.optional { r throws(Failure) in try r.bool() }
      }
    }
    return out
  }

  static let safetyKeys: [Key] = [
    .r("checked"), .r("against"), .r("worse"), .o("againstCount"), .o("worseCount"),
    .r("fluidDays"),
  ]

  mutating func safety() throws(Failure) -> SummaryData.Safety {
    var out = SummaryData.Safety()
    try object(Self.safetyKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.checked = try r.bool()
      case 1: out.against = try r.list { r throws(Failure) in try r.against() }
      case 2: out.worse = try r.list { r throws(Failure) in try r.worse() }
      case 3: out.againstCount = try r.optInt()
      case 4: out.worseCount = try r.optInt()
      default: out.fluidDays = try r.list { r throws(Failure) in try r.waterDay() }
      }
    }
    return out
  }

  static let againstKeys: [Key] = [.r("session"), .r("when"), .o("routine"), .r("breaches")]

  mutating func against() throws(Failure) -> SummaryData.AgainstPrecautions {
    var out = SummaryData.AgainstPrecautions(session: 0, when: "", routine: nil, breaches: [])
    try object(Self.againstKeys) {
      r, k throws(Failure) in
      switch k {
      case 0: out.session = try r.int()
      case 1: out.when = try r.string()
      case 2: out.routine = try r.optString()
      default: out.breaches = try r.list { r throws(Failure) in try r.breach() }
      }
    }
    return out
  }

  static let worseKeys: [Key] = [.r("session"), .r("when"), .o("routine"), .r("changes")]

  mutating func worse() throws(Failure) -> SummaryData.WorseSession {
    var out = SummaryData.WorseSession(session: 0, when: "", routine: nil, changes: [])
    try object(Self.worseKeys) {
      r, k throws(Failure) in
      switch k {
      case 0: out.session = try r.int()
      case 1: out.when = try r.string()
      case 2: out.routine = try r.optString()
      default: out.changes = try r.list { r throws(Failure) in try r.scaleChange() }
      }
    }
    return out
  }

  static let scaleChangeKeys: [Key] = [.r("scale"), .r("before"), .r("after")]

  mutating func scaleChange() throws(Failure) -> SummaryData.ScaleChange {
    var out = SummaryData.ScaleChange(scale: .pain, before: 0, after: 0)
    try object(Self.scaleChangeKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.scale = try r.word(SummaryScale.self)
      case 1: out.before = try r.int()
      default: out.after = try r.int()
      }
    }
    return out
  }

  static let breachKeys: [Key] = [.r("kind"), .o("what"), .o("value"), .o("limit"), .r("because")]

  mutating func breach() throws(Failure) -> SessionBreach {
    var out = SessionBreach(kind: .stop, because: [])
    try object(Self.breachKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.kind = try r.word(SessionBreach.Kind.self)
      case 1: out.what = try r.optString()
      case 2: out.value = try r.optInt()
      case 3: out.limit = try r.optInt()
      default: out.because = try r.strings()
      }
    }
    return out
  }

  static let rowKeys: [Key] = [
    .r("number"), .o("at"), .o("minutes"), .o("routine"), .r("sites"), .o("pressure"), .o("by"),
    .r("status"), .o("stopReason"), .r("before"), .r("after"), .o("beforeBy"), .o("afterBy"),
    .o("water"), .o("note"), .r("precautions"), .o("breaches"),
  ]

  mutating func row() throws(Failure) -> SummaryData.Row {
    var out = SummaryData.Row(
      number: 0, sites: [], status: "", before: [:], after: [:], precautions: [])
    try object(Self.rowKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.number = try r.int()
      case 1: out.at = try r.optional { r throws(Failure) in try r.time() }
      case 2: out.minutes = try r.optInt()
      case 3: out.routine = try r.optString()
      case 4: out.sites = try r.strings()
      case 5: out.pressure = try r.optInt()
      case 6: out.by = try r.optString()
      case 7: out.status = try r.string()
      case 8: out.stopReason = try r.optString()
      case 9: out.before = try r.intsByName()
      case 10: out.after = try r.intsByName()
      case 11: out.beforeBy = try r.optional { r throws(Failure) in try r.word(RatedBy.self) }
      case 12: out.afterBy = try r.optional { r throws(Failure) in try r.word(RatedBy.self) }
      case 13: out.water = try r.optString()
      case 14: out.note = try r.optString()
      case 15: out.precautions = try r.strings()
      default:
        out.breaches = try r.optional { r throws(Failure) in
          try r.list { r throws(Failure) in try r.breach() }
        }
      }
    }
    return out
  }

  static let careTeamKeys: [Key] = [
    .r("kind"), .o("from"), .r("rules"), .r("limits"), .r("start"), .r("until"), .o("note"),
  ]

  mutating func careTeam() throws(Failure) -> SummaryCareTeam {
    var out = SummaryCareTeam(
      kind: "", from: nil, rules: [], limits: CareLimits(), start: "", until: "", note: nil)
    try object(Self.careTeamKeys) { r, k throws(Failure) in
      switch k {
      case 0: out.kind = try r.string()
      case 1: out.from = try r.optString()
      case 2: out.rules = try r.strings()
      case 3: out.limits = try r.limits()
      case 4: out.start = try r.string()
      case 5: out.until = try r.string()
      default: out.note = try r.optString()
      }
    }
    return out
  }

  static let limitsKeys: [Key] = [
    .o("maxPressure"), .o("avoid"), .o("avoidPositions"), .o("noJointMovement"), .o("maxMinutes"),
  ]

  /// As `CareLimits.init(from:)`: every member optional, sites as region tokens.
  mutating func limits() throws(Failure) -> CareLimits {
    var out = CareLimits()
    try object(Self.limitsKeys) { r, k throws(Failure) in
      switch k {
      case 0:
        r.c.skipSpace()
        let at = r.c.i
        guard let n = try r.optInt() else { return }
        guard let p = Pressure(rawValue: n) else {
          throw Failure(offset: at, field: "", reason: "\(n) is not a pressure level 0-3")
        }
        out.maxPressure = p
      case 1:
        r.c.skipSpace()
        let at = r.c.i
        out.avoid = try (r.optional { r throws(Failure) in try r.strings() } ?? []).map {
          token throws(Failure) in
          guard let region = BodyRegion(token: token) else {
            throw Failure(offset: at, field: "", reason: "\"\(token)\" is not a body site")
          }
          return region
        }
      case 2:
        out.avoidPositions =
          try r.optional { r throws(Failure) in
            try r.list { r throws(Failure) in try r.word(Position.self) }
          } ?? []
      case 3: out.noJointMovement = try r.optional { r throws(Failure) in try r.bool() } ?? false
      default: out.maxMinutes = try r.optInt()
      }
    }
    return out
  }
}
