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
