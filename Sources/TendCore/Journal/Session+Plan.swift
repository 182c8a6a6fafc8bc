extension FollowedPlan {
  /// The plan Tend proposed, as followed: step ids by action.
  public init(_ plan: Plan) {
    self.init(
      kept: plan.steps.filter { $0.action == .keep }.map(\.step.id),
      adapted: plan.steps.filter { $0.action == .adapt }.map(\.step.id),
      skipped: plan.steps.filter { $0.action == .skip }.map(\.step.id))
  }
}

extension Session {
  /// A session record from a proposed plan: routine, steps by action, the regions touched (as
  /// region tokens, in body order) and the highest pressure used.
  public init(plan: Plan, minutes: Int?, by: String?, precautions: [String]) {
    let done = plan.steps.filter(\.isDone)
    let regions = Set(done.compactMap { step in step.site.map { BodyRegion($0, side: step.side) } })
    self.init(
      routine: plan.routine.id, plan: FollowedPlan(plan), sites: regions.sorted().map(\.token),
      pressure: done.map(\.pressure.rawValue).max(), minutes: minutes ?? plan.routine.minutes,
      by: by,
      precautions: precautions)
  }
}
