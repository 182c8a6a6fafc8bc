import Foundation
import TendCore
import TendTestSupport
import Testing

/// A profile says exactly what it means, or it is an error naming file, line and field, and no
/// advice is given for that person (fail closed).
@Suite("Strict profiles")
struct ProfileReaderTests {
  static let good = """
    {
      "v": 1,
      "id": "mum",
      "name": "Mum",
      "conditions": [{"id": "iv-line", "site": "forearm", "side": "left", "since": "2026-11-20"}],
      "fluidLimitML": 1500,
      "reminderMinutes": 30
    }
    """

  /// (what is changed, line, field, words the reason holds)
  static let broken: [(String, String, Int, String, String)] = [
    (#""conditions": ["#, #""conditons": ["#, 5, "conditons", "did you mean \"conditions\""),
    (
      #""conditions": [{"id": "iv-line", "site": "forearm", "side": "left", "since": "2026-11-20"}]"#,
      #""conditions": null"#, 5, "conditions", "expected an array, found null"
    ),
    (#""fluidLimitML": 1500"#, #""fluidLimitML": -200"#, 6, "fluidLimitML", "below the minimum"),
    (#""fluidLimitML": 1500"#, #""fluidLimitML": "lots""#, 6, "fluidLimitML", "whole number"),
    (#""reminderMinutes": 30"#, #""reminderMinutes": -5"#, 7, "reminderMinutes", "below"),
    (#""since": "2026-11-20""#, #""since": "2026-02-30""#, 5, "conditions[0].since", "real day"),
    (#""side": "left""#, #""side": "lfet""#, 5, "conditions[0].side", "did you mean \"left\""),
    (
      #""site": "forearm""#, #""stie": "forearm""#, 5, "conditions[0].stie", "did you mean \"site\""
    ),
    (#""id": "mum""#, #""id": "../../x""#, 3, "id", "folder"),
    (#""name": "Mum""#, #""name": null"#, 4, "name", "non-empty string"),
    (#""name": "Mum""#, #""name": "Mum\u202e""#, 4, "name", "U+202E"),
    (#""name": "Mum""#, #""name": "Mum\u001b[2J""#, 4, "name", "U+1B"),
    (#""v": 1"#, #""v": 2"#, 2, "v", "newer"),
    (#""conditions": ["#, #""conditions": [3, "#, 5, "conditions[0]", "expected an object"),
  ]

  @Test("each kind of mistake is an error with its line and field", arguments: broken.indices)
  func mistakes(_ index: Int) throws {
    let (from, to, line, field, words) = Self.broken[index]
    let text = Self.good.replacingOccurrences(of: from, with: to)
    #expect(text != Self.good, "the test's replacement did not apply")
    do {
      let p = try ProfileReader.read(Array(text.utf8), file: "mum/profile.json", folderID: "mum")
      Issue.record("accepted: \(p)")
    } catch {
      guard case .badProfile(let file, let l, _, let f, let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "mum/profile.json")
      #expect(l == line, "\(reason)")
      #expect(f == field, "\(reason)")
      #expect(reason.contains(words), "\(reason)")
    }
  }

  @Test("a good profile reads, and what Tend writes reads back the same")
  func roundTrip() throws {
    let p = try ProfileReader.read(Array(Self.good.utf8), file: "p", folderID: "mum")
    #expect(p.conditions.first?.side == .left && p.fluidLimitML == 1500)
    let written = try ProfileStore.encode(p)
    #expect(try ProfileReader.read([UInt8](written), file: "p", folderID: "mum") == p)
    // A free-standing --profile file needs no id or name, but still its conditions.
    _ = try ProfileReader.read(
      Array(#"{"conditions": ["anticoagulants"]}"#.utf8), file: "f", folderID: nil)
    #expect(throws: ReceiverError.self) {
      try ProfileReader.read(Array(#"{"name": "Mum"}"#.utf8), file: "f", folderID: nil)
    }
  }

  @Test("names: printable, at most 60 characters, no control, bidi or zero-width characters")
  func names() throws {
    #expect(ReceiverName.problem("Mum") == nil)
    #expect(ReceiverName.problem("Nguyễn Thị Lan") == nil)
    #expect(ReceiverName.problem("妈妈") == nil)
    #expect(ReceiverName.problem("") == .empty)
    #expect(ReceiverName.problem(String(repeating: "a", count: 61)) == .tooLong)
    #expect(ReceiverName.problem("Mum\u{202E}dad") == .hidden(0x202E))
    #expect(ReceiverName.problem("Mum\u{2066}") == .hidden(0x2066))
    #expect(ReceiverName.problem("M\u{200B}um") == .hidden(0x200B))
    #expect(ReceiverName.problem("Mum\nDad") == .hidden(0x0A))
    #expect(ReceiverName.problem("\u{1B}[31mMum") == .hidden(0x1B))
    let home = Fixtures.temporaryDirectory("tend-names")
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    #expect(throws: ReceiverError.badName("Mumdad", problem: .hidden(0x202E))) {
      try store.add(Profile(id: "", name: "Mum\u{202E}dad"))
    }
    let mum = try store.add(Profile(id: "", name: "Mum"))
    #expect(throws: ReceiverError.self) { try store.rename(mum.id, to: "\u{1B}]0;owned\u{07}") }
    #expect(throws: ReceiverError.self) { try store.update(mum.id) { $0.name = "a\u{0}" } }
    #expect(try store.find("Mum").name == "Mum")
  }
}
