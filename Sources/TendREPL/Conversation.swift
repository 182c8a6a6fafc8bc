import Foundation
import TendCore

/// The dialog with a caregiver, as a value: feed it `Input`, get back `Action`s to perform.
///
/// It never prints, reads the terminal or sleeps; the REPL loop does that with the actions, so
/// every turn of the conversation can be tested by feeding lines. Profiles are the exception,
/// on purpose: they are read from the injected `CareStore` before every check, suggestion,
/// `show` and `start`, and changed through it one locked change at a time, because what is
/// said next depends on what is stored now (DESIGN.md safety rule 7) and on whether the change
/// landed. The flow: greeting with the coach line, pending water reminders, who we are caring
/// for, a short intake built from the precaution rules (red flags first), then the main prompt:
/// suggest, show, start (a "today" check, ratings before, the guided steps, ratings after, a
/// note, the water offer), feel, summary. Guarantees: free text changes a profile only after
/// the caregiver confirms what was understood; a red flag's instruction (whom to call) is shown
/// the moment it is found, before anything is asked; a profile that cannot be read is named and
/// never written over, and nothing is offered for that person; nothing typed can make it trap.
public struct Conversation: Sendable {
  /// Turns free text into conditions (the recognizer, injected by `tend`).
  /// Reads a caregiver's words as of a date, together with the conditions stored for the
  /// person (cancer in the bone in the profile makes "new back pain, weak legs" a red flag).
  public typealias Understand = @Sendable (String, Date, [Condition]) -> Understanding
  /// Days ago from an answer like "3 weeks ago" or "since Tuesday" (TendCore's date words).
  public typealias DaysAgo = @Sendable (String, Date) -> Int?
  /// Reads words in one given language (`fr`, `zh-Hans`) as `Understand` does: the journal's
  /// words in the language they were said in, and a line in the receiver's language.
  public typealias UnderstandIn = @Sendable (String, String, Date, [Condition]) -> Understanding
  /// The conversation again in another language (the chosen receiver's, or nil for the one the
  /// start chose): nil when it cannot be built.
  public typealias Relanguage = @Sendable (String?) -> Context?

  /// What free text was understood to say.
  public struct Understanding: Sendable, Equatable {
    public var conditions: [Condition]
    /// Conditions the text says are gone ("not on blood thinners anymore"), by rule id.
    public var removed: [String]
    /// Rendered lines to show back (negations, unknown words).
    public var notes: [String]
    /// Medical-looking words Tend does not know: the text is not a plain "no".
    public var unknownTerms: [String]
    /// The words as typed (kept in the journal when what they say is not saved).
    public var said: String
    /// Conditions gone at one place only (the IV in the left arm, not the one in the right):
    /// taken off exactly, not by rule id (`Conversation+Removal`).
    public var removedPlaces: [ProfileCondition] = []

    public init(
      conditions: [Condition] = [], removed: [String] = [], notes: [String] = [],
      unknownTerms: [String] = [], said: String = ""
    ) {
      self.conditions = conditions
      self.removed = removed
      self.notes = notes
      self.unknownTerms = unknownTerms
      self.said = said
    }

    /// What the recognizer found: conditions to confirm, ids said to be gone ("no longer on
    /// warfarin"), and the lines to show back (negations, unknown words), with the emergency
    /// number in any line that tells to call it.
    public init(_ r: Recognition, localizer t: Localizer, emergencyNumber: String? = nil) {
      let notes = r.messages.filter {
        !["recognize.confirm", "recognize.nothing"].contains($0.key)
      }
      self.init(
        conditions: r.conditions,
        removed: r.negated.filter { $0.reason != .normalReading }.map(\.id),
        notes: notes.map { t.render(EmergencyContact.line($0, number: emergencyNumber, t)) },
        unknownTerms: r.unknownTerms)
    }
  }

  /// Everything the conversation needs to know at the start.
  public struct Context: Sendable {
    public var catalog: Catalog
    public var localizer: Localizer
    /// Where profiles and journals live; read before every check, changed one change at a time.
    public var store: any CareStore
    public var reminders: [Reminder]
    /// The emergency number for where the user is (`EmergencyContact`); nil when the region is
    /// unknown, and then the conversation says "the emergency number" and how to set the region.
    public var emergencyNumber: String?
    /// Plain command names that `tend` runs (check, routines, log...).
    public var commands: [String]
    public var now: Date
    public var speak: Bool
    /// How many minutes "later" waits before the water reminder.
    public var reminderMinutes: Int
    /// How much faster than real time the guide and reminders run (`TEND_CLOCK_SCALE`; tests).
    public var clockScale: Double
    public var understand: Understand?
    public var daysAgo: DaysAgo?
    /// Reads words in a given language (nil: `understand` reads every language's words).
    public var understandIn: UnderstandIn?
    /// The languages Tend has (`Catalog.availableLanguages`): words whose language was not
    /// recorded are read in each (`RedFlagWords.languages`). Empty: only the one in use.
    public var languages: [String] = []
    /// The language `understand` reads a line in (the script's language for "她胸口很闷",
    /// else the one in use): recorded with the words in the journal. Nil: the one in use.
    public var readingLanguage: (@Sendable (String) -> String)?
    /// Set when no `--lang` was given: choosing a receiver whose profile names a language
    /// switches the conversation to it (docs/languages.md).
    public var relanguage: Relanguage?
    /// Command words of Tend's other languages (`sugerir` typed in an English conversation),
    /// built on first use; nil: only the language in use and English.
    public var otherWords: (@Sendable () -> [CommandWords])?

    public init(
      catalog: Catalog, localizer: Localizer, store: any CareStore, reminders: [Reminder] = [],
      emergencyNumber: String? = nil, commands: [String] = [], now: Date = Date(),
      speak: Bool = false,
      reminderMinutes: Int = 30, clockScale: Double = 1, understand: Understand? = nil,
      daysAgo: DaysAgo? = nil, understandIn: UnderstandIn? = nil, languages: [String] = [],
      readingLanguage: (@Sendable (String) -> String)? = nil, relanguage: Relanguage? = nil,
      otherWords: (@Sendable () -> [CommandWords])? = nil
    ) {
      self.understandIn = understandIn
      self.languages = languages
      self.readingLanguage = readingLanguage
      self.relanguage = relanguage
      self.otherWords = otherWords
      self.catalog = catalog
      self.localizer = localizer
      self.store = store
      self.reminders = reminders
      self.emergencyNumber = emergencyNumber
      self.commands = commands
      self.now = now
      self.speak = speak
      self.reminderMinutes = reminderMinutes
      self.clockScale = clockScale > 0 ? clockScale : 1
      self.understand = understand
      self.daysAgo = daysAgo
    }

  }

  /// Where in the dialog we are: what the next line means.
  enum Phase: Sendable, Equatable {
    case choosingReceiver
    case confirmingNewReceiver(String)
    case intake(Intake)
    case confirmingConditions(Understanding, resume: Resume)
    case confirmingFeeling(String)
    /// The care team's answer or advice, shown back, waiting for a yes (`Conversation+CareTeam`).
    case confirmingCareTeam(CareTeamDraft)
    /// Several rules wait for the care team: which ones is the answer for?
    case choosingCareTeamRules(Clearance)
    /// "Before we start: anything new today?", before the routine with this id.
    case todayCheck(String)
    /// "Has the care team said yes?" before the routine with this id, for these rules.
    case confirmingAskFirst(routineID: String, rules: [String])
    /// The caregiver says the person was seen about these red flags: take them off?
    case confirmingSeen(ids: [String], words: String, resume: Intake?)
    /// Who says so (a name, or who saw them), for the journal.
    case seenBy(ids: [String], words: String, resume: Intake?)
    /// "Who is giving the massage?" (then the main prompt).
    case askingGiver
    case idle
    case rating(RatingForm)
    case ready
    case guiding
    /// Words begun during a step: the step waits (its time stopped) for the line; `unpause`
    /// when the guide was paused only by an unconfirmed "it hurts".
    case guideWords(unpause: Bool)
    case stopReason(hurt: Bool)
    case note
    case water
    /// How much was drunk (a person on a fluid limit).
    case waterAmount
    case feelText
    case finished
  }

  /// Where to go once confirmed conditions are saved (or not).
  enum Resume: Sendable, Equatable {
    case idle
    case intake(Intake)
    /// Back to the today check's outcome, then the routine with this id.
    case today(String)
  }

  /// Changes only when the chat follows the chosen receiver's language (`Conversation+Language`).
  public internal(set) var context: Context
  var t: Localizer { context.localizer }
  var store: any CareStore { context.store }
  /// The id of the receiver being cared for; their profile is read from the store each time.
  var currentID: String?
  var phase: Phase = .choosingReceiver
  public private(set) var now: Date
  var reminders: [Reminder]
  /// The last `suggest` list, for `start N` and `show N`.
  var offered: [Plan] = []
  /// The rest of the last `suggest`, shown by `more`.
  var moreLines: [Action] = []
  /// Red flags the caregiver chose not to save, by receiver id: they still stand for this
  /// conversation (no routine is offered) until the person has been seen and it is closed.
  var unsavedRedFlags: [String: [Condition]] = [:]
  /// What was understood today and not saved to the profile, by receiver id, with the day it
  /// was said: it still decides today's plan (`inForce`), never another day's.
  var keptToday: [String: (day: String, conditions: [Condition])] = [:]
  var session: SessionDraft?
  var feelingText: String?
  /// Receivers on a fluid limit already reminded once: a further "later" does not nag.
  var remindedWithLimit: Set<String> = []
  /// Words typed at the who prompt that named a condition, to confirm once someone is chosen.
  var pendingWords: String?
  /// "It hurts" was pressed or typed during a step: the next key or answer confirms it.
  var hurtPending = false
  /// Step-key letters the loop put back in front of words typed right after those keys acted
  /// ("p" + "ain in her chest"): the words are read with them and without them, and a red flag
  /// in either reading stops the session (docs/step-keys.md).
  var guideKeysPutBack = ""
  var speaking: Bool
  /// Preparation lines gone through in this conversation, by receiver id: the day and tokens.
  var preparedToday: [String: (day: String, tokens: Set<String>)] = [:]
  /// Who is giving the massage (a first name), remembered per receiver in their profile.
  var giver: String?
  /// The receiver is typing for herself ("it's me"): Tend speaks to her directly.
  var receiverSpeaking = false
  /// Receivers whose giver was asked for in this conversation (asked once, not at every turn).
  var askedGiver: Set<String> = []
  /// The words that name commands, guide keys and short answers, in the language in use and
  /// in English.
  public internal(set) var words: CommandWords
  /// The other languages' command words, once built (`otherWords`).
  let foreign = ForeignWords()
  /// The language the conversation started in (the one to go back to, `followLanguage`).
  let startLanguage: String

  public init(_ context: Context) {
    self.context = context
    startLanguage = context.localizer.lang
    words = CommandWords(context.localizer, plain: context.commands)
    reminders = context.reminders
    now = context.now
    speaking = context.speak
  }

  /// The receiver being cared for, once chosen, as stored right now (nil when unreadable).
  public var receiver: Profile? { currentID.flatMap { try? store.profile($0) } }

  /// What is in force for `profile` now: what is stored, plus any red flag said in this
  /// conversation and not saved, plus what was said today and kept for today.
  func inForce(_ profile: Profile) -> [Condition] {
    profile.conditions(asOf: now) + (unsavedRedFlags[profile.id] ?? [])
      + keptForToday(profile.id)
  }

  /// The caregiver's words read with what is stored about the chosen person today (read fresh).
  /// Words in which the language in use finds nothing medical are read again in the person's
  /// own language when it is another (French typed in a conversation held in English with
  /// `--lang en`): what that finds counts (fail closed).
  func understood(_ line: String) -> Understanding? {
    guard let understand = context.understand else { return nil }
    let profile = receiver
    let stored = profile.map(inForce) ?? []
    let first = understand(line, now, stored)
    guard first.conditions.isEmpty, first.removed.isEmpty, let read = context.understandIn,
      let family = profile?.language, family != readingLanguage(line),
      context.languages.contains(family)
    else { return first }
    let second = read(line, family, now, stored)
    return second.conditions.isEmpty && second.removed.isEmpty ? first : second
  }
  /// Everyone whose profile can be read, for completion.
  public var receiverNames: [String] { store.receivers().compactMap(\.profile?.name) }
  /// Whether a guided step sequence is running (the loop reads keys with a timeout then).
  public var isGuiding: Bool { phase == .guiding }

  /// The opening: greeting, coach line, any water reminders already due, who we care for.
  public mutating func start() -> [Action] {
    var out: [Action] = [.say(t("chat.greeting")), .say(t("check.coach")), .say(t("chat.hint"))]
    out += dueReminders()
    out += askWho()
    if speaking { out.append(.setSpeaking(true)) }
    return out
  }

  /// One turn: what the input means where we are, and what to do about it. Words logged are
  /// recorded with the language they were read in (`stamped`).
  public mutating func handle(_ input: Input) -> [Action] { stamped(respond(input)) }

  private mutating func respond(_ input: Input) -> [Action] {
    switch input {
    case .tick(let elapsed, let time):
      now = max(now, time)
      return dueReminders() + guideTick(elapsed)
    case .interrupt:
      if phase == .guiding { return guideKey(.pause) }
      return []
    case .key(let key):
      return phase == .guiding ? guideKey(key) : []
    case .typing:
      return phase == .guiding ? guideTyping() : []
    case .endOfInput:
      return endOfInput()
    case .line(let raw):
      let line = Self.clean(raw)
      if phase == .guiding { return guideWord(line) }
      return handleLine(line)
    }
  }

  /// Printable text only: control characters removed, length capped, spaces trimmed. A line
  /// longer than `lineLimit` keeps its beginning and its end (`isCut`), so a red flag said at
  /// the end of a long paste is still read (outside tester, round 5, F11).
  static func clean(_ raw: String) -> String {
    let scalars = raw.unicodeScalars
    var cut = Array(scalars.prefix(lineLimit))
    if isCut(raw) {
      cut =
        Array(scalars.prefix(lineLimit / 2)) + Array(" … ".unicodeScalars)
        + Array(scalars.suffix(lineLimit / 2))
    }
    let kept = cut.filter {
      !($0.properties.generalCategory == .control || $0.properties.generalCategory == .format
        || $0 == "\u{FFFD}")
    }
    var text = String(String.UnicodeScalarView(kept))
    text = text.trimmingCharacters(in: .whitespaces)
    return text
  }

  mutating func handleLine(_ line: String) -> [Action] {
    let said = words.whole(line)
    if said == "quit", phase != .finished { return leave() }
    if said == "help" { return help() }
    switch phase {
    case .choosingReceiver: return chooseReceiver(line)
    case .confirmingNewReceiver(let name): return confirmNewReceiver(name, line)
    case .intake(let intake): return answerIntake(intake, line)
    case .confirmingConditions(let understood, let resume):
      return confirmConditions(understood, resume: resume, line)
    case .confirmingFeeling(let text): return confirmFeeling(text, line)
    case .confirmingCareTeam(let draft): return confirmCareTeam(draft, line)
    case .choosingCareTeamRules(let draft): return chooseCareTeamRules(draft, line)
    case .todayCheck(let routineID): return answerToday(routineID, line)
    case .confirmingAskFirst(let routineID, let rules):
      return answerAskFirst(routineID, rules, line)
    case .confirmingSeen(let ids, let words, let resume):
      return confirmSeen(ids, words, line, resume: resume)
    case .seenBy(let ids, let words, let resume):
      // A command is never a name ("said by suggest"): nothing is lifted, the command runs.
      if let parsed = self.words.parse(CommandLineWords.split(line)),
        Self.commands.contains(parsed.id) || context.commands.contains(parsed.id),
        understood(line)?.conditions.isEmpty ?? true
      {
        phase = .idle
        let held = [.say(t("chat.nothingChanged"))] + redFlagActions(ids)
        return held + (resume == nil ? [idlePrompt()] + command(line) : stopIntake())
      }
      return closeRedFlags(ids, words, by: line, resume: resume)
    case .askingGiver: return answerGiver(line)
    case .idle: return receiverVoice(line) ?? command(line)
    case .rating(let form): return answerRating(form, line)
    case .ready: return begin(line)
    case .guiding: return []
    case .guideWords(let unpause): return answerGuideWords(line, unpause: unpause)
    case .stopReason(let hurt): return stopReason(line, hurt: hurt)
    case .note: return note(line)
    case .water: return water(line)
    case .waterAmount: return waterAmount(line)
    case .feelText: return feelText(line)
    case .finished: return []
    }
  }

  /// Ctrl-D or the end of a pipe: a running guide finishes on its own time (the loop keeps
  /// ticking); a half-done session is logged with what was given; then goodbye.
  private mutating func endOfInput() -> [Action] {
    if phase == .guiding { return [] }
    return leave()
  }

  mutating func leave() -> [Action] {
    var out: [Action] = []
    if let draft = session, draft.guideStarted, let id = currentID {
      out.append(.log(.session(draft.log(now: now)), receiverID: id))
      session = nil
    }
    phase = .finished
    return out + [.keys(on: false), .say(t("chat.bye")), .quit]
  }

  /// Yes, no, or neither, in the chosen language (`chat.yesWords`, `chat.noWords`).
  func yesNo(_ line: String) -> Bool? {
    let word = line.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    if (["y", "yes"] + t.list("chat.yesWords")).contains(word) { return true }
    if (["n", "no"] + t.list("chat.noWords")).contains(word) { return false }
    return nil
  }

  /// Whether an answer to "any of these?" means none: "no", "none", "all fine", or clauses
  /// that each deny or say all is well ("no chest pain, no swelling, all fine"), with nothing
  /// the recognizer counts and no medical word it does not know.
  func meansNone(_ line: String) -> Bool {
    let trim = CharacterSet.punctuationCharacters.union(.whitespaces)
    let lower = line.lowercased().replacingOccurrences(of: "’", with: "'")
      .trimmingCharacters(in: trim)
    if lower.isEmpty || yesNo(lower) == false || t.list("chat.noneWords").contains(lower) {
      return true
    }
    // "Not sure" and "no idea" are never a no.
    let unsure = t.list("chat.notSureWords").filter { $0.count > 1 }
    if unsure.contains(where: { lower.contains($0) }) { return false }
    let fine = t.list("chat.allFineWords")
    let deny = ["no", "not"] + t.list("chat.denyWords")
    let parts = lower.components(separatedBy: CharacterSet(charactersIn: ",.;!"))
      .map { $0.trimmingCharacters(in: trim) }.filter { !$0.isEmpty }
    let plain = parts.allSatisfy { part in
      let first = part.split(separator: " ").first.map(String.init) ?? part
      return fine.contains(part) || deny.contains(first) || yesNo(part) == false
    }
    guard plain, !parts.isEmpty else { return false }
    guard let found = understood(line) else { return true }
    return found.conditions.isEmpty && found.unknownTerms.isEmpty
  }

  func prompt(_ key: String, _ args: [String: Message.Argument] = [:]) -> Action {
    .prompt(t(key, args))
  }

  func idlePrompt() -> Action {
    .prompt(t("chat.prompt"))
  }
}
