import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// Which purchase-count model a ``BTYDCandidate`` uses.
enum BTYDKind: String, Sendable, Codable, CaseIterable {
  case bgnbd, mbgnbd, paretonbd

  var displayName: String {
    switch self {
    case .bgnbd: return "BG/NBD + Gamma-Gamma"
    case .mbgnbd: return "MBG/NBD + Gamma-Gamma"
    case .paretonbd: return "Pareto/NBD + Gamma-Gamma"
    }
  }
}

/// The fitted state of a probabilistic candidate.
enum FittedCountModel: Sendable, Codable {
  case bgnbd(BGNBDModel)
  case mbgnbd(MBGNBDModel)
  case paretonbd(ParetoNBDModel)

  var model: any PurchaseCountModel {
    switch self {
    case .bgnbd(let m): return m
    case .mbgnbd(let m): return m
    case .paretonbd(let m): return m
    }
  }
}

/// A buy-till-you-die count model with the Gamma-Gamma spend model.
///
/// Label-free: fitted on the calibration data of every customer with a purchase
/// (as in the papers), in weeks, with x = repeat purchase days,
/// tₓ = (last − first purchase day) / 7 and T = (cutoff − 1 − first purchase day) / 7,
/// the convention of Fader, Hardie & Lee (2005) on CDNOW. Customers whose first
/// purchase is on the last day (T = 0) carry no information and are left out of
/// the fit; they are predicted with T = half a day. The spend model is fitted on
/// repeat customers' mean repeat-purchase-day value (> 0).
struct BTYDCandidate: Candidate {
  let kind: BTYDKind
  var countModel: FittedCountModel?
  var spendModel: GammaGammaModel?
  /// Whether `predict` also computes the discounted value (a weekly sum of
  /// conditional expectations, the costly part); off for a companion model whose
  /// P(alive) and expected spend are all that is used.
  var computesDiscountedValue = true
  var key: String { kind.rawValue }
  var name: String { kind.displayName }
  let needsLabels = false
  var usedFeatures: [String]? { ["frequency", "active_span_days", "tenure_days", "mean_repeat_spend"] }

  init(kind: BTYDKind) { self.kind = kind }

  /// (x, tₓ, T) in weeks and the mean repeat spend of one feature row; nil for
  /// a customer without a purchase.
  static func history(_ table: FeatureTable, row i: Int, daysPerUnit: Double) -> (PurchaseHistory, Double)? {
    guard let x = table.numeric("frequency")?.values[i],
      let span = table.numeric("active_span_days")?.values[i], span.isFinite,
      let tenure = table.numeric("tenure_days")?.values[i], tenure.isFinite
    else { return nil }
    let age = max(tenure - 1, 0.5) / daysPerUnit
    let recency = min(span / daysPerUnit, age)
    let spend = table.numeric("mean_repeat_spend")?.values[i] ?? .nan
    return (PurchaseHistory(frequency: x, recency: x == 0 ? 0 : recency, age: age), spend)
  }

  mutating func refit(_ table: FeatureTable, context: ModelContext) throws -> FitDetails {
    var histories = [PurchaseHistory]()
    var repeatFrequency = [Double]()
    var repeatSpend = [Double]()
    for i in 0..<table.rowCount {
      guard let (h, spend) = Self.history(table, row: i, daysPerUnit: context.btydDaysPerUnit) else { continue }
      guard let tenure = table.numeric("tenure_days")?.values[i], tenure > 1 else { continue }
      histories.append(h)
      if h.frequency > 0, spend.isFinite, spend > 0 {
        repeatFrequency.append(h.frequency)
        repeatSpend.append(spend)
      }
    }
    let count: FittedCountModel
    switch kind {
    case .bgnbd: count = .bgnbd(try BGNBD().fit(histories))
    case .mbgnbd: count = .mbgnbd(try MBGNBD().fit(histories))
    case .paretonbd: count = .paretonbd(try ParetoNBD().fit(histories))
    }
    let spend = try GammaGamma().fit(frequency: repeatFrequency, meanSpend: repeatSpend)
    countModel = count
    spendModel = spend
    var details = FitDetails()
    let m = count.model
    details.parameters =
      m.parameters.map { ($0.name, $0.value, Self.unit(of: $0.name, model: kind)) }
      + spend.parameters.map { ("Gamma-Gamma \($0.name)", $0.value, $0.name == "γ" || $0.name == "gamma" ? "spend" : "") }
    details.logLikelihood = m.logLikelihood
    details.converged = m.converged && spend.converged
    details.iterations = m.iterations
    details.trainingRows = histories.count
    details.weightCount = m.parameters.count + spend.parameters.count
    details.hyperparameters = [
      ("time unit", "weeks"), ("count model customers", "\(histories.count)"),
      ("spend model repeat customers", "\(repeatSpend.count)"),
      ("Gamma-Gamma log-likelihood", String(format: "%.2f", spend.logLikelihood)),
      ("frequency–spend correlation", frequencySpendCorrelation(frequency: repeatFrequency, meanSpend: repeatSpend).map { String(format: "%.3f", $0) } ?? "n/a"),
    ]
    if !m.converged { details.warnings.append("\(m.modelName) did not converge in \(m.iterations) iterations; its parameters may be off.") }
    if let limited = m.limitedParameters {
      details.warnings.append(
        "\(m.modelName) is unreliable here: \(limited.joined(separator: " and ")) ran to the limit of the fit, "
          + "so the data do not determine \(limited.count == 1 ? "it" : "them") (typical of a short history or of "
          + "customers who all behave alike); its predictions are the limiting model's.")
    }
    if !spend.converged { details.warnings.append("Gamma-Gamma did not converge in \(spend.iterations) iterations.") }
    return details
  }

  /// The unit of a parameter: rate-scale parameters (α, β) are in weeks.
  static func unit(of parameter: String, model: BTYDKind) -> String {
    switch parameter {
    case "alpha", "α", "beta", "β": return "weeks"
    default: return ""
    }
  }

  mutating func fit(_ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64) throws
    -> (CandidateOutput, FitDetails)
  {
    let details = try refit(data.features, context: context)
    return (predict(data.features, context: context), details)
  }

  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails? {
    try refit(table, context: context)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    guard let countModel, let spendModel else { preconditionFailure("predict before fit") }
    let m = countModel.model
    let horizon = context.horizonUnits
    let steps = max(1, Int(horizon.rounded()))
    let ratePerUnit = context.discountRate * context.btydDaysPerUnit / 365.25
    var spend = [Double](repeating: 0, count: table.rowCount)
    var alive = [Double](repeating: .nan, count: table.rowCount)
    var value = [Double](repeating: 0, count: table.rowCount)
    for i in 0..<table.rowCount {
      guard let (h, mean) = Self.history(table, row: i, daysPerUnit: context.btydDaysPerUnit) else { continue }
      let meanSpend = h.frequency > 0 && mean.isFinite && mean > 0 ? mean : spendModel.populationMeanSpend
      spend[i] = expectedSpend(countModel: m, spendModel: spendModel, history: h, meanSpend: meanSpend, horizon: horizon)
      if computesDiscountedValue {
        value[i] = discountedCLV(
          countModel: m, spendModel: spendModel, history: h, meanSpend: meanSpend, horizon: horizon, steps: steps,
          discountRatePerTimeUnit: ratePerUnit, margin: context.margin)
      }
      alive[i] = m.probabilityAlive(given: h)
    }
    return CandidateOutput(spend: spend, probabilityAlive: alive, discountedValue: computesDiscountedValue ? value : nil)
  }

  func saved() -> SavedCandidate {
    guard let countModel, let spendModel else { preconditionFailure("save before fit") }
    return .btyd(countModel, spendModel)
  }
}
