import Foundation
import TendCore

/// A store that remembers whether a person's first questions are done (outside tester, round
/// 5, F13): set when the chat adds someone, cleared when the last question is answered, so
/// Ctrl-D in the middle never leaves a person who looks "good to go" with nothing asked.
public protocol IntakeStore: CareStore {
  /// Marks the first questions as not all answered (`true`) or done (`false`), one locked
  /// change of the profile.
  func setIntakeUnfinished(_ unfinished: Bool, for id: String) throws
}

extension MemoryStore: IntakeStore {
  public func setIntakeUnfinished(_ unfinished: Bool, for id: String) throws {
    try update(id) { $0.intakeUnfinished = unfinished ? true : nil }
  }
}
