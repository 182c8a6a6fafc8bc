// swift-tools-version: 6.0
import PackageDescription

// Upcoming features, the Hummingbird way:
// ExistentialAny: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
// MemberImportVisibility: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "Tend",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "tend", targets: ["tend"]),
    .library(name: "TendCore", targets: ["TendCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    // SHA-256 rounds on the processor's SHA instructions, for export checksums (docs/performance.md).
    .target(name: "CSHA256"),
    .target(name: "TendCore", dependencies: ["CSHA256"], swiftSettings: swiftSettings),
    .target(name: "TendREPL", dependencies: ["TendCore", "CReadline"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "tend",
      dependencies: [
        "TendCore", "TendREPL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "TendBenchmarks", dependencies: ["TendCore"], path: "Benchmarks/TendBenchmarks",
      swiftSettings: swiftSettings),
    // The writer process that the journal crash and concurrency tests start and kill.
    .executableTarget(
      name: "JournalStress", dependencies: ["TendCore"], path: "Benchmarks/JournalStress",
      swiftSettings: swiftSettings),
    .target(
      name: "TendTestSupport", dependencies: ["TendCore"], path: "Tests/TendTestSupport",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TendCoreTests", dependencies: ["TendCore", "TendTestSupport", "JournalStress"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TendDataTests", dependencies: ["TendCore", "TendTestSupport"],
      exclude: ["Narratives", "Corpus", "RuleWords"],  // read from the package root, like the shipped data
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TendREPLTests", dependencies: ["TendREPL", "TendTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TendEndToEndTests", dependencies: ["TendTestSupport", "tend"],
      swiftSettings: swiftSettings),
  ]
)
