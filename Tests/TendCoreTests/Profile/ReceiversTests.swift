import Foundation
import TendCore
import TendTestSupport
import Testing

@Suite("Receivers")
struct ReceiversTests {
  static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 0)

  @Test("add, list, find (any case, by id or name), rename, remove")
  func lifecycle() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    #expect(try store.list().isEmpty)
    let mum = try store.add(
      Profile(id: "", name: " Mum ", fluidLimitML: 1500, caregivers: ["Ana", "Luis"]))
    let dad = try store.add(Profile(id: "", name: "Dad"))
    #expect(mum.id == "mum" && mum.name == "Mum")
    #expect(try store.list().map(\.name) == ["Dad", "Mum"])
    #expect(try store.find("MUM").id == "mum")
    #expect(try store.find("dad") == dad)
    #expect(throws: ReceiverError.duplicate(name: "mum")) {
      try store.add(Profile(id: "", name: "mum"))
    }
    #expect(
      throws: ReceiverError.unknown(name: "Mun", suggestions: ["Mum"], known: ["Dad", "Mum"])
    ) {
      try store.find("Mun")
    }
    #expect(throws: ReceiverError.notChosen(known: ["Dad", "Mum"])) { try store.resolve(nil) }

    try store.rename("mum", to: "Mother")
    #expect(try store.find("mother").id == "mum", "the id and folder stay")
    #expect(throws: ReceiverError.duplicate(name: "dad")) { try store.rename("mum", to: "dad") }

    try store.remove("dad")
    #expect(try store.list().map(\.name) == ["Mother"])
    #expect(try store.resolve(nil).id == "mum", "the only receiver needs no name")
    #expect(!FileManager.default.fileExists(atPath: store.folder("dad").path))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.folder.path)
    #expect(leftovers == ["mum"])
  }

  @Test("ids come from names and never collide")
  func ids() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    let a = try store.add(Profile(id: "", name: "Grand-Mère Élise"))
    let b = try store.add(Profile(id: "", name: "妈妈"))
    let c = try store.add(Profile(id: "", name: "婆婆"))
    try store.rename(a.id, to: "Nana")
    let d = try store.add(Profile(id: "", name: "Grand mère élise"))
    // The letters are kept, in Latin letters without marks (round 7, F11).
    #expect(a.id == "grand-mere-elise")
    #expect([b.id, c.id] == ["ma-ma", "po-po"])
    #expect(d.id == "grand-mere-elise-2")
  }

  @Test("conditions: added, updated in place, removed; every change is in the journal")
  func conditions() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    let mum = try store.add(Profile(id: "", name: "Mum"))
    let iv = ProfileCondition(
      id: "iv-line", site: .forearm, side: .left, since: "2026-11-20", note: "PICC", addedBy: "Ana")
    #expect(try store.addCondition(iv, to: mum.id, at: Self.at) == .added)
    var moved = iv
    moved.note = "flushed daily"
    #expect(try store.addCondition(moved, to: mum.id, at: Self.at) == .updated)
    try store.addCondition(ProfileCondition(id: "anticoagulants"), to: mum.id, at: Self.at)
    #expect(try store.find("Mum").conditions.map(\.id) == ["iv-line", "anticoagulants"])
    #expect(try store.find("Mum").conditions[0].note == "flushed daily")
    #expect(throws: ReceiverError.self) {
      try store.removeCondition(
        id: "iv-line", site: .forearm, side: .right, from: mum.id, by: "Ana", at: Self.at)
    }
    let removed = try store.removeCondition(
      id: "iv-line", site: nil, side: nil, from: mum.id, by: "Ana", at: Self.at)
    #expect(removed.count == 1)
    #expect(try store.find("Mum").conditions.map(\.id) == ["anticoagulants"])
    var changes: [ConditionChange.Change] = []
    try store.reader(mum.id).forEach { item in
      if case .entry(let entry, _) = item, case .condition(let c) = entry.body {
        changes.append(c.change)
      }
    }
    #expect(changes == [.added, .updated, .added, .removed])
  }

  @Test("conditions age out by their rule's limit, computed from the since date")
  func ageing() throws {
    let knee = ProfileCondition(
      id: "joint-replacement-knee", site: .knee, side: .left, since: "2026-01-10")
    let profile = Profile(
      id: "mum", name: "Mum", conditions: [knee, ProfileCondition(id: "anticoagulants")])
    let limit = try #require(Fixtures.catalog.rule("joint-replacement-knee")?.activeDays)
    let start = try #require(CalendarDay.parse("2026-01-10"))
    let inside = Calendar(identifier: .gregorian).date(byAdding: .day, value: limit, to: start)!
    let after = Calendar(identifier: .gregorian).date(byAdding: .day, value: limit + 1, to: start)!
    #expect(
      profile.precautionIDs(asOf: inside, catalog: Fixtures.catalog) == [
        "joint-replacement-knee", "anticoagulants",
      ])
    #expect(profile.precautionIDs(asOf: after, catalog: Fixtures.catalog) == ["anticoagulants"])
  }

  @Test("profiles stay readable by `tend check --profile` (old files without the new fields too)")
  func compatibility() throws {
    let old =
      #"{"conditions": ["anticoagulants", {"id": "iv-line", "site": "forearm", "side": "left", "since": "2026-11-20"}]}"#
    let profile = try Profile.decode(Data(old.utf8))
    #expect(profile.reminderMinutes == nil && profile.conditions.count == 2)
    let full = Profile(
      id: "mum", name: "Mum", fluidLimitML: 1500, language: "es", reminderMinutes: 45)
    #expect(try Profile.decode(try ProfileStore.encode(full)) == full)
  }

  @Test("two processes' worth of updates: each change survives (read-modify-write under the lock)")
  func concurrentUpdates() async throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let store = Receivers(home: home)
    let mum = try store.add(Profile(id: "", name: "Mum"))
    await withThrowingTaskGroup(of: Void.self) { group in
      for n in 0..<20 {
        group.addTask { try store.update(mum.id) { $0.allergies.append("a\(n)") } }
      }
    }
    #expect(try store.find("Mum").allergies.count == 20)
  }
}
