import Foundation
import TendCore

/// Shared test fixtures: the package root, the shipped catalog, temporary folders.
public enum Fixtures {
  /// The package root, found from this file's path (CI clones to a different folder).
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The shipped catalog, loaded once.
  public static let catalog: Catalog = {
    do {
      return try Catalog.load(
        from: packageRoot, languages: Catalog.availableLanguages(in: packageRoot))
    } catch {
      fatalError("the shipped data does not load: \(error)")
    }
  }()

  public static var english: Localizer { catalog.localizer("en") }

  /// A fresh temporary directory, removed by the caller when done.
  public static func temporaryDirectory(_ prefix: String = "tend-test") -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Conditions from specs; traps on a bad spec (a test bug).
  public static func conditions(_ specs: [String]) -> [Condition] {
    specs.map {
      do { return try ConditionSpec.parse($0) } catch { fatalError("bad spec \($0): \(error)") }
    }
  }
}
