import Foundation
import TendCore
import TendTestSupport
import Testing

/// The ninth round of reading (2 December, afternoon): the seventeenth batch's failures, read
/// once it moved to the development part. Speech that is "not able" rather than "can't", the
/// reason a patch is worn ("trying to quit"), vaccinations that are not
/// the illness, recovery said as "back to herself after", and the same kind of words in es, zh
/// and vi. Texts here are written for the test, not taken from the corpus.
@Suite("Recognizer: ninth round")
struct ReadingRoundNineTests {
  @Test(
    "speech that is \"not able\" or \"unable\", or other words said, is the S of FAST",
    arguments: [
      "since lunch grandpa is not able to speak properly",
      "all of a sudden she is unable to talk, keeps saying other words",
      "dad suddenly is not able to say the words he wants, started an hour back",
    ])
  func notAbleToSpeak(_ text: String) throws {
    let (verdict, found, _) = try Reading.read(text)
    #expect(verdict == .stopCallProvider, "\(text)")
    #expect(found.conditions.contains { $0.id == "sudden-weakness-or-numbness" }, "\(text)")
  }

  @Test("a patch worn to quit smoking is a patch today, placed where it is")
  func patchWornToQuit() throws {
    let (verdict, found, restrictions) = try Reading.read(
      "he's on nicotine patches trying to quit, today's one is on his right shoulder")
    #expect(found.conditions.contains { $0.id == "medication-patch" })
    #expect(verdict >= .adjust)
    #expect(Reading.avoids(restrictions, "right-shoulder"))
    // Quitting the patches themselves is still the past.
    let (after, stopped, _) = try Reading.read("she quit the nicotine patches in the spring")
    #expect(stopped.negated.contains { $0.id == "medication-patch" })
    #expect(after == .ok)
  }

  @Test(
    "a flu jab or a flu shot is a vaccination, not the flu",
    arguments: [
      "she had her flu jab on Monday, otherwise all good", "he got the flu shot last week",
    ])
  func fluJabIsNotFlu(_ text: String) throws {
    let (verdict, found, _) = try Reading.read(text)
    #expect(!found.conditions.contains { $0.id == "acute-illness" }, "\(text)")
    #expect(verdict == .ok, "\(text)")
  }

  @Test("the flu itself still postpones; recovered from it, it is past")
  func fluAndRecovery() throws {
    let (ill, _, _) = try Reading.read("she has the flu")
    #expect(ill == .postpone)
    let (well, found, _) = try Reading.read("he's back to himself after the flu")
    #expect(found.negated.contains { $0.id == "acute-illness" })
    #expect(well == .ok)
  }

  @Test("\"the neuro\" is the neurologist, not a patch")
  func neuroIsADoctor() throws {
    let (verdict, found, _) = try Reading.read("the neuro saw her on Tuesday and was happy")
    #expect(!found.conditions.contains { $0.id == "medication-patch" })
    #expect(verdict == .ok)
  }

  @Test("Spanish: a joint replaced with the verb, a thinner taken until a year, a wound closed")
  func spanishVerbs() throws {
    let (knee, kneeFound, kneeR) = try Reading.read(
      "le reemplazaron la rodilla izquierda hace tres semanas", lang: "es")
    #expect(kneeFound.conditions.contains { $0.id == "joint-replacement-knee" })
    #expect(knee >= .adjust)
    #expect(Reading.avoids(kneeR, "left-knee"))
    let (past, pastFound, _) = try Reading.read(
      "mi madre estuvo con Sintrom hasta 2021, ahora no toma nada", lang: "es")
    #expect(pastFound.negated.contains { $0.id == "anticoagulants" })
    #expect(past == .ok)
    let (closed, closedFound, _) = try Reading.read("la herida ya cicatrizó", lang: "es")
    #expect(!closedFound.conditions.contains { $0.id == "open-wound" })
    #expect(closed == .ok)
  }

  @Test("Chinese: \"三个多月前\" is more than three months back: the operation is over")
  func chineseMonthsAgo() throws {
    let (verdict, found, _) = try Reading.read("她三个多月前做的手术，现在都好了", lang: "zh-Hans")
    let surgery = found.conditions.first { $0.id == "recent-surgery" }
    #expect(surgery?.daysSince == 90)
    #expect(verdict == .ok)
    // Three weeks back it is still recent.
    let (recent, _, _) = try Reading.read("她三个星期前做的手术", lang: "zh-Hans")
    #expect(recent >= .adjust)
  }

  @Test("Vietnamese: a tonic is a known, harmless medicine")
  func vietnameseTonic() throws {
    let (verdict, found, _) = try Reading.read("ông chỉ uống thuốc bổ thôi", lang: "vi")
    #expect(found.notUnderstood.isEmpty)
    #expect(verdict == .ok)
  }

  @Test("French: bruises from no knock are the bleeding sign; itchy patches are a rash")
  func frenchBruisesAndPatches() throws {
    let (verdict, _, _) = try Reading.read(
      "il a des bleus sur les jambes depuis hier, il s'est cogné nulle part", lang: "fr")
    #expect(verdict == .stopCallProvider)
    let (patches, found, restrictions) = try Reading.read(
      "elle a des plaques qui grattent sur le bras gauche", lang: "fr")
    #expect(found.conditions.contains { $0.id == "rash" })
    #expect(patches >= .adjust)
    #expect(Reading.avoids(restrictions, "left-arm"))
  }

  @Test("weeks \"with twins\" is a pregnancy")
  func weeksWithTwins() throws {
    let (verdict, found, restrictions) = try Reading.read("my sister-in-law, 30 weeks with twins")
    #expect(found.conditions.contains { $0.id == "pregnancy" })
    #expect(verdict >= .adjust)
    #expect(restrictions.maxPressure.rawValue <= 2)
  }
}
