import Foundation
import TendCore

/// Reads a body region from a few words ("left forearm", "right knee", "belly"), using the site
/// and side names of the chosen language and the English ids. The recognizer does the hard cases.
enum SiteWords {
  static func region(in text: String, localizer t: Localizer) -> BodyRegion? {
    let words =
      " "
      + text.lowercased().replacingOccurrences(of: "-", with: " ")
      .components(separatedBy: CharacterSet.letters.inverted).filter { !$0.isEmpty }.joined(
        separator: " ") + " "
    var best: (site: BodySite, length: Int)?
    for site in BodySite.allCases {
      let names = [
        site.rawValue.replacingOccurrences(of: "-", with: " "),
        t("site.\(site.rawValue)").lowercased(),
      ]
      for name in names where words.contains(" \(name) ") || words.contains(" \(name)s ") {
        if name.count > (best?.length ?? 0) { best = (site, name.count) }
      }
    }
    guard let site = best?.site else { return nil }
    let side = Side.allCases.first { side in
      [side.rawValue, t("side.\(side.rawValue)").lowercased()].contains {
        words.contains(" \($0) ")
      }
    }
    return BodyRegion(site, side: side)
  }
}
