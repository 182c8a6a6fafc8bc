import Foundation
import TendCore

/// Recognizing a ~300-character message (target ≤ 1 ms), against a baseline of lowercasing
/// and splitting the same text into words, in the same run.
enum RecognizerBenchmarks {
  static let message =
    "Mum's on warfrin and had her left knee done 10 days ago, still a dressing on it. She has a "
    + "PICC in her right arm for antibiotics, no fever today (temp 37.2) but her calf is warm and "
    + "a bit swollen, probably from sitting. She used to take aspirin but stopped. Sarcoidosis too. She is 81 and loves hand rubs."

  /// Words Tend has to look up in its word lists: a drug, a rare disease, typos of everyday
  /// words and a name, each costing a binary search and a one-edit search.
  static let unknownWords =
    "Nan's on Keppra for her fits and has myasthenia gravis, hands a bit knobbly. Bartholemew "
    + "says she was tierd after gardening with the secateurs, wants her sholders done. FOLFOX "
    + "cycle 3 last week, temp 37.9, no chest pain, breathing fine, nothing new since Tuesday."

  static func run() throws {
    let catalog = try Catalog.load(from: Measure.packageRoot)
    var sink = 0
    let build = Measure.median(runs: 5, iterations: 5) {
      if (try? Recognizer(localizer: catalog.localizer("en"), catalog: catalog)) != nil {
        sink &+= 1
      }
    }
    let recognizer = try Recognizer(localizer: catalog.localizer("en"), catalog: catalog)
    let today = Date()
    let recognize = Measure.median(runs: 11, iterations: 500) {
      sink &+= recognizer.recognize(message, today: today).conditions.count
    }
    let baseline = Measure.median(runs: 11, iterations: 500) {
      sink &+= message.lowercased().split(whereSeparator: { !$0.isLetter }).count
    }
    print(
      "recognize \(message.count) characters: \(Measure.format(recognize)) per message"
        + String(
          format: " (target ≤ 1 ms; %.1f× lowercasing and splitting it, %@)", recognize / baseline,
          Measure.format(baseline)))
    let unknown = Measure.median(runs: 11, iterations: 200) {
      sink &+= recognizer.recognize(unknownWords, today: today).conditions.count
    }
    print(
      "recognize \(unknownWords.count) characters with rare and misspelt words: "
        + "\(Measure.format(unknown)) per message (target ≤ 1 ms)")
    print("build the English recognizer once: \(Measure.format(build))")
    let lexicon = Measure.median(runs: 5, iterations: 5) {
      if (try? Lexicon.load(from: catalog.folder, lang: "en")) != nil { sink &+= 1 }
    }
    let signs = Measure.median(runs: 5, iterations: 5) {
      if (try? Signs.load(from: catalog.folder, catalog: catalog)) != nil { sink &+= 1 }
    }
    let vocabulary = Measure.median(runs: 5, iterations: 5) {
      let ids = Set(catalog.rules.map(\.id))
      if (try? Vocabulary(localizer: catalog.localizer("en"), ruleIDs: ids)) != nil { sink &+= 1 }
    }
    print(
      "  of which: word lists \(Measure.format(lexicon)), warning signs \(Measure.format(signs)), "
        + "vocabulary \(Measure.format(vocabulary))")
    if sink == 42 { print("") }
  }
}
