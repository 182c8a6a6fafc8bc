import Foundation
import TendTestSupport
import Testing

/// What the journal must hold after the first-time caregiver's two visits: exactly what happened.
enum JournalCheck {
  static func lines(_ home: URL, _ id: String) throws -> [[String: Any]] {
    let url = home.appendingPathComponent("receivers/\(id)/journal.jsonl")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  static func firstTimeCaregiver(home: URL) throws {
    let entries = try lines(home, "ann")
    let types = entries.compactMap { $0["type"] as? String }
    #expect(
      types == ["condition", "condition", "session", "water", "water", "session", "water"],
      "\(types)")
    let sessions = entries.filter { $0["type"] as? String == "session" }
    guard sessions.count == 2 else { return }
    #expect(sessions[0]["routine"] as? String == "quick-hands")
    #expect(sessions[0]["stoppedEarly"] as? Bool != true)
    #expect(sessions[0]["note"] as? String == "she liked it")
    let before = sessions[0]["before"] as? [String: Any]
    #expect(before?["ratedBy"] as? String == "caregiver")
    #expect((before?["scores"] as? [String: Int]) == ["pain": 6, "anxiety": 4, "comfort": 3])
    #expect((sessions[0]["precautions"] as? [String])?.sorted() == ["anticoagulants", "iv-line"])
    #expect(((sessions[0]["sites"] as? [String]) ?? []).allSatisfy { !$0.hasPrefix("left") })
    // The caregiver said the care team had said yes to massage on a blood thinner.
    #expect(sessions.allSatisfy { $0["careTeamSaidYes"] as? [String] == ["anticoagulants"] })
    #expect(sessions[1]["routine"] as? String == "feet-quick")
    #expect(sessions[1]["stoppedEarly"] as? Bool == true)
    #expect(sessions[1]["stopReason"] as? String == "it hurt on her heel")
    #expect(sessions[1]["stoppedAtStep"] as? String == "hold-feet")
    let waters = entries.filter { $0["type"] as? String == "water" }.compactMap {
      $0["answer"] as? String
    }
    #expect(waters == ["later", "reminder-shown", "declined"])
  }
}
