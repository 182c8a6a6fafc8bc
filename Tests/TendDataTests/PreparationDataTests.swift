import Foundation
import TendCore
import TendTestSupport
import Testing

/// The shipped `Routines/preparation.json`: every item rests on a source that exists, has words
/// in every language, and names a place only where its rules have one.
@Suite("Preparation data")
struct PreparationDataTests {
  static let table = Fixtures.catalog.preparation

  @Test("every item's sources exist: a section of the handout or a rule in precautions.json")
  func sourcesExist() {
    let sections = Set(Self.table.handout.map(\.id))
    let rules = Set(Fixtures.catalog.rules.map(\.id))
    #expect(Self.table.url.hasPrefix("https://sharedfiles.mayoclinic.org/"))
    #expect(!Self.table.items.isEmpty)
    for item in Self.table.items {
      #expect(!item.sources.isEmpty, "\(item.id)")
      #expect(item.sources.contains { $0.hasPrefix("handout:") }, "\(item.id): no handout section")
      for source in item.sources {
        if source.hasPrefix("handout:") {
          #expect(sections.contains(String(source.dropFirst(8))), "\(item.id): \(source)")
        } else {
          #expect(source.hasPrefix("rule:"), "\(item.id): \(source)")
          #expect(rules.contains(String(source.dropFirst(5))), "\(item.id): \(source)")
        }
      }
      for rule in item.when.anyRule + item.when.noRule {
        #expect(rules.contains(rule), "\(item.id): \(rule)")
      }
      for rule in item.when.anyRule {
        #expect(item.sources.contains("rule:\(rule)"), "\(item.id): \(rule) is not a source")
      }
    }
    for section in Self.table.handout {
      #expect(!section.title.isEmpty && section.says.count > 20, "\(section.id)")
    }
  }

  @Test("the handout's own headings, quoted as the handout has them")
  func handoutHeadings() {
    let titles = Self.table.handout.map(\.title)
    for heading in [
      "Calm and relaxing room", "Clothing", "Massage lotions and oils", "Feeling comfortable",
    ] {
      #expect(titles.contains(heading))
    }
    let comfort = Self.table.handout.first { $0.id == "comfort" }?.says ?? ""
    #expect(comfort.contains("Try not to lie on any ports or IVs, incisions, stitches, staples"))
  }

  @Test("every item has words in every language, with the same placeholders")
  func words() {
    let languages =
      ["en"]
      + Catalog.availableLanguages(in: Fixtures.packageRoot).filter {
        $0 != "en"
      }
    for lang in languages {
      let table = lang == "en" ? Fixtures.catalog.english : Fixtures.catalog.locales[lang]
      for item in Self.table.items {
        #expect(table?["prep.item.\(item.id)"] != nil, "\(lang): prep.item.\(item.id)")
      }
      for section in Preparation.Section.allCases {
        #expect(table?["prep.section.\(section.rawValue)"] != nil, "\(lang): \(section)")
      }
    }
  }

  @Test("a line that names a place is for rules whose conditions have one")
  func placesExist() throws {
    for item in Self.table.items {
      guard let value = Fixtures.catalog.english["prep.item.\(item.id)"] else { continue }
      let placeholders = LocaleTable.placeholders(in: value)
      if placeholders.contains("where") || placeholders.contains("what") {
        #expect(item.perCondition, "\(item.id) names a place but is not per condition")
        for rule in item.when.anyRule {
          let r = try #require(Fixtures.catalog.rule(rule))
          #expect(r.site != .none && r.defaultSite != nil, "\(item.id): \(rule) has no place")
        }
      }
      if placeholders.contains("rules") {
        let w = item.when
        #expect(
          !w.anyRule.isEmpty || w.noJointMovement || w.preparationRuledOut != nil
            || w.positionsRuledOut, "\(item.id) names rules that nothing gives it")
      }
    }
  }

  @Test("every position a routine uses has its set-up; every section has something always said")
  func coverage() {
    for routine in Fixtures.catalog.routines {
      for position in routine.positions {
        #expect(Self.table.items.contains { $0.when.position == position }, "\(position)")
      }
    }
    for section in [Preparation.Section.room, .caregiver, .consent] {
      #expect(
        Self.table.items.contains {
          $0.section == section && $0.when.anyRule.isEmpty && $0.when.noRule.isEmpty
        }, "\(section)")
    }
    // The lotion is always named: the plain line, or for each case it leaves out, another.
    let lotion = Self.table.items.filter { $0.section == .lotion }
    let plain = try? #require(lotion.first { $0.id == "lotion-plain" })
    for rule in plain?.when.noRule ?? [] {
      #expect(lotion.contains { $0.when.anyRule.contains(rule) }, "\(rule)")
    }
    #expect(plain?.when.allergiesRecorded == false)
    #expect(lotion.contains { $0.when.allergiesRecorded == true })
  }
}
