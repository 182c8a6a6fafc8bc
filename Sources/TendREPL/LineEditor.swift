@preconcurrency import CReadline
import Foundation

/// The only place that touches GNU readline. Reads lines with editing and history on a
/// terminal, and plain lines without a prompt otherwise (pipes, tests, CI).
@MainActor
public final class LineEditor {
  public let isInteractive: Bool
  private let historyFile: URL?

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
      _ = read_history(historyFile.path)
    }
  }

  /// The next line, or nil at end of input (Ctrl-D).
  public func read(prompt: String) -> String? {
    guard isInteractive else { return Swift.readLine(strippingNewline: true) }
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(raw)
      if let historyFile {
        _ = append_history(1, historyFile.path)
        _ = history_truncate_file(historyFile.path, 1000)
      }
    }
    return line
  }
}
