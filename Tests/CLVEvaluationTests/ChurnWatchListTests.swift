import Foundation
import Testing

@testable import CLVEvaluation

@Suite struct ChurnWatchListTests {
  /// Customers: value / churn. Eligible (churn ≥ 0.5): b 500/0.9, c 900/0.5, d 500/0.95,
  /// e 900/0.5 (tie with c on value and churn: id order c < e). Expected order by value
  /// desc, churn desc, id asc: c, e, d, b; limit 3 drops b. a (churn 0.4) never appears.
  @Test func ranksHighValueAtRiskCustomers() {
    let list = ChurnWatchList(threshold: 0.5, limit: 3).build(
      customerIDs: ["a", "b", "e", "d", "c"], predictedValue: [1_000, 500, 900, 500, 900],
      churnRisk: [0.4, 0.9, 0.5, 0.95, 0.5], recency: [1, 2, 3, 4, 5],
      frequency: [10, 20, 30, 40, 50], labels: [0, 1, 1, 2, 0],
      segmentNames: [0: "Champions", 1: "Hibernating"])
    #expect(list.map(\.customerID) == ["c", "e", "d"])
    #expect(
      list[0]
        == ChurnWatchListEntry(
          customerID: "c", predictedValue: 900, churnRisk: 0.5, recency: 5, frequency: 50,
          segment: 0, segmentName: "Champions"))
    #expect(list[2].segmentName == "Segment 2")
  }

  @Test func skipsNonFiniteAndRespectsEmptyLimit() throws {
    let list = ChurnWatchList(threshold: 0.5).build(
      customerIDs: ["x", "y"], predictedValue: [.nan, 10], churnRisk: [0.9, 0.9],
      recency: [0, 0], frequency: [0, 0], labels: [0, 0])
    #expect(list.map(\.customerID) == ["y"])
    let none = ChurnWatchList(threshold: 0.5, limit: 0).build(
      customerIDs: ["y"], predictedValue: [10], churnRisk: [0.9], recency: [0], frequency: [0],
      labels: [0])
    #expect(none.isEmpty)
    let json = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
    #expect(json.contains("\"customer_id\""))
  }
}
