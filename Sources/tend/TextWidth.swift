import Foundation
import TendCore

/// How wide plain text may be: 78 columns (fits 80), narrower when the terminal is, from the
/// terminal itself or, when output is captured (the conversation runs a plain command and
/// wraps what it prints), from `COLUMNS`.
enum TextWidth {
  static func current() -> Int {
    var size = winsize()
    var columns: Int?
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
      size.ws_col > 0
    {
      columns = Int(size.ws_col)
    } else if let text = getenv("COLUMNS").map({ String(cString: $0) }), let n = Int(text), n > 0 {
      columns = n
    }
    guard let columns else { return 78 }
    return max(20, min(78, columns - 2))
  }
}

extension CheckText {
  /// The check text wrapped to the width in use (`TextWidth`).
  static func fitted(localizer: Localizer, emergency: EmergencyContact = .unknown) -> CheckText {
    var text = CheckText(localizer: localizer, emergency: emergency)
    text.width = TextWidth.current()
    return text
  }
}
