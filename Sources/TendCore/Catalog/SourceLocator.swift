/// Turns byte offsets in a file into 1-based line and column numbers for diagnostics.
public struct SourceLocator: Sendable {
  private let lineStarts: [Int]

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    lineStarts = starts
  }

  /// The line and column (both from 1) of a byte offset.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return (low + 1, offset - lineStarts[low] + 1)
  }
}
