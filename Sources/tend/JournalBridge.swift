import Foundation
import TendCore

/// Where `tend share` records consent in a receiver's journal.
///
/// TEMPORARY until the journal (issue 5) lands on main: this appends one JSON line in the
/// journal's schema v1 (`type`, `at`, `v`, sorted keys) with a single `O_APPEND` write and
/// `fsync`, creating the file 0600. It is not the journal store (no lock, no torn-line
/// handling). When `Journal` lands, replace the body of `appendConsent` with
/// `Journal.append(JournalEntry(at:, .consent(Consent(...))))`; callers do not change.
enum JournalBridge {
  static func appendConsent(_ consent: SummaryConsent, journal: URL) throws {
    var object: [String: Any] = ["type": "consent", "v": 1, "sharedWith": consent.sharedWith, "what": consent.what]
    object["at"] = consent.at?.description
    object["from"] = consent.from
    object["to"] = consent.to
    object["format"] = consent.format
    object["by"] = consent.by
    var line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    line.append(0x0A)
    let fd = open(journal.path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
    guard fd >= 0 else { throw TendError(message: "error: cannot record consent in \(journal.path)", exitCode: 1) }
    defer { close(fd) }
    let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, line.count) }
    guard written == line.count, fsync(fd) == 0 else {
      throw TendError(message: "error: cannot record consent in \(journal.path)", exitCode: 1)
    }
  }
}
