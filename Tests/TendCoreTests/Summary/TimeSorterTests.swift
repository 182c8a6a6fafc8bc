import Foundation
import TendTestSupport
import Testing

@testable import TendCore

/// The sort on disk behind a JSON export whose feelings and notes are out of time order.
@Suite("Time sorter")
struct TimeSorterTests {
  @Test(
    "runs on disk merge into the order of a stable sort by time", arguments: [1, 3, 64, 10_000])
  func merged(runSize: Int) throws {
    var rng = SeededRandom(seed: UInt64(runSize))
    let items = (0..<500).map { n in
      (SummaryTime(seconds: Int64(rng.next() % 40), offset: 0), "item \(n) ✓ \(rng.next() % 7)")
    }
    let sorter = TimeSorter(runSize: runSize)
    for (at, text) in items { sorter.add(at, text) }
    let spill = try Spill()
    try sorter.drain(into: spill)
    spill.writer.flush()
    var bytes = [UInt8](repeating: 0, count: spill.writer.count)
    let n = bytes.withUnsafeMutableBytes { pread(spill.writer.fd, $0.baseAddress, $0.count, 0) }
    #expect(n == bytes.count)
    let expected = items.enumerated().sorted {
      ($0.element.0.seconds, $0.offset) < ($1.element.0.seconds, $1.offset)
    }.map(\.element.1)
    #expect(String(decoding: bytes, as: UTF8.self) == expected.joined(separator: ",\n"))
    #expect(spill.items == items.count)
  }
}
