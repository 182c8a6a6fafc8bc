/// `tend check --json` and `tend routines --json` written by hand, byte for byte what
/// `JSON.text` (Foundation's `JSONEncoder`: pretty-printed, keys sorted, slashes as they are)
/// writes for the same report, without its cost at start (12-14 M instructions of a 50 M run,
/// most of them the runtime looking up protocol conformances in the static binary).
///
/// Members are written in the order `JSONEncoder` sorts them; absent values are `null`, as the
/// reports' own `encode(to:)` writes them. `ReportJSONTests` compares both writers over every
/// routine and rule in every language and over strings with every kind of escape.
struct PrettyJSON {
  private(set) var bytes: [UInt8] = []
  /// How many members or elements each open object or array has so far.
  private var counts: [Int] = []

  init() { bytes.reserveCapacity(1 << 16) }

  /// The text with its trailing newline.
  var text: String {
    String(decoding: bytes + [0x0A], as: UTF8.self)
  }

  private mutating func indent() {
    for _ in 0..<counts.count { bytes += [0x20, 0x20] }
  }

  /// Before a member or an element: the comma of the one before, a new line, the indent.
  private mutating func next() {
    guard !counts.isEmpty else { return }
    if counts[counts.count - 1] > 0 { bytes.append(0x2C) }
    counts[counts.count - 1] += 1
    bytes.append(0x0A)
    indent()
  }

  private mutating func open(_ b: UInt8) {
    bytes.append(b)
    counts.append(0)
  }

  private mutating func close(_ b: UInt8) {
    let n = counts.removeLast()
    bytes.append(0x0A)
    if n == 0 { bytes.append(0x0A) }
    indent()
    bytes.append(b)
  }

  /// An object whose members `body` writes with `key`.
  mutating func object(_ body: (inout PrettyJSON) -> Void) {
    open(0x7B)
    body(&self)
    close(0x7D)
  }

  mutating func array<T>(_ items: [T], _ each: (inout PrettyJSON, T) -> Void) {
    open(0x5B)
    for item in items {
      next()
      each(&self, item)
    }
    close(0x5D)
  }

  /// A member's key; its value is written next.
  mutating func key(_ k: StaticString) {
    next()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
    bytes += [0x22, 0x20, 0x3A, 0x20]
  }

  mutating func string(_ s: String) {
    bytes.append(0x22)
    var s = s
    s.withUTF8 { utf8 in
      var plain = 0
      for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<i]))
        plain = i + 1
        switch b {
        case 0x22: bytes += [0x5C, 0x22]
        case 0x5C: bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        case 0x08: bytes += [0x5C, 0x62]
        case 0x0C: bytes += [0x5C, 0x66]
        default:
          bytes += [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]]
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
    }
    bytes.append(0x22)
  }

  static let hex = Array("0123456789abcdef".utf8)

  mutating func string(_ s: String?) {
    guard let s else { return null() }
    string(s)
  }

  mutating func int(_ n: Int) { bytes += Array(String(n).utf8) }

  mutating func int(_ n: Int?) {
    guard let n else { return null() }
    int(n)
  }

  mutating func bool(_ b: Bool) { bytes += Array((b ? "true" : "false").utf8) }

  mutating func null() { bytes += Array("null".utf8) }

  mutating func strings(_ list: [String]) { array(list) { j, s in j.string(s) } }
}

extension RoutineReport {
  func write(_ j: inout PrettyJSON) {
    j.object { j in
      j.key("areas")
      j.strings(areas)
      j.key("id")
      j.string(id)
      j.key("maxPressure")
      j.int(maxPressure)
      j.key("minutes")
      j.int(minutes)
      j.key("positions")
      j.strings(positions)
      j.key("steps")
      j.array(steps) { j, step in
        j.object { j in
          j.key("id")
          j.string(step.id)
          j.key("jointMovement")
          j.bool(step.jointMovement)
          j.key("pressure")
          j.int(step.pressure)
          j.key("seconds")
          j.int(step.seconds)
          j.key("side")
          j.string(step.side)
          j.key("site")
          j.string(step.site)
          j.key("technique")
          j.string(step.technique)
          j.key("text")
          j.string(step.text)
        }
      }
      j.key("summary")
      j.string(summary)
      j.key("title")
      j.string(title)
    }
  }

  /// `JSON.text(self)`, written by hand.
  public func jsonText() -> String {
    var j = PrettyJSON()
    write(&j)
    return j.text
  }

  /// `JSON.text(reports)`, written by hand.
  public static func jsonText(_ reports: [RoutineReport]) -> String {
    var j = PrettyJSON()
    j.array(reports) { j, report in report.write(&j) }
    return j.text
  }
}

extension CheckReport {
  /// `JSON.text(self)`, written by hand.
  func handWritten() -> String {
    var j = PrettyJSON()
    j.object { j in
      j.key("avoid")
      j.array(avoid) { j, a in
        j.object { j in
          j.key("because")
          j.strings(a.because)
          j.key("side")
          j.string(a.side)
          j.key("site")
          j.string(a.site)
        }
      }
      j.key("avoidPositions")
      j.strings(avoidPositions)
      j.key("clearanceAdvised")
      j.bool(clearanceAdvised)
      j.key("conditions")
      j.array(conditions) { j, c in
        j.object { j in
          j.key("active")
          j.bool(c.active)
          j.key("daysSince")
          j.int(c.daysSince)
          j.key("id")
          j.string(c.id)
          j.key("matched")
          j.string(c.matched)
          j.key("side")
          j.string(c.side)
          j.key("site")
          j.string(c.site)
        }
      }
      j.key("emergency")
      j.bool(emergency)
      j.key("emergencyNumber")
      j.string(emergencyNumber)
      j.key("maxMinutes")
      j.int(maxMinutes)
      j.key("maxPressure")
      j.int(maxPressure)
      j.key("messages")
      j.strings(messages)
      j.key("noJointMovement")
      j.bool(noJointMovement)
      j.key("notCounted")
      j.array(notCounted) { j, n in
        j.object { j in
          j.key("id")
          j.string(n.id)
          j.key("matched")
          j.string(n.matched)
          j.key("reason")
          j.string(n.reason)
        }
      }
      j.key("notUnderstood")
      j.array(notUnderstood) { j, n in
        j.object { j in
          j.key("effect")
          j.string(n.effect)
          j.key("rule")
          j.string(n.rule)
          j.key("words")
          j.string(n.words)
        }
      }
      j.key("preparation")
      if let preparation {
        j.object { j in
          j.key("items")
          j.array(preparation.items) { j, item in
            j.object { j in
              j.key("id")
              j.string(item.id)
              j.key("section")
              j.string(item.section)
              j.key("sources")
              j.strings(item.sources)
              j.key("text")
              j.string(item.text)
            }
          }
          j.key("routine")
          j.string(preparation.routine)
        }
      } else {
        j.null()
      }
      j.key("region")
      j.string(region)
      j.key("routines")
      j.array(routines) { j, r in
        j.object { j in
          j.key("id")
          j.string(r.id)
          j.key("reasons")
          j.strings(r.reasons)
          j.key("steps")
          j.array(r.steps) { j, s in
            j.object { j in
              j.key("action")
              j.string(s.action)
              j.key("id")
              j.string(s.id)
              j.key("pressure")
              j.int(s.pressure)
              j.key("reason")
              j.string(s.reason)
              j.key("side")
              j.string(s.side)
              j.key("site")
              j.string(s.site)
              j.key("technique")
              j.string(s.technique)
              j.key("text")
              j.string(s.text)
            }
          }
          j.key("title")
          j.string(r.title)
          j.key("verdict")
          j.string(r.verdict)
        }
      }
      j.key("unknownTerms")
      j.strings(unknownTerms)
      j.key("verdict")
      j.string(verdict)
    }
    return j.text
  }
}
