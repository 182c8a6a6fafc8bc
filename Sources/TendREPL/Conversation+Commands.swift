import Foundation
import TendCore

/// The main prompt: commands, plain commands passed to `tend`, and plain sentences understood
/// where they can be ("start the hand one", "she's tired today", "he is on warfarin now").
extension Conversation {
  /// The conversation's own commands (English ids), for help, completion and "did you mean";
  /// the words for them in each language are `CommandWords`.
  public static let commands = CommandWords.conversation

  /// Commands whose words after them are free text (options are not read there).
  private static let freeText: Set<String> = ["tell", "feel"]
  /// Commands whose words after them are a name: taken as typed, apostrophes kept.
  private static let nameArgument: Set<String> = ["add", "who", "giver"]

  mutating func command(_ line: String) -> [Action] {
    let typed = CommandLineWords.split(line)
    guard !typed.isEmpty else { return [] }
    guard let parsed = words.parse(typed) ?? foreignCommand(typed, line) else {
      // `--home /tmp/x` alone: refused as it is after a command (outside tester, round 7).
      if typed[0].hasPrefix("-"), let option = Self.elsewhereOption(typed) {
        return [.say(elsewhereRefusal(option))]
      }
      return sentence(line, words: typed)
    }
    let first = parsed.id
    let rest = parsed.arguments
    var argument = rest.joined(separator: " ")
    // Free text and names are the rest of the line as typed: quotes are not read as a shell
    // would, so "dire il n'arrive plus à respirer" keeps its apostrophe (round 5, F5).
    if Self.freeText.contains(first) || Self.nameArgument.contains(first),
      let verbatim = words.parseVerbatim(line), verbatim.id == first
    {
      argument =
        Self.freeText.contains(first) ? verbatim.rest : CommandWords.unquotedName(verbatim.rest)
    }
    // A plain command is the command line's own: its options are read by its parser.
    if context.commands.contains(first), first != "summary" || !rest.isEmpty {
      let typed = words.subcommands(of: first, rest)
      // The conversation is about the people of one home, read with one set of rules: an
      // option that points elsewhere is refused, never quietly honoured (stranger 5, F27).
      if let option = Self.elsewhereOption(typed) { return [.say(elsewhereRefusal(option))] }
      var out: [Action] = [.run([first] + typed + receiverArguments(first, typed))]
      if first == "summary", let file = Self.outputFile(typed) {
        out.append(.afterRun(t("chat.summary.wrote", ["file": .text(file)])))
      }
      return out
    }
    if !Self.freeText.contains(first),
      let option = rest.first(where: { $0.hasPrefix("-") && $0.count > 1 && Int($0) == nil })
    {
      let args: [String: Message.Argument] = [
        "option": .text(String(option.prefix(40))), "command": .text(words.display(first)),
        "help": .text(words.display("help")),
      ]
      return [.say(t("chat.unknownOption", args))]
    }
    guard currentID != nil || !["start", "feel", "summary", "intake", "tell"].contains(first)
    else { return askWho() }
    if first == "more", rest.isEmpty { return more() }
    switch first {
    case "suggest": return suggest()
    case "show": return show(argument)
    case "start": return argument.isEmpty ? [.say(t("chat.startWhich"))] : start(argument)
    case "feel":
      phase = .feelText
      // `feel she is tired today`: the words are the feeling, as if typed at the note prompt.
      if !argument.isEmpty { return feelText(argument) }
      return [
        .say(
          voice(
            t("chat.feel.ask", ["name": .text(receiver?.name ?? "")]), t("chat.feel.ask.self"))),
        prompt("chat.notePrompt"),
      ]
    case "summary": return [.showRecent(receiverID: currentID ?? "")]
    case "who":
      var out = askWho()
      if !argument.isEmpty { out = chooseReceiver(argument) }
      return out
    case "add":
      guard !argument.isEmpty else {
        return [.say(t("chat.who.first")), prompt("chat.namePrompt")] + []
      }
      if let found = store.receivers().first(where: {
        $0.profile?.name.lowercased() == argument.lowercased()
      }) {
        return select(found.id)
      }
      return addReceiver(String(argument.prefix(60)))
    case "intake": return startIntake()
    case "tell":
      guard !argument.isEmpty else { return [.say(t("chat.tellWhat"))] }
      return seenSentence(argument) ?? understandText(argument, resume: .idle)
    case "speak":
      let on = !words.isSpeakOff(argument)
      speaking = on
      return [.setSpeaking(on)]
    case "help": return help()
    case "quit": return leave()
    case "giver": return giverCommand(argument)
    case "advice": return importAdvice(argument)
    default: return sentence(line, words: typed)
    }
  }

  /// "“--home” is not taken inside a conversation: …".
  func elsewhereRefusal(_ option: String) -> String {
    t("chat.optionElsewhere", ["option": .text(option), "quit": .text(words.display("quit"))])
  }

  /// Options of the command line that would leave this conversation's home, rules or person:
  /// another home, another data folder, a profile file from anywhere.
  static let elsewhereOptions = ["--home", "--data", "--profile"]

  /// The first option among `arguments` (before a `--`) that `elsewhereOptions` names, as typed.
  static func elsewhereOption(_ arguments: [String]) -> String? {
    for word in arguments {
      if word == "--" { return nil }
      let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
      if elsewhereOptions.contains(name) { return String(name) }
    }
    return nil
  }

  /// Where `summary --output FILE` (`-o FILE`, `--output=FILE`) writes, as a full path.
  static func outputFile(_ arguments: [String]) -> String? {
    var path: String?
    for (i, word) in arguments.enumerated() {
      if word == "--" { break }
      if word == "--output" || word == "-o", i + 1 < arguments.count {
        path = arguments[i + 1]
      } else if word.hasPrefix("--output=") {
        path = String(word.dropFirst("--output=".count))
      }
    }
    guard let path, !path.isEmpty else { return nil }
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// `summary` and `share` at the prompt are about the person being cared for unless they name
  /// someone: `--receiver` is added for them. So is `check` alone: "good to go" for nobody must
  /// never answer it while the person cared for has a red flag. Nothing else is added or changed.
  private func receiverArguments(_ command: String, _ rest: [String]) -> [String] {
    guard let id = currentID,
      !rest.contains(where: { $0 == "--receiver" || $0.hasPrefix("--receiver=") })
    else { return [] }
    // The folder id when it picks this person and no one else (`ReceiverLookup`); else their
    // name as written, which always does: an id can be someone else's name.
    let candidates = store.receivers().map {
      ReceiverLookup.Candidate(id: $0.id, name: $0.profile?.name)
    }
    var who = ["--receiver", id]
    if ReceiverLookup.match(id, among: candidates) != .one(id), let name = receiver?.name {
      who = name.hasPrefix("-") ? ["--receiver=\(name)"] : ["--receiver", name]
    }
    switch command {
    case "summary", "share": return who
    case "check" where rest.isEmpty: return who + keptConditionArguments(id)
    default: return []
    }
  }

  /// Routines fitted to today, for the profile as stored now: kept, adapted and excluded, with
  /// reasons; numbered to start. Nothing is offered when the profile cannot be read.
  /// Stop and call for words that escalate with the profile (no red-flag rule of their own):
  /// the call, and the escalation's own line; never the rules' massage advice.
  func stopCallLines(_ result: SafetyChecker.Result) -> [Action] {
    var out: [Action] = [.say(t("chat.redFlag.stop"))]
    if result.restrictions.emergency, let number = context.emergencyNumber {
      out.append(.say(t("chat.redFlag.emergency", ["number": .text(number)])))
    } else {
      out.append(.say(t("chat.redFlag.careTeam")))
    }
    for message in result.messages where message.key.hasPrefix("escalation.") {
      out.append(.say(t.render(message)))
    }
    return out
  }

  mutating func suggest() -> [Action] {
    var profile = Profile(id: "", name: "")
    if currentID != nil {
      switch readCurrent() {
      case .success(let p): profile = p
      case .failure(let problem):
        offered = []
        return problem.actions
      }
    }
    let result: SafetyChecker.Result
    do {
      result = try SafetyChecker(catalog: context.catalog).check(
        inForce(profile), careTeam: profile.careTeam, on: now)
    } catch {
      return [.say(t("chat.profileError", ["detail": .text(t.render(ErrorMessage.always(error)))]))]
    }
    var out: [Action] = result.messages.dropLast().map {
      .say(t.render(EmergencyContact.line($0, number: context.emergencyNumber, t)))
    }
    if currentID == nil {
      // Nobody's precautions are known yet: say so before any list, so it is never read as
      // "safe for her".
      out = [.say(t("chat.suggest.unchecked"))]
    }
    guard result.restrictions.verdict.allowsMassage else {
      offered = []
      // Under stop-and-call only the red flag and the call are said: no massage advice that
      // would read as a go-ahead ("light strokes only").
      var flags = redFlagActions(inForce(profile).map(\.id))
      if flags.isEmpty, result.restrictions.verdict == .stopCallProvider {
        flags = stopCallLines(result)
      }
      let recorded = currentID == nil ? [] : standingRecordedLines(profile)
      return recorded + (flags.isEmpty ? out : flags) + [.say(t("check.coach"))]
    }
    out = unfinishedIntakeLines(profile) + out
    let order: [Plan.Verdict] = [.ok, .adjust, .excluded]
    let plans = result.plans.sorted {
      (order.firstIndex(of: $0.verdict)!, RoutineWords.sortKey($0.routine.id, t)) < (
        order.firstIndex(of: $1.verdict)!, RoutineWords.sortKey($1.routine.id, t)
      )
    }
    offered = plans.filter { $0.verdict != .excluded }
    out.append(.say(""))
    out.append(.say(t("check.routines")))
    return out + shortList(plans) + [
      .say(""), .say(t("chat.afterSuggest")), .say(t("check.coach")),
    ]
  }

  /// A routine by number in the last list, by id, or by a near id, planned for `profile` as
  /// read now (a number names the routine in the last list; its plan is made again).
  mutating func plan(for reference: String, _ profile: Profile) -> Result<Plan, Refusal> {
    let checker = SafetyChecker(catalog: context.catalog)
    if offered.isEmpty,
      let result = try? checker.check(inForce(profile), careTeam: profile.careTeam, on: now)
    {
      offered = result.plans.filter { $0.verdict != .excluded }.sorted {
        ($0.verdict == .ok ? 0 : 1, RoutineWords.sortKey($0.routine.id, t))
          < ($1.verdict == .ok ? 0 : 1, RoutineWords.sortKey($1.routine.id, t))
      }
    }
    var id = reference.lowercased()
    if let n = Int(reference) {
      guard offered.indices.contains(n - 1) else {
        return Refusal.fail(Message("chat.noSuchNumber"))
      }
      id = offered[n - 1].routine.id
    }
    // A routine's word in the language in use names it as well as its id (`manos-en-calma`).
    guard let routine = context.catalog.routine(named: id, t) else {
      let near = RoutineWords(context.catalog, t).suggestions(reference, limit: 1).first
      return Refusal.fail(
        Message(
          near == nil ? "chat.noSuchRoutine" : "chat.didYouMean",
          ["word": .text(reference), "guess": .text(near ?? "")]))
    }
    id = routine.id
    guard
      let result = try? checker.check(
        inForce(profile), careTeam: profile.careTeam, on: now, routineID: id),
      let plan = result.plans.first
    else { return Refusal.fail(Message("chat.noSuchRoutine", ["word": .text(reference)])) }
    return .success(plan)
  }

  mutating func show(_ reference: String) -> [Action] {
    guard !reference.isEmpty else { return [.say(t("chat.showWhich"))] }
    if currentID == nil, let routine = context.catalog.routine(named: reference, t) {
      return screenCheckText.planLines(Planner.plan(routine, under: .none)).map(Action.say)
    }
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem): return problem.actions
    }
    switch plan(for: reference, profile) {
    case .failure(let refusal): return [.say(t.render(refusal.message))]
    case .success(let plan):
      return unfinishedIntakeLines(profile) + screenCheckText.planLines(plan).map(Action.say)
    }
  }

  mutating func start(_ reference: String) -> [Action] {
    let words = reference.lowercased().split(separator: " ").map(String.init)
    if words.count > 1, Int(words[0]) == nil, context.catalog.routine(named: reference, t) == nil,
      context.catalog.routine(named: words[0], t) == nil
    {
      return startByWords(["start"] + words)
    }
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem): return problem.actions
    }
    // A red flag said in another window since this one chose the person (not saved, so only in
    // the journal's words) holds here too, before anything is planned (outside tester, round 7).
    let standing = unsavedRedFlags[profile.id] ?? []
    let restored = restoreRedFlags(profile)
    if (unsavedRedFlags[profile.id] ?? []).contains(where: { c in
      !standing.contains { $0.id == c.id }
    }) {
      return restored
    }
    // `start 3` while no massage is allowed today (a red flag stands), with no list to count
    // in: the reason, as `start <id>` gives it, never "no routine with that number", which
    // reads as a typing slip (outside tester, round 7, F8).
    if let n = Int(reference), !offered.indices.contains(n - 1), !massageAllowed(profile) {
      return noMassageToday(profile)
    }
    // `start N` names the routine the caregiver saw at N in the last list; when its plan is
    // not the one that list showed (the facts changed since, here or in another window), say
    // so by name before anything is asked: the number never silently means another routine.
    let seen = Int(reference).flatMap { offered.indices.contains($0 - 1) ? offered[$0 - 1] : nil }
    switch plan(for: reference, profile) {
    case .failure(let refusal): return [.say(t.render(refusal.message))]
    case .success(let plan):
      var out = unfinishedIntakeLines(profile)
      if let seen, seen != plan {
        let args: [String: Message.Argument] = [
          "name": .text(profile.name), "number": .text(reference),
          "title": .key(plan.routine.titleKey),
        ]
        out.append(.say(t("chat.start.listChanged", args)))
      }
      return out + askToday(plan, profile)
    }
  }

  /// A line that is not a command: conditions first (safety), then "start the hand one", then
  /// how they feel; a single unknown word gets "did you mean".
  mutating func sentence(_ line: String, words: [String]) -> [Action] {
    if let closing = seenSentence(line) { return closing }
    if let slip = commandSlip(line, words: words) { return slip }
    if currentID != nil, let found = understood(line) {
      // Gone from the profile, or from what was kept for today ("the PICC is out").
      let kept = currentID.map(keptForToday) ?? []
      let removable = found.removed.contains { id in
        receiver?.conditions.contains { $0.id == id } == true || kept.contains { $0.id == id }
      }
      if !found.conditions.isEmpty || removable { return understandText(line, resume: .idle) }
    }
    if let answer = careTeamSentence(line) { return answer }
    let lowered = line.lowercased().components(separatedBy: CharacterSet.letters.inverted).filter {
      !$0.isEmpty
    }
    if words.count == 1, let first = words.first {
      let all = self.words.allWords
      if let guess = Suggest.nearest(to: first.lowercased(), in: all) {
        return [.say(t("chat.didYouMean", ["word": .text(first), "guess": .text(guess)]))]
      }
    }
    if currentID != nil,
      lowered.contains(
        where: (["start", "begin", "do", "try"] + t.list("chat.startWords")).contains)
    {
      return startByWords(lowered)
    }
    if let name = receiver?.name, lowered.contains(where: t.list("chat.feelingWords").contains) {
      phase = .confirmingFeeling(recorded(line))
      let words = Message.Argument.text(String(line.prefix(200)))
      return [
        .say(
          voice(
            t("chat.feel.confirm", ["name": .text(name), "words": words]),
            t("chat.feel.confirm.self", ["words": words]))),
        prompt("chat.yesNoPrompt"),
      ]
    }
    if words.count == 1, let first = words.first {
      return [.say(t("chat.unknown", ["word": .text(String(first.prefix(40)))]))]
    }
    return [.say(t("chat.notUnderstood"))]
  }

  private mutating func startByWords(_ words: [String]) -> [Action] {
    let profile: Profile
    switch readCurrent() {
    case .success(let p): profile = p
    case .failure(let problem): return problem.actions
    }
    offered = []
    _ = plan(for: "1", profile)
    let ignore = Set([
      "start", "begin", "the", "one", "please", "lets", "let", "with", "for", "her", "his", "him",
      "them",
    ])
    let wanted = words.filter { $0.count >= 3 && !ignore.contains($0) }
    let scored = offered.map { plan -> (Plan, Int) in
      let hay =
        ([plan.routine.id, t(plan.routine.titleKey), t(plan.routine.summaryKey)]
        + plan.routine.areas.map { t("site.\($0.rawValue)") }).joined(separator: " ").lowercased()
      return (
        plan,
        wanted.filter {
          hay.contains($0) || ($0.hasSuffix("s") && hay.contains(String($0.dropLast())))
        }.count
      )
    }
    let best = scored.map(\.1).max() ?? 0
    let top = scored.filter { $0.1 == best && best > 0 }.map(\.0)
    if top.count == 1, let plan = top.first { return askToday(plan, profile) }
    guard !top.isEmpty else { return [.say(t("chat.whichRoutine"))] }
    var out: [Action] = [.say(t("chat.whichOne"))]
    for plan in top.prefix(5) {
      if let n = offered.firstIndex(of: plan) {
        out.append(.say("  \(self.words.display("start")) \(n + 1)   " + t(plan.routine.titleKey)))
      }
    }
    return out
  }

  mutating func confirmFeeling(_ text: String, _ line: String) -> [Action] {
    guard let yes = yesNo(line) else { return offScript(line, again: [.say(t("chat.yesOrNo"))]) }
    phase = .idle
    guard yes, let id = currentID else { return [.say(t("chat.nothingChanged")), idlePrompt()] }
    return [
      .log(.feeling(ratings: nil, text: text, by: loggedBy), receiverID: id),
      .say(t("chat.feel.saved")),
      idlePrompt(),
    ]
  }
}

/// Why a routine reference could not be used, as a message to show.
struct Refusal: Error {
  var message: Message
  static func fail(_ message: Message) -> Result<Plan, Refusal> {
    .failure(Refusal(message: message))
  }
}
