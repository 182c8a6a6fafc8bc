import Foundation
import TendCore

/// What the conversation asks the outside world to do. Only the REPL loop performs these:
/// printing, prompting, running plain commands, writing the journal, speaking.
public enum Action: Sendable, Equatable {
  /// Print a line (a rendered message).
  case say(String)
  /// Print a notice above the prompt without breaking the line being typed (reminders).
  case notice(String)
  /// Replace the transient status line of a running step (the countdown); terminals only.
  case status(String)
  /// The prompt to show from now on.
  case prompt(String)
  /// Run a plain command (`check`, `routines ...`) through the command line's parser.
  case run([String])
  /// Print a line only if the plain command run just before succeeded ("Wrote FILE").
  case afterRun(String)
  /// Start reading single keys with a timeout (a step runs) or stop doing so.
  case keys(on: Bool)
  /// Append to a receiver's journal.
  case log(LogEntry, receiverID: String)
  /// Show the last 30 days of a receiver's journal.
  case showRecent(receiverID: String)
  /// Read text aloud (hands-free), when speaking is on.
  case speak(String)
  /// Turn reading aloud on or off (the loop says so plainly when espeak-ng is missing).
  case setSpeaking(Bool)
  /// A gentle audible cue: a step changed (the loop rings the bell unless the cue is off).
  case cue
  /// Leave the conversation.
  case quit
}

/// Quick 0-10 "right now" ratings; a skipped rating is simply absent.
public struct RatingSet: Sendable, Equatable, Codable {
  /// Who gave the ratings: the receiver, or the caregiver on their behalf.
  public enum Who: String, Sendable, Equatable, Codable { case receiver, caregiver }

  public var ratedBy: Who
  /// The caregiver's name when a caregiver rated for the receiver.
  public var rater: String?
  public var scores: [String: Int]

  public init(ratedBy: Who, rater: String? = nil, scores: [String: Int] = [:]) {
    self.ratedBy = ratedBy
    self.rater = rater
    self.scores = scores
  }

  /// The default kinds asked, in order.
  public static let defaultKinds = ["pain", "anxiety", "tiredness", "comfort"]
}

/// A massage as it was actually given.
public struct SessionLog: Sendable, Equatable {
  public var routine: String
  public var kept: [String] = []
  public var adapted: [String] = []
  public var skipped: [String] = []
  /// Region tokens worked on (`left-hand`, `neck`).
  public var sites: [String] = []
  public var pressure: Int = 0
  public var minutes: Int = 0
  /// Steps actually done (fewer than planned when stopped early).
  public var stepsDone: Int = 0
  public var before: RatingSet?
  public var after: RatingSet?
  public var stoppedEarly = false
  public var stopReason: String?
  /// The step under way when the session was stopped (its id).
  public var stoppedAtStep: String?
  public var note: String?
  public var precautions: [String] = []
  /// The preparation before the first step: gone through, skipped, or done earlier today
  /// (nil: none was offered).
  public var preparation: PreparationStatus?
  /// The preparation lines done by now today (`Preparation.Line.token`).
  public var preparedItems: [String] = []
  /// Who gave the massage (a first name), when known.
  public var by: String?
  /// The rules ("ask the care team first") the caregiver said the care team had said yes to,
  /// when asked before the first step.
  public var careTeamSaidYes: [String] = []
  /// The language the stop reason and note were read in (`Session.lang`); the conversation
  /// fills it in when the entry is logged.
  public var lang: String?

  public init(routine: String) { self.routine = routine }
}

/// The answer to the water offer.
public enum WaterAnswer: String, Sendable, Equatable, Codable {
  case given, declined, later
  case reminderShown = "reminder-shown"
}

/// One thing to append to a receiver's journal. The loop's store maps these onto the journal's
/// own entry types.
public enum LogEntry: Sendable, Equatable {
  case session(SessionLog)
  /// How the receiver feels; `by` is who wrote it down (the receiver's own name when they did).
  /// `lang` is the language the text was read in (`Feeling.lang`); the conversation fills it in
  /// when the entry is logged.
  case feeling(ratings: RatingSet?, text: String?, by: String? = nil, lang: String? = nil)
  /// A water answer; `amountML` is how much was given (asked when there is a fluid limit).
  case water(WaterAnswer, remindAt: Date?, amountML: Int? = nil, by: String? = nil)
  case conditionAdded(ProfileCondition)
  /// A condition taken off, with who said so and their words ("she was seen, not a stroke").
  case conditionRemoved(ProfileCondition, by: String? = nil, note: String? = nil)
}

/// A water reminder waiting to be shown.
public struct Reminder: Sendable, Equatable {
  public var receiverID: String
  public var name: String
  public var due: Date

  public init(receiverID: String, name: String, due: Date) {
    self.receiverID = receiverID
    self.name = name
    self.due = due
  }
}
