import Foundation
import TendCore

/// Where the conversation records the care team's answers and imports their advice; each a
/// locked change of the profile plus a journal line, as `CareStore`'s operations are.
public protocol CareTeamStore: Sendable {
  /// Records a clearance (a fresh id is given); returns it as stored.
  func addClearance(_ clearance: Clearance, to id: String, at: Date) throws -> Clearance
  /// Reads an advice file (no link followed), checking its seal and dates as of `today`.
  /// - Throws: `AdviceFile.Problem`, with the file named.
  func readAdvice(_ path: String, today: Date) throws -> CareAdvice
  func addAdvice(_ advice: CareAdvice, to id: String, at: Date) throws
}

extension MemoryStore: CareTeamStore {
  public func addClearance(_ clearance: Clearance, to id: String, at: Date) throws -> Clearance {
    try update(id) { profile in
      var saved = clearance
      saved.id = "c\((profile.clearances ?? []).count + 1)"
      profile.clearances = (profile.clearances ?? []) + [saved]
      return saved
    }
  }

  public func readAdvice(_ path: String, today: Date) throws -> CareAdvice {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AdviceFile.Problem.unreadable(file: path, reason: "the file does not exist")
    }
    return try AdviceFile.read([UInt8](data), file: path, today: today)
  }

  public func addAdvice(_ advice: CareAdvice, to id: String, at: Date) throws {
    try update(id) { profile in
      profile.advice = (profile.advice ?? []).filter { $0.id != advice.id } + [advice]
    }
  }
}
