import Foundation
import TendCore
import TendTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Outside tester, round 5 (F15): a name that is another person's folder id never picks that
/// other person. An exact name wins; a name (any case) against another's id picks nobody.
@Suite("Receiver lookup")
struct ReceiverLookupTests {
  typealias C = ReceiverLookup.Candidate
  static let people = [
    C(id: "mary-ann", name: "Mary Ann"), C(id: "mary-ann-2", name: "Mary-Ann"),
    C(id: "x", name: "../x"), C(id: "x-2", name: "x"),
    C(id: "receiver", name: "مريم"), C(id: "receiver-2", name: "receiver"),
    C(id: "eve2", name: nil),
  ]

  @Test(
    "an exact name wins over another person's id",
    arguments: [
      ("Mary-Ann", "mary-ann-2"), ("Mary Ann", "mary-ann"), ("x", "x-2"), ("../x", "x"),
      ("receiver", "receiver-2"), ("مريم", "receiver"), (" Mary-Ann ", "mary-ann-2"),
    ])
  func exactName(_ typed: String, _ id: String) {
    #expect(ReceiverLookup.match(typed, among: Self.people) == .one(id))
  }

  @Test("a name in another case against another's id picks nobody, naming both")
  func ambiguous() {
    #expect(
      ReceiverLookup.match("mary-ann", among: Self.people)
        == .ambiguous(byName: [Self.people[1]], byID: Self.people[0]))
    #expect(
      ReceiverLookup.match("RECEIVER", among: Self.people)
        == .ambiguous(byName: [Self.people[5]], byID: Self.people[4]))
    #expect(
      ReceiverLookup.match("X", among: Self.people)
        == .ambiguous(byName: [Self.people[3]], byID: Self.people[2]))
  }

  @Test("ids and names alone still work; an unreadable profile is found only by its id")
  func plain() {
    #expect(ReceiverLookup.match("mary ann", among: Self.people) == .one("mary-ann"))
    #expect(ReceiverLookup.match("MARY-ANN-2", among: Self.people) == .one("mary-ann-2"))
    #expect(ReceiverLookup.match("eve2", among: Self.people) == .one("eve2"))
    #expect(ReceiverLookup.match("nobody", among: Self.people) == .none)
    #expect(ReceiverLookup.match("Mum", among: [C(id: "mum", name: "Mum")]) == .one("mum"))
  }

  @Test("on disk: check, condition add and show go to the person named, never the id's")
  func onDisk() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    let a = try store.add(
      Profile(id: "", name: "Mary Ann", conditions: [ProfileCondition(id: "fever")]))
    let b = try store.add(Profile(id: "", name: "Mary-Ann"))
    #expect([a.id, b.id] == ["mary-ann", "mary-ann-2"])
    #expect(try store.find("Mary-Ann").id == "mary-ann-2")
    #expect(try store.resolve("Mary Ann").id == "mary-ann")
    #expect(
      throws: ReceiverError.ambiguous(
        name: "mary-ann", byName: ["Mary-Ann"], otherName: "Mary Ann", otherID: "mary-ann")
    ) { try store.find("mary-ann") }
    // A name with no letters to keep (an emoji) is `receiver`; ids keep other letters (مريم:
    // mrym), round 7.
    let m = try store.add(Profile(id: "", name: "😀"))
    let r = try store.add(Profile(id: "", name: "receiver"))
    #expect([m.id, r.id] == ["receiver", "receiver-2"])
    #expect(try store.find("receiver").name == "receiver")
    #expect(try store.find("😀").id == "receiver")
    #expect(try store.add(Profile(id: "", name: "مريم")).id == "mrym")
  }

  @Test("a link among the folders: listed as refused, the others listed and found")
  func linkAmongFolders() throws {
    let home = Fixtures.temporaryDirectory()
    let elsewhere = Fixtures.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: home)
      try? FileManager.default.removeItem(at: elsewhere)
    }
    let store = Receivers(home: home)
    try store.add(Profile(id: "", name: "Eve"))
    try store.add(Profile(id: "", name: "Bo"))
    #expect(symlink(elsewhere.path, store.folder("eve2").path) == 0)
    let records = try store.records()
    #expect(records.map(\.id) == ["bo", "eve", "eve2"])
    #expect(records.compactMap(\.profile).map(\.name) == ["Bo", "Eve"])
    #expect(records.last?.problem?.key == "journal.storage.link")
    #expect(try store.find("Eve").id == "eve")
    #expect(throws: StorageError.self) { try store.find("eve2") }
    #expect(throws: StorageError.self) { try store.list() }
  }
}
