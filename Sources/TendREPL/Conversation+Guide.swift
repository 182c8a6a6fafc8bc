import Foundation
import TendCore

/// Putting the guide's events into words: each step with its text and countdown, check-ins,
/// pauses, the end, and why it stopped.
extension Conversation {
  mutating func guideEvents(_ events: [Guide.Event]) -> [Action] {
    guard session != nil else { return [] }
    var out: [Action] = []
    for event in events {
      switch event {
      case .started(let i):
        // Another window may have saved something: read again before each step is spoken.
        if let change = followElsewhere(always: true) {
          out += change.lines
          if change.stopped { return out }
          // The step was left out: what the guide does instead (the next step, or the end).
          if !change.events.isEmpty { return out + guideEvents(change.events) }
        }
        guard let guide = session?.guide, guide.steps.indices.contains(i) else { return out }
        out.append(.cue)
        out += stepLines(
          guide.steps[i], number: i + 1, of: guide.steps.count, text: guide.textKey(at: i))
      case .countdown(let s):
        out.append(
          .status(t("guide.countdown", ["time": .text(String(format: "%d:%02d", s / 60, s % 60))])))
      case .paused:
        out += [.status(""), .say(t("guide.paused", words.keyArguments))]
      case .resumed:
        out.append(.say(t("guide.resumed")))
      case .finished:
        out += [
          .cue, .status(""), .keys(on: false), .say(t("guide.done")), .speak(t("guide.done")),
        ]
        out.append(.say(voice(t("rating.after"), t("rating.after.self"))))
        out += askRatings(RatingForm(purpose: .after))
      case .stopped(let hurt):
        // The stop is a fact the moment it is pressed: Ctrl-D at "what happened?" only skips
        // the reason (outside tester, round 5, F14).
        session?.stopped = true
        if hurt {
          let reason = t("guide.reasonHurt")
          session?.reason = reason
        }
        phase = .stopReason(hurt: hurt)
        out += [.status(""), .keys(on: false), .say(t(hurt ? "guide.hurt" : "guide.stopped"))]
        out += [prompt("guide.reasonPrompt")]
      }
    }
    return out
  }

  private func stepLines(_ step: Plan.PlannedStep, number: Int, of total: Int, text key: String)
    -> [Action]
  {
    var what: [String] = []
    if let site = step.site { what.append(t.regionName(BodyRegion(site, side: step.side))) }
    what.append(t("technique.\(step.technique.rawValue)"))
    if step.technique.touches {
      what.append(t("plan.pressure", ["pressure": .number(step.pressure.rawValue)]))
    }
    let head = t(
      "guide.step",
      [
        "number": .number(number), "total": .number(total),
        "what": .text(t.series(what)),
        "seconds": .number(step.step.seconds),
      ])
    // The plan's own words for this step (its variant, the one side kept): shown and spoken.
    let text = t(key)
    var out: [Action] = [.status(""), .say(""), .say(head), .say("  " + text)]
    for reason in step.reasons { out.append(.say("  → " + t.render(reason))) }
    if step.step.technique == .checkIn {
      out.append(.say("  " + t("guide.checkIn", words.keyArguments)))
    }
    if number == 1 { out.append(.say(t("guide.keysShort", words.keyArguments))) }
    return out + [.speak(text)]
  }

  /// Short help for where we are.
  func help() -> [Action] {
    switch phase {
    case .choosingReceiver, .confirmingNewReceiver: return [.say(t("chat.helpFor.who"))]
    case .askingGiver:
      let plain = context.commands.map(words.display).joined(separator: ", ")
      return [
        .say(t("chat.giver.help")), .say(t("chat.helpFor.idle")), .say(t("chat.helpFor.screen")),
        .say(t("chat.helpFor.plain", ["commands": .text(plain)])),
      ]
    case .intake: return [.say(t("chat.helpFor.intake"))]
    case .confirmingConditions, .confirmingFeeling, .confirmingSeen, .confirmingCareTeam:
      return [.say(t("chat.yesOrNo"))]
    case .choosingCareTeamRules: return [.say(t("chat.careteam.which"))]
    case .todayCheck: return [.say(t("today.howToAnswer"))]
    case .confirmingAskFirst: return [.say(t("askFirst.howToAnswer"))]
    case .seenBy: return [.say(t("seen.who"))]
    case .rating(let form):
      return [.say(t(form.ratings == nil ? "rating.whoAgain" : "chat.helpFor.rating"))]
    case .ready: return [.say(t("guide.ready"))]
    case .guiding: return [.say(t("guide.keys", words.keyArguments))]
    case .guideWords: return [.say(t("guide.words.ask"))]
    case .stopReason: return [.say(t("chat.helpFor.reason"))]
    case .note: return [.say(t("chat.noteAsk"))]
    case .water: return [.say(t("water.again"))]
    case .waterAmount: return [.say(t("water.amount.invalid"))]
    case .feelText: return [.say(t("chat.feel.ask"))]
    case .idle, .finished:
      let plain = context.commands.map(words.display).joined(separator: ", ")
      return [
        .say(t("chat.helpFor.idle")), .say(t("chat.helpFor.screen")),
        .say(t("chat.helpFor.plain", ["commands": .text(plain)])),
      ]
    }
  }
}
