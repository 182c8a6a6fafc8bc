import Foundation
import TendCore

/// The edge of the conversation: the only code that reads the terminal or the pipe, shows
/// prompts, handles Ctrl-C, measures time, and performs the conversation's actions (printing,
/// the journal, plain commands, speech).
///
/// On a terminal, prompts go through readline; while a step runs, keys are read with `poll()`
/// and a short timeout, so the countdown moves and steps advance with no key. A key acts only
/// when typed alone (a quiet moment after it); letters typed together are read as words, so
/// "help" never acts as h, e, l, p.
/// Through a pipe there are no prompts: lines are read as they come. While a step runs, a piped
/// line that is a guide word (`pause`, `skip`, `stop`, `hurts`...) steers the step; any other
/// line, and every line after it, waits until the steps are over, so
/// `printf 'start 1\n\n1\n5\n...' | tend` is deterministic.
@MainActor
public final class ChatLoop {
  public typealias CommandRunner = ([String]) -> Int32

  private var conversation: Conversation
  private let editor: LineEditor
  private let store: any CareStore
  private let run: CommandRunner
  private let speaker: Speaker
  /// The conversation's, read each time: it changes when the chat follows a person's language.
  private var catalog: Catalog { conversation.context.catalog }
  /// Where the sound cue's setting is read (at each cue, so `settings cue off` typed at the
  /// prompt counts at once); nil: the cue is on.
  private let settingsHome: URL?
  private var ticks: TickSource
  private var prompt: String
  private var pipe = PipeLines()
  private var waiting: [String] = []
  private var done = false
  private var reading = false
  private var statusWidth = 0
  /// Whether the status line was just blanked, the cursor back at its start.
  private var statusCleared = false
  /// Whether the last plain command run at the prompt exited 0 (for `Action.afterRun`).
  private var lastRunSucceeded = false
  /// Characters typed while a step runs, not yet acted on: one alone, after a quiet moment, is
  /// a key; several together (a word, "help") are read as words, never as keys.
  private var typed = ""
  private var typedAt = ContinuousClock.now
  /// Letters typed during a step that began a word: put on the next prompt's line.
  private var initialLine = ""
  /// How long a letter waits alone before it acts as a step key: a caregiver typing one finger
  /// at a time (oily hands) types a letter every 0.25-0.5 s, so letters closer than this are
  /// words, never keys (docs/step-keys.md).
  private static let keyQuiet: Duration = .milliseconds(800)
  /// Step keys that acted one after another, and when the last one acted: letters that begin
  /// within `putBackWithin` of it are the rest of a word those keys began ("p" + "ain in her
  /// chest"), so the keys' letters are put back in front of the words.
  private var actedKeys = ""
  private var actedAt = ContinuousClock.now
  private var typedStart = ContinuousClock.now
  private static let putBackWithin: Duration = .milliseconds(1500)

  public init(
    conversation: Conversation, editor: LineEditor, store: any CareStore,
    clock: some Clock<Duration>,
    environment: [String: String], settingsHome: URL? = nil, run: @escaping CommandRunner
  ) {
    self.settingsHome = settingsHome
    self.conversation = conversation
    self.editor = editor
    self.store = store
    self.run = run
    speaker = Speaker(environment: environment, language: conversation.context.localizer.lang)
    ticks = TickSource(clock: clock)
    prompt = conversation.context.localizer("chat.prompt")
  }

  private var t: Localizer { conversation.context.localizer }

  /// Runs until `quit`, Ctrl-D or the end of the pipe.
  public func start() {
    Terminal.catchInterrupts()
    Terminal.catchClosing()
    editor.onIdle { [unowned self] in
      self.exitIfClosing()
      self.feed(self.tick())
    }
    perform(conversation.start())
    while !done {
      if conversation.isGuiding { guideTurn() } else { promptTurn() }
    }
    Terminal.keyMode(false)
    fflush(nil)
  }

  /// SIGHUP or SIGTERM arrived: what is known of a session under way (stopped early, at which
  /// step, the ratings given) is written to the journal, then Tend exits (128 + the signal).
  private func exitIfClosing() {
    let signal = Terminal.takeClosing()
    guard signal != 0 else { return }
    perform(conversation.stamped(conversation.closing()))
    Terminal.keyMode(false)
    fflush(nil)
    exit(128 + signal)
  }

  private func tick() -> Input { .tick(elapsed: ticks.elapsed(), now: Date()) }

  private func feed(_ input: Input) {
    let actions = conversation.handle(input)
    // The chat may now speak the chosen person's language: so does the voice.
    speaker.voice = t.lang
    perform(actions)
  }

  /// A typed or piped line; one too long to read whole is answered first (a red flag in its
  /// beginning or end acts as ever), then it is said plainly that its middle was not read.
  private func feedLine(_ line: String, cut: Bool = false) {
    feed(.line(line))
    if cut || Conversation.isCut(line) {
      show(t("chat.longLine", ["count": .number(Conversation.lineLimit)]))
    }
  }

  private func promptTurn() {
    exitIfClosing()
    feed(tick())
    if editor.isInteractive {
      editor.complete(with: completion())
      reading = true
      // A prompt wider than the window: all but its last line printed wrapped, the last line
      // given to readline (which would cut a word at the edge).
      var shown = prompt
      let lines = ScreenText.onScreen(prompt)
      if lines.count > 1, let last = lines.last {
        for line in lines.dropLast() { Swift.print(line) }
        shown = last + (prompt.hasSuffix(" ") && !last.hasSuffix(" ") ? " " : "")
      }
      let line = editor.read(prompt: shown, initial: initialLine)
      initialLine = ""
      reading = false
      if let line, conversation.remembers(line), !Conversation.isCut(line) {
        editor.remember(line)
      }
      guard let line else { return feed(.endOfInput) }
      return feedLine(line)
    }
    if !waiting.isEmpty { return feedLine(waiting.removeFirst()) }
    if let line = pipe.next() { return feedLine(line, cut: pipe.lastWasCut) }
    if pipe.closed { return feed(.endOfInput) }
    switch Terminal.wait(milliseconds: 100) {
    case .ready: pipe.feed(Terminal.readAvailable())
    case .closed: pipe.feed([])
    case .interrupted: if Terminal.takeInterrupt() { feed(.interrupt) }
    case .timeout: break
    }
  }

  private func guideTurn() {
    exitIfClosing()
    feed(tick())
    guard conversation.isGuiding else {
      typed = ""
      return
    }
    if !typed.isEmpty, ContinuousClock.now - typedAt >= Self.keyQuiet { flushTyped() }
    if Terminal.takeInterrupt() { return feed(.interrupt) }
    if !editor.isInteractive {
      if let line = pipe.next() {
        // Once one line waits, later lines wait behind it, so answers keep their order.
        if waiting.isEmpty, conversation.words.guideKey(Conversation.clean(line)) != nil {
          feed(.line(line))
        } else {
          waiting.append(line)
        }
        return
      }
      if pipe.closed {
        usleep(10_000)
        return
      }
    }
    switch Terminal.wait(milliseconds: 40) {
    case .ready:
      let bytes = Terminal.readAvailable()
      if bytes.isEmpty { return pipe.feed([]) }
      if editor.isInteractive {
        for character in String(decoding: bytes, as: UTF8.self) { typedKey(character) }
      } else {
        pipe.feed(bytes)
      }
    case .interrupted: if Terminal.takeInterrupt() { feed(.interrupt) }
    case .closed: pipe.feed([])
    case .timeout: break
    }
  }

  /// One character typed while a step runs: Enter ends a word (or confirms); a space alone
  /// pauses at once; anything else waits a moment to see whether more letters follow.
  private func typedKey(_ character: Character) {
    if character == "\r" || character == "\n" || character == "\r\n" {
      if typed.isEmpty { return feed(.key(.confirm)) }
      return flushTyped(ended: true)
    }
    // Once a line is being read (words begun), what follows is the line's, never a key.
    guard conversation.isGuiding else {
      if character != "\r", character != "\n", character != "\r\n" { initialLine.append(character) }
      return
    }
    if character == " ", typed.isEmpty { return feed(.key(.pause)) }
    if typed.isEmpty { typedStart = ContinuousClock.now }
    typed.append(character)
    typedAt = ContinuousClock.now
  }

  /// What was typed during a step: a key alone acts; a guide word, or words ended with Enter,
  /// are read as a line; anything else is a word begun ("h", "her fa"): the step's time stops
  /// and a line prompt opens with those letters already on it.
  private func flushTyped(ended: Bool = false) {
    let text = typed.trimmingCharacters(in: .whitespaces)
    typed = ""
    guard !text.isEmpty else { return }
    if text.count == 1, let character = text.first, let key = conversation.words.key(character) {
      if ContinuousClock.now - actedAt > Self.putBackWithin + Self.keyQuiet { actedKeys = "" }
      actedKeys.append(character)
      actedAt = ContinuousClock.now
      return feed(.key(key))
    }
    if conversation.words.guideKey(text) != nil {
      actedKeys = ""
      return feed(.line(text))
    }
    // Words begun right after keys acted: those keys were the words' first letters.
    var said = text
    if !actedKeys.isEmpty, typedStart - actedAt <= Self.putBackWithin,
      text.first?.isLetter == true
    {
      said = actedKeys + text
      conversation.guideKeysPutBack = actedKeys
    }
    actedKeys = ""
    if ended { return feed(.line(said)) }
    guard text.contains(where: { $0.isLetter || $0.isNumber }) else { return }
    feed(.typing(said))
    if !conversation.isGuiding { initialLine = said }
  }

  private func completion() -> Completion {
    let words = catalog.rules.map(\.id) + BodySite.allCases.map(\.rawValue) + ["left", "right"]
    return Completion(
      words: conversation.words, routineIDs: RoutineWords(catalog, t).allWords,
      receiverNames: conversation.receiverNames,
      conditionWords: words)
  }

  /// The lines that tell a journal write landed ("Saved in the journal.", "Good. Saved."): after
  /// a write that failed, in the same turn, they are replaced by one that says it was not saved.
  private var savedLines: Set<String> {
    Set(["chat.sessionSaved", "chat.feel.saved", "water.thanks", "water.ok"].map { t($0) })
  }

  private func perform(_ actions: [Action]) {
    var logFailed = false
    for action in actions {
      switch action {
      case .say(let text) where logFailed && savedLines.contains(text):
        clearStatus()
        show(t("chat.journalNotSaved"))
      case .say(let text):
        clearStatus()
        // Words after a countdown just cleared start on a line of their own, so a transcript
        // never reads "0:08 left      That is the end." (outside tester, round 7, F11).
        if statusCleared, !text.isEmpty { print("") }
        statusCleared = false
        show(text)
      case .notice(let text):
        if reading { editor.printAbove([text]) } else { clearStatus(); show(text) }
      case .status(let text): if editor.isInteractive { showStatus(text) }
      case .prompt(let text): prompt = text
      case .run(let words):
        clearStatus()
        fflush(nil)
        lastRunSucceeded = runFitted(inLanguage(words)) == 0
      case .afterRun(let text):
        if lastRunSucceeded { show(text) }
      case .keys(let on):
        if editor.isInteractive { Terminal.keyMode(on) }
        ticks.reset()
      case .log(let entry, let id):
        if !attempt({ try store.append(entry, at: Date(), to: id) }) { logFailed = true }
      case .showRecent(let id):
        let since = Date().addingTimeInterval(-30 * 86_400)
        let name = conversation.receiver?.name ?? id
        attempt {
          for line in RecentView.render(
            name: name, entries: try store.entries(of: id, since: since), localizer: t)
          {
            show(line)
          }
        }
      case .speak(let text): speaker.say(text)
      case .setSpeaking(let on):
        let isOn = speaker.set(on)
        show(t(on ? (isOn ? "chat.speakOn" : "chat.speakMissing") : "chat.speakOff"))
      case .cue: cue()
      case .quit: done = true
      }
    }
    fflush(nil)
  }

  /// A plain command typed at the prompt, in the language the chat speaks now when it follows
  /// the chosen person's (`routines` after choosing Luis lists them in Spanish); as typed when
  /// the chat is in the language it started in, or the command names its own `--lang`.
  private func inLanguage(_ words: [String]) -> [String] {
    guard t.lang != conversation.startLanguage,
      !words.contains(where: { $0 == "--" || $0 == "--lang" || $0.hasPrefix("--lang=") })
    else { return words }
    return words + ["--lang", t.lang]
  }

  /// The step changed: the terminal bell, gentle and short, when speech is off (speaking the
  /// step is cue enough) and the cue is not turned off; never into a pipe.
  private func cue() {
    guard !speaker.isOn, isatty(STDOUT_FILENO) == 1 else { return }
    if let settingsHome, !CueSetting.isOn(home: settingsHome) { return }
    fflush(nil)
    _ = write(STDOUT_FILENO, "\u{07}", 1)
  }

  /// Runs `body`; an error is printed on stderr. Returns whether it succeeded.
  @discardableResult
  private func attempt(_ body: () throws -> Void) -> Bool {
    do {
      try body()
      return true
    } catch {
      clearStatus()
      fflush(nil)
      let line = t("cli.error", ["message": .text(error.localizedDescription)])
      FileHandle.standardError.write(Data((line + "\n").utf8))
      return false
    }
  }

  /// `text` broken into lines that fit the terminal as wide as it is now (a resize between two
  /// prints is seen by the next one); through a pipe, unchanged.
  private func fitted(_ text: String) -> [String] { ScreenText.onScreen(text) }

  private func show(_ text: String) {
    for line in fitted(text) { print(line) }
  }

  /// A plain command run at the prompt: on a terminal its output is caught in an unlinked
  /// temporary file and shown wrapped like every other line; through a pipe it writes as is.
  /// Returns the command's exit status.
  @discardableResult
  private func runFitted(_ words: [String]) -> Int32 {
    guard Terminal.columns() != nil, isatty(STDOUT_FILENO) == 1 else {
      return run(words)
    }
    var template = Array((NSTemporaryDirectory() + "/tend-out-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    let saved = dup(STDOUT_FILENO)
    guard fd >= 0, saved >= 0 else {
      if fd >= 0 { close(fd) }
      return run(words)
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    // The command sees a file, not the terminal: COLUMNS tells it how wide the screen is.
    let columns = getenv("COLUMNS").map { String(cString: $0) }
    if let width = Terminal.columns() { setenv("COLUMNS", String(width), 1) }
    dup2(fd, STDOUT_FILENO)
    let status = run(words)
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    if let columns { setenv("COLUMNS", columns, 1) } else { unsetenv("COLUMNS") }
    close(saved)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    lseek(fd, 0, SEEK_SET)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { break }
      output += buffer[0..<n]
    }
    close(fd)
    var text = String(decoding: output, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    if !output.isEmpty { show(text) }
    return status
  }

  private func showStatus(_ text: String) {
    guard !text.isEmpty || statusWidth > 0 else { return }
    let text = ScreenText.fit(text, width: (Terminal.columns() ?? 0) - 1)
    let width = ScreenText.width(text)
    let pad = String(repeating: " ", count: max(0, statusWidth - width))
    print("\r" + text + pad, terminator: text.isEmpty ? "\r" : "")
    statusCleared = text.isEmpty
    statusWidth = width
    fflush(nil)
  }

  private func clearStatus() {
    guard statusWidth > 0 else { return }
    print("\r" + String(repeating: " ", count: statusWidth) + "\r", terminator: "")
    statusCleared = true
    statusWidth = 0
  }
}
