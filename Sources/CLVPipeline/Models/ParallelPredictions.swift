import CLVFeatures
import CLVMath
import Foundation

/// Several fitted models' predictions of one table, made side by side.
enum ParallelPredictions {
  /// `models[j].predict(table, context: context)` for every j, in order. Each model is one
  /// coarse unit of ``WorkPool/shared`` (a model's own parallel loops run nested, as in the
  /// backtest), so two models predict at once on two cores. A model's prediction depends only
  /// on its state and the table, not on the thread or the thread count, so the outputs are
  /// bit for bit those of predicting one model after the other.
  static func of(_ models: [any Candidate], table: FeatureTable, context: ModelContext) -> [CandidateOutput] {
    var outputs = [CandidateOutput?](repeating: nil, count: models.count)
    outputs.withUnsafeMutableBufferPointer { slots in
      WorkPool.shared.forEach(models.count, coarse: true) { j, _ in
        slots[j] = models[j].predict(table, context: context)
      }
    }
    return outputs.map { $0! }
  }

  /// Whether `a` and `b` are the same fitted model: the same key and the same saved state
  /// (`model.json`'s form), so either one's predictions stand for the other's. False when a
  /// state cannot be encoded.
  static func same(_ a: any Candidate, _ b: any Candidate) -> Bool {
    guard a.key == b.key else { return false }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
    guard let x = try? encoder.encode(SavedCandidate(a)), let y = try? encoder.encode(SavedCandidate(b)) else {
      return false
    }
    return x == y
  }
}
