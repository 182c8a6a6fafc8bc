/// An answer to the intake's fluid-limit question, read plainly: the one number in it (its
/// digits, with `,` `.` or spaces between thousands: `1,500`, `1 500`) and the words around it
/// that Tend does not use.
///
/// Guarantees: `ml` is nil unless the answer holds exactly one number; every word that is not
/// one of `plainWords` (the unit and "a day" in the language in use, `intake.fluidWords`) is in
/// `unused`, in the order typed, so nothing typed is dropped without being said back.
struct FluidAnswer: Equatable {
  var ml: Int?
  var unused: [String]

  init(_ line: String, plainWords: Set<String>) {
    var numbers: [String] = []
    var words: [String] = []
    var number = ""
    var word = ""
    var pendingSeparator = false
    let chars = Array(line)
    func endWord() {
      if !word.isEmpty { words.append(word) }
      word = ""
    }
    func endNumber() {
      if !number.isEmpty { numbers.append(number) }
      number = ""
      pendingSeparator = false
    }
    for (i, c) in chars.enumerated() {
      if c.isASCII, c.isNumber {
        endWord()
        number.append(c)
        pendingSeparator = false
      } else if !number.isEmpty, [",", ".", " ", "\u{00A0}", "\u{202F}"].contains(c),
        i + 3 < chars.count, !pendingSeparator,
        chars[(i + 1)...].prefix(3).allSatisfy({ $0.isASCII && $0.isNumber }),
        i + 4 >= chars.count || !(chars[i + 4].isASCII && chars[i + 4].isNumber)
      {
        // A thousands separator: three digits follow, and no fourth.
        pendingSeparator = true
      } else if c.isLetter {
        endNumber()
        word.append(Character(c.lowercased()))
      } else {
        endNumber()
        endWord()
      }
    }
    endNumber()
    endWord()
    ml = numbers.count == 1 ? Int(numbers[0].prefix(6)) : nil
    unused = words.filter { !plainWords.contains($0) }
  }
}
