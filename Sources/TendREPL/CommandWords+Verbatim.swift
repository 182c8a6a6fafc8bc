import Foundation

/// The rest of a line after its command word, exactly as typed (outside tester, round 5, F5).
///
/// `CommandLineWords.split` reads quotes as a shell does, which is right for options and file
/// paths, but it eats the apostrophes of free text: French elision (`l'impression`,
/// `n'arrive`), English contractions, names like O'Brien. Commands whose argument is free text
/// (`tell`, `feel`) or a name (`add`, `who`, `giver`) take the rest of the line from here.
extension CommandWords {
  /// The command a line starts with (as `parse` reads it, the line split at spaces only) and
  /// everything after the command's words, untouched but for the outer spaces; nil when the
  /// line starts with no command.
  public func parseVerbatim(_ line: String) -> (id: String, rest: String)? {
    var ranges: [Range<String.Index>] = []
    var i = line.startIndex
    while i < line.endIndex {
      if line[i].isWhitespace {
        i = line.index(after: i)
        continue
      }
      var j = i
      while j < line.endIndex, !line[j].isWhitespace { j = line.index(after: j) }
      ranges.append(i..<j)
      i = j
    }
    let tokens = ranges.map { String(line[$0]) }
    guard let parsed = parse(tokens) else { return nil }
    let consumed = tokens.count - parsed.arguments.count
    let rest: Substring
    if consumed <= 0, let first = ranges.first, let tail = parsed.arguments.first {
      // A command word glued to what follows (`开始3`): the rest starts inside the first word.
      let glue = max(0, tokens[0].count - tail.count)
      rest = line[line.index(first.lowerBound, offsetBy: glue)...]
    } else if consumed < ranges.count {
      rest = line[ranges[consumed].lowerBound...]
    } else {
      rest = ""
    }
    return (parsed.id, rest.trimmingCharacters(in: .whitespaces))
  }

  /// A name typed after a command, with one pair of outer quotes taken off (`add "Mary Ann"`
  /// is Mary Ann; `add O'Brien` keeps its apostrophe).
  public static func unquotedName(_ text: String) -> String {
    var name = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for quote in ["\"", "'", "“", "«"] {
      let close = ["“": "”", "«": "»"][quote] ?? quote
      if name.count >= 2, name.hasPrefix(quote), name.hasSuffix(close) {
        name = String(name.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        break
      }
    }
    return name
  }
}
