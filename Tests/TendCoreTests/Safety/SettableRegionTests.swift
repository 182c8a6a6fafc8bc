import Foundation
import TendCore
import TendTestSupport
import Testing

/// Every region Tend can be set to has an emergency number with a source: a region can be set
/// (`tend settings region XX`, or the question the conversation asks) only when the table has
/// its number, and every two-letter code is tried.
@Suite("Settable regions")
struct SettableRegionTests {
  let table = Fixtures.catalog.emergencyNumbers

  static let codes: [String] = {
    let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
    return letters.flatMap { a in letters.map { a + $0 } }
  }()

  @Test("every code that can be set has a number of digits and an https source")
  func everySettableRegionHasANumber() {
    var settable: [String] = []
    for code in Self.codes {
      switch RegionSetting.answer(code, known: table) {
      case .region(let region):
        settable.append(region)
        let entry = table[region]
        #expect(entry != nil, "\(code) can be set but has no number")
        #expect(entry.map { !$0.number.isEmpty && $0.number.allSatisfy(\.isNumber) } == true)
        #expect(entry?.source.hasPrefix("https://") == true, "\(region)")
      case .unknown(let region):
        #expect(table[region] == nil, "\(region) is in the table but refused")
      case .invalid, .skip:
        Issue.record("\(code) read as neither a region nor an unknown one")
      }
    }
    // Every region in the table can be set, and nothing else.
    #expect(Set(settable) == Set(table.regions))
    #expect(settable.count == table.regions.count + 1)  // UK is read as GB
  }

  @Test("a code without a number is refused, never stored with a guessed number")
  func unknownRefused() {
    #expect(RegionSetting.answer("ng", known: table) == .unknown("NG"))
    #expect(RegionSetting.answer("jp", known: table) == .region("JP"))
    #expect(RegionSetting.answer("Japan", known: table) == .invalid)
    #expect(RegionSetting.answer("", known: table) == .skip)
  }

  @Test(
    "the numbers the issue named: Japan 119, and the EU members' 112",
    arguments: [
      ("JP", "119"), ("PL", "112"), ("SE", "112"), ("GR", "112"), ("NO", "113"), ("BR", "192"),
    ])
  func known(region: String, number: String) {
    #expect(table[region]?.number == number)
  }
}
