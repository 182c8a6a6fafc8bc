import Testing

@testable import TendCore

/// The SHA instructions (`CSHA256`) and the portable rounds give the same digest, for every way
/// bytes can arrive: whole blocks at once, split at every offset, a byte at a time.
@Suite("SHA-256 on the processor's SHA instructions")
struct SHA256HardwareTests {
  @Test("the SHA instructions and the portable rounds agree on lengths 0-300 and 1 MB")
  func agree() {
    var rng = SplitMix(seed: 42)
    for length in Array(0...300) + [4095, 4096, 4097, 1 << 20] {
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      var portable = SHA256(portable: true)
      portable.update(bytes)
      var fast = SHA256()
      fast.update(bytes)
      #expect(portable.hexDigest() == fast.hexDigest(), "length \(length)")
    }
  }

  @Test("the digest is the same whatever the pieces the bytes come in")
  func pieces() {
    var rng = SplitMix(seed: 7)
    let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let whole = SHA256.hex(bytes)
    for cut in [1, 63, 64, 65, 127, 128, 500, 999] {
      var h = SHA256()
      h.update(bytes[..<cut])
      h.update(bytes[cut...])
      #expect(h.hexDigest() == whole, "cut at \(cut)")
    }
    var bytewise = SHA256()
    for b in bytes { bytewise.update([b]) }
    #expect(bytewise.hexDigest() == whole)
  }

  @Test("the portable rounds alone still pass the NIST vectors")
  func portableVectors() {
    var h = SHA256(portable: true)
    h.update(Array("abc".utf8))
    #expect(h.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var million = SHA256(portable: true)
    for _ in 0..<1000 { million.update([UInt8](repeating: 0x61, count: 1000)) }
    #expect(
      million.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
