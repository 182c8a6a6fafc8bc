import Foundation
import TendCore
import TendTestSupport
import Testing

/// A malformed or inconsistent data file is an error naming file, line, column and field, and
/// no catalog exists (fail closed).
@Suite("Catalog errors")
struct CatalogErrorTests {
  /// A copy of the shipped data folder with one file replaced.
  func folder(replacing file: String, with text: String) throws -> URL {
    let dir = Fixtures.temporaryDirectory("tend-data")
    let fm = FileManager.default
    for sub in ["Routines", "Locales"] {
      try fm.copyItem(
        at: Fixtures.packageRoot.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
    }
    try Data(text.utf8).write(to: dir.appendingPathComponent(file))
    return dir
  }

  func loadError(_ file: String, _ text: String) throws -> CatalogError? {
    let dir = try folder(replacing: file, with: text)
    defer { try? FileManager.default.removeItem(at: dir) }
    do {
      _ = try Catalog.load(from: dir)
      return nil
    } catch {
      return error
    }
  }

  static let routine = """
    {
      "v": 1,
      "id": "calm-hands",
      "minutes": 1,
      "areas": ["hand"],
      "positions": ["seated"],
      "steps": [
        {"id": "left-palm", "site": "hand", "side": "left", "technique": "gliding", "pressure": 2, "seconds": 60, "jointMovement": false}
      ]
    }
    """

  @Test("pressure above 3 names file, line and field")
  func pressureTooHigh() throws {
    let text = Self.routine.replacingOccurrences(of: "\"pressure\": 2", with: "\"pressure\": 4")
    let error = try loadError("Routines/calm-hands.json", text)
    #expect(
      error?.errorDescription
        == "Routines/calm-hands.json:8:93: error: [steps[0].pressure] 4 is above the maximum 3")
  }

  @Test("syntax errors, including trailing commas, give the line")
  func syntax() throws {
    let text = Self.routine.replacingOccurrences(
      of: "\"seconds\": 60, \"jointMovement\": false}",
      with: "\"seconds\": 60, \"jointMovement\": false},")
    guard
      case .malformed(let file, let line, _, let field, let reason)? = try loadError(
        "Routines/calm-hands.json", text)
    else { Issue.record("expected a malformed error"); return }
    #expect(file == "Routines/calm-hands.json")
    #expect(line == 9)
    #expect(field == "syntax")
    #expect(reason.contains("trailing comma"))
  }

  @Test("the emergency-number table fails closed: bad code, number, source or a duplicate")
  func emergencyNumbers() throws {
    let file = "Routines/emergency-numbers.json"
    func message(_ entries: String) throws -> String {
      let text = "{\n  \"v\": 1,\n  \"regions\": [\n\(entries)\n  ]\n}\n"
      return try loadError(file, text)?.errorDescription ?? ""
    }
    let good = #"    {"region": "US", "number": "911", "source": "https://www.911.gov/"}"#
    #expect(try message(good) == "")
    #expect(
      try message(good.replacingOccurrences(of: "\"US\"", with: "\"usa\"")).hasPrefix(
        "\(file):4:5: error: [regions[0].region]"))
    #expect(
      try message(good.replacingOccurrences(of: "911", with: "9-1-1")).contains(
        "[regions[0].number]"))
    #expect(
      try message(good.replacingOccurrences(of: "https", with: "http")).contains(
        "[regions[0].source] a source must be an https:// address"))
    #expect(try message(good + ",\n" + good).contains("duplicate region \"US\""))
    #expect(try message("").contains("no regions"))
  }

  @Test("an unknown site suggests the nearest")
  func unknownSite() throws {
    let text = Self.routine.replacingOccurrences(
      of: "\"site\": \"hand\"", with: "\"site\": \"hnad\"")
    let message = try loadError("Routines/calm-hands.json", text)?.errorDescription ?? ""
    #expect(message.contains("[steps[0].site] unknown value \"hnad\"; did you mean \"hand\"?"))
    #expect(message.hasPrefix("Routines/calm-hands.json:8:"))
  }

  @Test("duplicate step ids, missing text, wrong positions and a bad minute count are errors")
  func inconsistencies() throws {
    let dup = Self.routine.replacingOccurrences(
      of: "\n  ]",
      with:
        ",\n    {\"id\": \"left-palm\", \"site\": \"hand\", \"side\": \"left\", \"technique\": \"gliding\", \"pressure\": 2, \"seconds\": 60, \"jointMovement\": false}\n  ]"
    )
    #expect(
      try loadError("Routines/calm-hands.json", dup)?.errorDescription?.contains(
        "duplicate step id") == true)
    let renamed = Self.routine.replacingOccurrences(
      of: "\"id\": \"left-palm\"", with: "\"id\": \"no-text\"")
    #expect(
      try loadError("Routines/calm-hands.json", renamed)?.errorDescription?.contains(
        "routine.calm-hands.step.no-text") == true)
    let position = Self.routine.replacingOccurrences(
      of: "\"jointMovement\": false}",
      with: "\"jointMovement\": false, \"positions\": [\"face-down\"]}")
    #expect(
      try loadError("Routines/calm-hands.json", position)?.errorDescription?.contains(
        "not one of the routine's positions") == true)
    let minutes = Self.routine.replacingOccurrences(of: "\"minutes\": 1", with: "\"minutes\": 5")
    #expect(
      try loadError("Routines/calm-hands.json", minutes)?.errorDescription?.contains(
        "add up to 60 seconds") == true)
    let missing = Self.routine.replacingOccurrences(of: "\"technique\": \"gliding\", ", with: "")
    #expect(
      try loadError("Routines/calm-hands.json", missing)?.errorDescription?.contains(
        "[steps[0].technique] missing field") == true)
  }

  @Test("rules: unknown condition ids in examples, a bad verdict and a newer schema fail")
  func rules() throws {
    let path = Fixtures.packageRoot.appendingPathComponent("Routines/precautions.json")
    let original = try String(contentsOf: path, encoding: .utf8)
    let badVerdict = original.replacingOccurrences(
      of: "\"verdict\": \"postpone\"", with: "\"verdict\": \"later\"")
    #expect(
      try loadError("Routines/precautions.json", badVerdict)?.errorDescription?.contains(
        "unknown value \"later\"") == true)
    let newer = original.replacingOccurrences(of: "\"v\": 1", with: "\"v\": 2")
    #expect(
      try loadError("Routines/precautions.json", newer)?.errorDescription?.contains(
        "2 is above the maximum 1") == true)
    let example = original.replacingOccurrences(
      of: "\"conditions\": [\"iv-line@left-forearm\"]",
      with: "\"conditions\": [\"ivline@left-forearm\"]")
    #expect(
      try loadError("Routines/precautions.json", example)?.errorDescription?.contains(
        "unknown condition id \"ivline\"") == true)
    #expect(try loadError("Routines/precautions.json", "") != nil)
  }

  @Test("a rule naming another rule names one that exists, with a time limit where it needs one")
  func ruleReferences() throws {
    let path = Fixtures.packageRoot.appendingPathComponent("Routines/precautions.json")
    let original = try String(contentsOf: path, encoding: .utf8)
    let unknown = original.replacingOccurrences(
      of: "\"knownAfterwards\": \"dvt-history\"", with: "\"knownAfterwards\": \"dvt-old\"")
    let error = try loadError("Routines/precautions.json", unknown)?.errorDescription
    #expect(error?.contains("unknown rule id \"dvt-old\"") == true)
    #expect(error?.contains("knownAfterwards") == true)
    let timeless = original.replacingOccurrences(
      of: "\"alsoWhenRecent\": \"recent-surgery\"", with: "\"alsoWhenRecent\": \"port\"")
    #expect(
      try loadError("Routines/precautions.json", timeless)?.errorDescription?.contains(
        "\"port\" has no time limit") == true)
  }

  @Test("a data folder named explicitly but empty is an error, not a fallback")
  func explicitFolder() {
    #expect(throws: CatalogError.self) {
      try DataFolder.locate(explicit: "/nonexistent", environment: [:])
    }
    #expect(throws: CatalogError.self) {
      try DataFolder.locate(explicit: nil, environment: ["TEND_DATA": "/nonexistent"])
    }
  }

  @Test("a step on both sides of a paired site without one-side words is refused")
  func missingSideText() throws {
    let en = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("Locales/en.json"), encoding: .utf8)
    let text = en.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("  \"routine.calm-hands.step.greet-hold.right\":") }
      .joined(separator: "\n")
    let error = try loadError("Locales/en.json", text)
    #expect(
      error?.errorDescription?.contains("routine.calm-hands.step.greet-hold.right") == true,
      "\(String(describing: error))")
  }

  @Test("a step below the lowest level its technique needs is refused")
  func techniqueBelowItsLevel() throws {
    let text = Self.routine.replacingOccurrences(
      of: "\"technique\": \"gliding\", \"pressure\": 2",
      with: "\"technique\": \"palm-kneading\", \"pressure\": 1")
    let error = try loadError("Routines/calm-hands.json", text)
    #expect(
      error?.errorDescription?.contains("palm-kneading needs at least pressure 2") == true,
      "\(String(describing: error))")
  }

  @Test("a key given twice deep in a large locale file is refused")
  func duplicateKeyInALargeObject() throws {
    let en = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("Locales/en.json"), encoding: .utf8)
    let line = try #require(
      en.split(separator: "\n").first { $0.hasPrefix("  \"routine.calm-hands.step.greet-hold\":") })
    let text = en.replacingOccurrences(of: String(line), with: line + "\n" + line)
    let error = try loadError("Locales/en.json", text)
    #expect(
      error?.errorDescription?.contains("duplicate key \"routine.calm-hands.step.greet-hold\"")
        == true, "\(String(describing: error))")
  }
}
