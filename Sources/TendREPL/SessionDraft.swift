import Foundation
import TendCore

/// A session under way: the plan, the guide, the ratings, and how it ended; `log(now:)` turns
/// it into the journal's record of what was actually given.
struct SessionDraft: Sendable, Equatable {
  var plan: Plan
  var guide: Guide
  var before: RatingSet?
  var after: RatingSet?
  var rater: RatingSet.Who?
  /// Who is giving the massage (a first name), when known.
  var by: String?
  var stopped = false
  var reason: String?
  var note: String?
  /// Words typed during the steps that were no red flag, kept with the note.
  var duringSteps: [String] = []
  var guideStarted = false
  var precautions: [String]
  /// What to set up before the first step (nil when there is nothing to prepare).
  var preparation: Preparation?
  /// What happened to it, once answered.
  var preparationStatus: PreparationStatus?
  /// Tokens of the preparation lines done today, this session's included.
  var preparedItems: [String] = []
  /// The rules the caregiver said the care team had said yes to, asked before the first step.
  var careTeamSaidYes: [String] = []
  /// The plan was made again under `SeverePain` after a severe pain rating before.
  var painLimits = false
  /// The store's mark (`CareStore.stamp`) when the person's files were last read and checked
  /// during the steps: the same mark later means nothing to read again (safety round 9, F1).
  var storeStamp: String?
  /// Rule ids in force when the session began or already told about since: only others are
  /// "new" when the files are read again during the steps.
  var followed: Set<String> = []

  func log(now: Date) -> SessionLog {
    var log = SessionLog(routine: plan.routine.id)
    // What was given: the steps that ran to their end, and the one under way when it stopped.
    // A step skipped with `s`, and every step never reached after a stop, was not given: it is
    // listed as skipped, never as kept (a summary counts kept steps as done).
    let stoppedEarly = stopped || !guide.isFinished
    var given = guide.stepsDone
    if stoppedEarly, guide.steps.indices.contains(guide.index) { given.insert(guide.index) }
    let passedOver = Set(
      guide.steps.indices.filter { !given.contains($0) }.map { guide.steps[$0].step.id })
    for step in plan.steps {
      switch step.action {
      case _ where passedOver.contains(step.step.id): log.skipped.append(step.step.id)
      case .keep: log.kept.append(step.step.id)
      case .adapt: log.adapted.append(step.step.id)
      case .skip: log.skipped.append(step.step.id)
      }
    }
    let done = guide.stepsDone.sorted().map { guide.steps[$0] }
    var sites: [String] = []
    for step in done {
      if let site = step.site, !sites.contains(BodyRegion(site, side: step.side).token) {
        sites.append(BodyRegion(site, side: step.side).token)
      }
    }
    log.sites = sites
    log.pressure = done.filter { $0.step.technique.touches }.map(\.pressure.rawValue).max() ?? 0
    let seconds = Double(guide.elapsed.components.seconds)
    log.minutes = Int((seconds / 60).rounded())
    log.stepsDone = done.count
    log.before = before
    log.after = after
    log.stoppedEarly = stopped || !guide.isFinished
    log.stopReason = reason
    if log.stoppedEarly, guide.steps.indices.contains(guide.index) {
      log.stoppedAtStep = guide.steps[guide.index].step.id
    }
    let notes = duringSteps + [note].compactMap { $0 }
    log.note = notes.isEmpty ? nil : notes.joined(separator: " / ")
    log.precautions = precautions
    log.preparation = preparationStatus
    log.preparedItems = preparationStatus == .skipped ? [] : preparedItems
    log.by = by
    log.careTeamSaidYes = careTeamSaidYes
    return log
  }
}
