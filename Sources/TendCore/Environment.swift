import Foundation

/// The process environment as a value, so tests can build one from a dictionary.
public struct Environment: Sendable {
  public var variables: [String: String]

  public init(_ variables: [String: String] = ProcessInfo.processInfo.environment) {
    self.variables = variables
  }

  public subscript(name: String) -> String? {
    variables[name].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Where receivers and journals live: `--home`, `$TEND_HOME`, `$XDG_DATA_HOME/tend`,
  /// `~/.local/share/tend`.
  public func home(explicit: String?) -> URL {
    if let explicit { return URL(fileURLWithPath: explicit) }
    if let home = self["TEND_HOME"] { return URL(fileURLWithPath: home) }
    if let xdg = self["XDG_DATA_HOME"] {
      return URL(fileURLWithPath: xdg).appendingPathComponent("tend")
    }
    let user = self["HOME"] ?? NSHomeDirectory()
    return URL(fileURLWithPath: user).appendingPathComponent(".local/share/tend")
  }

  /// Where Tend keeps what it can always recompute (the data digest): `$XDG_CACHE_HOME/tend`,
  /// else `~/.cache/tend`.
  public var cacheFolder: URL {
    if let xdg = self["XDG_CACHE_HOME"] {
      return URL(fileURLWithPath: xdg).appendingPathComponent("tend")
    }
    let user = self["HOME"] ?? NSHomeDirectory()
    return URL(fileURLWithPath: user).appendingPathComponent(".cache/tend")
  }

  /// The cache folder when Tend may use it: nil when `…/tend` itself is a link (to another
  /// folder, or anywhere), so nothing is ever read from or written into a folder elsewhere; the
  /// cache only saves time, so Tend then simply works without it.
  public var usableCacheFolder: URL? {
    SafeFile.isLink(cacheFolder.path) ? nil : cacheFolder
  }

  /// Whether colour may be used on a stream that is (or is not) a terminal.
  public func colorAllowed(isTerminal: Bool) -> Bool {
    isTerminal && variables["NO_COLOR"] == nil && self["TERM"] != "dumb"
  }
}
