/// A 0-10 "right now" rating scale a summary reports, with its direction and its FHIR code.
///
/// Raw values match the journal's rating names. For every scale but `comfort`, 0 is none and 10
/// is worst, so a fall is an improvement; for `comfort`, 10 is best, so a rise is one.
/// `improvement(before:after:)` hides that flip from every caller.
public enum SummaryScale: String, Codable, Sendable, CaseIterable, Comparable {
  case pain, anxiety, tiredness, comfort, nausea, mood, breathlessness

  /// Whether a higher score is better (only comfort).
  public var higherIsBetter: Bool { self == .comfort }

  /// Points better after than before (positive = better), whichever way the scale runs.
  public func improvement(before: Int, after: Int) -> Int {
    higherIsBetter ? after - before : before - after
  }

  /// The order scales appear in every table.
  public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: SummaryScale, b: SummaryScale) -> Bool { a.rank < b.rank }

  /// The FHIR coding: LOINC where one fits (clinical-export.md 1.3), else Tend's local system.
  /// ESAS-r item codes are shipped without a display until confirmed on loinc.org.
  public var fhirCoding: (system: String, code: String, display: String?) {
    switch self {
    case .pain:
      (
        "http://loinc.org", "72514-3",
        "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
      )
    case .anxiety: ("http://loinc.org", "112501-2", nil)
    case .tiredness: ("http://loinc.org", "112495-7", nil)
    case .nausea: ("http://loinc.org", "112497-3", nil)
    case .breathlessness: ("http://loinc.org", "112499-9", nil)
    case .comfort, .mood: (FHIRCodes.tendSystem, rawValue, nil)
    }
  }
}

/// Code systems and codes the FHIR export uses, in one place so tests can check their digits.
public enum FHIRCodes {
  /// Tend's local code system (`.example` is the reserved placeholder domain).
  public static let tendSystem = "https://tend.example/fhir/CodeSystem/tend-session"
  public static let routineBase = "https://tend.example/routines/"
  public static let checksumExtension =
    "https://tend.example/fhir/StructureDefinition/content-sha256"
  public static let snomed = "http://snomed.info/sct"
  public static let loinc = "http://loinc.org"
  /// SNOMED CT 387854002, therapeutic massage (display not confirmed: shipped without one).
  public static let massage = "387854002"
  /// SNOMED CT body-structure codes by Tend site: generic, left, right (clinical-export.md 1.4).
  public static let bodySites: [String: (String, String?, String?)] = [
    "head": ("69536005", nil, nil), "scalp": ("41695006", nil, nil), "face": ("89545001", nil, nil),
    "neck": ("45048000", nil, nil), "shoulder": ("16982005", "91775009", "91774008"),
    "arm": ("53120007", nil, nil), "upper-arm": ("40983000", "368208006", "368209003"),
    "forearm": ("14975008", "66480008", "64262003"), "hand": ("85562004", "85151006", "78791008"),
    "chest": ("51185008", nil, nil), "abdomen": ("818983003", nil, nil),
    "back": ("77568009", nil, nil),
    "upper-back": ("77568009", nil, nil), "lower-back": ("37822005", nil, nil),
    "hip": ("29836001", nil, nil), "leg": ("61685007", nil, nil),
    "thigh": ("68367000", "61396006", "11207009"), "knee": ("72696002", nil, nil),
    "lower-leg": ("30021000", "48979004", "32696007"), "foot": ("56459004", "22335008", "7769000"),
  ]

  /// The SNOMED code for a site token such as `left-hand`, `neck`, `right-lower-leg`.
  public static func bodySite(_ token: String) -> String? {
    var site = Substring(token)
    var side: String?
    for s in ["left-", "right-"] where site.hasPrefix(s) {
      side = String(s.dropLast())
      site = site.dropFirst(s.count)
    }
    guard let codes = bodySites[String(site)] else { return nil }
    switch side {
    case "left": return codes.1 ?? codes.0
    case "right": return codes.2 ?? codes.0
    default: return codes.0
    }
  }
}
