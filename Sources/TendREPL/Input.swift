import Foundation

/// Something that happened to the conversation: a typed line, a key while a step runs, the
/// clock moving on, Ctrl-C, or the end of input. The loop turns the outside world into these.
public enum Input: Sendable, Equatable {
  /// A whole line typed at the prompt (or read from a pipe).
  case line(String)
  /// One key pressed while a guided step runs (hands are oily, so no Enter is needed).
  case key(GuideKey)
  /// Letters typed while a step runs that are no key and no guide word (a word begun, "her
  /// face..."): the caregiver has something to say. The step's time stops and a line is read.
  case typing(String)
  /// Time moved on: `elapsed` guide time (already sped up by the test clock's scale) since the
  /// last tick, and the wall-clock `now` for journal entries and reminders.
  case tick(elapsed: Duration, now: Date)
  /// Ctrl-C: cancels the line at a prompt, pauses a running step.
  case interrupt
  /// Ctrl-D or the end of a pipe.
  case endOfInput
}

/// The keys that steer a running step.
public enum GuideKey: String, Sendable, Equatable, CaseIterable {
  case pause, back, repeatStep = "repeat", skip, stop, hurts, help
  /// Enter or `y`: confirms "it hurts" (otherwise does nothing).
  case confirm

  /// The English key for a typed character (`p`, `b`, `r`, `s`, `x`, `h`, `?`; space pauses
  /// too; Enter and `y` confirm). `h` alone never stops a session: it asks for a confirming key.
  /// The conversation reads keys through `CommandWords.key(_:)`, which puts the language's own
  /// keys (`keys.guide.*` in `Locales/`) first.
  public init?(character: Character) {
    if character == "\r" || character == "\n" || character == "\r\n" {
      self = .confirm
      return
    }
    switch character.lowercased() {
    case "y": self = .confirm
    case "p", " ": self = .pause
    case "b": self = .back
    case "r": self = .repeatStep
    case "s", "n": self = .skip
    case "x", "q": self = .stop
    case "h", "!": self = .hurts
    case "?": self = .help
    default: return nil
    }
  }

  /// English keys that are not in `keys.guide.*`: space pauses, `n` skips, `q` stops, `!` means
  /// it hurts, `y` confirms. Each works in a language that gives the character to nothing else.
  public static let englishExtras: [(Character, GuideKey)] = [
    (" ", .pause), ("n", .skip), ("q", .stop), ("!", .hurts), ("y", .confirm),
  ]

  /// The key for a whole word typed in line mode (`pause`, `next`, `it hurts`...).
  public init?(word: String) {
    let w = word.lowercased().trimmingCharacters(in: .whitespaces)
    switch w {
    case "pause", "resume", "go", "continue", "p": self = .pause
    case "back", "b", "previous": self = .back
    case "repeat", "again", "r": self = .repeatStep
    case "skip", "next", "s", "n": self = .skip
    case "stop", "x", "end": self = .stop
    case "hurts", "it hurts", "ouch", "pain", "h", "that hurts": self = .hurts
    case "?", "help", "keys": self = .help
    default: return nil
    }
  }
}
