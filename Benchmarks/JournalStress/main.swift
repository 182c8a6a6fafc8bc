import Foundation
import TendCore

#if canImport(Glibc)
  import Glibc
#endif

// A writer process for the crash and concurrency tests (Tests/TendCoreTests/Journal).
//
//   JournalStress append FILE COUNT TAG   append COUNT feeling entries whose text is "TAG N",
//                                         printing N on its own line after each append returns
//
// Output goes straight to fd 1 with write(2), so a line printed is an append that returned
// before the process could be killed.

let args = CommandLine.arguments
guard args.count == 5, args[1] == "append", let count = Int(args[3]) else {
  FileHandle.standardError.write(Data("usage: JournalStress append FILE COUNT TAG\n".utf8))
  exit(64)
}
let url = URL(fileURLWithPath: args[2])
let tag = args[4]
let padding = String(repeating: "·", count: 40)
do {
  try DurableFile.makeFolder(url.deletingLastPathComponent())
  let journal = try Journal(url: url)
  let start = Timestamp(Date(timeIntervalSince1970: 1_795_000_000), offsetSeconds: 3600)
  for n in 1...max(count, 1) {
    let entry = JournalEntry(
      at: start,
      .feeling(Feeling(ratings: Ratings(scores: ["pain": n % 11]), text: "\(tag) \(n) \(padding)")))
    try journal.append(entry)
    let line = "\(n)\n"
    _ = line.withCString { write(1, $0, strlen($0)) }
  }
} catch {
  FileHandle.standardError.write(Data("JournalStress: \(error.localizedDescription)\n".utf8))
  exit(1)
}
