import CLVMath

/// A hurdle model of zero-heavy spend from two boosted ensembles:
///
///     E[Y | x] = P(Y > 0 | x) · E[Y | Y > 0, x]
///
/// the first a ``BoostingLoss/logistic`` classifier on every row, the second a
/// ``BoostingLoss/gamma`` regressor (log link) on the rows with spend. Cragg (1971),
/// "Some statistical models for limited dependent variables", Econometrica 39(5); the
/// two-part model of insurance pricing (frequency × severity).
package struct HurdleBoosting: Sendable, Codable, Equatable {
  /// Settings of the purchase classifier (its loss is set to logistic).
  package var purchase: GradientBoosting
  /// Settings of the spend regressor on buyers (its loss is set to gamma).
  package var spend: GradientBoosting

  /// Creates the settings.
  package init(purchase: GradientBoosting = GradientBoosting(), spend: GradientBoosting = GradientBoosting()) {
    self.purchase = purchase
    self.purchase.loss = .logistic
    self.spend = spend
    self.spend.loss = .gamma
  }

  /// Fits both parts; the spend part early-stops on the validation rows with spend.
  /// - Throws: ``GradientBoostingError/noTrainingRows`` when no training row has spend.
  package func fit(
    x: Matrix, y: [Double], validationX: Matrix, validationY: [Double],
    using rng: inout some RandomNumberGenerator
  ) throws(GradientBoostingError) -> HurdleBoostedModel {
    let p = try purchase.fit(x: x, y: y, validationX: validationX, validationY: validationY, using: &rng)
    let buyers = y.indices.filter { y[$0] > 0 }
    let validationBuyers = validationY.indices.filter { validationY[$0] > 0 }
    guard !buyers.isEmpty else { throw .noTrainingRows }
    let m = try spend.fit(
      x: x.selectingRows(buyers), y: buyers.map { y[$0] }, validationX: validationX.selectingRows(validationBuyers),
      validationY: validationBuyers.map { validationY[$0] }, using: &rng)
    return HurdleBoostedModel(purchase: p, spend: m)
  }
}

/// A fitted ``HurdleBoosting``.
package struct HurdleBoostedModel: Sendable, Codable, Equatable {
  /// P(Y > 0 | x).
  package let purchase: GradientBoostedModel
  /// E[Y | Y > 0, x].
  package let spend: GradientBoostedModel

  /// Purchase probability, spend given a purchase, and their product, per row of `x`.
  ///
  /// Both ensembles read the same rows: they are laid out on the union of their split
  /// thresholds (``BinnedEnsemble/sharedThresholds(_:)``) and walk one binning of `x`
  /// instead of one each (the binning was a third of a prediction's cost). Each row reaches
  /// the leaves it reaches with either ensemble's own binning, so the values are those of
  /// ``GradientBoostedModel/predict(_:)`` bit for bit.
  package func predict(_ x: Matrix) -> (value: [Double], probability: [Double], spendIfPurchase: [Double]) {
    let p: [Double]
    let m: [Double]
    if let shared = BinnedEnsemble.sharedThresholds([purchase, spend]),
      let binnedPurchase = BinnedEnsemble(purchase, thresholds: shared),
      let binnedSpend = BinnedEnsemble(spend, thresholds: shared)
    {
      precondition(x.columns == purchase.featureCount, "model expects \(purchase.featureCount) features, got \(x.columns)")
      let codes = binnedPurchase.codes(x)
      p = binnedPurchase.predict(codes)
      m = binnedSpend.predict(codes)
    } else {
      p = purchase.predict(x)
      m = spend.predict(x)
    }
    return (zip(p, m).map { $0 * $1 }, p, m)
  }
}
