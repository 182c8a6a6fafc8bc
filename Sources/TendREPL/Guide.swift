import TendCore

/// Walks a caregiver through a plan one step at a time, with a countdown per step.
///
/// A value with no clock of its own: the loop measures time with an injected
/// `any Clock<Duration>` and feeds it in through `tick(_:)`, so a test can run a 10-minute routine
/// in microseconds. When a step's time is up the next one starts by itself (hands are oily: no key
/// is needed). Keys pause, go back, repeat, skip or stop. Guarantees: only steps the plan keeps or
/// adapts are guided; a paused or finished guide ignores time; `stepsDone` counts only steps that
/// ran to their end.
public struct Guide: Sendable, Equatable {
  /// What happened, for the conversation to put into words.
  public enum Event: Sendable, Equatable {
    case started(Int)
    /// Whole seconds left in the current step changed.
    case countdown(Int)
    case paused, resumed
    case finished
    case stopped(hurt: Bool)
  }

  public let routineID: String
  /// The steps to do, in order (skipped steps left out). A step can be made gentler while the
  /// guide runs (`revise`), never looser: the profile changed in another window.
  public private(set) var steps: [Plan.PlannedStep]
  public private(set) var index = 0
  public private(set) var remaining: Duration
  public private(set) var isPaused = false
  public private(set) var isFinished = false
  /// Indices of steps that ran until their time was up.
  public private(set) var stepsDone: Set<Int> = []
  /// Indices of steps skipped with `s` before their time was up (never counted as worked on,
  /// unless the step was done later after going back). The journal lists every step not
  /// given as skipped, these and the ones never reached after a stop.
  public private(set) var stepsSkipped: Set<Int> = []
  /// Guide time spent with a step running (pauses excluded).
  public private(set) var elapsed: Duration = .zero
  /// Indices of steps a changed profile now rules out (another window saved something): the
  /// guide passes over them, forwards and back, and they are never given.
  public private(set) var ruledOut: Set<Int> = []

  public init(plan: Plan) {
    routineID = plan.routine.id
    steps = plan.steps.filter(\.isDone)
    remaining = .seconds(steps.first?.step.seconds ?? 0)
    isFinished = steps.isEmpty
  }

  public var current: Plan.PlannedStep? { isFinished ? nil : steps[index] }

  /// The words for step `i` as things stand: what the steps before it put on counts only when
  /// they ran to their end, so a lotion step skipped with `s` leaves a later step that follows
  /// lotion in its `.alone` words, as when the plan leaves the lotion step out.
  public func textKey(at i: Int) -> String {
    var used = Set<Step.Material>()
    for j in steps.indices where j < i && stepsDone.contains(j) {
      used.formUnion(steps[j].step.uses)
    }
    return steps[i].textKey(in: routineID, after: used)
  }

  /// Whole seconds left in the current step, rounded up.
  public var secondsLeft: Int {
    let (s, atto) = remaining.components
    return Int(s) + (atto > 0 ? 1 : 0)
  }

  /// The first event of a guide: its first step starting (or finishing at once when empty).
  public func opening() -> [Event] { isFinished ? [.finished] : [.started(0)] }

  /// Lets `duration` of guide time pass; steps whose time is up end and the next one starts.
  public mutating func tick(_ duration: Duration) -> [Event] {
    guard !isPaused, !isFinished, duration > .zero else { return [] }
    var events: [Event] = []
    var left = duration
    let before = secondsLeft
    while left >= remaining, !isFinished {
      left -= remaining
      elapsed += remaining
      stepsDone.insert(index)
      stepsSkipped.remove(index)
      events += moveOn()
    }
    if !isFinished {
      remaining -= left
      elapsed += left
      if secondsLeft != before
        || events.contains(where: { if case .started = $0 { true } else { false } })
      {
        events.append(.countdown(secondsLeft))
      }
    }
    return events
  }

  /// Applies a key.
  public mutating func press(_ key: GuideKey) -> [Event] {
    guard !isFinished else { return [] }
    switch key {
    case .pause:
      isPaused.toggle()
      return [isPaused ? .paused : .resumed]
    case .back:
      var j = index - 1
      while j >= 0, ruledOut.contains(j) { j -= 1 }
      if j >= 0 { index = j }
      return restart()
    case .repeatStep:
      return restart()
    case .skip:
      if !stepsDone.contains(index) { stepsSkipped.insert(index) }
      return moveOn()
    case .stop, .hurts:
      isFinished = true
      return [.stopped(hurt: key == .hurts)]
    case .help, .confirm:
      return []
    }
  }

  /// Step `i` as it must be done now (gentler: a lower pressure, another side or technique).
  /// The time left in a step under way is kept.
  public mutating func revise(_ i: Int, to step: Plan.PlannedStep) {
    guard steps.indices.contains(i) else { return }
    steps[i] = step
  }

  /// Step `i` may no longer be done: it is passed over, and when it is the step under way the
  /// guide moves on at once (the events of that).
  public mutating func ruleOut(_ i: Int) -> [Event] {
    guard steps.indices.contains(i), !isFinished, i >= index else { return [] }
    ruledOut.insert(i)
    if !stepsDone.contains(i) { stepsSkipped.insert(i) }
    return i == index ? moveOn() : []
  }

  private mutating func restart() -> [Event] {
    isPaused = false
    remaining = .seconds(steps[index].step.seconds)
    return [.started(index)]
  }

  private mutating func moveOn() -> [Event] {
    isPaused = false
    var next = index + 1
    while next < steps.count, ruledOut.contains(next) {
      stepsSkipped.insert(next)
      next += 1
    }
    guard next < steps.count else {
      isFinished = true
      return [.finished]
    }
    index = next
    remaining = .seconds(steps[index].step.seconds)
    return [.started(index)]
  }
}
