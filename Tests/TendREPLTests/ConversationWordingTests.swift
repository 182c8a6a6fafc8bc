import Foundation
import TendCore
import TendTestSupport
import Testing

@testable import TendREPL

/// Stranger 5's F27, in process: options that point away from this conversation are refused,
/// `summary --output` says where it wrote, a fluid answer with words Tend did not use is
/// confirmed, the routine lists show the word to type, a red flag names the call once.
@Suite("Conversation wording (F27)")
struct ConversationWordingTests {
  static let seven = ["no", "no", "no", "no", "no", "no", "no"]

  @Test(
    "--home, --data and --profile are refused at the prompt, in every language",
    arguments: ["en", "es", "fr", "zh-Hans", "vi"])
  func elsewhereRefused(lang: String) {
    var h = Harness(lang: lang, commands: ["check", "routines", "receivers", "summary"])
    h.send("Ana")
    for _ in 0..<8 { h.send("no") }
    let t = Fixtures.catalog.localizer(lang)
    for line in [
      "summary --home /tmp --output /tmp/x6.txt", "check --home=/tmp", "routines --data /x",
      "check --profile /tmp/p.json",
    ] {
      let reply = h.send(line)
      let option = String(line.split(separator: " ")[1].split(separator: "=")[0])
      #expect(
        reply.contains(
          t(
            "chat.optionElsewhere",
            ["option": .text(option), "quit": .text(h.conversation.words.display("quit"))])),
        "\(lang) \(line): \(reply)")
    }
    #expect(h.ran.isEmpty, "\(h.ran)")
    // Another person of the same home, and options after `--`, are not refused.
    h.send("check --receiver Bo")
    #expect(h.ran.last == ["check", "--receiver", "Bo"])
  }

  @Test("summary --output at the prompt says where the file went (once it succeeded)")
  func outputSaid() {
    var h = Harness(commands: ["check", "routines", "receivers", "summary"])
    h.send("Ana")
    for _ in 0..<8 { h.send("no") }
    let reply = h.send("summary --output notes/x5.txt")
    let full = URL(fileURLWithPath: "notes/x5.txt").standardizedFileURL.path
    #expect(reply.contains("Wrote the summary to \(full)."), "\(reply)")
    #expect(h.ran.last?.prefix(3) == ["summary", "--output", "notes/x5.txt"])
    #expect(h.send("summary -o /tmp/a.md --format markdown").contains("/tmp/a.md"))
    #expect(h.send("summary --output=/tmp/b.csv").contains("Wrote the summary to /tmp/b.csv."))
    #expect(!h.send("summary --format json").contains("Wrote the summary"))
  }

  @Test("a fluid limit with words Tend does not use is said back and saved only after yes")
  func fluidConfirmed() {
    var h = Harness()
    h.send("Ann")
    for answer in Self.seven { h.send(answer) }
    let reply = h.send("1500 ml but only on weekdays")
    #expect(reply.contains("I did not use “but only on weekdays”"), "\(reply)")
    #expect(reply.contains("Save 1,500 ml a day?"))
    #expect(h.store.profiles[0].fluidLimitML == nil)
    #expect(h.send("maybe").contains("Please type yes or no."))
    #expect(h.send("no").contains("Not saved."))
    #expect(h.store.profiles[0].fluidLimitML == nil)
    // Asked again: plain words are saved at once.
    #expect(h.send("1,500 ml a day").contains("Saved: a limit of 1,500 ml a day."))
    #expect(h.store.profiles[0].fluidLimitML == 1500)
  }

  @Test("yes saves the number kept; two numbers are asked again")
  func fluidYesAndTwoNumbers() {
    var h = Harness()
    h.send("Ann")
    for answer in Self.seven { h.send(answer) }
    #expect(h.send("1500 or 2000").contains("Please type the limit in ml"))
    h.send("about 1200 ml on most days")
    #expect(h.send("yes").contains("Saved: a limit of 1,200 ml a day."))
    #expect(h.store.profiles[0].fluidLimitML == 1200)
  }

  @Test("the fluid answer in Spanish: plain words saved, other words confirmed")
  func fluidSpanish() {
    var h = Harness(lang: "es")
    h.send("Ana")
    for _ in 0..<7 { h.send("no") }
    let reply = h.send("1500 ml pero solo entre semana")
    #expect(reply.contains("No usé «pero solo entre semana»"), "\(reply)")
    h.send("sí")
    #expect(h.store.profiles[0].fluidLimitML == 1500)
  }

  @Test("FluidAnswer reads one number and keeps every other word")
  func fluidAnswer() {
    let plain: Set<String> = ["ml", "a", "day"]
    let plainAnswer = FluidAnswer("1,500 ml a day", plainWords: plain)
    #expect(plainAnswer.ml == 1500 && plainAnswer.unused.isEmpty)
    #expect(FluidAnswer("1 500 ml", plainWords: plain).ml == 1500)
    #expect(FluidAnswer("1500", plainWords: plain).unused.isEmpty)
    #expect(
      FluidAnswer("1500 ml but only on weekdays", plainWords: plain).unused
        == ["but", "only", "on", "weekdays"])
    #expect(FluidAnswer("1500 or 2000", plainWords: plain).ml == nil)
    #expect(FluidAnswer("1.5 litres", plainWords: plain).ml == nil)
  }

  @Test(
    "suggest lists the word to type before each title, in every language",
    arguments: ["en", "es", "fr", "vi"])
  func routineWords(lang: String) {
    var h = Harness(lang: lang)
    h.send("Ana")
    for _ in 0..<8 { h.send("no") }
    let t = Fixtures.catalog.localizer(lang)
    let list =
      h.send(h.conversation.words.display("suggest")) + h.send(h.conversation.words.display("more"))
    let word = RoutineWords.word("calm-hands", t)
    #expect(list.contains(word + "  " + t("routine.calm-hands.title")), "\(lang): \(list)")
  }

  @Test(
    "a red flag at the pain rating names the call once and no rule's whole advice",
    arguments: ["en", "es"])
  func callOnceAtRating(lang: String) {
    var h = Harness(lang: lang)
    h.send("Ann")
    for _ in 0..<8 { h.send("no") }
    let t = Fixtures.catalog.localizer(lang)
    h.send(
      h.conversation.words.display("start") + " calm-hands", t.list("chat.noWords").first ?? "no",
      "1")
    let said =
      lang == "en"
      ? "she has chest pain and can't breathe" : "tiene dolor de pecho y no puede respirar"
    let reply = h.send(said)
    #expect(reply.components(separatedBy: "911").count == 2, "\(lang): \(reply)")
    #expect(!reply.contains(t("rule.chest-pain.advice.number", ["number": .text("911")])))
    #expect(reply.contains(t("chat.redFlag.stop")))
  }

  @Test(
    "the recent view's minutes take their own plural",
    arguments: [
      ("en", "1 massage, 1 minute in all"), ("es", "1 masaje, 1 minuto en total"),
      ("fr", "1 massage, 1 minute en tout"), ("vi", "tổng cộng 1 phút"), ("zh-Hans", "共 1 分钟"),
    ])
  func recentMinutes(lang: String, expected: String) {
    var one = SessionLog(routine: "calm-hands")
    one.minutes = 1
    let lines = RecentView.render(
      name: "Ann", entries: [(at: Date(), entry: .session(one))],
      localizer: Fixtures.catalog.localizer(lang))
    #expect(lines.contains { $0.contains(expected) }, "\(lang): \(lines)")
    var two = one
    two.minutes = 4
    let more = RecentView.render(
      name: "Ann",
      entries: [(at: Date(), entry: .session(one)), (at: Date(), entry: .session(two))],
      localizer: Fixtures.english)
    #expect(more.contains("2 massages, 5 minutes in all"), "\(more)")
  }

  @Test(
    "in every language: the unit and 'a day' are plain, other words are said back",
    arguments: [
      ("en", "1500 ml a day", "1500 ml on weekdays"),
      ("es", "1500 ml al día", "1500 ml entre semana"),
      ("fr", "1500 ml par jour", "1500 ml en semaine"),
      ("zh-Hans", "每天1500毫升", "工作日1500毫升"),
      ("vi", "1500 ml mỗi ngày", "1500 ml ngày thường thôi"),
    ])
  func fluidEveryLanguage(lang: String, plain: String, other: String) {
    let t = Fixtures.catalog.localizer(lang)
    let no = t.list("chat.noWords").first ?? "no"
    let yes = t.list("chat.yesWords").first ?? "yes"
    var h = Harness(lang: lang)
    h.send("Ann")
    for _ in 0..<7 { h.send(no) }
    let saved = h.send(plain)
    #expect(saved.contains(t("intake.fluidSaved", ["ml": .number(1500)])), "\(lang): \(saved)")
    var o = Harness(lang: lang)
    o.send("Ann")
    for _ in 0..<7 { o.send(no) }
    let asked = o.send(other)
    #expect(
      asked.contains(t.text(.number(1500))),
      "\(lang): \(asked)")
    #expect(o.store.profiles[0].fluidLimitML == nil, "\(lang): saved without asking: \(asked)")
    o.send(yes)
    #expect(o.store.profiles[0].fluidLimitML == 1500, "\(lang)")
  }

  @Test(
    "a person added in a chat in one language is recorded as speaking it",
    arguments: ["es", "fr", "en"])
  func addedWithLanguage(_ lang: String) {
    var h = Harness(lang: lang)
    h.send("Rosa")
    #expect(h.store.profiles.first?.language == lang)
  }
}
