import Foundation

/// Finds the folder that holds `Routines/` and `Locales/`.
///
/// Order: `--data DIR`, `$TEND_DATA`, `../share/tend` beside the real executable, then the
/// package root found by walking up from the executable (for `swift run` and `swift test`) and
/// from the working directory. A folder that is named explicitly but lacks the data is an error,
/// never a reason to look elsewhere.
public enum DataFolder {
  public static func locate(
    explicit: String?, environment: [String: String], executable: String? = executablePath(),
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(CatalogError) -> URL {
    if let dir = explicit ?? environment["TEND_DATA"].flatMap({ $0.isEmpty ? nil : $0 }) {
      let url = URL(fileURLWithPath: dir)
      guard holdsData(url) else { throw .dataFolderNotFound(tried: [dir]) }
      return url
    }
    var tried: [String] = []
    if let exe = executable {
      let bin = URL(fileURLWithPath: exe).deletingLastPathComponent()
      let share = bin.deletingLastPathComponent().appendingPathComponent("share/tend")
      tried.append(share.path)
      if holdsData(share) { return share }
      if let found = walkUp(from: bin, tried: &tried) { return found }
    }
    if let found = walkUp(from: URL(fileURLWithPath: workingDirectory), tried: &tried) {
      return found
    }
    throw .dataFolderNotFound(tried: tried)
  }

  /// The resolved path of the running executable (`/proc/self/exe`, not `argv[0]`).
  public static func executablePath() -> String? {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? Bundle.main.executablePath
  }

  private static func walkUp(from start: URL, tried: inout [String]) -> URL? {
    var dir = start.standardizedFileURL
    for _ in 0..<8 {
      if holdsData(dir) { return dir }
      tried.append(dir.path)
      let up = dir.deletingLastPathComponent()
      if up.path == dir.path { break }
      dir = up
    }
    return nil
  }

  static func holdsData(_ dir: URL) -> Bool {
    let fm = FileManager.default
    return fm.fileExists(atPath: dir.appendingPathComponent("Routines/precautions.json").path)
      && fm.fileExists(atPath: dir.appendingPathComponent("Locales/en.json").path)
  }
}
