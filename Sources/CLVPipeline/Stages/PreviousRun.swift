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
  var tool: Tool?

  struct Tool: Sendable, Decodable {
    var name: String?
  }

  struct Run: Sendable, Decodable {
    var asOf: String?
    enum CodingKeys: String, CodingKey { case asOf = "as_of" }
  }

  enum CodingKeys: String, CodingKey {
    case champion, run, tool
    case featureReference = "feature_reference"
  }

  /// Reads `DIR/metrics.json`. A file that is missing or unreadable, or is not a
  /// `metrics.json` written by `clv report`, is an error: the previous-run gates must never
  /// vanish silently.
  /// - Throws: ``PipelineError/previousRunUnreadable(path:reason:)`` (missing, unreadable),
  ///   ``PipelineError/previousRunMalformed(path:reason:)`` (not clv's metrics.json).
  static func load(directory: String) throws -> PreviousRun {
    let path = (directory as NSString).appendingPathComponent("metrics.json")
    guard FileManager.default.fileExists(atPath: path) else {
      throw PipelineError.previousRunUnreadable(path: directory, reason: "there is no metrics.json in it")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.previousRunUnreadable(
        path: directory, reason: "its metrics.json cannot be read (permissions?)")
    }
    let run: PreviousRun
    do {
      run = try JSONDecoder().decode(PreviousRun.self, from: data)
    } catch {
      throw PipelineError.previousRunMalformed(
        path: path, reason: "it is not valid JSON of the expected shape (\(error))")
    }
    guard run.tool?.name == "clv" else {
      throw PipelineError.previousRunMalformed(
        path: path, reason: "it was not written by clv report (no \"tool\": {\"name\": \"clv\"})")
    }
    return run
  }
}
