import Foundation

/// Drives the built `tend` through a pseudo-terminal, as a person at a keyboard would, using
/// python's pexpect (4.8.0 is on the machine and in CI). A test gives a list of steps; a small
/// python driver runs them, keeps a transcript, and fails with the transcript when an expected
/// text does not appear in time. Output is drained after every send, so a long run never
/// blocks on a full terminal buffer.
public enum PseudoTerminal {
  public enum Step: Encodable, Sendable {
    /// Wait until this exact text appears (seconds).
    case expect(String, timeout: Double = 15)
    /// Type text without Enter (keys while a step runs, Tab for completion).
    case send(String)
    /// Type raw bytes (invalid UTF-8, control characters), throwing away what `tend` prints
    /// meanwhile (for floods of input, where nothing is expected).
    case bytes([UInt8])
    /// Type text and press Enter.
    case line(String)
    case pause(Double)
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D.
    case endOfInput
    /// The window is resized to this many columns (the terminal sends SIGWINCH).
    case resize(columns: Int)
    /// Another window: runs `tend` with these arguments (same environment) to its end, while
    /// the session waits; its output is not part of the transcript.
    case otherWindow([String])
    /// A signal sent to `tend` (SIGHUP: the window closed; SIGTERM: `kill`).
    case signal(Int32)
    /// Another chat window: a second `tend` with these arguments on its own pseudo-terminal
    /// (same environment, so the same home), driven by (text to wait for, line to type) pairs
    /// to its end while this one waits; its output is not part of the transcript.
    case otherChat([String], [(expect: String, line: String)])
    /// Another program writes `text` over the file at this path (a damaged profile).
    case writeFile(String, String)

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.unkeyedContainer()
      switch self {
      case .expect(let text, let timeout):
        try c.encode("expect"); try c.encode(text); try c.encode(timeout)
      case .send(let text): try c.encode("send"); try c.encode(Array(text.utf8))
      case .bytes(let bytes): try c.encode("flood"); try c.encode(bytes)
      case .line(let text): try c.encode("send"); try c.encode(Array((text + "\r").utf8))
      case .pause(let s): try c.encode("pause"); try c.encode(s)
      case .interrupt: try c.encode("send"); try c.encode([UInt8(3)])
      case .endOfInput: try c.encode("send"); try c.encode([UInt8(4)])
      case .otherWindow(let args): try c.encode("tend"); try c.encode(args)
      case .resize(let columns): try c.encode("resize"); try c.encode(columns)
      case .signal(let number): try c.encode("signal"); try c.encode(number)
      case .writeFile(let path, let text):
        try c.encode("write"); try c.encode(path); try c.encode(Array(text.utf8))
      case .otherChat(let args, let turns):
        try c.encode("chat"); try c.encode(args); try c.encode(turns.map { [$0.expect, $0.line] })
      }
    }
  }

  /// Runs `tend` with `arguments` through the steps, then waits for it to exit, in a terminal
  /// of `columns` by 40 rows (200 unless told, so a test that looks for a sentence finds it on
  /// one line; the wrapping tests set 60).
  /// - Returns: the exit status (1 when an expectation failed), the transcript, and the
  ///   driver's complaint if any.
  public static func run(
    _ steps: [Step], arguments: [String] = [], environment: [String: String], columns: Int = 200
  ) throws -> TendRun {
    let folder = Fixtures.temporaryDirectory("tend-pty")
    defer { try? FileManager.default.removeItem(at: folder) }
    let plan = folder.appendingPathComponent("steps.json")
    try JSONEncoder().encode(steps).write(to: plan)
    let driver = folder.appendingPathComponent("driver.py")
    try Data(script.utf8).write(to: driver)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", driver.path, plan.path, String(columns), RunTend.binary.path] + arguments
    var env = ProcessInfo.processInfo.environment
    env["TERM"] = "dumb"
    env["LANG"] = "C.UTF-8"
    env["NO_COLOR"] = "1"
    env["TEND_DATA"] = Fixtures.packageRoot.path
    env.removeValue(forKey: "LC_ALL")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return TendRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static let script = #"""
    import json, subprocess, sys, time, pexpect
    steps = json.load(open(sys.argv[1]))
    child = pexpect.spawn(sys.argv[3], sys.argv[4:], timeout=15, maxread=65536,
                          dimensions=(40, int(sys.argv[2])))
    log = bytearray()
    drained = bytearray()
    def drain():
        while True:
            try:
                data = child.read_nonblocking(65536, timeout=0)
                log.extend(data)
                drained.extend(data)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
    def fail(why):
        sys.stdout.write(log.decode("utf-8", "replace"))
        sys.stderr.write(why + "\n")
        child.terminate(force=True)
        sys.exit(1)
    for step in steps:
        kind = step[0]
        if kind == "expect":
            found = drained.find(step[1].encode())
            if found >= 0:
                del drained[:found + len(step[1].encode())]
                continue
            drained.clear()
            try:
                child.expect_exact(step[1].encode(), timeout=step[2])
                log.extend(child.before + child.after)
            except pexpect.TIMEOUT:
                log.extend(child.before or b"")
                fail("timed out waiting for: " + step[1])
            except pexpect.EOF:
                log.extend(child.before or b"")
                child.close()
                fail("ended (status %s, signal %s) while waiting for: %s"
                     % (child.exitstatus, child.signalstatus, step[1]))
        elif kind == "send":
            child.send(bytes(step[1]))
        elif kind == "flood":
            data = bytes(step[1])
            for i in range(0, len(data), 256):
                try:
                    child.send(data[i:i + 256])
                except OSError:
                    break
                drain()
        elif kind == "pause":
            time.sleep(step[1])
            drain()
        elif kind == "signal":
            child.kill(step[1])
        elif kind == "resize":
            child.setwinsize(40, step[1])
        elif kind == "tend":
            done = subprocess.run([sys.argv[3]] + step[1], stdin=subprocess.DEVNULL,
                                  capture_output=True)
            if done.returncode != 0:
                fail("other window failed: %s %s" % (step[1], done.stderr.decode()))
        elif kind == "write":
            with open(step[1], "wb") as f:
                f.write(bytes(step[2]))
        elif kind == "chat":
            other = pexpect.spawn(sys.argv[3], step[1], timeout=30, maxread=65536,
                                  dimensions=(40, int(sys.argv[2])))
            for want, line in step[2]:
                try:
                    other.expect_exact(want.encode(), timeout=30)
                except (pexpect.TIMEOUT, pexpect.EOF):
                    fail("other chat: no %r in:\n%s" % (want, (other.before or b"").decode(
                        "utf-8", "replace")))
                other.send((line + "\r").encode())
                drain()
            try:
                other.expect(pexpect.EOF, timeout=30)
            except pexpect.TIMEOUT:
                fail("other chat did not exit")
            other.close()
            drain()
    try:
        child.expect(pexpect.EOF, timeout=30)
        log.extend(child.before or b"")
    except pexpect.TIMEOUT:
        fail("did not exit")
    child.close()
    sys.stdout.write(log.decode("utf-8", "replace"))
    sys.exit(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))
    """#
}

extension PseudoTerminal {
  /// A new person named `name` with a "no" to each of the eight intake questions, then
  /// `start ROUTINE`, nothing new today, ratings skipped, begin, up to step 1 on the screen.
  public static func toFirstStep(name: String, routine: String) -> [Step] {
    var steps: [Step] = [.expect("name> "), .line(name)]
    for _ in 0..<8 { steps += [.expect("no> "), .line("no")] }
    return steps + [
      .expect("tend> "), .line("start \(routine)"), .expect("today> "), .line("no"),
      .expect("1 or 2> "), .line("skip"), .expect("begin> "), .line(""), .expect("Step 1 of"),
    ]
  }
}
