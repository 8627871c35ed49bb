import CLVEvaluation
import Foundation

/// What a later run needs from an earlier run's `metrics.json`: the champion's
/// test metrics and the feature reference distributions for drift.
struct PreviousRun: Sendable, Decodable {
  struct Champion: Sendable, Decodable {
    var name: String
    var test: RegressionMetrics
  }

  /// A feature's distribution in the earlier run: equal-mass quantiles for a
  /// numeric feature, level shares for a categorical one.
  struct FeatureReference: Sendable, Decodable, Equatable {
    var quantiles: [Double]?
    var shares: [String: Double]?
  }

  var champion: Champion?
  var featureReference: [String: FeatureReference]?
  var run: Run?

  struct Run: Sendable, Decodable {
    var asOf: String?
    enum CodingKeys: String, CodingKey { case asOf = "as_of" }
  }

  enum CodingKeys: String, CodingKey {
    case champion, run
    case featureReference = "feature_reference"
  }

  /// Reads `DIR/metrics.json`.
  static func load(directory: String) throws -> PreviousRun {
    let path = (directory as NSString).appendingPathComponent("metrics.json")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.previousRunUnreadable(path: directory, reason: "there is no readable metrics.json in it")
    }
    do {
      return try JSONDecoder().decode(PreviousRun.self, from: data)
    } catch {
      throw PipelineError.previousRunUnreadable(path: directory, reason: "its metrics.json cannot be read (\(error))")
    }
  }
}
