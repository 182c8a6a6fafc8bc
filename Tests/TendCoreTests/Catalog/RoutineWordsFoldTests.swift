import Foundation
import Testing

@testable import TendCore

/// `RoutineWords.fold`'s ASCII path gives exactly what Foundation's folding gives.
@Suite("Routine words: ASCII folding")
struct RoutineWordsFoldTests {
  /// `fold` as it was written before the ASCII path, through Foundation.
  static func foundation(_ word: String) -> String {
    let lowered = word.lowercased().replacingOccurrences(of: "đ", with: "d")
    let plain = lowered.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en"))
    return plain.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
      .map { String($0.filter { !$0.isPunctuation }) }.filter { !$0.isEmpty }
      .joined(separator: "-")
  }

  @Test("every printable ASCII character alone, between letters and around separators")
  func everyCharacter() {
    for b in UInt8(0x20)..<UInt8(0x7F) {
      let c = String(UnicodeScalar(b))
      for word in [c, "a\(c)b", "\(c)Ab", "Ab\(c)", "a \(c) b", "a-\(c)-b", "\(c)\(c)", "x_\(c)"] {
        #expect(RoutineWords.foldASCII(word) == Self.foundation(word), "\(word)")
        #expect(RoutineWords.fold(word) == Self.foundation(word), "\(word)")
      }
    }
  }

  @Test("routine titles and seeded random ASCII strings; other text goes to Foundation")
  func random() {
    var state: UInt64 = 0x1234_5678
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    let alphabet = Array(" -_aAzZ09,.'()!?/&+$~|=<>^`@#%*:;[]{}\\\"".utf8)
    for _ in 0..<3000 {
      let n = Int(next() % 12)
      let word = String(
        decoding: (0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] },
        as: UTF8.self)
      #expect(RoutineWords.fold(word) == Self.foundation(word), "\(word)")
    }
    for title in [
      "Calm hands", "Lower back, on the side", "Espalda baja, de lado", "Bàn tay thư thái",
      "Đôi chân", "放松的手", "a\tb", "tab\u{7F}",
    ] {
      #expect(RoutineWords.fold(title) == Self.foundation(title), "\(title)")
    }
    #expect(RoutineWords.foldASCII("Bàn tay") == nil)
    #expect(RoutineWords.foldASCII("a\tb") == nil)
  }
}
