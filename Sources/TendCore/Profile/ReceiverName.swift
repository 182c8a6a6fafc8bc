import Foundation

/// What makes a name usable for a person cared for.
///
/// A name is shown on every screen and in every export, and it picks the person out in commands,
/// so it must be one line of visible text: 1-60 characters after trimming spaces, with no control
/// characters (tabs, line breaks, terminal escapes), no format characters (bidi overrides and
/// isolates, zero-width joiners), no line or paragraph separators, no private-use, surrogate or
/// unassigned code points.
public enum ReceiverName {
  public static let maxCharacters = 60

  /// Why a name cannot be used.
  public enum Problem: Equatable, Sendable {
    case empty, tooLong, spaces
    /// The first hidden code point found.
    case hidden(UInt32)

    /// In English, for data errors that name a file and field.
    public var english: String {
      switch self {
      case .empty: "a name cannot be empty"
      case .tooLong: "a name has at most \(ReceiverName.maxCharacters) characters"
      case .spaces: "a name does not begin or end with spaces"
      case .hidden(let code):
        "a name cannot hold the invisible or control character U+"
          + String(code, radix: 16, uppercase: true)
      }
    }
  }

  /// Why `name` cannot be used, or nil when it can.
  public static func problem(_ name: String) -> Problem? {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .empty }
    if trimmed.count > maxCharacters { return .tooLong }
    if trimmed != name { return .spaces }
    if let bad = name.unicodeScalars.first(where: isHidden) { return .hidden(bad.value) }
    return nil
  }

  /// Control, format (bidi, zero-width), separator, private-use, surrogate or unassigned.
  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate,
      .unassigned:
      true
    default: false
    }
  }
}
