/// What to do when a red flag is said, told once: stop, whom to call, then only the rules'
/// advice that the call does not already say.
///
/// Guarantees: the call (the emergency number, or the care team) is said exactly once, however
/// many red flags are found; every distinct piece of a rule's advice is kept: a red-flag rule's
/// words beyond "do not massage, call" live in `rule.<id>.advice.more` (with its `.number`
/// form), said after the call. A red-flag rule without `.more` says nothing more than the stop
/// and the call (`RedFlagCallTests` checks each such rule's advice against that). The chat and
/// `tend log` both say it this way; `tend check` keeps the full rule advice in its report.
public enum RedFlagCall {
  /// The lines for these red-flag rules, in order: stop; the call (and how to set the region
  /// when the emergency number is unknown); each rule's further advice, by rule id. Empty when
  /// `rules` has no red flag.
  public static func messages(
    _ rules: [PrecautionRule], number: String?, _ t: Localizer
  ) -> [Message] {
    let flags = Dictionary(rules.filter(\.isRedFlag).map { ($0.id, $0) }) { a, _ in a }
      .sorted { $0.key < $1.key }.map(\.value)
    guard !flags.isEmpty else { return [] }
    var out = [Message("chat.redFlag.stop")]
    if flags.contains(where: \.emergency) {
      if let number {
        out.append(Message("chat.redFlag.emergency", ["number": .text(number)]))
      } else {
        out += [Message("chat.redFlag.emergency.unknown"), Message("region.unknown")]
      }
    } else {
      out.append(Message("chat.redFlag.careTeam"))
    }
    for rule in flags where t.has(moreKey(rule.id)) {
      out.append(EmergencyContact.line(Message(moreKey(rule.id)), number: number, t))
    }
    return out
  }

  /// The key of a red-flag rule's advice beyond the stop and the call.
  public static func moreKey(_ ruleID: String) -> String { "rule.\(ruleID).advice.more" }
}
