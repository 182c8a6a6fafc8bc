/// A user-facing sentence as a locale key plus arguments; rendered by `Localizer` at the edge.
///
/// Core code never builds sentences: it returns messages, and the front doors render them in
/// the chosen language.
public struct Message: Hashable, Sendable, Codable, CustomStringConvertible {
  public var key: String
  public var args: [String: Argument]

  /// A value to put into a message's `%{name}` placeholder.
  public enum Argument: Hashable, Sendable, Codable {
    /// Shown as is.
    case text(String)
    /// Formatted for the locale; also picks the plural form when named `count`.
    case number(Int)
    /// Another key, rendered in the same language (a rule name, a site name).
    case key(String)
    /// Several keys rendered and joined as a list.
    case keys([String])
    /// A body site on one side (nil: both sides), rendered as "left forearm".
    case region(BodySite, Side?)
    /// A reader's English "why" (`ReasonText`): as is in English, else its `reason.*` key.
    case reason(String)
    /// Body sites, each on its side, rendered as a list ("left arm and right leg").
    case regions([BodyRegion])
  }

  public init(_ key: String, _ args: [String: Argument] = [:]) {
    self.key = key
    self.args = args
  }

  public var description: String {
    args.isEmpty ? key : "\(key)\(args.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
  }
}
