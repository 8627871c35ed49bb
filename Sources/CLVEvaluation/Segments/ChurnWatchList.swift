/// One customer on the churn watch-list, with the numbers behind the listing.
package struct ChurnWatchListEntry: Sendable, Codable, Equatable {
  /// Customer id.
  package let customerID: String
  /// Predicted CLV.
  package let predictedValue: Double
  /// Churn risk in [0, 1].
  package let churnRisk: Double
  /// Recency, in the unit of the feature table.
  package let recency: Double
  /// Frequency, in the unit of the feature table.
  package let frequency: Double
  /// Cluster label.
  package let segment: Int
  /// Segment name ("Segment N" when none was given).
  package let segmentName: String

  enum CodingKeys: String, CodingKey {
    case recency, frequency, segment
    case customerID = "customer_id"
    case predictedValue = "predicted_value"
    case churnRisk = "churn_risk"
    case segmentName = "segment_name"
  }

  /// Creates an entry.
  package init(
    customerID: String, predictedValue: Double, churnRisk: Double, recency: Double,
    frequency: Double, segment: Int, segmentName: String
  ) {
    self.customerID = customerID
    self.predictedValue = predictedValue
    self.churnRisk = churnRisk
    self.recency = recency
    self.frequency = frequency
    self.segment = segment
    self.segmentName = segmentName
  }
}

/// The customers most worth saving: the highest predicted value among those whose churn
/// risk is at least `threshold`.
///
/// Order: predicted value descending, then churn risk descending, then customer id
/// ascending, then row order (a total order, so the list is deterministic). Non-finite values are
/// skipped.
package struct ChurnWatchList: Sendable, Codable, Equatable {
  /// Minimum churn risk to be listed.
  package var threshold: Double
  /// Maximum number of customers listed.
  package var limit: Int

  /// Creates the list's settings.
  package init(threshold: Double = 0.5, limit: Int = 100) {
    precondition(limit >= 0, "limit must be ≥ 0")
    self.threshold = threshold
    self.limit = limit
  }

  /// The watch-list for n customers given as parallel arrays.
  package func build(
    customerIDs: [String], predictedValue: [Double], churnRisk: [Double], recency: [Double],
    frequency: [Double], labels: [Int], segmentNames: [Int: String] = [:]
  ) -> [ChurnWatchListEntry] {
    let n = customerIDs.count
    precondition(
      [predictedValue.count, churnRisk.count, recency.count, frequency.count, labels.count]
        .allSatisfy { $0 == n },
      "all columns must cover the same customers")
    let candidates = (0..<n).filter {
      churnRisk[$0] >= threshold && predictedValue[$0].isFinite && churnRisk[$0].isFinite
    }
    let ranked = candidates.sorted { a, b in
      if predictedValue[a] != predictedValue[b] { return predictedValue[a] > predictedValue[b] }
      if churnRisk[a] != churnRisk[b] { return churnRisk[a] > churnRisk[b] }
      if customerIDs[a] != customerIDs[b] { return customerIDs[a] < customerIDs[b] }
      return a < b
    }
    return ranked.prefix(limit).map { i in
      ChurnWatchListEntry(
        customerID: customerIDs[i], predictedValue: predictedValue[i], churnRisk: churnRisk[i],
        recency: recency[i], frequency: frequency[i], segment: labels[i],
        segmentName: segmentNames[labels[i]] ?? "Segment \(labels[i])")
    }
  }
}
