import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

@Suite("Hostile input, in process")
struct HostileInputTests {
  /// Random, hostile and plausible lines, from a seed.
  static func line(_ rng: inout SeededRandom) -> String {
    let plausible = [
      "", "1", "2", "yes", "no", "suggest", "start 1", "start 99", "show x", "stop", "hurts",
      "later",
      "feel", "who", "summary", "tell", "intake", "help", "skip", "10", "-1", "start the hand one",
      "she is on warfarin", "no chest pain", "left forearm", "Ann", "add Bob", "speak on",
    ]
    switch Int.random(in: 0..<5, using: &rng) {
    case 0, 1: return plausible.randomElement(using: &rng)!
    case 2:
      let n = Int.random(in: 0..<200, using: &rng)
      return String(
        (0..<n).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))) })
    case 3:
      let bytes = (0..<Int.random(in: 0..<100, using: &rng)).map { _ in
        UInt8.random(in: 0...255, using: &rng)
      }
      return String(decoding: bytes, as: UTF8.self)
    default:
      return String(repeating: "ä\u{0}\u{1B}[2J✓", count: Int.random(in: 1...3000, using: &rng))
    }
  }

  @Test("five thousand random lines, keys, ticks and interrupts never trap")
  func fuzz() {
    var rng = SeededRandom(seed: 6)
    var h = Harness()
    for _ in 0..<5000 {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: h.wait(.seconds(Int64.random(in: 0...120, using: &rng)))
      case 1: h.key(GuideKey.allCases.randomElement(using: &rng)!)
      case 2: h.apply(h.conversation.handle(.interrupt))
      default: h.send(Self.line(&rng))
      }
      if h.quit { h = Harness(profiles: h.store.profiles) }
    }
    #expect(h.said.count > 0)
  }
}
