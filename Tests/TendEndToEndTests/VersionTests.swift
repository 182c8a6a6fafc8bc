import Foundation
import TendTestSupport
import Testing

/// `tend --version`, the completion scripts the install ships, and the version every summary
/// carries, from the real binary.
@Suite("Version and install pieces")
struct VersionTests {
  /// The data digest computed apart from Tend: every file under Routines/ and Locales/ as
  /// path NUL length NUL bytes, in path order, through `sha256sum`.
  static func expectedDigest() throws -> String {
    let root = Fixtures.packageRoot
    let fm = FileManager.default
    var names: [String] = []
    for top in ["Routines", "Locales"] {
      for name in fm.subpaths(atPath: root.appendingPathComponent(top).path) ?? [] {
        var dir: ObjCBool = false
        _ = fm.fileExists(
          atPath: root.appendingPathComponent(top + "/" + name).path, isDirectory: &dir)
        if !dir.boolValue { names.append(top + "/" + name) }
      }
    }
    var stream = Data()
    for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
      let bytes = try Data(contentsOf: root.appendingPathComponent(name))
      stream += Data(name.utf8) + [0] + Data(String(bytes.count).utf8) + [0] + bytes
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sha256sum"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(stream)
    try input.fileHandleForWriting.close()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return String(out.prefix(12))
  }

  @Test("tend --version names Tend, the rules' v and the data digest, and where the data is")
  func version() throws {
    let run = try RunTend.run(["--version"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first?.range(of: #"^tend \d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
    let digest = try Self.expectedDigest()
    #expect(lines.last == "rules v1, data \(digest) (\(Fixtures.packageRoot.path))")
    let french = try RunTend.run(["--lang", "fr", "--version"])
    #expect(french.stdout.contains("règles v1, données \(digest)"))
  }

  @Test("tend --version fails closed when the rules cannot be found")
  func versionWithoutData() throws {
    let run = try RunTend.run(["--version", "--data", "/nonexistent-tend-data"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("/nonexistent-tend-data"))
  }

  @Test("the JSON summary carries the same version as tend --version")
  func summaryVersion() throws {
    let home = try SummaryFixtures.install(in: Fixtures.temporaryDirectory("tend-version"))
    let run = try RunTend.run(
      ["summary", "--format", "json", "--from", "2026-11-01", "--to", "2026-11-28"],
      environment: ["TEND_HOME": home.path, "SOURCE_DATE_EPOCH": SummaryFixtures.nowEpoch])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let version = try #require(object["version"] as? [String: Any])
    let line = try RunTend.run(["--version"]).stdout
    #expect(line.hasPrefix("tend \(version["tend"] as? String ?? "?")\n"))
    #expect(version["rules"] as? Int == 1)
    #expect(version["data"] as? String == (try Self.expectedDigest()))
  }

  @Test(
    "completion scripts for bash, zsh and fish name the commands",
    arguments: ["bash", "zsh", "fish"])
  func completions(shell: String) throws {
    let run = try RunTend.run(["--generate-completion-script", shell])
    #expect(run.status == 0, "\(run.stderr)")
    for command in ["check", "routines", "summary", "review", "version"] {
      #expect(run.stdout.contains(command), "\(shell): \(command)")
    }
  }
}
