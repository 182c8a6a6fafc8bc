import Foundation
import TendCore

/// Reads a body region from a few words ("left forearm", "right knee", "belly"), using the site
/// and side names of the chosen language and the English ids. The recognizer does the hard cases.
enum SiteWords {
  /// With `vocabulary`, the recognizer's own site and side words count too ("calf" is the
  /// lower leg, "the right one" a side), as at the intake's where question.
  static func region(in text: String, localizer t: Localizer, vocabulary: Bool = false)
    -> BodyRegion?
  {
    let words =
      " "
      + text.lowercased().replacingOccurrences(of: "-", with: " ")
      .components(separatedBy: CharacterSet.letters.inverted).filter { !$0.isEmpty }.joined(
        separator: " ") + " "
    var best: (site: BodySite, length: Int)?
    for site in BodySite.allCases {
      let names =
        [
          site.rawValue.replacingOccurrences(of: "-", with: " "),
          t("site.\(site.rawValue)").lowercased(),
        ] + (vocabulary ? t.list("vocab.site.\(site.rawValue)").map { $0.lowercased() } : [])
      for name in names where words.contains(" \(name) ") || words.contains(" \(name)s ") {
        if name.count > (best?.length ?? 0) { best = (site, name.count) }
      }
    }
    guard let site = best?.site else { return nil }
    return BodyRegion(site, side: side(in: words, localizer: t, vocabulary: vocabulary))
  }

  /// The side named in `text` ("right", "his right one"), if any.
  static func side(in text: String, localizer t: Localizer, vocabulary: Bool = false) -> Side? {
    let words =
      " "
      + text.lowercased().replacingOccurrences(of: "-", with: " ")
      .components(separatedBy: CharacterSet.letters.inverted).filter { !$0.isEmpty }.joined(
        separator: " ") + " "
    return Side.allCases.first { side in
      ([side.rawValue, t("side.\(side.rawValue)").lowercased()]
        + (vocabulary ? t.list("vocab.side.\(side.rawValue)").map { $0.lowercased() } : []))
        .contains { !$0.isEmpty && words.contains(" \($0) ") }
    }
  }
}
