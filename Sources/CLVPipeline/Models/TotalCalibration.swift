/// The one scalar that makes total predicted spend equal total actual spend on the
/// validation customers: `Σ actual / Σ predicted` (1 when either total is 0).
///
/// A label-using model trained on several origins can be off in level for the cutoff's
/// window (a growing shop, a season; for ZILN, exp(μ + σ²/2) amplifies any error in σ);
/// multiplying by one positive constant fixes the total without touching the ranking
/// (normalized Gini and Spearman are unchanged).
enum TotalCalibration {
  static func factor(predicted: [Double], actual: [Double]) -> Double {
    let p = predicted.reduce(0) { $0 + max(0, $1) }
    let a = actual.reduce(0) { $0 + max(0, $1) }
    return p > 0 && a > 0 && p.isFinite ? a / p : 1
  }
}

/// The most a label-learning model predicts for one customer over the horizon: the
/// largest training label (no training customer spent more in one horizon).
///
/// A network extrapolates linearly far outside its training inputs, and the ZILN mean
/// `p · exp(μ + σ²/2)` turns that into astronomically large (still finite) predictions:
/// one validation customer predicted 1.4 × 10⁹ on the peer's 100k file (actual 37.72), so
/// ``TotalCalibration`` scaled every prediction by 1.2 × 10⁻⁴ (test total ratio 0.000,
/// decile MAPE 1.000). Capped, such a customer is predicted the cap and the calibration
/// stays near 1; below the cap predictions are unchanged (the same bits).
enum SpendCap {
  /// The cap for `labels` (nil without a positive label: no cap).
  static func fit(labels: [Double]) -> Double? {
    labels.max().flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
  }

  /// `v` floored at 0 (`max(0, v)`, as before the cap) and capped.
  @inline(__always)
  static func apply(_ v: Double, cap: Double?) -> Double {
    guard let cap, v > cap else { return max(0, v) }
    return cap
  }

  /// The settings-table line when the cap acted on `raw` (nil when no prediction reached it).
  static func note(raw: [Double], cap: Double?) -> (String, String)? {
    guard let cap else { return nil }
    let capped = raw.filter { $0 > cap }.count
    guard capped > 0 else { return nil }
    return (
      "spend cap",
      String(format: "%.2f (the largest training label); %d of %d validation customers capped", cap, capped, raw.count)
    )
  }
}
