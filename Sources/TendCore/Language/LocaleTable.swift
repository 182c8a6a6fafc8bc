import Foundation

/// The strings of one `Locales/<lang>.json` file.
public struct LocaleTable: Sendable, Equatable {
  public enum Value: Sendable, Equatable {
    case text(String)
    /// CLDR category → text.
    case plural([String: String])
    /// Recognizer vocabulary: phrases.
    case list([String])
  }

  public let lang: String
  public let values: [String: Value]
  /// 1-based line of each key, for diagnostics.
  public let lines: [String: Int]

  public init(lang: String, values: [String: Value], lines: [String: Int] = [:]) {
    self.lang = lang
    self.values = values
    self.lines = lines
  }

  public subscript(key: String) -> Value? { values[key] }

  /// The `%{name}` placeholders a value uses, in every form.
  public static func placeholders(in value: Value) -> Set<String> {
    switch value {
    case .text(let s): placeholders(in: s)
    case .plural(let forms): forms.values.reduce(into: Set()) { $0.formUnion(placeholders(in: $1)) }
    case .list: []
    }
  }

  static func placeholders(in text: String) -> Set<String> {
    // A byte scan: every language is checked against English at load, so this runs for every
    // key of two files on each start.
    var result = Set<String>()
    guard text.utf8.contains(UInt8(ascii: "%")) else { return result }
    var copy = text
    copy.withUTF8 { b in
      var i = 0
      while i + 1 < b.count {
        guard b[i] == UInt8(ascii: "%"), b[i + 1] == UInt8(ascii: "{") else {
          i += 1
          continue
        }
        var j = i + 2
        while j < b.count, b[j] != UInt8(ascii: "}") { j += 1 }
        guard j < b.count else { return }
        result.insert(String(decoding: b[(i + 2)..<j], as: UTF8.self))
        i = j + 1
      }
    }
    return result
  }

  /// Reads a locale file; errors name file, line and key.
  static func load(_ bytes: [UInt8], lang: String, file: String) throws(CatalogError)
    -> LocaleTable
  {
    let (reader, root) = try DataReader.parse(bytes, file: file)
    guard case .object(let members) = root.kind else {
      throw reader.error(root, "", "expected an object of keys")
    }
    var values: [String: Value] = [:]
    var lines: [String: Int] = [:]
    let categories = Set(PluralCategory.allCases.map(\.rawValue))
    for (key, node) in members {
      lines[key] = reader.line(of: node)
      switch node.kind {
      case .string(let s):
        values[key] = .text(s)
      case .array(let items):
        var phrases: [String] = []
        for item in items {
          guard let s = item.stringValue, !s.isEmpty else {
            throw reader.error(item, key, "expected a non-empty string")
          }
          phrases.append(s)
        }
        values[key] = .list(phrases)
      case .object(let forms):
        var plural: [String: String] = [:]
        for (category, form) in forms {
          guard categories.contains(category) else {
            throw reader.error(form, "\(key).\(category)", "not a CLDR plural category")
          }
          guard let s = form.stringValue else {
            throw reader.error(form, "\(key).\(category)", "expected a string")
          }
          plural[category] = s
        }
        guard plural["other"] != nil else {
          throw reader.error(node, key, "a plural needs an \"other\" form")
        }
        values[key] = .plural(plural)
      default:
        throw reader.error(node, key, "expected a string, a plural object or a list of phrases")
      }
    }
    return LocaleTable(lang: lang, values: values, lines: lines)
  }
}
