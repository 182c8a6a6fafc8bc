import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

@Suite("Conversation")
struct ConversationTests {
  @Test("the greeting says coach, not clinician, and asks who we care for")
  func greeting() {
    let h = Harness()
    #expect(h.text.contains("coach, not a clinician"))
    #expect(h.text.contains("Who are we caring for?"))
  }

  @Test("the intake asks red flags first, then medicines, devices, surgery, skin, bones, other")
  func intakeOrder() {
    var h = Harness()
    let text = h.send("Ann", "no", "no", "no", "no", "no", "no", "no", "no")
    let order = [
      "urgent ones", "Medicines", "Lines, tubes", "Operations", "Skin.", "Bones", "Anything else",
      "drink each day",
    ]
    let positions = order.map { text.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(h.store.profiles.map(\.name) == ["Ann"])
    // Then, once: who is giving the massage.
    #expect(h.conversation.phase == .askingGiver)
    #expect(text.contains("Who is giving the massage to Ann?"))
  }

  @Test("numbers pick rules; where is asked; the profile and journal record exactly that")
  func intakeRecords() {
    let h = Harness.annOnBloodThinnerWithIV()
    let ann = h.store.profiles[0]
    #expect(ann.conditions.map(\.id) == ["anticoagulants", "iv-line"])
    #expect(ann.conditions[1].site == .forearm && ann.conditions[1].side == .left)
    #expect(h.entries(ann.id).count == 2)
  }

  @Test("suggest offers only plans that keep off the left arm; the list says why")
  func suggestIsSafe() {
    var h = Harness.annOnBloodThinnerWithIV()
    let text = h.send("suggest") + h.send("more")
    #expect(text.contains("Do the right side only"))
    #expect(!h.conversation.offered.isEmpty)
    for plan in h.conversation.offered {
      for step in plan.steps where step.isDone {
        if let site = step.site {
          #expect(
            !(BodyRegion(site, side: step.side).overlaps(BodyRegion(.arm, side: .left))),
            "\(plan.routine.id) \(step.step.id)")
        }
        #expect(step.pressure.rawValue <= 2)
      }
    }
  }

  @Test("a routine runs to the end with the test clock, then ratings, note and water later")
  func fullSession() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start quick-hands", "no", "2", "5", "4", "", "3")
    #expect(h.text.contains("Press Enter to begin"))
    let begun = h.send("")
    #expect(begun.contains("Step 1 of"))
    #expect(h.conversation.isGuiding)
    let rest = h.wait(.seconds(600))
    #expect(rest.contains("That is the end"))
    #expect(rest.contains("How are they now?"))
    h.send("2", "3", "", "8", "she smiled")
    #expect(h.text.contains("like a drink of water"))
    h.send("later")
    #expect(h.text.contains("remind you in 30 minutes"))
    let session = h.sessions.last
    #expect(session?.routine == "quick-hands")
    #expect(session?.stoppedEarly == false)
    #expect(
      session?.before
        == RatingSet(ratedBy: .caregiver, scores: ["pain": 5, "anxiety": 4, "comfort": 3]))
    #expect(session?.after?.scores == ["pain": 2, "anxiety": 3, "comfort": 8])
    #expect(session?.note == "she smiled")
    #expect(session?.sites.contains { $0.hasPrefix("left") } == false)
    #expect(session?.precautions == ["anticoagulants", "iv-line"])
    #expect(h.notices.isEmpty)
    h.wait(.seconds(29 * 60))
    #expect(h.notices.isEmpty)
    h.wait(.seconds(2 * 60))
    #expect(h.notices.first?.contains("offer Ann a drink of water") == true)
    let water = h.entries(h.store.profiles[0].id).compactMap {
      if case .water(let a, _, _, _) = $0 { a } else { nil }
    }
    #expect(water == [.later, .reminderShown])
  }

  @Test("it hurts: stops the step, asks why, logs the session as stopped early")
  func hurts() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "", "", "", "", "", "")
    h.wait(.seconds(5))
    let asked = h.key(.hurts)
    #expect(asked.contains("Did it hurt?"))
    #expect(h.conversation.isGuiding)
    let text = h.key(.hurts)
    #expect(text.contains("Where did it hurt"))
    #expect(!h.conversation.isGuiding)
    h.send("her left heel", "skip", "", "declined")
    let session = h.sessions.last
    #expect(session?.stoppedEarly == true)
    #expect(session?.stopReason == "her left heel")
    #expect(session?.stepsDone == 0)
    #expect(session?.stoppedAtStep == "hold-feet")
    #expect(session?.after == nil)
  }

  @Test("Ctrl-C pauses a running step; time does not pass while paused")
  func interruptPauses() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start feet-quick", "no", "skip", "")
    h.apply(h.conversation.handle(.interrupt))
    #expect(h.text.contains("Paused"))
    h.wait(.seconds(3600))
    #expect(h.conversation.isGuiding)
    h.key(.pause)
    h.wait(.seconds(3600))
    #expect(!h.conversation.isGuiding)
  }

  @Test("free text is confirmed before the profile changes; no leaves it alone")
  func freeTextConfirmed() {
    var h = Harness.annOnBloodThinnerWithIV()
    let text = h.send("she had her right knee replaced 10 days ago")
    #expect(text.contains("What I understood"))
    #expect(text.contains("Is that right?"))
    #expect(h.store.profiles[0].conditions.count == 2)
    h.send("no")
    #expect(h.store.profiles[0].conditions.count == 2)
    h.send("she had her right knee replaced 10 days ago", "yes")
    #expect(h.store.profiles[0].conditions.map(\.id).contains("joint-replacement-knee"))
  }

  @Test("a red flag stops everything and gives the emergency number for the region")
  func redFlag() {
    var h = Harness(profiles: [Profile(id: "ann", name: "Ann")], emergency: "999")
    h.send("1")
    let text = h.send("she has chest pain right now", "yes")
    #expect(text.contains("Do not massage"))
    #expect(text.contains("Call 999 now"))
    let after = h.send("suggest", "start 1")
    #expect(after.contains("Do not massage"))
    #expect(!after.contains("Step 1"))
  }

  @Test("plain sentences: start the hand one, she's tired today; did you mean")
  func plainSentences() {
    var h = Harness.annOnBloodThinnerWithIV()
    let hands = h.send("start the hand one")
    #expect(hands.contains("Which one did you mean?") || hands.contains("quick check"))
    let tired = h.send("she's tired today")
    #expect(tired.contains("note how Ann feels"))
    h.send("yes")
    // Logged with the language the words were read in (round 5, F17).
    #expect(
      h.entries("ann").contains(.feeling(ratings: nil, text: "she's tired today", lang: "en")))
    #expect(h.send("sugest").contains("Did you mean \"suggest\""))
    h.send("routines")
    #expect(h.ran == [["routines"]])
  }

  @Test("feel logs the receiver's own words and ratings")
  func feel() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("feel", "a bit sore today", "", "4", "", "7", "")
    let last = h.entries("ann").last
    #expect(
      last
        == .feeling(
          ratings: RatingSet(ratedBy: .receiver, scores: ["pain": 4, "tiredness": 7]),
          text: "a bit sore today", lang: "en"))
  }

  @Test("help depends on where you are")
  func help() {
    var h = Harness.annOnBloodThinnerWithIV()
    #expect(h.send("help").contains("suggest: routines for today"))
    h.send("start quick-hands")
    #expect(h.send("help").contains("Type no if nothing is new"))
    h.send("no")
    #expect(h.send("help").contains("Type 1 if they answer"))
    h.send("1")
    #expect(h.send("help").contains("from 0 to 10"))
  }

  @Test("pending reminders come first; a fluid limit is respected in the water offer")
  func remindersAndFluidLimit() {
    var ann = Profile(id: "ann", name: "Ann", fluidLimitML: 1200)
    ann.conditions = []
    let past = Date().addingTimeInterval(-60)
    let h = Harness(
      profiles: [ann], reminders: [Reminder(receiverID: "ann", name: "Ann", due: past)])
    // On a fluid limit the reminder never says "offer a drink of water": it keeps within it.
    #expect(h.notices.first?.contains("Only within the fluid limit") == true)
    #expect(!h.text.contains("drink of water"))
    #expect(
      h.text.range(of: "Only within the fluid limit")!.lowerBound
        < h.text.range(of: "Who are we caring for")!.lowerBound)
    var h2 = Harness(profiles: [ann])
    h2.send("1", "start quick-hands", "no", "skip", "")
    h2.wait(.seconds(900))
    let water = h2.send("skip", "")
    #expect(water.contains("limit on drinks (1,200 ml a day)"))
  }

  @Test("quit and end of input leave cleanly; a session under way is logged")
  func leaving() {
    var h = Harness.annOnBloodThinnerWithIV()
    h.send("start quick-hands", "no", "skip", "")
    h.wait(.seconds(20))
    h.send("stop")
    h.send("quit")
    #expect(h.quit)
    #expect(h.sessions.count == 1)
    var h2 = Harness()
    h2.apply(h2.conversation.handle(.endOfInput))
    #expect(h2.quit)
  }
}

@Suite("Suggest before anyone is chosen")
struct SuggestUncheckedTests {
  @Test("the list says it is not checked against anyone until a receiver is chosen")
  func unchecked() throws {
    let run = try RunTend.run([], stdin: "suggest\nquit\n")
    #expect(run.stdout.contains("not checked against anyone's health"))
    #expect(!run.stdout.contains("Good to go"))
  }
}
