import Foundation
import TendCore
import TendTestSupport
import Testing

@Suite("SHA-256 and export checksums")
struct SHA256Tests {
  @Test("NIST vectors")
  func vectors() {
    #expect(
      SHA256.hex(Array("".utf8))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var h = SHA256()
    for _ in 0..<1000 { h.update([UInt8](repeating: 0x61, count: 1000)) }
    #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("agrees with sha256sum on files of many lengths")
  func agreesWithSha256sum() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else {
      Issue.record("sha256sum not found; skipped")
      return
    }
    var rng = SeededRandom(seed: 7)
    let dir = Fixtures.temporaryDirectory("tend-sha")
    defer { try? FileManager.default.removeItem(at: dir) }
    for length in [1, 55, 56, 63, 64, 65, 1000, 100_003] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
      let file = dir.appendingPathComponent("f\(length)")
      try Data(bytes).write(to: file)
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
      p.arguments = [file.path]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      #expect(SHA256.hex(bytes) == String(out.prefix(64)), "length \(length)")
    }
  }

  @Test("a sealed export verifies; any changed byte does not")
  func sealAndVerify() {
    let text = "{\"checksum\": \"\(Checksum.placeholder)\", \"pain\": 5}\n"
    let (sealed, digest) = Checksum.seal(text)
    #expect(!sealed.contains(Checksum.placeholder))
    #expect(Checksum.verify(Array(sealed.utf8), claimed: digest) == .intact(digest))
    let altered = sealed.replacingOccurrences(of: "5}", with: "3}")
    guard case .altered = Checksum.verify(Array(altered.utf8), claimed: digest) else {
      Issue.record("change not detected")
      return
    }
    #expect(Checksum.verify(Array(text.utf8), claimed: nil) == .missing)
  }
}
