import Foundation
import TendCore

/// Who is giving the massage, and the receiver's own voice.
///
/// The caregiver's first name is asked once per receiver and kept in that receiver's profile
/// (`caregivers`, the one giving now first), so the next time it is simply said back; `giver
/// NAME` changes it. Sessions, ratings given for the receiver, feelings and water answers record
/// it (`by`). When the receiver types for herself ("it's me"), Tend speaks to her directly
/// ("How do you feel?"), her ratings are hers, and what she logs is by her.
extension Conversation {
  /// What follows the "who is giving the massage?" question.
  enum AfterGiver: Sendable, Equatable { case idle, intake }

  /// Who writes what is logged now: the receiver herself in her own voice, else the caregiver.
  var loggedBy: String? { receiverSpeaking ? receiver?.name : giver }

  /// The key for a line said about the receiver, or its second-person form when she is the one
  /// typing.
  func voice(_ key: String, _ ownKey: String) -> String { receiverSpeaking ? ownKey : key }

  /// After choosing someone: the giver remembered for them, or the question.
  mutating func greetGiver(_ profile: Profile, then next: AfterGiver) -> [Action] {
    receiverSpeaking = false
    if let known = profile.caregivers.first, !known.isEmpty {
      giver = known
      return [.say(t("chat.giver.known", ["giver": .text(known)]))]
    }
    giver = nil
    phase = .askingGiver(then: next)
    return [.say(t("chat.giver.ask", ["name": .text(profile.name)])), prompt("chat.giver.prompt")]
  }

  /// The answer to "who is giving the massage?": a first name is kept in the profile; Enter
  /// skips (asked again next time); a yes, a no or a number is not a name.
  mutating func answerGiver(_ line: String, then next: AfterGiver) -> [Action] {
    guard !line.isEmpty else {
      return [.say(t("chat.giver.skipped"))] + afterGiver(next)
    }
    guard let name = Self.giverName(line), yesNo(line) == nil else {
      return [.say(t("chat.giver.notAName")), prompt("chat.giver.prompt")]
    }
    return setGiver(name) + afterGiver(next)
  }

  private mutating func afterGiver(_ next: AfterGiver) -> [Action] {
    switch next {
    case .intake: return startIntake()
    case .idle:
      phase = .idle
      return [.say(t("chat.idleHint")), idlePrompt()]
    }
  }

  /// A first name as typed ("Ana", "I'm Ana" is read as Ana), at most 40 characters; nil for
  /// a number or nothing.
  static func giverName(_ line: String) -> String? {
    var words = line.split(separator: " ").map(String.init)
    let lead = ["i'm", "im", "i", "am", "it's", "its", "me,", "this", "is"]
    while words.count > 1, lead.contains(words[0].lowercased()) { words.removeFirst() }
    let name = words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
    guard !name.isEmpty, Int(name) == nil, name.contains(where: \.isLetter) else { return nil }
    return String(name.prefix(40))
  }

  /// `giver NAME`: from now on NAME gives the massage (kept in the profile, first in its
  /// caregivers); `giver` alone says who it is.
  mutating func giverCommand(_ argument: String) -> [Action] {
    receiverSpeaking = false
    guard !argument.isEmpty else {
      guard let giver else { return [.say(t("chat.giver.none"))] }
      return [.say(t("chat.giver.known", ["giver": .text(giver)]))]
    }
    guard let name = Self.giverName(argument) else { return [.say(t("chat.giver.notAName"))] }
    return setGiver(name)
  }

  private mutating func setGiver(_ name: String) -> [Action] {
    giver = name
    guard let id = currentID else { return [] }
    do {
      try store.setGiver(name, for: id)
    } catch {
      return [.say(t("chat.notSaved", ["problem": .text(problemText(error))]))]
    }
    return [.say(t("chat.giver.set", ["giver": .text(name)]))]
  }

  /// "It's me" at the main prompt: the receiver types for herself; "not me" ends it. Nil when
  /// the line is neither.
  mutating func receiverVoice(_ line: String) -> [Action]? {
    let lower = line.lowercased().replacingOccurrences(of: "’", with: "'")
      .trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    guard let name = receiver?.name else { return nil }
    let on = ["it's me", "it is me", "its me", "me"] + t.list("chat.itsMe.words")
    let off = ["not me", "it's not me", "caregiver"] + t.list("chat.itsMe.offWords")
    if on.contains(lower) || lower == "i am \(name.lowercased())"
      || lower == "i'm \(name.lowercased())"
    {
      receiverSpeaking = true
      return [.say(t("chat.itsMe.on", ["name": .text(name)])), idlePrompt()]
    }
    if off.contains(lower), receiverSpeaking {
      receiverSpeaking = false
      return [.say(t("chat.itsMe.off", ["name": .text(name)])), idlePrompt()]
    }
    return nil
  }
}

extension Profile {
  /// `caregivers` with `name` first (once, whatever its case), the others kept in order.
  public static func giverFirst(_ name: String, in caregivers: [String]) -> [String] {
    [name] + caregivers.filter { $0.lowercased() != name.lowercased() }
  }
}
