/// The conventional reading of a population stability index.
///
/// Bands: PSI < 0.1 stable, 0.1 ≤ PSI < 0.25 moderate shift, PSI ≥ 0.25 significant
/// shift (Siddiqi 2006, *Credit Risk Scorecards*, ch. 8; Yurdakul 2018, "Statistical
/// properties of the population stability index", WMU dissertation).
package enum StabilityBand: String, Codable, Sendable, Equatable {
  /// PSI < 0.1.
  case stable
  /// 0.1 ≤ PSI < 0.25.
  case moderateShift
  /// PSI ≥ 0.25.
  case significantShift

  /// The band of `psi`.
  package init(psi: Double) {
    if psi < 0.1 {
      self = .stable
    } else if psi < 0.25 {
      self = .moderateShift
    } else {
      self = .significantShift
    }
  }
}
