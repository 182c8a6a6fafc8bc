import Foundation

/// Which person a typed word names: the one rule every lookup uses (the command line's
/// `--receiver` and `receivers … NAME`, and the conversation's `name>` and `who NAME`).
///
/// Guarantees:
/// - A name typed exactly as it is written (same letters, same case) picks that person, even
///   when it is also another person's folder id: `Mary-Ann` is Mary-Ann, never Mary Ann whose
///   folder happens to be `mary-ann`.
/// - Otherwise a name (any case) and a folder id are both looked at; when they point at two
///   different people nothing is chosen: the match is `.ambiguous`, naming both, and the caller
///   asks or refuses. Tend never guesses between two people.
/// - A person whose profile cannot be read (no name known) is found only by their folder id.
public enum ReceiverLookup {
  /// One person that could be meant: their folder id, and their name when it can be read.
  public struct Candidate: Equatable, Sendable {
    public var id: String
    public var name: String?

    public init(id: String, name: String?) {
      self.id = id
      self.name = name
    }
  }

  /// What a typed word picks.
  public enum Match: Equatable, Sendable {
    /// Exactly one person: their id.
    case one(String)
    /// The word is the name (any case) of some and the folder id of another: nobody is chosen.
    case ambiguous(byName: [Candidate], byID: Candidate)
    /// Nobody.
    case none
  }

  /// The person `typed` names among `candidates` (spaces around it are ignored).
  public static func match(_ typed: String, among candidates: [Candidate]) -> Match {
    let word = typed.trimmingCharacters(in: .whitespaces)
    let exact = candidates.filter { $0.name == word }
    if exact.count == 1 { return .one(exact[0].id) }
    let lower = word.lowercased()
    let byName = candidates.filter { $0.name?.lowercased() == lower }
    let byID = candidates.first { $0.id == lower }
    var ids = byName.map(\.id)
    if let byID, !ids.contains(byID.id) { ids.append(byID.id) }
    switch ids.count {
    case 0: return .none
    case 1: return .one(ids[0])
    default:
      guard let byID, !byName.contains(byID) else {
        // Two profiles carry the same name (a hand edit; `add` and `rename` refuse it): the
        // first by id stands for "which one" in the message.
        return .ambiguous(byName: Array(byName.dropFirst()), byID: byName[0])
      }
      return .ambiguous(byName: byName, byID: byID)
    }
  }
}
