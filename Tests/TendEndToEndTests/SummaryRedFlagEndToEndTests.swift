import Foundation
import TendCore
import TendTestSupport
import Testing

/// The outside nurse's summary findings (review 4, items 10 and 15) through the real binary:
/// `tend log` reads the words for red flags and says what to do before saving; a session
/// logged while one stands is warned about and counted; `tend summary` puts them first.
@Suite("Summary red flags end to end")
struct SummaryRedFlagEndToEndTests {
  let home = Fixtures.temporaryDirectory("summary-red-flags")

  func tend(_ args: [String]) throws -> TendRun {
    try RunTend.run(args + ["--lang", "en"], environment: ["TEND_HOME": home.path])
  }

  static func at(_ hoursAgo: Double) -> String {
    let date = Date().addingTimeInterval(-hoursAgo * 3600)
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd'T'HH:mm'+00:00'"
    return f.string(from: date)
  }

  @Test(
    "log feeling: chest tightness gets the emergency advice, saved, and is first in the summary")
  func feeling() throws {
    #expect(try tend(["receivers", "add", "Mum"]).status == 0)
    let words = "her chest feels tight and she can't catch her breath"
    let run = try tend(["log", "feeling", "--receiver", "Mum", "--text", words, "--at", Self.at(2)])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("These words read as a red flag"))
    #expect(run.stdout.contains("Stop. Do not massage today."))
    #expect(run.stdout.contains("Call 911 now") || run.stdout.contains("emergency number"))
    #expect(!run.stdout.contains("Saved how Mum feels."))
    // The advice comes before the line that says it was saved (DESIGN rule 8).
    let advice = try #require(run.stdout.range(of: "Stop. Do not massage today."))
    let saved = try #require(run.stdout.range(of: "Saved in Mum's journal"))
    #expect(advice.lowerBound < saved.lowerBound)
    // The whole words are kept in the journal.
    let journal = try String(
      contentsOf: home.appendingPathComponent("receivers/mum/journal.jsonl"), encoding: .utf8)
    #expect(journal.contains(words))
    let summary = try tend(["summary", "--receiver", "Mum", "--from", "7d"])
    #expect(summary.status == 0, "\(summary.stderr)")
    let flags = try #require(summary.stdout.range(of: "RED FLAGS"))
    let glance = try #require(summary.stdout.range(of: "AT A GLANCE"))
    #expect(flags.lowerBound < glance.lowerBound)
    let page = summary.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(page.contains(words))
    #expect(!page.contains("Red flags: none"))
  }

  @Test("a session stopped for a nosebleed, then one logged two hours later: warned, counted")
  func sessionDuringRedFlag() throws {
    #expect(try tend(["receivers", "add", "Rosa"]).status == 0)
    let stop = try tend([
      "log", "session", "--receiver", "Rosa", "--routine", "calm-hands", "--minutes", "0",
      "--stopped-early", "her nose is bleeding and won't stop", "--at", Self.at(3),
    ])
    #expect(stop.status == 0, "\(stop.stderr)")
    #expect(stop.stdout.contains("These words read as a red flag: New unexplained bleeding"))
    let next = try tend([
      "log", "session", "--receiver", "Rosa", "--routine", "calm-hands", "--minutes", "5",
      "--at", Self.at(1),
    ])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stdout.contains("Red flag said"))
    #expect(next.stdout.contains("Stop. Do not massage today."))
    #expect(next.stderr.contains("went against the precautions"))
    #expect(!next.stdout.contains("drink of water"))
    for format in ["text", "json", "fhir", "csv", "markdown", "html"] {
      let run = try tend(["summary", "--receiver", "Rosa", "--from", "7d", "--format", format])
      #expect(run.status == 0, "\(format): \(run.stderr)")
      #expect(run.stdout.contains("bleeding"), "\(format)")
    }
    // The page wraps at 80 columns: read it as one line.
    func flat(_ page: String) -> String {
      page.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let text = flat(try tend(["summary", "--receiver", "Rosa", "--from", "7d"]).stdout)
    #expect(text.contains("her nose is bleeding and won't stop"))
    #expect(!text.contains("Went against the precautions in force that day: none"))
    let deid = flat(
      try tend(["summary", "--receiver", "Rosa", "--from", "7d", "--deidentify"]).stdout)
    #expect(deid.contains("red flag: New unexplained bleeding or bruising"))
    #expect(!deid.contains("nose is bleeding"))
    #expect(!deid.contains("Red flags: none"))
    let json = try tend([
      "summary", "--receiver", "Rosa", "--from", "7d", "--format", "json", "--deidentify",
    ]).stdout
    #expect(json.firstMatch(of: try Regex("\"20[0-9]{2}-[0-9]{2}-[0-9]{2}")) == nil)
  }

  @Test("a family writing in Spanish, a summary in English: the red flag is still read")
  func otherLanguage() throws {
    #expect(try tend(["receivers", "add", "Lola"]).status == 0)
    #expect(try tend(["receivers", "set", "Lola", "--language", "es"]).status == 0)
    let words = "le duele mucho el pecho y le falta el aire"
    let run = try RunTend.run(
      ["log", "feeling", "--receiver", "Lola", "--text", words, "--lang", "es"],
      environment: ["TEND_HOME": home.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("señal de alarma"))
    let page = try tend(["summary", "--receiver", "Lola", "--from", "7d"]).stdout
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(page.contains("RED FLAGS"))
    #expect(page.contains("Chest pain or pressure"))
    #expect(page.contains(words))
  }
}
