import Foundation
import TendCore
import TendREPL

extension ChatStore: IntakeStore {
  func setIntakeUnfinished(_ unfinished: Bool, for id: String) throws {
    try receiversStore.update(id) { $0.intakeUnfinished = unfinished ? true : nil }
  }
}
