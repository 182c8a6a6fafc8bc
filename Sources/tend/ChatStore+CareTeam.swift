import Foundation
import TendCore
import TendREPL

extension ChatStore: CareTeamStore {
  func addClearance(_ clearance: Clearance, to id: String, at: Date) throws -> Clearance {
    try receiversStore.addClearance(clearance, to: id, at: Timestamp(at))
  }

  func readAdvice(_ path: String, today: Date) throws -> CareAdvice {
    let bytes: [UInt8]?
    do {
      bytes = try SafeFile.read(path, limit: AdviceFile.maxBytes)
    } catch {
      throw AdviceFile.Problem.unreadable(
        file: path, reason: error.reason)
    }
    guard let bytes else {
      throw AdviceFile.Problem.unreadable(file: path, reason: "the file does not exist")
    }
    return try AdviceFile.read(bytes, file: path, today: today)
  }

  func addAdvice(_ advice: CareAdvice, to id: String, at: Date) throws {
    try receiversStore.addAdvice(advice, to: id, at: Timestamp(at))
  }
}
