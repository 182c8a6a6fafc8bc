import Foundation
import TendCore
import TendTestSupport
import Testing

@Suite("Water reminders")
struct WaterReminderTests {
  static let start = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)

  static func minutes(_ n: Int) -> Date { start.date.addingTimeInterval(TimeInterval(n * 60)) }

  static func home() throws -> (URL, Receivers, Reminders) {
    let home = Fixtures.temporaryDirectory()
    let store = Receivers(home: home)
    return (home, store, Reminders(receivers: store))
  }

  @Test("'later' is due after 30 minutes by default, shown once, then quiet")
  func laterThenShown() throws {
    let (home, store, reminders) = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let mum = try store.add(Profile(id: "", name: "Mum"))
    try reminders.record(.later, for: mum, at: Self.start)
    #expect(try reminders.due(now: Self.minutes(29)).isEmpty)
    let due = try reminders.due(now: Self.minutes(30))
    #expect(due.map(\.profile.id) == ["mum"])
    #expect(due.first?.message.key == "reminders.due")
    #expect(due.first?.dueAt.offsetSeconds == 3600)
    try reminders.markShown(due[0], at: Timestamp(Self.minutes(31), offsetSeconds: 3600))
    #expect(try reminders.due(now: Self.minutes(90)).isEmpty)
    // Without a fluid limit, another "later" schedules another reminder.
    try reminders.record(.later, for: mum, at: Timestamp(Self.minutes(32), offsetSeconds: 3600))
    #expect(try reminders.due(now: Self.minutes(62)).count == 1)
    // An answer clears it.
    try reminders.record(
      .given, for: mum, at: Timestamp(Self.minutes(40), offsetSeconds: 3600), amountML: 120)
    #expect(try reminders.due(now: Self.minutes(120)).isEmpty)
  }

  @Test("the delay: flag, then the receiver's setting, then 30")
  func delays() throws {
    let (home, store, reminders) = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let dad = try store.add(Profile(id: "", name: "Dad", reminderMinutes: 45))
    let (entry, _) = try reminders.record(.later, for: dad, at: Self.start)
    guard case .water(let water) = entry.body else { return }
    #expect(water.remindAt?.date == Self.minutes(45))
    let (flagged, _) = try reminders.record(.later, for: dad, at: Self.start, minutes: 10)
    guard case .water(let w2) = flagged.body else { return }
    #expect(w2.remindAt?.date == Self.minutes(10))
    #expect(try reminders.due(now: Self.minutes(10)).count == 1)
  }

  @Test("a fluid limit: the care team's wording, and no repeat nag after a shown reminder")
  func fluidLimit() throws {
    let (home, store, reminders) = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let mum = try store.add(Profile(id: "", name: "Mum", fluidLimitML: 1500))
    #expect(WaterReminder.offer(for: mum).key == "reminders.offerLimit")
    let english = Fixtures.english
    #expect(english.render(WaterReminder.offer(for: mum)).contains("fluid limit (1,500 mL a day)"))
    try reminders.record(.later, for: mum, at: Self.start)
    let due = try reminders.due(now: Self.minutes(30))
    #expect(due.first?.message.key == "reminders.dueLimitToday")
    try reminders.markShown(due[0], at: Timestamp(Self.minutes(31), offsetSeconds: 3600))
    let (again, _) = try reminders.record(
      .later, for: mum, at: Timestamp(Self.minutes(32), offsetSeconds: 3600))
    guard case .water(let water) = again.body else { return }
    #expect(water.remindAt == nil)
    #expect(try reminders.due(now: Self.minutes(600)).isEmpty)
  }

  @Test("water is comfort: no English text about water mentions toxins or flushing")
  func wording() {
    for (key, value) in Fixtures.catalog.english.values where key.hasPrefix("reminders.") {
      let text = "\(value)".lowercased()
      #expect(!text.contains("toxin") && !text.contains("flush"), "\(key)")
    }
  }

  @Test(
    "today's drinks count against the limit: reached means no reminder, no offer, and a warning")
  func drunkToday() throws {
    let (home, store, reminders) = try Self.home()
    defer { try? FileManager.default.removeItem(at: home) }
    let pop = try store.add(Profile(id: "", name: "Pop", fluidLimitML: 1000))
    let at = Timestamp(Date(), offsetSeconds: 0)
    try reminders.record(.given, for: pop, at: at, amountML: 600)
    try reminders.record(.declined, for: pop, at: at)
    #expect(try reminders.drunkToday(pop.id, now: Date()) == 600)
    let english = Fixtures.english
    let under = WaterReminder.afterLogging(.given, profile: pop, amountML: 600, drunkToday: 600)
    #expect(under.map(\.key) == ["log.water.today"])
    try reminders.record(.given, for: pop, at: at, amountML: 500)
    let total = try reminders.drunkToday(pop.id, now: Date())
    #expect(total == 1100)
    let over = WaterReminder.afterLogging(.given, profile: pop, amountML: 500, drunkToday: total)
    #expect(over.map(\.key) == ["log.water.today", "log.water.over"])
    #expect(
      english.render(WaterReminder.reminder(for: pop, drunkToday: total)).contains(
        "No drink reminder"))
    #expect(WaterReminder.offer(for: pop, drunkToday: total).key == "reminders.offerReached")
    // "later" past the limit schedules nothing.
    let (later, _) = try reminders.record(.later, for: pop, at: at)
    guard case .water(let water) = later.body else { return }
    #expect(water.remindAt == nil)
    // No limit: nothing is added, and the reminder offers water as before.
    let bea = try store.add(Profile(id: "", name: "Bea"))
    #expect(
      WaterReminder.afterLogging(.given, profile: bea, amountML: 5000, drunkToday: 5000).isEmpty)
    #expect(WaterReminder.reminder(for: bea, drunkToday: 5000).key == "reminders.due")
  }
}
