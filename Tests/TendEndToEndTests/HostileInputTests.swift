import Foundation
import TendTestSupport
import Testing

/// Nothing a user types crashes `tend`: thousands of random and hostile lines, piped and typed.
@Suite("Hostile input, end to end")
struct HostileEndToEndTests {
  static let plausible = [
    "suggest", "start 1", "start 3", "show 2", "feel", "summary", "who", "intake",
    "tell she has a fever",
    "1", "2", "no", "yes", "later", "skip", "stop", "hurts", "p", "", "help", "speak on", "x",
    "start 2", "start the hand one", "she's tired today", "add Dee", "10", "-5",
  ]

  /// One hostile line (without its newline): plausible words, control characters, invalid UTF-8,
  /// terminal escapes, or a huge line.
  static func line(_ rng: inout SeededRandom, hugeUpTo: Int, controls: [UInt8]) -> [UInt8] {
    switch Int.random(in: 0..<6, using: &rng) {
    case 0, 1: return Array(plausible.randomElement(using: &rng)!.utf8)
    case 2:
      return (0..<Int.random(in: 1..<80, using: &rng)).map { _ in
        UInt8.random(in: 0x20...0x7E, using: &rng)
      }
    case 3:
      return (0..<Int.random(in: 1..<40, using: &rng)).map { _ in
        controls.randomElement(using: &rng)!
      }
    case 4:
      return (0..<Int.random(in: 1..<60, using: &rng)).map { _ in
        UInt8.random(in: 0x80...0xFF, using: &rng)
      }
    default:
      return Array(
        repeating: Array("ä✓\u{1B}[2J".utf8),
        count: Int.random(in: 1...hugeUpTo, using: &rng) / 8 + 1
      )
      .flatMap { $0 }
    }
  }

  static func isQuit(_ bytes: [UInt8]) -> Bool {
    ["quit", "exit", "bye"].contains(
      String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased())
  }

  @Test("3,000 hostile lines through a pipe: tend keeps going and leaves cleanly")
  func piped() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var rng = SeededRandom(seed: 42)
    let controls = (UInt8(0)...UInt8(31)).filter { $0 != 0x0A }
    var input: [UInt8] = Array("Eve\n".utf8)
    for _ in 0..<3000 {
      let line = Self.line(&rng, hugeUpTo: 200_000, controls: controls)
      if !Self.isQuit(line) { input += line + [0x0A] }
    }
    input += Array("quit\n".utf8)
    let env = ["TEND_HOME": home.path, "TEND_CLOCK_SCALE": "100000", "TEND_ESPEAK": ""]
    let run = try RunTend.run([], bytes: Data(input), environment: env)
    #expect(run.status == 0, "\(run.stderr.suffix(2000))")
    #expect(run.stdout.hasSuffix("Goodbye. Take care of yourself too.\n"))
  }

  @Test(
    "800 hostile lines typed at a terminal through readline: tend keeps going and leaves cleanly")
  func typed() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    var rng = SeededRandom(seed: 7)
    // Not Ctrl-D (leaves), Ctrl-Z (suspends), Ctrl-\ (quits), Ctrl-Q/Ctrl-S (flow control).
    let controls = (UInt8(1)...UInt8(31)).filter {
      ![0x04, 0x0A, 0x0D, 0x11, 0x13, 0x1A, 0x1C].contains($0)
    }
    var steps: [PseudoTerminal.Step] = [.expect("name> "), .line("Eve")]
    var flood: [UInt8] = []
    for _ in 0..<800 {
      let line = Self.line(&rng, hugeUpTo: 600, controls: controls)
      if !Self.isQuit(line) { flood += line + [0x0D] }
    }
    steps.append(.bytes(flood))
    steps += [.pause(1), .bytes([0x07, 0x0D]), .pause(0.5)]
    for _ in 0..<3 { steps += [.bytes(Array("x\rquit\r".utf8)), .pause(0.5)] }
    steps.append(.expect("Goodbye", timeout: 30))
    let env = [
      "TEND_HOME": home.path, "XDG_STATE_HOME": home.path, "TEND_CLOCK_SCALE": "100000",
      "TEND_ESPEAK": "", "LC_MESSAGES": "en_US.UTF-8",
    ]
    let run = try PseudoTerminal.run(steps, environment: env)
    try? run.stdout.write(toFile: "/tmp/tend-typed-fuzz.txt", atomically: true, encoding: .utf8)
    #expect(run.status == 0, "\(run.stderr)")
  }
}
