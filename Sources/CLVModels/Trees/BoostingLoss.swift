import Foundation

/// The objective of gradient boosting: per-row loss of a raw score F (the model's sum of
/// trees, on the link scale), its gradient g = ∂L/∂F and Hessian h = ∂²L/∂F², the
/// starting score, and the prediction from F.
///
/// - ``squared``: L = ½(y − F)², g = F − y, h = 1, prediction F. (Identity link; used
///   for hand-checked tests.)
/// - ``tweedie(power:)``: compound Poisson–gamma with log link, 1 < ρ < 2, for spend
///   with an exact zero mass and a continuous positive part. With μ = e^F the negative
///   log-likelihood up to terms free of F is
///
///       L = −y·e^{(1−ρ)F}/(1−ρ) + e^{(2−ρ)F}/(2−ρ)
///       g = −y·e^{(1−ρ)F} + e^{(2−ρ)F}
///       h = −(1−ρ)·y·e^{(1−ρ)F} + (2−ρ)·e^{(2−ρ)F}   (> 0 for y ≥ 0)
///
///   Jørgensen (1987); Yang, Qian & Zou (2018), "Insurance premium prediction via
///   gradient tree-boosted Tweedie compound Poisson models", JBES 36(3); LightGBM's
///   `tweedie` objective.
/// - ``logistic``: y ∈ {0, 1} (any y > 0 counts as 1), p = sigmoid(F),
///   L = log(1 + e^F) − y·F, g = p − y, h = p(1 − p); prediction p.
/// - ``gamma``: gamma deviance with log link for positive y (spend given a purchase),
///   L = y·e^{−F} + F, g = 1 − y·e^{−F}, h = y·e^{−F}; prediction e^F.
///
/// Scores are clamped to ±``scoreLimit`` inside the exponentials so a wild tree can
/// never overflow.
package enum BoostingLoss: Sendable, Codable, Equatable {
  case squared
  case tweedie(power: Double)
  case logistic
  case gamma

  /// |F| beyond this is clamped in the exponentials (e^60 ≈ 1e26).
  package static let scoreLimit = 60.0

  /// Loss of one row.
  @inline(__always)
  package func loss(label y: Double, score f: Double) -> Double {
    switch self {
    case .squared:
      return 0.5 * (y - f) * (y - f)
    case .tweedie(let rho):
      let f = Self.clamp(f)
      return -y * exp((1 - rho) * f) / (1 - rho) + exp((2 - rho) * f) / (2 - rho)
    case .logistic:
      let t: Double = y > 0 ? 1 : 0
      // softplus(f) − f·t (``log1pExp(_:)``) in the stable cross-entropy-with-logits form:
      // one expression, so the training loss keeps its rounding (and the fits their bits).
      return max(f, 0) - f * t + log1p(exp(-abs(f)))
    case .gamma:
      let f = Self.clamp(f)
      return y * exp(-f) + f
    }
  }

  /// Gradient and Hessian of one row's loss with respect to the score.
  @inline(__always)
  package func derivatives(label y: Double, score f: Double) -> (g: Double, h: Double) {
    switch self {
    case .squared:
      return (f - y, 1)
    case .tweedie(let rho):
      let f = Self.clamp(f)
      let a = y * exp((1 - rho) * f), b = exp((2 - rho) * f)
      return (-a + b, -(1 - rho) * a + (2 - rho) * b)
    case .logistic:
      let t: Double = y > 0 ? 1 : 0
      let e = exp(-abs(f))
      let p = f >= 0 ? 1 / (1 + e) : e / (1 + e)
      return (p - t, max(p * (1 - p), 1e-16))
    case .gamma:
      let a = y * exp(-Self.clamp(f))
      return (1 - a, a)
    }
  }

  /// ``loss(label:score:)`` and ``derivatives(label:score:)`` of one row at once, with
  /// the same bits: the exponentials they share are evaluated once, and every
  /// expression is theirs (−y·e^{(1−ρ)F} is −(y·e^{(1−ρ)F}) exactly).
  @inline(__always)
  package func lossAndDerivatives(label y: Double, score f: Double) -> (loss: Double, g: Double, h: Double) {
    switch self {
    case .squared:
      return (0.5 * (y - f) * (y - f), f - y, 1)
    case .tweedie(let rho):
      let f = Self.clamp(f)
      let a = y * exp((1 - rho) * f), b = exp((2 - rho) * f)
      return (-a / (1 - rho) + b / (2 - rho), -a + b, -(1 - rho) * a + (2 - rho) * b)
    case .logistic:
      let t: Double = y > 0 ? 1 : 0
      let e = exp(-abs(f))
      let p = f >= 0 ? 1 / (1 + e) : e / (1 + e)
      return (max(f, 0) - f * t + log1p(e), p - t, max(p * (1 - p), 1e-16))
    case .gamma:
      let c = Self.clamp(f)
      let a = y * exp(-c)
      return (a + c, 1 - a, a)
    }
  }

  /// The constant score that minimises the mean loss of `labels` (the first "tree").
  /// Tweedie and gamma: log of the mean (floored at 1e-12); logistic: logit of the
  /// share of positive labels (clamped to [1e-6, 1 − 1e-6]); squared: the mean.
  package func initialScore(labels y: [Double]) -> Double {
    guard !y.isEmpty else { return 0 }
    let mean = y.reduce(0, +) / Double(y.count)
    switch self {
    case .squared: return mean
    case .tweedie, .gamma: return log(max(mean, 1e-12))
    case .logistic:
      let p = min(max(Double(y.filter { $0 > 0 }.count) / Double(y.count), 1e-6), 1 - 1e-6)
      return log(p / (1 - p))
    }
  }

  /// The prediction for a score: the mean on the response scale.
  @inline(__always)
  package func prediction(score f: Double) -> Double {
    switch self {
    case .squared: return f
    case .tweedie, .gamma: return exp(Self.clamp(f))
    case .logistic: return f >= 0 ? 1 / (1 + exp(-f)) : exp(f) / (1 + exp(f))
    }
  }

  @inline(__always)
  static func clamp(_ f: Double) -> Double { min(max(f, -scoreLimit), scoreLimit) }

  /// Short name for tables.
  package var label: String {
    switch self {
    case .squared: return "squared error"
    case .tweedie(let rho): return "Tweedie (log link, power \(rho))"
    case .logistic: return "logistic"
    case .gamma: return "gamma deviance (log link)"
    }
  }
}
