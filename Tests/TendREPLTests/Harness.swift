import Foundation
import TendCore
import TendTestSupport

@testable import TendREPL

/// Feeds a `Conversation` and performs its actions in memory: what it said, what it saved.
struct Harness {
  var conversation: Conversation
  let store: MemoryStore
  var said: [String] = []
  var notices: [String] = []
  var ran: [[String]] = []
  var quit = false
  var now: Date
  /// Answers "has the care team said yes?" with yes at once (tests about other things start
  /// sessions for people on a blood thinner); tests of that question turn it off.
  var careTeamSaysYes = true

  static let recognizer: Recognizer = {
    do { return try Recognizer(localizer: Fixtures.english, catalog: Fixtures.catalog) } catch {
      fatalError("recognizer: \(error)")
    }
  }()

  init(
    profiles: [Profile] = [], reminders: [Reminder] = [], emergency: String? = "911",
    now: Date = Date(), store: MemoryStore? = nil, lang: String = "en",
    commands: [String] = ["check", "routines", "receivers"]
  ) {
    let store = store ?? MemoryStore(profiles: profiles)
    self.store = store
    self.now = now
    let t = Fixtures.catalog.localizer(lang)
    let recognizer: Recognizer
    do {
      recognizer =
        lang == "en" ? Harness.recognizer : try Recognizer(localizer: t, catalog: Fixtures.catalog)
    } catch {
      fatalError("recognizer: \(error)")
    }
    let context = Conversation.Context(
      catalog: Fixtures.catalog, localizer: t, store: store, reminders: reminders,
      emergencyNumber: emergency, commands: commands, now: now,
      understand: { text, today, stored in
        Conversation.Understanding(
          recognizer.recognize(text, today: today, profile: stored), localizer: t,
          emergencyNumber: emergency)
      },
      daysAgo: { text, today in
        recognizer.daysAgo(
          in: text, today: today, ago: t.list("vocab.cue.ago").first)
      })
    conversation = Conversation(context)
    apply(conversation.start())
  }

  /// A conversation built from `context` (several languages, `LanguageFollowTests`).
  init(context: Conversation.Context, store: MemoryStore, now: Date) {
    self.store = store
    self.now = now
    conversation = Conversation(context)
    apply(conversation.start())
  }

  /// Sends lines one by one; returns what was said in reply to them.
  @discardableResult
  mutating func send(_ lines: String...) -> String {
    let mark = said.count
    for line in lines {
      apply(conversation.handle(.line(line)))
      if careTeamSaysYes, case .confirmingAskFirst = conversation.phase {
        apply(conversation.handle(.line("yes")))
      }
    }
    return said[mark...].joined(separator: "\n")
  }

  @discardableResult
  mutating func key(_ key: GuideKey) -> String {
    let mark = said.count
    apply(conversation.handle(.key(key)))
    return said[mark...].joined(separator: "\n")
  }

  /// Letters typed during a step that begin a word (no key).
  @discardableResult
  mutating func typing(_ text: String) -> String {
    let mark = said.count
    apply(conversation.handle(.typing(text)))
    return said[mark...].joined(separator: "\n")
  }

  /// Lets guide time and wall time pass.
  @discardableResult
  mutating func wait(_ duration: Duration) -> String {
    let mark = said.count
    now = now.addingTimeInterval(Double(duration.components.seconds))
    apply(conversation.handle(.tick(elapsed: duration, now: now)))
    return said[mark...].joined(separator: "\n")
  }

  mutating func apply(_ actions: [Action]) {
    for action in actions {
      switch action {
      case .say(let text): said.append(text)
      case .notice(let text): notices.append(text); said.append(text)
      case .log(let entry, let id): try? store.append(entry, at: now, to: id)
      case .run(let words): ran.append(words)
      // In process nothing is run: the command is taken to have succeeded.
      case .afterRun(let text): said.append(text)
      case .quit: quit = true
      default: break
      }
    }
  }

  var text: String { said.joined(separator: "\n") }

  func entries(_ id: String) -> [LogEntry] {
    ((try? store.entries(of: id, since: .distantPast)) ?? []).map(\.entry)
  }

  var sessions: [SessionLog] {
    store.profiles.flatMap { entries($0.id) }.compactMap {
      if case .session(let s) = $0 { s } else { nil }
    }
  }

  /// A caregiver new to Tend: adds Ann on a blood thinner with an IV in her left forearm.
  static func annOnBloodThinnerWithIV() -> Harness {
    var h = Harness()
    h.send("Ann", "no", "1", "1", "left forearm", "no", "no", "no", "no", "no")
    return h
  }
}
