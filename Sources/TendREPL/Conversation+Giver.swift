import Foundation
import TendCore

/// Who is giving the massage, and the receiver's own voice.
///
/// The caregiver's first name is asked once per receiver (after the first questions for a new
/// one, when choosing one whose giver is not known yet) and kept in that receiver's profile
/// (`caregivers`, the one giving now first), so the next time it is simply said back; `giver
/// NAME` changes it. Sessions, ratings given for the receiver, feelings and water answers record
/// it (`by`). When the receiver types for herself ("it's me"), Tend speaks to her directly
/// ("How do you feel?"), her ratings are hers, and what she logs is by her.
extension Conversation {
  /// Who writes what is logged now: the receiver herself in her own voice, else the caregiver.
  var loggedBy: String? { receiverSpeaking ? receiver?.name : giver }

  /// A line said about the receiver, or its second-person form when she is the one typing.
  func voice(_ about: @autoclosure () -> String, _ own: @autoclosure () -> String) -> String {
    receiverSpeaking ? own() : about()
  }

  /// After choosing someone: the giver remembered for them, or the question (once per person in
  /// a conversation; a skipped one comes back next time).
  mutating func greetGiver(_ profile: Profile) -> [Action] {
    receiverSpeaking = false
    if let known = profile.caregivers.first, !known.isEmpty {
      giver = known
      return [.say(t("chat.giver.known", ["giver": .text(known)]))]
    }
    giver = nil
    guard !askedGiver.contains(profile.id) else { return [] }
    askedGiver.insert(profile.id)
    phase = .askingGiver
    // Asked at the main prompt: a name answers it, anything else is read as usual.
    return [.say(t("chat.giver.ask", ["name": .text(profile.name)])), idlePrompt()]
  }

  /// The answer to "who is giving the massage?": a first name is kept in the profile; Enter
  /// skips (asked again next time). Anything that is not a name (a command, a sentence, a yes
  /// or a number) skips the question and is read at the main prompt, so nothing typed is lost.
  mutating func answerGiver(_ line: String) -> [Action] {
    phase = .idle
    // Enter, a "no" or a "nobody" skips it (a "no" read as a command said "I do not know").
    guard !line.isEmpty, yesNo(line) != false,
      !t.list("chat.noneWords").contains(line.lowercased())
    else {
      return [.say(t("chat.giver.skipped")), .say(t("chat.idleHint")), idlePrompt()]
    }
    guard looksLikeName(line), let name = Self.giverName(line) else { return handleLine(line) }
    return setGiver(name) + [.say(t("chat.idleHint")), idlePrompt()]
  }

  /// One to three words of letters, none a command, not a yes or a no, nothing medical in it.
  func looksLikeName(_ line: String) -> Bool {
    let words = line.split(separator: " ").map { $0.lowercased() }
    guard (1...3).contains(words.count), yesNo(line) == nil,
      !t.list("chat.noneWords").contains(line.lowercased())
    else { return false }
    let allowed = CharacterSet.letters.union(CharacterSet(charactersIn: "'’-.")).union(
      .nonBaseCharacters)
    guard words.allSatisfy({ $0.unicodeScalars.allSatisfy(allowed.contains) }) else {
      return false
    }
    let commands = Self.commands + context.commands
    // A command in any of its words, in the language in use or in English ("sugerir", "más").
    if commands.contains(words[0]) || self.words.parse(words) != nil { return false }
    // A lower-case word near a command is a typo of it ("routnes"), not a name.
    if words.count == 1, line == words[0], Suggest.nearest(to: words[0], in: commands) != nil {
      return false
    }
    if let found = understood(line), !found.conditions.isEmpty || !found.unknownTerms.isEmpty {
      return false
    }
    return true
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
    if let id = currentID { askedGiver.insert(id) }
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
