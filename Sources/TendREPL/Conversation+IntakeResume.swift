import Foundation
import TendCore

/// An unfinished first intake is taken up again, and never hidden behind a plan (outside
/// tester, round 5, F13). When the chat adds a person the profile is marked
/// `intakeUnfinished`; the last answer clears it. Choosing the person again goes on with the
/// questions (from the first, answers already saved are not doubled), and until they are
/// done every `suggest`, `show` and `start` says first that they were never finished.
extension Conversation {
  /// Marks the chosen person's first questions as unfinished or done (nothing when the store
  /// cannot remember it).
  func markIntake(unfinished: Bool) {
    guard let id = currentID, let intakeStore = store as? any IntakeStore else { return }
    try? intakeStore.setIntakeUnfinished(unfinished, for: id)
  }

  /// "The first questions about Kim were never finished …" when they were not; empty else.
  func unfinishedIntakeLines(_ profile: Profile) -> [Action] {
    guard profile.intakeUnfinished == true else { return [] }
    return [
      .say(
        t(
          "intake.unfinishedPlan",
          ["name": .text(profile.name), "intake": .text(words.display("intake"))]))
    ]
  }

  /// On choosing a person whose first questions are unfinished: say so and go on with them.
  /// Nil when they are done.
  mutating func resumeIntake(_ profile: Profile) -> [Action]? {
    guard profile.intakeUnfinished == true, pendingWords == nil else { return nil }
    return [.say(t("intake.unfinished", ["name": .text(profile.name)]))] + ask(Intake())
  }
}
