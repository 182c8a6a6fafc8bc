import Foundation
import TendCore

/// Shared input handling for the receivers, log, journal and reminders commands: finding the
/// receiver, reading dates and times, and turning core errors into messages with exit codes
/// (2 for bad input, 65 for a broken file, 1 for the disk).
enum HomeInput {
  /// The receivers store for the global options (`--home`, `$TEND_HOME`, XDG default).
  static func receivers(_ global: GlobalOptions, environment: Environment = Environment())
    -> Receivers
  {
    Receivers(home: environment.home(explicit: global.home))
  }

  /// The named receiver (or the only one) and an app context in their preferred language.
  static func context(_ global: GlobalOptions, receiver name: String?) throws -> (
    AppContext, Receivers, Profile
  ) {
    let store = receivers(global)
    let profile: Profile
    do {
      profile = try store.resolve(name)
    } catch {
      let app = try AppContext(global)
      throw failure(error, app)
    }
    return (try AppContext(global, receiverLanguage: profile.language), store, profile)
  }

  /// Runs `body`, mapping core errors to a `TendError` in the chosen language.
  static func run<T>(_ app: AppContext, _ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw failure(error, app) }
  }

  static func failure(_ error: any Error, _ app: AppContext) -> any Error {
    switch error {
    case let e as ReceiverError:
      TendError(
        message: app.errorPrefix + app.localizer.render(e.message), exitCode: e.isUsage ? 2 : 65)
    case let e as EntryError: TendError.usage(app.errorPrefix + app.localizer.render(e.message))
    case let e as StorageError:
      TendError(
        message: app.errorPrefix + app.localizer.render(e.message)
          // The system's own words (English) only for English.
          + (app.localizer.lang == "en" ? "\n" + (e.errorDescription ?? "") : ""),
        exitCode: 1)
    case let e as JournalError: TendError(message: app.localizer.render(e.message), exitCode: 65)
    case let e as SummaryError:
      TendError(message: app.localizer.render(e.message), exitCode: e.isUsage ? 2 : 65)
    case let e as AdviceFile.Problem:
      TendError(message: app.errorPrefix + app.localizer.render(e.message), exitCode: 65)
    case let e as SettingsError:
      TendError(message: app.errorPrefix + app.localizer.render(e.message), exitCode: 65)
    default: error
    }
  }

  /// A `YYYY-MM-DD` day, or a usage error naming the flag.
  static func day(_ text: String?, flag: String, _ app: AppContext) throws -> String? {
    guard let text else { return nil }
    guard let date = CalendarDay.parse(text) else {
      throw TendError.usage(
        app.errorPrefix + app.t("log.error.date", ["flag": .text(flag), "text": .text(text)]))
    }
    return CalendarDay.format(date)
  }

  /// An ISO 8601 time (with or without an offset: local time when missing), or now.
  static func time(_ text: String?, flag: String, _ app: AppContext, now: Date = Date()) throws
    -> Timestamp
  {
    guard let text else { return Timestamp(now) }
    if let stamp = Timestamp.parse(text) { return stamp }
    if let local = localTime(text) { return local }
    throw TendError.usage(
      app.errorPrefix + app.t("log.error.time", ["flag": .text(flag), "text": .text(text)]))
  }

  /// `2026-11-29T10:15[:00]` or `2026-11-29` (midnight) in this machine's time zone.
  static func localTime(_ text: String) -> Timestamp? {
    let withTime = text.count == 10 ? text + "T00:00" : text
    guard let utc = Timestamp.parse(withTime + "Z") else { return nil }
    let offset = TimeZone.current.secondsFromGMT(for: utc.date)
    return Timestamp(utc.date.addingTimeInterval(TimeInterval(-offset)), offsetSeconds: offset)
  }

  /// Reports problems (torn or unreadable lines) on standard error, in the chosen language.
  static func report(_ problem: JournalError?, _ app: AppContext) {
    guard let problem else { return }
    Tend.printError(app.localizer.render(problem.message))
  }

  /// Comma-separated values from repeatable options (`--kept a,b --kept c`).
  static func list(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }
}
