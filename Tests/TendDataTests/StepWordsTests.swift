import Foundation
import TendCore
import TendTestSupport
import Testing

/// A step's words stay on the step's own place: a shoulder stroke that starts "from the base of
/// the neck" would touch the neck when a rule leaves the neck out (an outside nurse saw it with a
/// port). The plan checks sites, not words, so the words must not reach another place.
@Suite("Step words")
struct StepWordsTests {
  @Test("no step's English words reach the neck unless the step is on the neck")
  func neckOnlyOnNeckSteps() throws {
    let catalog = Fixtures.catalog
    var reaching: [String] = []
    for routine in catalog.routines {
      for step in routine.steps where step.site != .neck {
        for key in step.allTextKeys(in: routine.id) {
          guard case .text(let text)? = catalog.english[key] else { continue }
          if text.lowercased().contains(" neck") { reaching.append("\(key): \(text)") }
        }
      }
    }
    #expect(reaching.isEmpty, "\(reaching)")
  }
}
