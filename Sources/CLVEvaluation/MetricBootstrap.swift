import CLVMath

/// A percentile bootstrap confidence interval for one metric.
package struct MetricInterval: Codable, Sendable, Equatable {
  /// The metric.
  package var metric: MetricKey
  /// The point estimate on the full sample; `nil` when undefined.
  package var estimate: Double?
  /// Lower percentile bound; `nil` when no resample defined the metric.
  package var lower: Double?
  /// Upper percentile bound; `nil` when no resample defined the metric.
  package var upper: Double?
  /// Resamples in which the metric was defined (≤ the number drawn).
  package var definedResamples: Int

  /// Creates an interval.
  package init(metric: MetricKey, estimate: Double?, lower: Double?, upper: Double?, definedResamples: Int) {
    self.metric = metric
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
    self.definedResamples = definedResamples
  }
}

/// Percentile bootstrap confidence intervals for every ``MetricKey`` (hyperparameters).
///
/// Draw `resamples` samples of n customers with replacement; compute the metrics on
/// each; the interval is the type-7 quantiles at (1 − confidence)/2 and
/// (1 + confidence)/2 of the defined values (Efron & Tibshirani 1993, *An
/// Introduction to the Bootstrap*, ch. 13). A resample is drawn as multiplicities
/// (n draws of `next() % n`) and evaluated in O(n) over rank orders sorted once
/// (see `RankedSample`), so B resamples cost O(n log n + B·n). Monte-Carlo error of
/// a 95% bound with B = 200 is a few percent of the interval width; use B ≥ 1000 for
/// publication-grade bounds.
package struct MetricBootstrap: Sendable {
  /// Number of resamples B.
  package var resamples: Int
  /// Coverage of the interval, e.g. 0.95.
  package var confidence: Double

  /// Resamples drawn before their metrics are computed side by side (memory: this many
  /// weight arrays of n integers).
  static let block = 4

  /// Creates the settings.
  package init(resamples: Int = 200, confidence: Double = 0.95) {
    precondition(resamples > 0, "resamples must be positive")
    precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1)")
    self.resamples = resamples
    self.confidence = confidence
  }

  /// Intervals for every metric, in `MetricKey.allCases` order. Same generator state ⇒
  /// identical output. Empty or non-finite input gives `nil` bounds throughout.
  package func intervals(
    predicted: [Double], actual: [Double], using rng: inout some RandomNumberGenerator
  ) -> [MetricInterval] {
    let point = RegressionMetrics.evaluate(predicted: predicted, actual: actual)
    let keys = MetricKey.allCases
    guard let sample = RankedSample(predicted: predicted, actual: actual), sample.count > 0 else {
      return keys.map {
        MetricInterval(metric: $0, estimate: point.value(of: $0), lower: nil, upper: nil, definedResamples: 0)
      }
    }
    let n = sample.count
    var draws = [[Double]](repeating: [], count: keys.count)
    // Resamples are drawn in order from `rng`, a block at a time, and their metrics computed
    // side by side (``WorkPool``); each resample's metrics depend only on its weights, and
    // are collected in resample order, so the intervals do not depend on the threads.
    var done = 0
    while done < resamples {
      let block = min(Self.block, resamples - done)
      let weights = (0..<block).map { _ in
        var w = [Int](repeating: 0, count: n)
        for _ in 0..<n { w[Int(rng.next() % UInt64(n))] += 1 }
        return w
      }
      var metrics = [RegressionMetrics?](repeating: nil, count: block)
      metrics.withUnsafeMutableBufferPointer { out in
        WorkPool.shared.forEach(block) { b, _ in out[b] = sample.metrics(weights: weights[b]) }
      }
      for m in metrics {
        for (k, key) in keys.enumerated() {
          if let v = m!.value(of: key) { draws[k].append(v) }
        }
      }
      done += block
    }
    let alpha = (1 - confidence) / 2
    return keys.enumerated().map { k, key in
      let sorted = draws[k].sorted()
      return MetricInterval(
        metric: key, estimate: point.value(of: key),
        lower: Quantiles.sorted(sorted, level: alpha),
        upper: Quantiles.sorted(sorted, level: 1 - alpha),
        definedResamples: sorted.count)
    }
  }
}
