/// Red flags said in the family's words as safety Flags, so FHIR says what the pages say.
extension FHIRBundle {
  /// The code of a Flag for a red flag said (its rules follow as codings of their own).
  static let saidRedFlagCode = "said-red-flag"

  /// One Flag per red flag said: `active` until it was cleared, then `inactive` (as the pages'
  /// "cleared on"); its code names each rule in Tend's precaution system, and its text says
  /// the line the pages show (with the family's words unless de-identified or left out).
  mutating func addSaidFlag(_ s: SummaryData.SaidFlag) {
    let codings =
      // The code's display says where the words were (`stopped`, `note`, `feeling`).
      [Self.coding(Self.precautionSystem, Self.saidRedFlagCode, s.source)]
      + s.rules.map { Self.coding(Self.precautionSystem, $0) }
    add(
      "urn:uuid:" + options.ids.next(),
      .obj([
        ("resourceType", .string("Flag")),
        ("status", .string(s.cleared == nil ? "active" : "inactive")),
        (
          "category",
          .array([Self.concept([Self.coding(Self.rcSystem + "flag-category", "safety", "Safety")])])
        ),
        ("code", Self.concept(codings, text: w.saidLine(s))),
        ("subject", Self.ref(patient)),
        ("period", .obj([("start", .string(s.when)), ("end", .str(s.cleared))])),
      ]))
  }
}

extension FHIRBundle {
  /// A stopped session's reason without its words (de-identified): the red flags of that day
  /// when there were any, else "stopped early".
  func stoppedText(_ r: SummaryData.Row) -> String {
    let t = w.t
    guard !r.redFlags.isEmpty else { return t("summary.fhir.stoppedEarly") }
    return t("summary.stopped.redFlag", ["rules": .text(t.list(r.redFlags.map(w.ruleName)))])
  }
}
