import Foundation
import TendTestSupport
import Testing

/// `tend check --text`: the caregiver's own words, through the built binary.
@Suite("Plain talk")
struct PlainTalkTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("--text --json lists each condition found with the words that matched")
  func textJSON() throws {
    let run = try RunTend.run([
      "check", "--json", "--text",
      "mum's on warfrin and had her left knee done 10 days ago, still a dressing on it. No fever.",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try json(run.stdout)
    #expect(object["verdict"] as? String == "adjust")
    let conditions = try #require(object["conditions"] as? [[String: Any]])
    let knee = try #require(conditions.first { $0["id"] as? String == "joint-replacement-knee" })
    #expect(knee["site"] as? String == "knee")
    #expect(knee["side"] as? String == "left")
    #expect(knee["daysSince"] as? Int == 10)
    #expect(knee["matched"] as? String == "left knee done 10 days ago")
    #expect(
      conditions.first { $0["id"] as? String == "anticoagulants" }?["matched"] as? String
        == "warfrin")
    let notCounted = try #require(object["notCounted"] as? [[String: Any]])
    #expect(notCounted.first?["id"] as? String == "fever")
    #expect(notCounted.first?["matched"] as? String == "No fever")
    #expect((object["unknownTerms"] as? [String]) == [])
  }

  @Test("a red flag explained away still stops the massage, and the text says so before the advice")
  func redFlagText() throws {
    let run = try RunTend.run([
      "check", "--text", "his calf is warm and swollen but it's probably from standing",
    ])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("Do not massage. Call the care team now."))
    let understood = try #require(run.stdout.range(of: "What I understood:"))
    let dismissed = try #require(run.stdout.range(of: "You said “probably from standing”"))
    #expect(understood.lowerBound < dismissed.lowerBound)
    #expect(run.stdout.contains("Possible new blood clot"))
  }

  @Test("words in the script of another language Tend reads are read in that language")
  func otherScript() throws {
    for (lang, text) in [("en", "她胸口很闷，喘不过气"), ("fr", "bà bị đau ngực, khó thở")] {
      let run = try RunTend.run(["check", "--json", "--lang", lang, "--text", text])
      let object = try json(run.stdout)
      #expect(object["verdict"] as? String == "stop-call-provider", "\(lang): \(text)")
    }
    let placed = try RunTend.run(["check", "--json", "--lang", "es", "--text", "他左手有留置针"])
    let conditions = try #require(try json(placed.stdout)["conditions"] as? [[String: Any]])
    #expect(
      conditions.contains { $0["id"] as? String == "iv-line" && $0["side"] as? String == "left" })
  }

  @Test("unknown medical words are reported and advise asking the care team")
  func unknownWords() throws {
    let run = try RunTend.run(["check", "--json", "--text", "she has sarcoidosis"])
    let object = try json(run.stdout)
    #expect((object["unknownTerms"] as? [String]) == ["sarcoidosis"])
    #expect(object["clearanceAdvised"] as? Bool == true)
    #expect(object["verdict"] as? String == "adjust")
    let unplaced = try #require(object["notUnderstood"] as? [[String: Any]])
    #expect(unplaced.count == 1)
    #expect(unplaced.first?["words"] as? String == "sarcoidosis")
    #expect(unplaced.first?["effect"] as? String == "adjust")
    let text = try RunTend.run(["check", "--text", "she has sarcoidosis"])
    #expect(text.stdout.contains("I could not place “sarcoidosis”."))
    #expect(!text.stdout.contains("Good to go"))
    // Next to a red-flag system the same unknown word is urgent.
    let urgent = try json(
      RunTend.run(["check", "--json", "--text", "he has sarcoidosis and can't catch his breath"])
        .stdout)
    #expect(urgent["verdict"] as? String == "stop-call-provider")
  }

  @Test("--text combines with --condition, and --lang es reads Spanish")
  func combined() throws {
    let run = try RunTend.run([
      "check", "--json", "--lang", "es", "--condition", "dementia", "--text",
      "toma sintrom y tiene fiebre",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try json(run.stdout)
    let ids = (object["conditions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(ids == ["dementia", "anticoagulants", "fever"])
    #expect(object["verdict"] as? String == "postpone")
  }
}
