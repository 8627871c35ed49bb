import CLVTestSupport
import Foundation
import Testing
@testable import CLVPipeline

/// A `model.json` edited by hand or cut short decodes into shapes no fit produces; the
/// kernels index raw pointers by them (release builds drop the preconditions). `clv score`
/// refuses such a file with what is wrong, never a crash or a silently wrong number.
@Suite(.serialized) struct SavedModelCheckTests {
  static let example = ReleaseBinary.packageRoot + "/reports/example/model.json"

  /// The example model with `edit` applied to its JSON object, written to a temporary file.
  static func edited(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: example))
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&json)
    let path = PipelineFixture.temporaryDirectory("model-\(name)") + "/model.json"
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `json[keys…]` rewritten by `change`.
  static func change(_ json: inout [String: Any], _ keys: [String], _ change: (Any) -> Any) {
    guard let first = keys.first else { return }
    if keys.count == 1 {
      json[first] = change(json[first] as Any)
    } else if var inner = json[first] as? [String: Any] {
      Self.change(&inner, Array(keys.dropFirst()), change)
      json[first] = inner
    }
  }

  static let cases: [(String, [String], @Sendable (Any) -> Any, String)] = [
    ("weights", ["champion", "state", "model", "network", "parameters"],
     { Array(($0 as? [Any] ?? []).dropLast(500)) }, "parameters; its layers need"),
    ("inputs", ["champion", "state", "encoder", "numeric"], { Array(($0 as? [Any] ?? []).dropLast()) },
     "inputs; the network takes"),
    ("btyd", ["aliveCompanion", "state", "count", "r"], { _ in -1.0 },
     "parameter r = -1.0 is not a positive number"),
    ("centroids", ["segmentation", "means"], { Array(($0 as? [Any] ?? []).dropLast()) }, "segments: the standardisation"),
  ]

  @Test func everyInconsistencyIsNamed() throws {
    #expect(try SavedModelFile.load(path: Self.example).inconsistency == nil, "the example is consistent")
    for (name, keys, edit, reason) in Self.cases {
      let path = try Self.edited(name) { Self.change(&$0, keys, edit) }
      #expect(throws: PipelineError.self) { try SavedModelFile.load(path: path) }
      do {
        _ = try SavedModelFile.load(path: path)
      } catch let PipelineError.modelUnreadable(p, why) {
        #expect(p == path && why.contains(reason), "\(name): \(why)")
      }
    }
  }

  /// The release binary on a network cut short: exit 66 and the reason (was: reads past the
  /// weights, a crash or garbage).
  @Test func theReleaseBinaryRefusesACutNetwork() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let (name, keys, edit, reason) = Self.cases[0]
    let path = try Self.edited(name) { Self.change(&$0, keys, edit) }
    let out = PipelineFixture.temporaryDirectory("cut") + "/predictions.csv"
    let r = try ReleaseBinary.run([
      "score", "--model", path, "--transactions", "sample-data/transactions.csv", "--customers",
      "sample-data/customers.csv", "--events", "sample-data/events.csv", "--output", out,
    ])
    #expect(r.status == 66 && r.stderr.contains(reason), "\(r.status) \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
