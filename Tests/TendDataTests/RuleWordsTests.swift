import Foundation
import TendCore
import TendTestSupport
import Testing

/// Safety rule 9 of the design: what a rule says in words is enforced as an effect, and no kept
/// step's technique, preparation, position or words contradict it. The table of forbidden
/// actions per rule is data (`RuleWords/forbidden-actions.json`); this walks every rule × every
/// routine.
@Suite("Rule words and plans")
struct RuleWordsTests {
  struct Action: Decodable {
    var advice: [String]
    var techniques: [Step.Technique]?
    var preparations: [Step.Preparation]?
    var positions: [Position]?
    var maxPressure: Int?
    var noJointMovement: Bool?
    var words: [String]
  }

  struct RuleEntry: Decodable {
    var condition: String
    var actions: [String]
  }

  struct Table: Decodable {
    var actions: [String: Action]
    var rules: [String: RuleEntry]
  }

  static let table: Table = {
    let url = Fixtures.packageRoot.appendingPathComponent(
      "Tests/TendDataTests/RuleWords/forbidden-actions.json")
    do {
      return try JSONDecoder().decode(Table.self, from: Data(contentsOf: url))
    } catch {
      fatalError("forbidden-actions.json does not load: \(error)")
    }
  }()

  let catalog = Fixtures.catalog

  func restrictions(_ spec: String) throws -> Restrictions {
    try SafetyChecker(catalog: catalog).restrictions(for: Fixtures.conditions([spec])).0
  }

  static func matches(_ pattern: String, _ text: String) -> Bool {
    text.range(of: pattern, options: .regularExpression) != nil
  }

  @Test("the table names known rules and actions, and every action says what it forbids")
  func tableIsSound() {
    for (id, entry) in Self.table.rules {
      #expect(catalog.rule(id) != nil, "unknown rule \(id)")
      for action in entry.actions {
        #expect(Self.table.actions[action] != nil, "\(id): unknown action \(action)")
      }
    }
    for (name, action) in Self.table.actions {
      #expect(!action.advice.isEmpty && !action.words.isEmpty, "\(name) says nothing")
    }
  }

  @Test("every forbidding phrase in a rule's advice is in the table for that rule")
  func adviceIsInTheTable() {
    let t = Fixtures.english
    for rule in catalog.rules where !rule.isRedFlag {
      let advice = t("rule.\(rule.id).advice").lowercased()
      for (name, action) in Self.table.actions
      where action.advice.contains(where: { advice.contains($0.lowercased()) }) {
        #expect(
          Self.table.rules[rule.id]?.actions.contains(name) == true,
          "Routines/precautions.json:\(rule.line) (\(rule.id)): the advice says \"\(action.advice)\" but the table does not list \(name)"
        )
      }
    }
  }

  @Test("what a rule's words forbid, its effects enforce")
  func adviceIsEnforced() throws {
    for (id, entry) in Self.table.rules.sorted(by: { $0.key < $1.key }) {
      let r = try restrictions(entry.condition)
      for name in entry.actions {
        let action = try #require(Self.table.actions[name])
        let place = "\(id) / \(name)"
        for technique in action.techniques ?? [] {
          #expect(r.avoidTechniques[technique] != nil, "\(place): \(technique) is not ruled out")
        }
        for preparation in action.preparations ?? [] {
          #expect(
            r.avoidPreparations[preparation] != nil, "\(place): \(preparation) is not ruled out")
        }
        for position in action.positions ?? [] {
          #expect(r.avoidPositions[position] != nil, "\(place): \(position) is not ruled out")
        }
        if let p = action.maxPressure {
          #expect(r.maxPressure.rawValue <= p, "\(place): ceiling \(r.maxPressure.rawValue)")
        }
        if action.noJointMovement == true {
          #expect(!r.noJointMovement.isEmpty, "\(place): joints may still move")
        }
      }
    }
  }

  @Test("under each rule, no kept step in any routine uses, sets up or says what it forbids")
  func keptStepsAgreeWithTheRule() throws {
    let t = Fixtures.english
    for (id, entry) in Self.table.rules.sorted(by: { $0.key < $1.key }) {
      let r = try restrictions(entry.condition)
      let actions = entry.actions.compactMap { Self.table.actions[$0] }
      let techniques = Set(actions.flatMap { $0.techniques ?? [] })
      let preparations = Set(actions.flatMap { $0.preparations ?? [] })
      let positions = Set(actions.flatMap { $0.positions ?? [] })
      let words = actions.flatMap(\.words)
      for plan in Planner.plans(catalog.routines, under: r) where plan.verdict != .excluded {
        #expect(
          !plan.routine.needs.contains(where: preparations.contains),
          "\(id): \(plan.routine.id) needs a forbidden set-up")
        for position in plan.positions {
          #expect(!positions.contains(position), "\(id): \(plan.routine.id) offered \(position)")
        }
        for step in plan.steps where step.isDone {
          let place = "\(id): \(plan.routine.id).\(step.step.id)"
          #expect(!techniques.contains(step.technique), "\(place) uses \(step.technique)")
          #expect(
            step.pressure >= catalog.techniques.minimumPressure(step.technique),
            "\(place): \(step.technique) at pressure \(step.pressure.rawValue)")
          for preparation in step.step.prepares {
            #expect(!preparations.contains(preparation), "\(place) sets up \(preparation)")
          }
          let text = t(step.textKey)
          for pattern in words {
            #expect(!Self.matches(pattern, text), "\(place) says /\(pattern)/: \(text)")
          }
        }
      }
    }
  }

  /// Every rule, with a left-side site where it takes one, so one-side texts get used.
  static let specs: [String] = Fixtures.catalog.rules.map { rule in
    guard rule.site != .none, let site = rule.defaultSite else { return rule.id }
    return site.isPaired ? "\(rule.id)@left-\(site.rawValue)" : "\(rule.id)@\(site.rawValue)"
  }

  /// Side words in a text, leaving out where the receiver lies ("on their left side").
  static func sidesNamed(_ text: String) -> Set<Side> {
    let lying = #"(on|onto) their (left|right) side"#
    let stripped = text.replacingOccurrences(of: lying, with: "", options: .regularExpression)
    return Set(Side.allCases.filter { matches("\\b\($0.rawValue)\\b", stripped) })
  }

  @Test("under every rule, a step done on one side names only that side, in every language")
  func oneSideWords() throws {
    let t = Fixtures.english
    let languages = Catalog.availableLanguages(in: Fixtures.packageRoot)
    for spec in Self.specs {
      let r = try restrictions(spec)
      for plan in Planner.plans(catalog.routines, under: r) {
        for step in plan.steps where step.isDone {
          let place = "\(spec): \(plan.routine.id).\(step.step.id)"
          for lang in languages {
            let table = try #require(
              catalog.locales[lang] ?? (lang == "en" ? catalog.english : nil))
            #expect(table[step.textKey] != nil, "\(place): no \(lang) text \(step.textKey)")
          }
          guard let side = step.side else { continue }
          #expect(
            !Self.sidesNamed(t(step.textKey)).contains(side.opposite),
            "\(place) is done on the \(side) side but says: \(t(step.textKey))")
        }
      }
    }
  }
}
