import Foundation
import TendCore
import TendTestSupport

/// What the reading-round suites share: a text read as `tend check --text` reads it (the
/// verdict, the recognition and the restrictions), and whether a region is left out.
enum Reading {
  static func read(_ text: String, lang: String = "en", profile: [String] = []) throws -> (
    Verdict, Recognition, Restrictions
  ) {
    try FailClosedTests.verdict(text, profile: profile, lang: lang)
  }

  static func avoids(_ restrictions: Restrictions, _ token: String) -> Bool {
    guard let region = BodyRegion(token: token) else { return false }
    return restrictions.avoidedRegions.contains { region.isWithin($0.region) }
  }
}
