import Foundation

// Tend's benchmarks: each measures a subject against a baseline in the same run and reports
// the ratio, since the machines are noisy. Run: swift run -c release TendBenchmarks [name ...]
let registry: [(name: String, run: () throws -> Void)] = [
  ("planner", PlannerBenchmarks.run),
  ("startup", StartupBenchmarks.run),
  ("selfcheck", SelfCheckBenchmarks.run),
  ("startup-installed", StartupBenchmarks.runInstalled),
  ("recognizer", RecognizerBenchmarks.run),
  ("journal", JournalBenchmarks.run),
  ("summary", SummaryBenchmarks.run),
  ("exports", ExportBenchmarks.run),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for (name, run) in registry where wanted.isEmpty || wanted.contains(name) {
  print("== \(name)")
  do {
    try run()
  } catch {
    print("failed: \(error)")
  }
}
