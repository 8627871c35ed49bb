import Testing

@testable import CLVEvaluation

/// Every metric on 20 customers against an independent NumPy/SciPy computation
/// (numpy 2.4.6, scipy 1.17.1): np.argsort(-p, kind="stable") for the orders,
/// scipy.stats.spearmanr / pearsonr, decile groups of 2 by the stable order.
/// Tolerance 1e-12 (summation-order differences only).
@Suite struct ReferenceValuesTests {
  static let actual: [Double] = [
    9.84, 34.93, 18.86, 0, 0, 0, 3.88, 0, 0, 16.89, 5.53, 0, 19.34, 14.82, 7.04, 13.52, 0, 5.18, 25.15, 0,
  ]
  static let predicted: [Double] = [
    34.02, 32.09, 8.12, 15.15, 5.05, 12.51, 13.78, 2.48, 10.11, 15.0, 27.96, 4.73, 27.79, 9.5, 11.46, 10.28,
    38.82, 20.75, 92.78, 20.36,
  ]

  @Test func matchesNumPyAndSciPy() throws {
    let m = RegressionMetrics.evaluate(predicted: Self.predicted, actual: Self.actual)
    let expected: [(MetricKey, Double)] = [
      (.normGini, 0.4399732667346721), (.spearman, 0.35810969915984026), (.pearson, 0.46813015117585627),
      (.r2, -3.454790934467942), (.rmse, 20.8836488669964), (.mae, 14.291),
      (.decileMAPE, 2.236707512278251), (.topDecileCapture, 0.14373071208138072),
      (.totalRatio, 2.358783861012687),
    ]
    for (key, value) in expected {
      let got = try #require(m.value(of: key))
      #expect(abs(got - value) <= 1e-12 * max(1, abs(value)), "\(key): \(got) vs \(value)")
    }
  }
}
