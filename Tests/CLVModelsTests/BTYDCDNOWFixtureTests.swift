import CLVModels
import Testing

/// The test-side summary reproduces the counts published for the CDNOW sample.
@Suite struct BTYDCDNOWFixtureTests {
  let data = BTYDCDNOWFixture.shared

  @Test func customerAndRepeaterCounts() {
    #expect(data.histories.count == 2357)
    #expect(data.histories.filter { $0.frequency > 0 }.count == 946)
  }

  /// FHL 2005: 2,457 repeat purchases by week 39, 4,339 by week 78 (exact counts).
  @Test func cumulativeRepeatPurchases() {
    let calibration = data.histories.reduce(0) { $0 + $1.frequency }
    #expect(calibration == 2457)
    #expect(calibration + data.holdoutCounts.reduce(0, +) == 4339)
  }

  @Test func firstOfJanuaryCustomerHasAge38point86() {
    #expect(BTYDCDNOWFixture.dayNumber(19970930) == 272)
    #expect(abs((data.histories.map(\.age).max() ?? 0) - 272.0 / 7) < 1e-12)
  }

  /// Actual holdout means by calibration frequency 0…6, 7+ (reference.md), ±0.0005.
  @Test func holdoutMeansByFrequency() {
    let means = BTYDHoldoutGroups.means(data.holdoutCounts, by: data.histories)
    let published = [0.237, 0.697, 1.393, 1.560, 2.532, 2.947, 3.862, 6.359]
    for (m, p) in zip(means, published) { #expect(abs(m - p) < 5e-4, "\(m) vs \(p)") }
  }
}

/// Groups customers by calibration frequency 0, 1, …, 6, 7+ (FHL 2005, Figure 4).
enum BTYDHoldoutGroups {
  static func means(_ values: [Double], by histories: [PurchaseHistory]) -> [Double] {
    var sum = [Double](repeating: 0, count: 8), count = [Double](repeating: 0, count: 8)
    for (v, h) in zip(values, histories) {
      let g = min(7, Int(h.frequency))
      sum[g] += v
      count[g] += 1
    }
    return zip(sum, count).map { $0 / $1 }
  }
}
