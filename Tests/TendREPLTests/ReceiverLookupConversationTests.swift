import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Outside tester, round 5 (F15): at `name>` and with `who NAME`, a name typed as written picks
/// that person even when it is another person's folder id; a word that is one person's name and
/// another's id picks nobody and asks, naming both. Commands run for the person cared for name
/// them so the command line picks the same person.
@Suite("Choosing a receiver by name, never by someone else's id")
struct ReceiverLookupConversationTests {
  static let people = [
    Profile(id: "mary-ann", name: "Mary Ann", conditions: [ProfileCondition(id: "fever")]),
    Profile(id: "mary-ann-2", name: "Mary-Ann"),
    Profile(id: "receiver", name: "مريم"),
    Profile(id: "receiver-2", name: "receiver", conditions: [ProfileCondition(id: "fever")]),
  ]

  @Test("name> Mary-Ann is Mary-Ann, not Mary Ann whose folder is mary-ann")
  func exactName() {
    var h = Harness(profiles: Self.people)
    let reply = h.send("Mary-Ann")
    #expect(reply.contains("Caring for Mary-Ann."), "\(reply)")
    #expect(h.conversation.currentID == "mary-ann-2")
    var r = Harness(profiles: Self.people)
    #expect(r.send("receiver").contains("Caring for receiver."))
    #expect(r.conversation.currentID == "receiver-2")
  }

  @Test("a word that is one name (other case) and another's id: both named, nobody chosen")
  func ambiguous() {
    var h = Harness(profiles: Self.people)
    let reply = h.send("mary-ann")
    #expect(reply.contains("could be two people: Mary-Ann, by name, or Mary Ann"), "\(reply)")
    #expect(reply.contains("whose folder is called mary-ann"), "\(reply)")
    #expect(!reply.contains("Caring for"), "\(reply)")
    #expect(h.conversation.currentID == nil)
    // The numbered list is shown again, and a number always picks one person.
    #expect(reply.contains("2. Mary-Ann"), "\(reply)")
    #expect(h.send("1").contains("Caring for Mary Ann."))
    let who = h.send("who RECEIVER")
    #expect(who.contains("could be two people: receiver, by name, or مريم"), "\(who)")
  }

  @Test("check and summary at the prompt name the person when their id is someone's name")
  func commandsNameThePerson() {
    let people = [
      Profile(id: "jo", name: "Jo-2"), Profile(id: "jo-2", name: "Jo"),
    ]
    var h = Harness(profiles: people, commands: ["check", "routines", "receivers", "summary"])
    h.send("Jo", "")
    #expect(h.conversation.currentID == "jo-2")
    h.send("check")
    #expect(h.ran.last == ["check", "--receiver", "Jo"], "\(h.ran)")
    h.send("summary --json")
    #expect(h.ran.last == ["summary", "--json", "--receiver", "Jo"], "\(h.ran)")
    // An id that picks only this person is passed as it is.
    var plain = Harness(profiles: [Profile(id: "bo", name: "Bo")])
    plain.send("Bo", "")
    plain.send("check")
    #expect(plain.ran.last == ["check", "--receiver", "bo"])
  }
}
