import Foundation
import TendCore
import TendTestSupport
import Testing

/// `tend log water` and `tend reminders` on a fluid limit (the outside nurse's finding 12):
/// never "drink more", today's logged drinks against the limit, over it tell the care team.
@Suite("The fluid limit in log water and reminders")
struct FluidLimitCommandTests {
  static func tend(_ args: [String], _ home: URL) throws -> TendRun {
    try RunTend.run(args, environment: ["TEND_HOME": home.path])
  }

  /// Ten minutes from now, as `--now` takes it (local time).
  static var soon: String {
    let f = DateFormatter()
    f.dateFormat = "yyyy-MM-dd'T'HH:mm"
    return f.string(from: Date().addingTimeInterval(600))
  }

  @Test("log water shows today's total against the limit and warns past it")
  func logWater() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(try Self.tend(["receivers", "add", "Pop", "--fluid-limit", "1000"], home).status == 0)
    let first = try Self.tend(["log", "water", "given", "--ml", "600", "--lang", "en"], home)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("Drinks logged today: 600 mL of the 1,000 mL limit"))
    #expect(!first.stdout.contains("over the fluid limit"))
    let over = try Self.tend(["log", "water", "given", "--ml", "500", "--lang", "en"], home)
    #expect(over.stdout.contains("Drinks logged today: 1,100 mL of the 1,000 mL limit"))
    #expect(over.stdout.contains("over the fluid limit set by the care team: tell them today"))
    let unknown = try Self.tend(["log", "water", "given", "--lang", "en"], home)
    #expect(unknown.stdout.contains("every drink counts: add --ml"))
    #expect(unknown.stdout.contains("limit set by the care team is reached"))
    // Past the limit, "later" schedules no reminder.
    let later = try Self.tend(["log", "water", "later", "--in", "1", "--lang", "en"], home)
    #expect(later.stdout.contains("No reminder set"))
    #expect(!later.stdout.contains("I will remind you"))
  }

  @Test("a due reminder keeps within the limit and shows today's drinks, in English and Spanish")
  func reminders() throws {
    for (lang, keep, total) in [
      ("en", "Only within the fluid limit set by their care team", "300 mL of 1,000 mL"),
      ("es", "Solo dentro del límite de líquidos que fijó su equipo médico", "300 mL de 1000 mL"),
    ] {
      let home = Fixtures.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: home) }
      #expect(
        try Self.tend(["receivers", "add", "Pop", "--fluid-limit", "1000"], home).status == 0)
      _ = try Self.tend(["log", "water", "given", "--ml", "300"], home)
      _ = try Self.tend(["log", "water", "later", "--in", "1"], home)
      let due = try Self.tend(["reminders", "--now", Self.soon, "--lang", lang], home)
      #expect(due.status == 0, "\(due.stderr)")
      #expect(due.stdout.contains(keep), "\(lang): \(due.stdout)")
      #expect(due.stdout.contains(total), "\(lang): \(due.stdout)")
      #expect(!due.stdout.contains("Offer Pop some water"))
    }
  }

  @Test("heart failure with no number: the reminder never offers water")
  func heartFailure() throws {
    let home = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(
      try Self.tend(["receivers", "add", "Gus", "--condition", "heart-failure"], home).status == 0)
    _ = try Self.tend(["log", "water", "later", "--in", "1"], home)
    let due = try Self.tend(["reminders", "--now", Self.soon, "--lang", "en"], home)
    #expect(due.stdout.contains("They have a fluid limit from their care team"))
    #expect(!due.stdout.contains("some water"))
  }
}
