// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: data → features → models → evaluation, with the math
// core at the bottom. The report renders plain values and knows nothing of models;
// the pipeline is the only place that sees every layer; the executable is thin.

/// Release builds drop bounds checks (`-Ounchecked`) only in the two kernel targets, CLVMath and
/// CLVModels, where it was measured to pay (2026-12-02, `-O` vs `-Ounchecked` release builds run
/// back to back, CPU seconds, load 2–6; reports/benchmarks.md): K-Means k=5 ×10 on 1M×8 1.50 vs
/// 1.65 CPU s, MLP training (`clv bench mlp`) 2–4% faster. In CLVData, CLVFeatures, CLVEvaluation
/// and CLVBench it did not (with checks kept there: ingest 208 vs 190 MB/s unchecked, `bench
/// evaluation` 2.8 CPU s either way, the 1M report 28.6 vs 28.5 CPU s), so those targets — the
/// ones that parse user input — keep Swift's checks. Every kernel is also covered by debug-mode tests.
let numericSettings: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked"], .when(configuration: .release))
]

let package = Package(
  name: "clv",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "clv", targets: ["clv"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // MARK: - System libraries
    .systemLibrary(
      name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // MARK: - Libraries
    // The AVX matrix kernel, in C for its per-function target attribute (chosen at run
    // time, so the binary still runs on CPUs without AVX).
    // -fno-math-errno: sqrtf may then compile to one (vector) instruction; nothing here reads errno.
    .target(name: "CFloatKernels", cSettings: [.unsafeFlags(["-fno-math-errno"])]),
    .target(name: "CLVMath", dependencies: ["CFloatKernels"], swiftSettings: numericSettings),
    // SHA-256 on the SHA extensions (chosen at run time), for hashing input files.
    .target(name: "CSHA256"),
    .target(name: "CLVData", dependencies: ["CLVMath", "CSHA256", "CZlib"]),
    .target(
      name: "CLVFeatures", dependencies: ["CLVData", "CLVMath"]),
    .target(name: "CLVModels", dependencies: ["CLVMath", "CFloatKernels"], swiftSettings: numericSettings),
    .target(
      name: "CLVEvaluation", dependencies: ["CLVFeatures", "CLVModels", "CLVMath"]),
    .target(name: "CLVXMLCheck", dependencies: ["CLibXML2"]),
    .target(
      name: "CLVReport",
      dependencies: [
        "CCmarkGFM", "CLVXMLCheck",
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .target(
      name: "CLVPipeline",
      dependencies: [
        "CLVData", "CLVFeatures", "CLVModels", "CLVEvaluation", "CLVReport", "CLVMath",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .target(
      name: "CLVBench",
      dependencies: [
        "CLVPipeline", "CLVData", "CLVFeatures", "CLVModels", "CLVEvaluation", "CLVMath", "CFloatKernels",
      ]),

    // MARK: - Executable
    .executableTarget(
      name: "clv",
      dependencies: [
        "CLVPipeline", "CLVBench", "CLVData",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    // MARK: - Tests
    .target(name: "CLVTestSupport", dependencies: ["CLVMath"], path: "Tests/CLVTestSupport"),
    .testTarget(name: "CLVMathTests", dependencies: ["CLVMath"]),
    .testTarget(name: "CLVDataTests", dependencies: ["CLVData", "CLVMath"], exclude: ["Fixtures"]),
    .testTarget(name: "CLVFeaturesTests", dependencies: ["CLVFeatures", "CLVData", "CLVMath"]),
    .testTarget(
      name: "CLVModelsTests", dependencies: ["CLVModels", "CLVMath"], exclude: ["Fixtures"]),
    .testTarget(name: "CLVEvaluationTests", dependencies: ["CLVEvaluation", "CLVFeatures", "CLVModels", "CLVMath"]),
    .testTarget(
      name: "CLVReportTests", dependencies: ["CLVReport", "CLVXMLCheck", "CLVTestSupport"], exclude: ["Snapshots"]),
    .testTarget(
      name: "CLVPipelineTests",
      dependencies: ["CLVPipeline", "CLVData", "CLVFeatures", "CLVReport", "CLVXMLCheck", "CLVTestSupport", "clv"],
      exclude: ["Snapshots", "Fixtures"]),
  ]
)
