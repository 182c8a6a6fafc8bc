@preconcurrency import CReadline
import Foundation

/// The only place that touches GNU readline: line editing, persistent history, Tab completion,
/// messages above the prompt, and Ctrl-C at the prompt. Nothing else sees a C pointer.
///
/// readline calls `rl_event_hook` about ten times a second while it waits for a key; the hook
/// runs `idle` (the loop ticks the conversation there) and clears the line on Ctrl-C. C callbacks
/// cannot capture context, so the Swift side lives in `Hooks`, on the main actor.
@MainActor
public final class LineEditor {
  public let isInteractive: Bool
  private let historyFile: URL?

  /// Swift state the C callbacks reach; only touched on the main thread.
  @MainActor enum Hooks {
    static var completion: Completion?
    static var matches: [String] = []
    static var index = 0
    static var idle: (() -> Void)?
    /// Text put on the line before the caregiver types (the letters typed during a step).
    static var initial = ""
  }

  /// - Parameter historyFile: where history persists between runs (nil: not kept).
  public init(historyFile: URL?) {
    isInteractive = isatty(STDIN_FILENO) == 1
    self.historyFile = historyFile
    guard isInteractive else { return }
    if setlocale(LC_CTYPE, "") == nil {
      unsetenv("LC_ALL")
      setenv("LC_CTYPE", "C.UTF-8", 1)
      _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
    rl_readline_name = UnsafePointer(strdup("tend"))
    if let historyFile {
      try? FileManager.default.createDirectory(
        at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      if Self.safeHistory(historyFile.path) { _ = read_history(historyFile.path) }
    }
    installHooks()
  }

  /// What Tab offers from now on.
  public func complete(with completion: Completion) { Hooks.completion = completion }

  /// Runs `body` about ten times a second while the prompt waits.
  public func onIdle(_ body: @escaping () -> Void) { Hooks.idle = body }

  /// The next line; nil at end of input (Ctrl-D). Ctrl-C clears the line and prompts again.
  /// `initial` is already on the line, as if typed.
  public func read(prompt: String, initial: String = "") -> String? {
    Hooks.initial = initial
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(
      decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
    return line
  }

  /// Keeps `line` in the history (Up recalls it) and appends it to the history file, which is
  /// made 0600 first if missing (readline's `append_history` cannot create it). The loop calls
  /// this only for commands and free text, never for one-word answers ("no", "3").
  public func remember(_ line: String) {
    guard isInteractive, !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    add_history(line)
    if let historyFile, Self.safeHistory(historyFile.path) {
      _ = append_history(1, historyFile.path)
      _ = history_truncate_file(historyFile.path, 1000)
    }
  }

  /// Whether the history file may be used: it is created 0600 when missing (never chmod-ed
  /// later), an existing one is narrowed to 0600 through a descriptor, and a link or anything
  /// but a regular file is refused (readline would follow it), so history is then not kept.
  static func safeHistory(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
    if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o600) }
    return true
  }

  /// Prints lines above the prompt, keeping the half-typed line and the cursor where they were.
  public func printAbove(_ lines: [String]) {
    rl_clear_visible_line()
    for line in lines.flatMap(ScreenText.onScreen) { print(line) }
    fflush(nil)
    rl_on_new_line()
    rl_forced_update_display()
  }

  private func installHooks() {
    rl_attempted_completion_function = { text, start, _ in
      rl_attempted_completion_over = 1
      let word = text.map { String(cString: $0) } ?? ""
      let before =
        rl_line_buffer.map { buffer in
          String(
            decoding: UnsafeRawBufferPointer(start: buffer, count: Int(max(0, start))),
            as: UTF8.self)
        } ?? ""
      MainActor.assumeIsolated {
        Hooks.matches = Hooks.completion?.candidates(before: before, word: word) ?? []
      }
      return rl_completion_matches(text) { _, state in
        let next: String? = MainActor.assumeIsolated {
          if state == 0 { Hooks.index = 0 }
          guard Hooks.index < Hooks.matches.count else { return nil }
          defer { Hooks.index += 1 }
          return Hooks.matches[Hooks.index]
        }
        return next.flatMap { strdup($0) }
      }
    }
    rl_pre_input_hook = {
      MainActor.assumeIsolated {
        if !Hooks.initial.isEmpty {
          _ = rl_insert_text(Hooks.initial)
          Hooks.initial = ""
          rl_redisplay()
        }
      }
      return 0
    }
    rl_event_hook = {
      MainActor.assumeIsolated {
        if Terminal.takeInterrupt() {
          rl_replace_line("", 0)
          rl_crlf()
          rl_on_new_line()
          rl_redisplay()
        } else {
          Hooks.idle?()
        }
      }
      return 0
    }
  }
}
