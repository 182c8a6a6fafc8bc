import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), small and dependency-free, for export checksums.
///
/// The rounds run on the processor's SHA instructions where it has them (`CSHA256`, x86-64 SHA
/// extensions: about 3.5× the portable rounds), else on the portable Swift rounds below; both
/// give the same digest (tested against each other, the NIST vectors and `sha256sum`). Not for
/// secrets: it is not constant-time, and a checksum only shows that a file was changed.
public struct SHA256: Sendable {
  /// Whether this processor has the SHA extensions (checked once).
  static let hardware = tend_sha256_hardware() != 0
  /// Whether this hasher uses them (tests turn them off to check the portable rounds).
  let useHardware: Bool
  private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19
  )
  /// Bytes of a block not yet complete (fewer than 64).
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7,
    0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc,
    0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351,
    0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e,
    0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585,
    0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f,
    0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  public init() { useHardware = Self.hardware }

  /// A hasher that never uses the SHA instructions (to check one way against the other).
  init(portable: Bool) { useHardware = portable ? false : Self.hardware }

  public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
    if done == nil { Array(bytes).withUnsafeBufferPointer { update(buffer: $0) } }
  }

  public mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
    guard var base = buffer.baseAddress, buffer.count > 0 else { return }
    var count = buffer.count
    length &+= UInt64(count)
    if !pending.isEmpty {
      let take = min(64 - pending.count, count)
      pending.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
      base += take
      count -= take
      guard pending.count == 64 else { return }
      let full = pending
      full.withUnsafeBufferPointer { block($0.baseAddress!) }
      pending.removeAll(keepingCapacity: true)
    }
    if count >= 64 {
      blocks(base, count / 64)
      base += count / 64 * 64
      count %= 64
    }
    if count > 0 { pending.append(contentsOf: UnsafeBufferPointer(start: base, count: count)) }
  }

  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update(buffer: $0) }
  }

  public mutating func update(_ text: String) {
    var text = text
    text.withUTF8 { update(buffer: $0) }
  }

  /// The digest as 64 lowercase hex digits.
  public mutating func hexDigest() -> String {
    let bits = length &* 8
    var tail: [UInt8] = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
    tail.withUnsafeBufferPointer { p in
      var offset = 0
      while offset < p.count {
        block(p.baseAddress! + offset)
        offset += 64
      }
    }
    pending = []
    let digits = Array("0123456789abcdef")
    let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
    return String(
      words.flatMap { word in
        (0..<8).reversed().map { digits[Int((word >> (UInt32($0) * 4)) & 0xF)] }
      }
    )
  }

  public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.hexDigest()
  }

  /// One 64-byte block.
  private mutating func block(_ data: UnsafePointer<UInt8>) { blocks(data, 1) }

  /// `n` consecutive 64-byte blocks; the message schedule lives on the stack, and the state and
  /// the round constants are taken once for all of them.
  private mutating func blocks(_ start: UnsafePointer<UInt8>, _ n: Int) {
    if useHardware {
      withUnsafeMutableBytes(of: &h) { raw in
        tend_sha256_blocks(raw.baseAddress!.assumingMemoryBound(to: UInt32.self), start, n)
      }
      return
    }
    let k = Self.k
    var state = h
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      k.withUnsafeBufferPointer { k in
        for b in 0..<n {
          Self.compress(start + b &* 64, w, k, &state)
        }
      }
    }
    h = state
  }

  private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  @inline(__always)
  private static func compress(
    _ data: UnsafePointer<UInt8>, _ w: UnsafeMutableBufferPointer<UInt32>,
    _ k: UnsafeBufferPointer<UInt32>, _ h: inout State
  ) {
    for t in 0..<16 {
      let i = t &* 4
      w[t] =
        UInt32(data[i]) << 24 | UInt32(data[i &+ 1]) << 16 | UInt32(data[i &+ 2]) << 8
        | UInt32(data[i &+ 3])
    }
    @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 &- n) }
    for t in 16..<64 {
      let a = w[t &- 15]
      let b = w[t &- 2]
      let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
      let s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10)
      w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
    }
    var (a, b, c, d, e, f, g, hh) = h
    for t in 0..<64 {
      let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      let ch = (e & f) ^ (~e & g)
      let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
      let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      let maj = (a & b) ^ (a & c) ^ (b & c)
      (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
    }
    h = (
      h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh
    )
  }
}

/// An export's SHA-256, carried inside the export itself.
///
/// Rule: the digest covers the file's exact bytes with the 64 hex digits of the digest replaced
/// by 64 `0`s. A renderer writes `Checksum.placeholder` where the digest goes; `seal` fills it in;
/// `verify` reverses that. Any changed byte (even in the digest) makes `verify` fail.
public enum Checksum {
  public static let placeholder = String(repeating: "0", count: 64)

  /// Replaces the single placeholder with the digest of the text as it stands.
  public static func seal(_ text: String) -> (text: String, digest: String) {
    let digest = SHA256.hex(text.utf8)
    guard let range = text.range(of: placeholder) else { return (text, digest) }
    return (text.replacingCharacters(in: range, with: digest), digest)
  }

  public enum Verdict: Equatable, Sendable {
    case intact(String)
    case altered(claimed: String, actual: String)
    case missing
  }

  /// Checks `bytes` against the digest it claims (`claimed`, found by the caller in the file).
  /// Every occurrence of the claimed digest, left to right, counts as the placeholder; the bytes
  /// are hashed in place, around them, without a copy.
  public static func verify(_ bytes: [UInt8], claimed: String?) -> Verdict {
    guard let claimed, claimed.utf8.count == 64, claimed != placeholder else { return .missing }
    let needle = Array(claimed.utf8)
    let zeros = [UInt8](repeating: 0x30, count: 64)
    var hasher = SHA256()
    var found = false
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var from = 0
      while let at = find(needle, in: b, from: from) {
        hasher.update(buffer: UnsafeBufferPointer(rebasing: b[from..<at]))
        hasher.update(zeros)
        found = true
        from = at + 64
      }
      hasher.update(buffer: UnsafeBufferPointer(rebasing: b[from...]))
    }
    let actual = hasher.hexDigest()
    return found && actual == claimed
      ? .intact(claimed) : .altered(claimed: claimed, actual: actual)
  }

  /// The first offset at or after `from` where the 64 bytes of `needle` stand in `b`.
  private static func find(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard let base = b.baseAddress else { return nil }
    var at = from
    while b.count - at >= 64 {
      guard let hit = memchr(base + at, Int32(needle[0]), b.count - at - 63) else { return nil }
      at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      if memcmp(base + at, needle, 64) == 0 { return at }
      at += 1
    }
    return nil
  }
}
