extension SummaryData {
  /// The same summary with every family-written text made safe to show (`PlainText.display`):
  /// names, caregivers and relationships, routines and sites as written, who gave or rated,
  /// stop reasons, feelings, notes and consents, the receiver's id and the made-with fields. One
  /// line each, no control or bidi character.
  /// The text, Markdown and HTML pages render this; JSON and FHIR keep the text as written
  /// (their encoders escape it).
  public func forDisplay() -> SummaryData {
    let d = PlainText.display as (String) -> String
    let o = PlainText.display as (String?) -> String?
    var copy = self
    copy.receiver.name = o(receiver.name)
    // A file read back (`tend review`) may carry anything in any field: its id and made-with too.
    copy.receiver.id = o(receiver.id)
    copy.version = version.map { TendVersion(tend: d($0.tend), rules: $0.rules, data: d($0.data)) }
    copy.caregivers = caregivers.map {
      var c = $0
      c.name = d(c.name)
      c.relationship = o(c.relationship)
      return c
    }
    copy.routines = routines.map { Count(id: d($0.id), count: $0.count) }
    copy.sites = sites.map { Count(id: d($0.id), count: $0.count) }
    copy.stopped = stopped.map {
      var s = $0
      s.routine = o(s.routine)
      s.reason = o(s.reason)
      return s
    }
    copy.feelings = feelings?.map {
      var f = $0
      f.text = o(f.text)
      return f
    }
    copy.notes = notes?.map { Note(when: $0.when, text: d($0.text)) }
    copy.consents = consents.map {
      var c = $0
      c.sharedWith = d(c.sharedWith)
      c.by = o(c.by)
      c.format = o(c.format)
      c.what = c.what.map(d)
      return c
    }
    copy.sessions = sessions?.map(Self.displayRow)
    return copy
  }

  /// One row with its family-written text made safe to show (as `forDisplay`).
  static func displayRow(_ row: Row) -> Row {
    let d = PlainText.display as (String) -> String
    let o = PlainText.display as (String?) -> String?
    var r = row
    r.routine = o(r.routine)
    r.sites = r.sites.map(d)
    r.by = o(r.by)
    r.beforeRater = o(r.beforeRater)
    r.afterRater = o(r.afterRater)
    r.stopReason = o(r.stopReason)
    r.note = o(r.note)
    r.water = o(r.water)
    return r
  }
}
