import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "Where receivers and journals live (default: $TEND_HOME, then $XDG_DATA_HOME/tend).")
  var home: String?

  @Option(
    name: .long,
    help: "Language code: en, es, fr, zh-Hans, vi (default: LC_ALL / LC_MESSAGES / LANG).")
  var lang: String?

  @Option(
    name: .long,
    help: "Folder holding Routines/ and Locales/ (default: $TEND_DATA, then beside the program).")
  var data: String?
}
