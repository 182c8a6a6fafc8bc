import Foundation

/// The number to call for a medical emergency in each region, read from
/// `Routines/emergency-numbers.json`: one entry per ISO 3166-1 region, each with its source.
///
/// Loading fails closed like every data file: a duplicate region, a code that is not two capital
/// letters, a number that is not digits, or an entry without an `https://` source is an error
/// naming file, line and field. A region missing from the table has no number; Tend then says
/// "the emergency number" and never guesses one.
public struct EmergencyNumbers: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// ISO 3166-1 alpha-2, upper case: `US`, `CN`.
    public let region: String
    /// The number for an ambulance (where that differs from the general one, the ambulance one).
    public let number: String
    /// Another number that reaches help there too (`112` beside France's `15`), if any.
    public let also: String?
    /// Where the number was checked.
    public let source: String
  }

  public static let file = "Routines/emergency-numbers.json"

  public let entries: [Entry]
  private let byRegion: [String: Entry]

  public init(_ entries: [Entry] = []) {
    self.entries = entries
    byRegion = Dictionary(entries.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
  }

  public subscript(region: String) -> Entry? { byRegion[region.uppercased()] }

  /// The regions the table knows, sorted.
  public var regions: [String] { entries.map(\.region).sorted() }

  /// Reads and checks the table in `folder`.
  public static func load(in folder: URL) throws(CatalogError) -> EmergencyNumbers {
    let (bytes, name) = try Catalog.read(
      folder.appendingPathComponent(file), relativeTo: folder)
    return try parse(bytes, file: name)
  }

  static func parse(_ bytes: [UInt8], file: String) throws(CatalogError) -> EmergencyNumbers {
    let (r, root) = try DataReader.parse(bytes, file: file)
    _ = try r.object(root, "", allowed: ["v", "about", "regions"])
    _ = try r.int(root, "", "v", in: 1...Catalog.schemaVersion)
    var entries: [Entry] = []
    var seen = Set<String>()
    for (i, node) in try r.array(root, "", "regions").enumerated() {
      let path = "regions[\(i)]"
      _ = try r.object(node, path, allowed: ["region", "number", "also", "source"])
      let region = try r.string(node, path, "region")
      guard region.count == 2, region.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
      else {
        throw r.error(node, "\(path).region", "\"\(region)\" is not a two-letter region like US")
      }
      guard seen.insert(region).inserted else {
        throw r.error(node, "\(path).region", "duplicate region \"\(region)\"")
      }
      let number = try r.string(node, path, "number")
      let also = try r.optionalString(node, path, "also")
      for (field, value) in [("number", number), ("also", also ?? "1")]
      where !value.allSatisfy(\.isASCII) || !value.allSatisfy(\.isNumber) || value.count > 6 {
        throw r.error(node, "\(path).\(field)", "\"\(value)\" is not a short phone number")
      }
      let source = try r.string(node, path, "source")
      guard source.hasPrefix("https://"), !source.contains(" ") else {
        throw r.error(node, "\(path).source", "a source must be an https:// address")
      }
      entries.append(Entry(region: region, number: number, also: also, source: source))
    }
    guard !entries.isEmpty else {
      throw r.error(root, "regions", "no regions: no emergency number could be given")
    }
    return EmergencyNumbers(entries)
  }
}
