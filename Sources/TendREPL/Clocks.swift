import Foundation
import Synchronization

/// A clock whose time passes `scale` times faster than `ContinuousClock`: with
/// `TEND_CLOCK_SCALE=1000` a 30-second step lasts 30 ms, so end-to-end tests run whole routines
/// in well under a second. Scale 1 is ordinary time.
public struct ScaledClock: Clock {
  public struct Instant: InstantProtocol {
    public var offset: Duration
    public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    public func duration(to other: Instant) -> Duration { other.offset - offset }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  public let scale: Double
  private let base = ContinuousClock()
  private let origin: ContinuousClock.Instant

  public init(scale: Double) {
    self.scale = scale > 0 ? scale : 1
    origin = base.now
  }

  public var now: Instant { Instant(offset: (base.now - origin) * scale) }
  public var minimumResolution: Duration { base.minimumResolution * scale }

  public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    let wait = now.duration(to: deadline) / scale
    try await base.sleep(for: wait)
  }
}

/// A clock that moves only when told to: for tests of the guide and the loop's tick source.
public final class ManualClock: Clock, Sendable {
  public typealias Instant = ScaledClock.Instant
  private let current = Mutex(Instant(offset: .zero))

  public init() {}

  public var now: Instant { current.withLock { $0 } }
  public var minimumResolution: Duration { .nanoseconds(1) }

  /// Moves time forward.
  public func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }

  public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    while now < deadline { try await Task.sleep(for: .milliseconds(1)) }
  }
}

/// Measures how much time passed on a clock since the last call: the guide's tick source.
public struct TickSource {
  private let reading: () -> Duration
  private var last: Duration = .zero

  public init<C: Clock<Duration>>(clock: C) {
    let origin = clock.now
    reading = { origin.duration(to: clock.now) }
  }

  /// Time passed since the previous call (or since creation).
  public mutating func elapsed() -> Duration {
    let now = reading()
    defer { last = now }
    return now - last
  }

  /// Forgets time passed so far (a prompt waited; the step had not begun).
  public mutating func reset() { last = reading() }
}
