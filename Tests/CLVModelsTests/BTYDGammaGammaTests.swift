import CLVModels
import Testing

/// Gamma-Gamma on the CDNOW sample's 946 repeaters against Fader & Hardie (2013).
@Suite struct BTYDGammaGammaTests {
  let data = BTYDCDNOWFixture.shared
  static let model: GammaGammaModel = {
    let data = BTYDCDNOWFixture.shared
    do {
      return try GammaGamma().fit(
        frequency: data.histories.map(\.frequency), meanSpend: data.meanRepeatSpend)
    } catch { preconditionFailure("Gamma-Gamma fit failed: \(error)") }
  }()
  var model: GammaGammaModel { Self.model }

  /// p = 6.25, q = 3.74, γ = 15.44 (published to 2 decimals: ±0.006), ℓ = −4055.92 (±0.005),
  /// fitted on the mean spend of calibration-period repeat purchase days of the 946 repeaters.
  @Test func parametersAndLogLikelihoodMatchTheNote() {
    #expect(model.converged)
    #expect(model.customers == 946)
    let published = [6.25, 3.74, 15.44]
    for (p, q) in zip(model.parameters.map(\.value), published) {
      #expect(abs(p - q) < 6e-3, "\(p) vs \(q)")
    }
    #expect(abs(model.logLikelihood - -4055.92) < 0.005)
  }

  /// E[Z] = pγ/(q−1) = 35.17 (±0.01).
  @Test func populationMeanSpend() {
    #expect(abs(model.populationMeanSpend - 35.17) < 0.01)
  }

  /// The conditional mean is a weighted average of the population mean and m with weight
  /// px/(px+q−1) on m (hand-computed for p = 2, q = 3, γ = 10: E[Z] = 10; x = 4, m = 30
  /// gives (20 + 240)/10 = 26); x = 0 gives the population mean.
  @Test func conditionalSpendByHand() {
    let m = GammaGammaModel(p: 2, q: 3, gamma: 10)
    #expect(abs(m.conditionalExpectedAverageSpend(frequency: 4, meanSpend: 30) - 26) < 1e-12)
    #expect(abs(m.conditionalExpectedAverageSpend(frequency: 0, meanSpend: 0) - 10) < 1e-12)
  }

  /// The independence check: frequency and mean spend of repeaters are only weakly
  /// correlated in CDNOW (Fader & Hardie 2013 report 0.11); a tiny hand case gives ρ = 1.
  @Test func frequencySpendIndependence() {
    let rho = frequencySpendCorrelation(
      frequency: data.histories.map(\.frequency), meanSpend: data.meanRepeatSpend)
    #expect(rho != nil)
    #expect(abs((rho ?? 9) - 0.11) < 0.01, "ρ = \(rho ?? .nan)")
    #expect(abs((frequencySpendCorrelation(frequency: [0, 1, 2, 3], meanSpend: [5, 1, 2, 3]) ?? 0) - 1) < 1e-12)
  }
}
