import CLVFeatures
import CLVMath
import Testing

@testable import CLVPipeline

/// Reasons per customer: sampled Shapley values against typical customers.
@Suite struct CustomerReasonsTests {
  /// A model whose prediction depends on one feature only: 100 when the last purchase is
  /// less than 30 days ago, else 0 (plus nothing from every other feature).
  static func recencyDecides(_ t: FeatureTable) -> [Double] {
    t.numeric("recency_days")!.values.map { $0 < 30 ? 100 : 0 }
  }

  static func table(_ n: Int, recency: (Int) -> Double) -> FeatureTable {
    FeatureTable(
      rowIDs: (0..<n).map { "c\($0)" },
      numeric: [
        NumericColumn(name: "recency_days", values: (0..<n).map(recency)),
        NumericColumn(name: "frequency", values: (0..<n).map { Double($0 % 7) }),
        NumericColumn(name: "gap_mean_days", values: (0..<n).map { 20 + Double($0 % 5) }),
        NumericColumn(name: "spend_365d", values: (0..<n).map { 50 * Double($0 % 4) }),
      ],
      categorical: [CategoricalColumn(name: "channel", values: (0..<n).map { $0 % 2 == 0 ? "web" : "shop" })])
  }

  @Test func theOneFeatureThatDecidesTakesTheWholeDifference() throws {
    // Background: 16 typical customers, 4 of them recent (f = 100), 12 not (f = 0): mean 25.
    let background = Self.table(16) { $0 < 4 ? 10 : 120 }
    let reasons = CustomerReasons(background: background)
    let customers = Self.table(3) { [5, 200, 29][$0] }
    let features = ["recency_days", "frequency", "gap_mean_days", "spend_365d", "channel"]
    let phi = reasons.shapley(
      table: customers, rows: [0, 1, 2], features: features, seed: 42, predict: Self.recencyDecides)
    // Exact: φ(recency) = f(x) − mean f(z) = 100 − 25 or 0 − 25; every other feature 0.
    #expect(phi[0] == [75, 0, 0, 0, 0])
    #expect(phi[1] == [-25, 0, 0, 0, 0])
    #expect(phi[2] == [75, 0, 0, 0, 0])
    let words = reasons.reasons(table: customers, row: 1, features: features, phi: phi[1])
    #expect(
      words == [
        CustomerReason(feature: "recency_days", contribution: -25, text: "no purchase in 200 days, usually every 21")
      ])
    #expect(ReasonWording.line(words) == "no purchase in 200 days, usually every 21 (-25.00)")
  }

  @Test func contributionsAddUpAndRepeatForTheSameSeed() {
    // An interaction model: efficiency must still hold exactly for the drawn backgrounds.
    let model: (FeatureTable) -> [Double] = { t in
      let r = t.numeric("recency_days")!.values, f = t.numeric("frequency")!.values, s = t.numeric("spend_365d")!.values
      let c = t.categorical[0].values
      return r.indices.map { i in (f[i] + 1) * s[i] / (1 + r[i] / 30) + (c[i] == "web" ? 15 : 0) }
    }
    let background = Self.table(16) { 10 + Double($0 * 11) }
    let reasons = CustomerReasons(background: background)
    let customers = Self.table(5) { 3 + Double($0 * 40) }
    let features = ["recency_days", "frequency", "gap_mean_days", "spend_365d", "channel"]
    let phi = reasons.shapley(table: customers, rows: Array(0..<5), features: features, seed: 7, predict: model)
    let fx = model(customers), fz = model(background)
    let meanZ = fz.reduce(0, +) / Double(fz.count)
    for r in 0..<5 {
      #expect(abs(phi[r].reduce(0, +) - (fx[r] - meanZ)) < 1e-9)
      #expect(phi[r][2] == 0, "gap_mean_days is not read by the model")
    }
    let again = reasons.shapley(table: customers, rows: [3, 1], features: features, seed: 7, predict: model)
    #expect(again == [phi[3], phi[1]], "a customer's reasons do not depend on who else is explained")
  }

  @Test func theSelectionFollowsTheWatchListRule() {
    let t = Self.table(6) { $0 == 5 ? .nan : 10 }
    let rows = CustomerReasons.selection(
      table: t, value: [5, 50, 30, 80, 10, 999], churn: [0.9, 0.6, 0.4, 0.5, 0.7, 0.9])
    // Risk ≥ 50% with a purchase (row 5 has none), most valuable first.
    #expect(rows == [3, 1, 4, 0])
  }
}
