import CLVMath
import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// A `model.json` edited by hand or cut short decodes into shapes no fit produces; the
/// kernels index raw pointers by them (release builds drop the preconditions). `clv score`
/// refuses such a file with what is wrong, never a crash or a silently wrong number.
///
/// Every registered model is fitted on the fixture shop and saved as the champion of a
/// model file; the file is consistent, and each edit of ``corruptions`` (at least one per
/// model: a new model without its own check fails ``everyModelHasACorruptionCase()``) is
/// refused naming the reason.
@Suite(.serialized) struct SavedModelCheckTests {
  static let example = ReleaseBinary.packageRoot + "/reports/example/model.json"

  /// An edit of the champion's state: the path under `champion.state` (a number indexes an
  /// array), the new value from the old, and what the refusal must say.
  struct Corruption: Sendable {
    var path: [String]
    var edit: @Sendable (Any) -> Any
    var reason: String
  }

  static func dropLast(_ k: Int) -> @Sendable (Any) -> Any { { Array(($0 as? [Any] ?? []).dropLast(k)) } }
  static func set(_ v: Any & Sendable) -> @Sendable (Any) -> Any { { _ in v } }

  static let btyd = [
    Corruption(path: ["count", "r"], edit: set(-1.0), reason: "parameter r = -1.0 is not a positive number")
  ]
  static let mlp = [
    Corruption(path: ["model", "network", "parameters"], edit: dropLast(1), reason: "parameters; its layers need"),
    Corruption(path: ["encoder", "numeric"], edit: dropLast(1), reason: "inputs; the model reads"),
  ]
  static let corruptions: [String: [Corruption]] = [
    "baseline": [
      Corruption(path: ["minimumExposureDays"], edit: set(0.0), reason: "exposure floor 0.0 is not a positive")
    ],
    "bgnbd": btyd, "mbgnbd": btyd, "paretonbd": btyd,
    "mlp-ziln": mlp, "mlp-mse": mlp,
    "gbt-tweedie": [
      Corruption(
        path: ["model", "tweedie", "_0", "trees", "0", "left", "0"], edit: set(1_000_000),
        reason: "tree 1: node 0 sends rows to a node that is not one of its"),
      Corruption(
        path: ["model", "tweedie", "_0", "trees", "0", "feature", "0"], edit: set(9_999),
        reason: "tree 1: node 0 splits on feature 9999"),
      Corruption(
        path: ["model", "tweedie", "_0", "trees", "1", "value"], edit: dropLast(1),
        reason: "tree 2: its node arrays do not have one entry per node"),
      Corruption(
        path: ["encoder", "numeric", "0", "standardDeviation"], edit: set(0.0),
        reason: "with a positive standard deviation"),
    ],
    "gbt-hurdle": [
      Corruption(
        path: ["model", "hurdle", "_0", "spend", "featureCount"], edit: { (($0 as? Int) ?? 0) + 1 as Any },
        reason: "features, the spend part"),
      Corruption(
        path: ["model", "hurdle", "_0", "purchase", "trees", "0", "right", "0"], edit: set(0),
        reason: "the purchase part: tree 1: node 0 sends rows"),
      Corruption(path: ["calibration"], edit: set(-2.0), reason: "the calibration factor is not a finite number ≥ 0"),
    ],
    "seq-conv": [
      Corruption(path: ["model", "network", "kernel"], edit: set(5), reason: "the convolution's kernel does not take"),
      Corruption(path: ["model", "network", "weeks"], edit: set(0), reason: "the convolution's shape"),
      Corruption(path: ["model", "network", "parameters"], edit: dropLast(3), reason: "its convolution and head need"),
      Corruption(
        path: ["eventTypes"], edit: { ($0 as? [Any] ?? []) + ["extra-type"] },
        reason: "activity channels; its"),
    ],
    "blend": [
      Corruption(path: ["weights", "0"], edit: set(-0.5), reason: "are not finite, non-negative and not all 0"),
      Corruption(
        path: ["weights"], edit: { ($0 as? [Any] ?? []).map { _ in 0.0 } },
        reason: "are not finite, non-negative and not all 0"),
    ],  // and, in the test, one model twice and each member's own first corruption
    "blend-log": [
      Corruption(path: ["weights", "0"], edit: set(-0.5), reason: "are not finite, non-negative and not all 0"),
      Corruption(path: ["epsilon"], edit: set(-1.0), reason: "must be finite, ε above 0"),
    ],  // and the same blend cases as the linear blend
  ]

  /// `json[path…]` rewritten by `change` (a numeric key indexes an array).
  static func change(_ json: Any, _ path: ArraySlice<String>, _ change: (Any) -> Any) -> Any {
    guard let first = path.first else { return change(json) }
    if var object = json as? [String: Any], let inner = object[first] {
      object[first] = Self.change(inner, path.dropFirst(), change)
      return object
    }
    if var array = json as? [Any], let i = Int(first), array.indices.contains(i) {
      array[i] = Self.change(array[i], path.dropFirst(), change)
      return array
    }
    Issue.record("no \(first) in the saved state")
    return json
  }

  /// The fixture shop's model file with `key` fitted as its champion, as a JSON object.
  static func fittedFile(_ key: String) throws -> [String: Any] {
    let shop = ContractShop.fixture
    let descriptor = try #require(CandidateRegistry.standard[key])
    var candidate = descriptor.candidate(shop.settings)
    var rng = SplitMix64(seed: 11)
    _ = try candidate.fit(shop.dataset, context: shop.context, using: &rng)
    if !candidate.needsLabels { _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext) }
    let file = SavedModelFile(
      scorer: ForwardScorer(champion: candidate, context: shop.forwardContext), timeline: shop.timeline,
      toolVersion: "test")
    let data = Data(try file.encoded().utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// `json` written to a temporary file; its path.
  static func write(_ json: Any, _ name: String) throws -> String {
    let path = PipelineFixture.temporaryDirectory("model-\(name)") + "/model.json"
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The reason `clv score` gives for the file at `path`, or nil when it loads.
  static func refusal(_ path: String) -> String? {
    do {
      _ = try SavedModelFile.load(path: path)
      return nil
    } catch let PipelineError.modelUnreadable(_, why) {
      return why
    } catch {
      return "another error: \(error)"
    }
  }

  @Test func everyModelHasACorruptionCase() {
    #expect(Set(CandidateRegistry.standard.keys) == Set(Self.corruptions.keys))
  }

  @Test(arguments: CandidateRegistry.standard.keys)
  func everyInconsistencyIsNamed(_ key: String) throws {
    let json = try Self.fittedFile(key)
    #expect(Self.refusal(try Self.write(json, key)) == nil, "\(key): the fitted file is consistent")
    var cases = Self.corruptions[key] ?? []
    if key.hasPrefix("blend") {
      let members =
        ((json["champion"] as? [String: Any])?["state"] as? [String: Any])?["members"] as? [[String: Any]] ?? []
      // Member 0 once more, with a weight: one model twice.
      cases.append(
        Corruption(
          path: [],
          edit: { state in
            var s = state as? [String: Any] ?? [:]
            s["members"] = (s["members"] as? [Any] ?? []) + ((s["members"] as? [Any])?.prefix(1) ?? [])
            s["weights"] = (s["weights"] as? [Any] ?? []) + [0.25]
            return s
          }, reason: "repeat a model or include a blend"))
      // Each member's own state is checked, named as the blend's member.
      for (j, m) in members.enumerated() {
        let inner = try #require(Self.corruptions[m["key"] as? String ?? ""]?.first)
        cases.append(
          Corruption(path: ["members", "\(j)", "state"] + inner.path, edit: inner.edit, reason: inner.reason))
      }
    }
    for (n, c) in cases.enumerated() {
      let edited = Self.change(json, ["champion", "state"] + c.path, c.edit)
      let why = Self.refusal(try Self.write(edited, "\(key)-\(n)"))
      #expect(why?.contains(c.reason) == true, "\(key) \(c.path): \(why ?? "loaded")")
    }
  }

  /// The example's segmentation and companions are checked too.
  @Test func theExampleIsConsistentAndItsSegmentsAreChecked() throws {
    #expect(try SavedModelFile.load(path: Self.example).inconsistency == nil, "the example is consistent")
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.example))
    let json = try JSONSerialization.jsonObject(with: data)
    let cut = Self.change(json, ["segmentation", "means"], Self.dropLast(1))
    #expect(Self.refusal(try Self.write(cut, "centroids"))?.contains("segments: the standardisation") == true)
    let alive = Self.change(json, ["aliveCompanion", "state", "count", "r"], Self.set(-1.0))
    #expect(Self.refusal(try Self.write(alive, "alive"))?.contains("parameter r = -1.0") == true)
  }

  /// The release binary on the example with its champion's state corrupted (whichever model
  /// it is): exit 66 and the reason (was: reads past the weights, a crash or garbage).
  @Test func theReleaseBinaryRefusesACorruptChampion() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.example))
    let json = try JSONSerialization.jsonObject(with: data)
    let key = try #require(((json as? [String: Any])?["champion"] as? [String: Any])?["key"] as? String)
    let c = try #require(Self.corruptions[key]?.first)
    let path = try Self.write(Self.change(json, ["champion", "state"] + c.path, c.edit), "cut")
    let out = PipelineFixture.temporaryDirectory("cut") + "/predictions.csv"
    let r = try ReleaseBinary.run([
      "score", "--model", path, "--transactions", "sample-data/transactions.csv", "--customers",
      "sample-data/customers.csv", "--events", "sample-data/events.csv", "--output", out,
    ])
    #expect(r.status == 66 && r.stderr.contains(c.reason), "\(key): \(r.status) \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
