import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// The outside nurse's finding 12, the parts left open last round: a routine that needs the
/// care team's yes first asks for it before anything starts, and water advice on a fluid limit
/// never says to drink more.
@Suite("Ask the care team first, and the fluid limit in reminders")
struct AskFirstAndFluidTests {
  static func ann() -> Harness {
    var h = Harness.annOnBloodThinnerWithIV()
    h.careTeamSaysYes = false
    return h
  }

  @Test("the question names what needs the yes; no starts nothing and logs nothing")
  func noStartsNothing() {
    var h = Self.ann()
    let asked = h.send("start quick-hands", "no")
    #expect(asked.contains("Ann's care team should say yes before a massage today"))
    #expect(asked.contains("Blood thinner medicine"))
    #expect(!asked.contains("Who is answering"))
    let no = h.send("no")
    #expect(no.contains("nothing was started"))
    #expect(h.conversation.phase == .idle)
    #expect(h.conversation.session == nil)
    #expect(h.sessions.isEmpty)
    // Asked again at the next start, never remembered as a yes.
    #expect(h.send("start quick-hands", "no").contains("Has the care team said yes?"))
    #expect(h.send("not yet").contains("nothing was started"))
  }

  @Test("yes starts the session, and the journal's session records the answer")
  func yesIsRecorded() {
    var h = Self.ann()
    h.send("start quick-hands", "no")
    let yes = h.send("yes")
    #expect(yes.contains("You said the care team has said yes, for: Blood thinner medicine"))
    #expect(yes.contains("Who is answering"))
    h.send("skip", "")
    h.wait(.seconds(20))
    h.send("stop", "", "skip", "", "declined")
    #expect(h.sessions.last?.careTeamSaidYes == ["anticoagulants"])
  }

  @Test("a red flag at the question: the call, nothing started; something new is confirmed")
  func wordsAtTheQuestion() {
    var h = Self.ann()
    h.send("start quick-hands", "no")
    let flag = h.send("her lips look blue")
    #expect(flag.contains("911"))
    #expect(h.conversation.session == nil)
    #expect(h.sessions.isEmpty)
    var h2 = Self.ann()
    h2.send("start quick-hands", "no")
    let fever = h2.send("she has a fever of 38.5")
    #expect(fever.contains("Fever"))
    #expect(h2.conversation.session == nil)
  }

  @Test("a recorded care-team answer asks nothing; a session without ask-first records nothing")
  func answeredOrNotNeeded() throws {
    var h = Harness(profiles: [Profile(id: "bea", name: "Bea")])
    h.careTeamSaysYes = false
    h.send("1")
    let out = h.send("start quick-hands", "no")
    #expect(!out.contains("Has the care team said yes?"))
    h.send("skip", "")
    h.wait(.seconds(20))
    h.send("stop", "", "skip", "", "declined")
    #expect(h.sessions.last?.careTeamSaidYes == [])
  }

  @Test("in every language the question, the no and the yes come from Locales/")
  func languages() {
    for lang in ["es", "fr", "zh-Hans", "vi"] {
      let t = Fixtures.catalog.localizer(lang)
      var ann = Profile(id: "ann", name: "Ann")
      ann.conditions = [ProfileCondition(id: "anticoagulants")]
      ann.caregivers = ["Ana"]
      var h = Harness(profiles: [ann], lang: lang)
      h.careTeamSaysYes = false
      h.send("1")
      let asked = h.send("start quick-hands", t.list("chat.noWords")[0])
      let rules = Message.Argument.keys(["rule.anticoagulants.name"])
      #expect(asked.contains(t("askFirst.ask", ["name": .text("Ann"), "rules": rules])), "\(lang)")
      let no = h.send(t.list("chat.noWords")[0])
      #expect(no.contains(t("askFirst.no", ["rules": rules])), "\(lang)")
      h.send("start quick-hands", t.list("chat.noWords")[0])
      let yes = h.send(t.list("chat.yesWords")[0])
      #expect(yes.contains(t("askFirst.yes", ["rules": rules])), "\(lang)")
    }
  }

  @Test("a reminder on a fluid limit keeps within it and shows today's drinks; none past it")
  func reminderOnFluidLimit() throws {
    let ann = Profile(id: "ann", name: "Ann", fluidLimitML: 1000)
    let store = MemoryStore(profiles: [ann])
    let now = Date()
    try store.append(.water(.given, remindAt: nil, amountML: 600, by: nil), at: now, to: "ann")
    let due = Reminder(receiverID: "ann", name: "Ann", due: now.addingTimeInterval(-60))
    let h = Harness(reminders: [due], now: now, store: store)
    let line = try #require(h.notices.first)
    #expect(line.contains("Only within the fluid limit set by their care team"))
    #expect(line.contains("600 mL of 1,000 mL logged today"))
    #expect(!h.text.contains("offer Ann a drink of water"))

    try store.append(.water(.given, remindAt: nil, amountML: 500, by: nil), at: now, to: "ann")
    let h2 = Harness(reminders: [due], now: now, store: store)
    let reached = try #require(h2.notices.first)
    #expect(reached.contains("No drink reminder for Ann: 1,100 mL logged today reaches"))
    #expect(!h2.text.contains("drink of water"))
  }

  @Test("heart failure without a number: a reminder never offers water, only the limit")
  func heartFailureReminder() throws {
    var pop = Profile(id: "pop", name: "Pop")
    pop.conditions = [ProfileCondition(id: "heart-failure")]
    let due = Reminder(receiverID: "pop", name: "Pop", due: Date().addingTimeInterval(-60))
    let h = Harness(profiles: [pop], reminders: [due])
    let line = try #require(h.notices.first)
    #expect(line.contains("They have a fluid limit from their care team"))
    #expect(!h.text.contains("drink of water"))
  }

  @Test("the water offer after a session shows today's drinks against the limit")
  func offerShowsToday() throws {
    let ann = Profile(id: "ann", name: "Ann", fluidLimitML: 1200)
    let store = MemoryStore(profiles: [ann])
    try store.append(.water(.given, remindAt: nil, amountML: 300, by: nil), at: Date(), to: "ann")
    var h = Harness(store: store)
    h.send("1", "start quick-hands", "no", "skip", "")
    h.wait(.seconds(900))
    let water = h.send("skip", "")
    #expect(water.contains("limit on drinks (1,200 ml a day)"))
    #expect(water.contains("Drinks logged here today: 300 ml of the 1,200 ml limit."))
  }
}
