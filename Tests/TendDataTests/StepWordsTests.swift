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

  /// A routine on both the arms and the legs asks before it starts; its question must not name
  /// hands or feet, which a rule may have left out (an outside tester heard "can I rub your
  /// hands and feet?" with both arms out).
  @Test("a check-in step of a routine on arms and legs names neither")
  func checkInsNameNoLimb() throws {
    let catalog = Fixtures.catalog
    let arms: Set<BodySite> = [.hand, .forearm, .upperArm, .arm]
    let legs: Set<BodySite> = [.foot, .lowerLeg, .knee, .thigh, .leg]
    let limbWords = ["hand", "foot", "feet", "arm", "leg"]
    var naming: [String] = []
    for routine in catalog.routines
    where !Set(routine.areas).isDisjoint(with: arms) && !Set(routine.areas).isDisjoint(with: legs) {
      for step in routine.steps where step.technique == .checkIn {
        for key in step.allTextKeys(in: routine.id) {
          guard case .text(let text)? = catalog.english[key] else { continue }
          let words = text.lowercased().split { !$0.isLetter }.map(String.init)
          if words.contains(where: { w in limbWords.contains { w.hasPrefix($0) } }) {
            naming.append("\(key): \(text)")
          }
        }
      }
    }
    #expect(naming.isEmpty, "\(naming)")
  }
}
