/// A preparation in words: the title, then each section's heading and its lines, wrapped to
/// fit 80 columns. `tend check --routine`, `tend routines show` and the REPL all print these
/// same lines.
extension Preparation {
  /// The lines to print, in `t`'s language; `only` limits them to some lines (those not gone
  /// through yet today), keeping the headings of the sections they are in. The conversation
  /// asks for whole lines (`width: nil`) and wraps them to the window itself.
  public func textLines(
    _ t: Localizer, only: [Line]? = nil, title: Bool = true, width: Int? = 78
  ) -> [String] {
    let shown = only ?? lines
    var out: [String] = title ? [t("prep.title")] : []
    var section: Section?
    for line in shown {
      if line.section != section {
        section = line.section
        out.append(t("prep.section.\(line.section.rawValue)"))
      }
      out += TerminalText.wrap(
        t.render(line.message), indent: "    ", firstIndent: "  - ", width: width ?? 100_000)
    }
    return out
  }
}
