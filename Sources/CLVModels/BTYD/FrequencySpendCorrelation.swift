/// Pearson correlation between purchase frequency and mean spend among repeat customers,
/// the usual check of the Gamma-Gamma model's independence assumption.
///
///     ρ = Σ (xᵢ − x̄)(mᵢ − m̄) / √(Σ (xᵢ − x̄)² · Σ (mᵢ − m̄)²),  over customers with xᵢ > 0
///
/// Values near 0 support the assumption (CDNOW: about 0.11); large |ρ| suggests a spend
/// model conditioned on frequency. Two-pass algorithm (means first), exact to rounding.
/// Reference: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", §2.
/// - Returns: ρ, or nil with fewer than two repeaters or zero variance.
package func frequencySpendCorrelation(frequency: [Double], meanSpend: [Double]) -> Double? {
  precondition(frequency.count == meanSpend.count, "one mean spend per frequency")
  let pairs = zip(frequency, meanSpend).filter { $0.0 > 0 }
  guard pairs.count >= 2 else { return nil }
  let n = Double(pairs.count)
  let mx = pairs.reduce(0) { $0 + $1.0 } / n
  let mm = pairs.reduce(0) { $0 + $1.1 } / n
  var sxy = 0.0, sxx = 0.0, smm = 0.0
  for (x, m) in pairs {
    sxy += (x - mx) * (m - mm)
    sxx += (x - mx) * (x - mx)
    smm += (m - mm) * (m - mm)
  }
  guard sxx > 0, smm > 0 else { return nil }
  return sxy / (sxx * smm).squareRoot()
}
