import Foundation

/// Reads `$TEND_HOME/settings.json` as strictly as a profile: the file decides the emergency
/// number a caregiver is told to dial, so it says exactly what it means or it is not used.
///
/// Guarantees:
/// - A link at `settings.json` is refused, never followed (`SafeFile`): the number can never come
///   from a file elsewhere. So is anything that is not a regular file, or a file over 64 KB.
/// - Exactly RFC 8259 JSON (the catalog's strict parser), one object with only the keys `v`,
///   `region` and `cue` (an unknown key is named, with the nearest known one suggested); `v` is
///   required and at most 1; `region` is null or two letters; `cue` is null, true or false.
///   A UTF-8 byte-order mark at the start is allowed (some editors add one).
/// - Every error names the file, line, column and field (`SettingsError.malformed`).
public enum SettingsFile {
  public struct Values: Equatable, Sendable {
    public var region: String?
    public var cue: Bool?

    public init(region: String? = nil, cue: Bool? = nil) {
      self.region = region
      self.cue = cue
    }
  }

  static let keys: Set<String> = ["v", "region", "cue"]
  static let maxBytes = 64 * 1024

  /// The file's values, or nil when there is no settings file.
  /// - Throws: `SettingsError.refused` (a link, not a regular file, too large, unreadable) or
  ///   `.malformed` (file, line, column, field, why).
  public static func read(home: URL) throws(SettingsError) -> Values? {
    let url = RegionSetting.file(home: home)
    let bytes: [UInt8]?
    do {
      bytes = try SafeFile.read(url.path, limit: maxBytes)
    } catch {
      throw .refused(error)
    }
    guard let bytes else { return nil }
    do {
      return try parse(bytes, file: url.path)
    } catch {
      guard case .malformed(let file, let line, let column, let field, let reason) = error else {
        throw .malformed(file: url.path, line: 1, column: 1, field: "", reason: "\(error)")
      }
      throw .malformed(file: file, line: line, column: column, field: field, reason: reason)
    }
  }

  static func parse(_ bytes: [UInt8], file: String) throws(CatalogError) -> Values {
    let (r, root) = try DataReader.parse(ByteOrderMark.strip(bytes), file: file)
    guard case .object(let members) = root.kind else {
      throw r.error(root, "", "expected an object, found \(root.typeName)")
    }
    for member in members where !keys.contains(member.key) {
      // The nearest known key, or all three when none is near.
      let hint =
        Suggest.nearest(to: member.key, in: keys.sorted(), limit: 1).first.map {
          "; did you mean \"\($0)\"?"
        } ?? "; a settings file has only \"v\", \"region\" and \"cue\""
      throw r.error(member.value, member.key, "unknown field \"\(member.key)\"\(hint)")
    }
    let v = try r.int(root, "", "v", in: 0...1_000_000)
    guard v == 1 else {
      throw r.error(
        root["v"] ?? root, "v",
        v > 1 ? "schema version \(v) is newer than this Tend reads (1)" : "expected 1, found \(v)")
    }
    var values = Values()
    if let node = root["region"], !node.isNull {
      guard case .string(let code) = node.kind, code.count == 2,
        code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) })
      else {
        let found = node.stringValue.map { "\"\($0)\"" } ?? node.typeName
        throw r.error(
          node, "region", "expected a two-letter country code like \"US\", found \(found)")
      }
      values.region = code.uppercased()
    }
    if let node = root["cue"], !node.isNull {
      values.cue = try r.bool(root, "", "cue")
    }
    return values
  }
}

/// The UTF-8 byte-order mark (EF BB BF) that some editors put at the start of a file.
enum ByteOrderMark {
  static let bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// The bytes without a leading byte-order mark. Positions in errors are then counted from
  /// the first visible character, as an editor shows them.
  static func strip(_ bytes: [UInt8]) -> [UInt8] {
    bytes.starts(with: Self.bytes) ? Array(bytes.dropFirst(3)) : bytes
  }
}
