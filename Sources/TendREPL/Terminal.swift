import Foundation
import Synchronization

/// Set by the SIGINT handler; read by the loop (between keys) and by readline's idle hook.
let interruptSeen = Atomic<Bool>(false)

/// Set by the SIGHUP/SIGTERM handler: the signal's number (0: none yet).
let closingSeen = Atomic<Int32>(0)

/// The terminal outside readline: Ctrl-C as a flag, single keys with a timeout while a step runs,
/// and lines from a pipe with a timeout. No C pointers leave this file's functions.
///
/// While a step runs on a terminal, the loop turns off line buffering and echo (ISIG stays on,
/// so Ctrl-C still arrives as a signal) and waits for a key with `poll()`, so the countdown and
/// auto-advance go on without any key. Readline is not running then; it takes over again at the
/// next prompt, after the terminal mode is restored.
enum Terminal {
  /// Installs a SIGINT handler without SA_RESTART, so `poll` and `read` return on Ctrl-C.
  static func catchInterrupts() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interruptSeen.store(true, ordering: .relaxed) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A parent (a test runner, a service manager) may have blocked or ignored SIGINT; unblock it.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  /// The terminal's width in columns, asked of the terminal at each call (so a resized window
  /// is used at once); nil when output is not a terminal (a pipe is never wrapped) unless
  /// `COLUMNS` says a width.
  static func columns(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Int?
  {
    var size = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
      size.ws_col > 0
    {
      return Int(size.ws_col)
    }
    return environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
  }

  /// Whether Ctrl-C was pressed since the last call.
  static func takeInterrupt() -> Bool { interruptSeen.exchange(false, ordering: .relaxed) }

  /// Catches SIGHUP (the window was closed) and SIGTERM (`kill`) as a flag, so the loop can
  /// write down a session under way before it exits (no SA_RESTART: a wait returns at once).
  static func catchClosing() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      closingSeen.store(signal, ordering: .relaxed)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGHUP, &action, nil)
    sigaction(SIGTERM, &action, nil)
    // A parent (a test runner, a service manager) may have blocked them; unblock them.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGHUP)
    sigaddset(&set, SIGTERM)
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  /// The closing signal caught since the last call (0: none).
  static func takeClosing() -> Int32 { closingSeen.exchange(0, ordering: .relaxed) }

  nonisolated(unsafe) private static var saved: termios?

  /// Single keys without Enter and without echo (on), or the saved line mode (off).
  static func keyMode(_ on: Bool) {
    guard isatty(STDIN_FILENO) == 1 else { return }
    if on {
      var mode = termios()
      guard tcgetattr(STDIN_FILENO, &mode) == 0 else { return }
      if saved == nil { saved = mode }
      mode.c_lflag &= ~tcflag_t(ICANON | ECHO)
      tcsetattr(STDIN_FILENO, TCSANOW, &mode)
    } else if var mode = saved {
      tcsetattr(STDIN_FILENO, TCSANOW, &mode)
      saved = nil
    }
  }

  enum Waited { case ready, timeout, interrupted, closed }

  /// Waits until stdin has bytes, the timeout passes, or Ctrl-C.
  static func wait(milliseconds: Int32) -> Waited {
    var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    let n = poll(&fd, 1, milliseconds)
    if n < 0 { return errno == EINTR ? .interrupted : .closed }
    if n == 0 { return .timeout }
    return fd.revents & Int16(POLLIN) != 0 ? .ready : .closed
  }

  /// Reads what stdin has (at most 4 KB); empty at the end of input.
  static func readAvailable() -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(STDIN_FILENO, &buffer, buffer.count)
      if n < 0, errno == EINTR { continue }
      return n > 0 ? Array(buffer[0..<n]) : []
    }
  }
}

/// Lines from a pipe, split by the loop itself so `poll` never misses bytes buffered by stdio.
/// Invalid UTF-8 becomes U+FFFD. A line longer than `limit` bytes keeps its first `limit`
/// bytes and its last `limit / 2` (the middle is dropped, so no input can exhaust memory, and
/// a red flag at the end of a long paragraph is still read); `lastWasCut` says so.
struct PipeLines {
  private var lines: [(text: String, cut: Bool)] = []
  private var head = 0
  private var current: [UInt8] = []
  /// The last bytes of a line past `limit` (at most `limit / 2`), and whether any were dropped.
  private var tail: [UInt8] = []
  private var dropped = false
  private(set) var closed = false
  /// Whether the line `next()` gave last had its middle dropped.
  private(set) var lastWasCut = false
  let limit = 4 * Conversation.lineLimit

  /// The next whole line if one is buffered (after the end, a last line without a newline).
  mutating func next() -> String? {
    guard head < lines.count else { return nil }
    defer {
      head += 1
      if head == lines.count {
        lines.removeAll(keepingCapacity: true)
        head = 0
      }
    }
    lastWasCut = lines[head].cut
    return lines[head].text
  }

  /// Adds bytes read from stdin; empty means the end of input.
  mutating func feed(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else {
      if !closed, !current.isEmpty { finishLine() }
      current.removeAll()
      closed = true
      return
    }
    var rest = bytes[...]
    while !rest.isEmpty {
      let end = rest.firstIndex(of: 0x0A) ?? rest.endIndex
      let piece = rest[..<end]
      let room = max(0, limit - current.count)
      current += piece.prefix(room)
      if piece.count > room {
        tail += piece.dropFirst(room)
        if tail.count > limit / 2 {
          tail.removeFirst(tail.count - limit / 2)
          dropped = true
        }
      }
      guard end < rest.endIndex else { break }
      finishLine()
      rest = rest[(end + 1)...]
    }
  }

  private mutating func finishLine() {
    var bytes = current
    if dropped { bytes += Array(" … ".utf8) }
    bytes += tail
    lines.append((String(decoding: bytes, as: UTF8.self), dropped))
    current.removeAll(keepingCapacity: true)
    tail.removeAll()
    dropped = false
  }
}
