import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// A buy-till-you-die count model with the Gamma-Gamma spend model.
///
/// Label-free: fitted on the calibration data of every customer with a purchase
/// (as in the papers), in weeks, with x = repeat purchase days,
/// tₓ = (last − first purchase day) / 7 and T = (cutoff − 1 − first purchase day) / 7,
/// the convention of Fader, Hardie & Lee (2005) on CDNOW. Customers whose first
/// purchase is on the last day (T = 0) carry no information and are left out of
/// the fit; they are predicted with T = half a day. The spend model is fitted on
/// repeat customers' mean repeat-purchase-day value (> 0).
struct BTYDCandidate<Fitter: PurchaseCountFitter>: Candidate {
  let descriptor: CandidateDescriptor
  let fitter: Fitter
  var countModel: Fitter.Model?
  var spendModel: GammaGammaModel?
  /// Whether `predict` also computes the discounted value (a weekly sum of
  /// conditional expectations, the costly part); off for a companion model whose
  /// P(alive) and expected spend are all that is used.
  var computesDiscountedValue = true
  let needsLabels = false
  var usedFeatures: [String]? { BTYDHistories.columns.map(\.rawValue) }
  var purchaseCountModel: (any PurchaseCountModel)? { countModel }

  init(descriptor: CandidateDescriptor, fitter: Fitter) {
    self.descriptor = descriptor
    self.fitter = fitter
  }

  /// The descriptor of the BTYD model `fitter` fits, with Gamma-Gamma spend.
  static func descriptor(key: String, name: String, summary: String, fitter: Fitter) -> CandidateDescriptor {
    CandidateDescriptor(
      key: key, name: name, summary: summary, family: .probabilistic,
      methodNotes: [
        "BG/NBD, MBG/NBD, Pareto/NBD: purchases follow a Poisson process while a customer is alive; rates and dropout vary across customers (gamma and beta/gamma mixing); dropout is unobserved. Fitted on frequency, recency and age only.",
        "Gamma-Gamma: spend per purchase varies around a customer mean, independent of purchase frequency (checked in the probabilistic section).",
      ],
      capabilities: [.probabilityAlive],
      make: { d, _ in BTYDCandidate(descriptor: d, fitter: fitter) },
      restore: { d, decoder in
        var c = BTYDCandidate(descriptor: d, fitter: fitter)
        let state = try decoder.container(keyedBy: StateKeys.self)
        c.countModel = try state.decode(Fitter.Model.self, forKey: .count)
        c.spendModel = try state.decode(GammaGammaModel.self, forKey: .spend)
        return c
      })
  }

  enum StateKeys: String, CodingKey { case count, spend }

  mutating func refit(_ table: FeatureTable, context: ModelContext) throws -> FitDetails {
    var histories = [PurchaseHistory]()
    var repeatFrequency = [Double]()
    var repeatSpend = [Double]()
    let columns = BTYDHistories.Columns(table)
    for i in 0..<table.rowCount {
      guard let (h, spend) = columns.history(i, daysPerUnit: context.btydDaysPerUnit) else { continue }
      guard let tenure = columns.tenure?[i], tenure > 1 else { continue }
      histories.append(h)
      if h.frequency > 0, spend.isFinite, spend > 0 {
        repeatFrequency.append(h.frequency)
        repeatSpend.append(spend)
      }
    }
    let m = try fitter.fit(histories)
    let spend = try GammaGamma().fit(frequency: repeatFrequency, meanSpend: repeatSpend)
    countModel = m
    spendModel = spend
    var details = FitDetails()
    details.parameters =
      m.parameters.map { ($0.name, $0.value, Self.unit(of: $0.name)) }
      + spend.parameters.map {
        ("Gamma-Gamma \($0.name)", $0.value, $0.name == "γ" || $0.name == "gamma" ? "spend" : "")
      }
    details.timeUnit = "weeks"
    details.logLikelihood = m.logLikelihood
    details.converged = m.converged && spend.converged
    details.iterations = m.iterations
    details.trainingRows = histories.count
    details.weightCount = m.parameters.count + spend.parameters.count
    details.hyperparameters = [
      ("time unit", "weeks"), ("count model customers", "\(histories.count)"),
      ("spend model repeat customers", "\(repeatSpend.count)"),
      ("Gamma-Gamma log-likelihood", String(format: "%.2f", spend.logLikelihood)),
      (
        "frequency–spend correlation",
        frequencySpendCorrelation(frequency: repeatFrequency, meanSpend: repeatSpend).map { String(format: "%.3f", $0) }
          ?? "n/a"
      ),
    ]
    if !m.converged {
      details.warnings.append(
        "\(m.modelName) did not converge in \(m.iterations) iterations; its parameters may be off.")
    }
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
  static func unit(of parameter: String) -> String {
    switch parameter {
    case "alpha", "α", "beta", "β": return "weeks"
    default: return ""
    }
  }

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    let details = try refit(data.features, context: context)
    // The backtest reads each run's spend only (``BacktestStage`` keeps nothing else), so
    // the discounted value, a sum over every week of the horizon, is left out here.
    var scorer = self
    scorer.computesDiscountedValue = false
    return (scorer.predict(data.features, context: context), details)
  }

  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails? {
    try refit(table, context: context)
  }

  func companion() -> any Candidate {
    var c = self
    c.computesDiscountedValue = false
    return c
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    guard let m = countModel, let spendModel else { preconditionFailure("predict before fit") }
    let horizon = context.horizonUnits
    let steps = max(1, Int(horizon.rounded()))
    let ratePerUnit = context.discountRate * context.btydDaysPerUnit / 365.25
    // The count model's quantities depend on the customer only through (x, tₓ, T), so they
    // are computed once per distinct history (``DistinctHistories``) and shared; the spend
    // factor E[Z | x, m] is per customer. Each value is the product ``expectedSpend`` and
    // ``discountedCLV`` form, in the same order, so the bits do not change.
    var rows = [Int]()
    var histories = [PurchaseHistory]()
    var means = [Double]()
    let columns = BTYDHistories.Columns(table)
    for i in 0..<table.rowCount {
      guard let (h, mean) = columns.history(i, daysPerUnit: context.btydDaysPerUnit) else { continue }
      rows.append(i)
      histories.append(h)
      means.append(mean)
    }
    let distinct = DistinctHistories(histories)
    let discounting = computesDiscountedValue
    let counts = Self.perPattern(distinct.patterns) { h in
      PatternValues(
        expected: m.conditionalExpectedTransactions(in: horizon, given: h),
        discounted: discounting
          ? discountedTransactions(
            countModel: m, history: h, horizon: horizon, steps: steps, discountRatePerTimeUnit: ratePerUnit) : 0,
        alive: m.probabilityAlive(given: h))
    }
    var spend = [Double](repeating: 0, count: table.rowCount)
    var alive = [Double](repeating: .nan, count: table.rowCount)
    var value = [Double](repeating: 0, count: table.rowCount)
    for (k, i) in rows.enumerated() {
      let (h, mean) = (histories[k], means[k])
      let c = counts[Int(distinct.index[k])]
      let meanSpend = h.frequency > 0 && mean.isFinite && mean > 0 ? mean : spendModel.populationMeanSpend
      let perPurchase = spendModel.conditionalExpectedAverageSpend(frequency: h.frequency, meanSpend: meanSpend)
      spend[i] = c.expected * perPurchase
      if computesDiscountedValue { value[i] = c.discounted * perPurchase * context.margin }
      alive[i] = c.alive
    }
    return CandidateOutput(
      spend: spend, probabilityAlive: alive, discountedValue: computesDiscountedValue ? value : nil)
  }

  /// The count model's quantities of one distinct history.
  struct PatternValues {
    var expected = 0.0
    var discounted = 0.0
    var alive = 0.0
  }

  /// Patterns per unit of ``perPattern(_:_:)`` (at least; more when there are so many
  /// patterns that the units would exceed ``WorkPool/maximumUnits``).
  static var patternBlock: Int { 4096 }

  /// `value(patterns[k])` for every k, in order, computed in blocks of patterns side by side
  /// (``WorkPool``): each block writes only its own slots and each value depends only on its
  /// pattern, so the result is the same bits with one thread or two. On a large shop these
  /// are the prediction's costly part (the Pareto/NBD's P(alive) and the discounted sums run
  /// a series per pattern) and, at the end of the backtest, often all that is left to run.
  static func perPattern(
    _ patterns: [PurchaseHistory], threads: Int = .max, _ value: (PurchaseHistory) -> PatternValues
  ) -> [PatternValues] {
    let n = patterns.count
    let block = max(patternBlock, (n + WorkPool.maximumUnits - 1) / WorkPool.maximumUnits)
    var out = [PatternValues](repeating: PatternValues(), count: n)
    out.withUnsafeMutableBufferPointer { out in
      WorkPool.shared.forEach((n + block - 1) / block, maxThreads: threads) { u, _ in
        for k in (u * block)..<min(n, (u + 1) * block) { out[k] = value(patterns[k]) }
      }
    }
    return out
  }

  func encodeState(to encoder: any Encoder) throws {
    guard let countModel, let spendModel else { preconditionFailure("save before fit") }
    var state = encoder.container(keyedBy: StateKeys.self)
    try state.encode(countModel, forKey: .count)
    try state.encode(spendModel, forKey: .spend)
  }
}

extension CandidateDescriptor {
  static let bgnbd = BTYDCandidate.descriptor(
    key: "bgnbd", name: "BG/NBD + Gamma-Gamma",
    summary: "beta-geometric/NBD purchase counts (Fader, Hardie & Lee 2005) and Gamma-Gamma spend", fitter: BGNBD())
  static let mbgnbd = BTYDCandidate.descriptor(
    key: "mbgnbd", name: "MBG/NBD + Gamma-Gamma",
    summary: "modified BG/NBD, dropout possible before the first repeat (Batislam et al. 2007)", fitter: MBGNBD())
  static let paretonbd = BTYDCandidate.descriptor(
    key: "paretonbd", name: "Pareto/NBD + Gamma-Gamma",
    summary: "Pareto/NBD purchase counts (Schmittlein, Morrison & Colombo 1987)", fitter: ParetoNBD())
}
