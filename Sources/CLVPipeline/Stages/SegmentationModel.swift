import CLVMath
import CLVModels
import Foundation

/// The fitted segmentation, saved in `model.json` so `clv score` assigns the
/// same segments and actions: which features, their standardisation, the
/// K-Means centroids, and each cluster's name and headline action.
struct SegmentationModel: Sendable, Codable {
  /// Feature names in column order.
  var features: [String]
  /// Standardisation of each feature (after `log1p` for the skewed ones).
  var means: [Double]
  var deviations: [Double]
  var kmeans: KMeansModel
  /// Name and headline action of each cluster label.
  var names: [String]
  var actions: [String]

  /// Segment given to customers who have not bought yet (they have no RFM values).
  static let prospectName = "Prospects (no purchase yet)"
  /// Its action: fixed, because a segment of non-buyers has no profile to match rules on.
  static let prospectAction = "Welcome journey towards a first order"

  /// The clustering inputs of one customer: log recency, frequency, monetary value
  /// and tenure, log predicted CLV and churn risk; nil without a purchase.
  static func rawRow(
    recency: Double, frequency: Double, monetary: Double, tenure: Double, clv: Double, churn: Double
  ) -> [Double]? {
    guard isBuyer(recency, frequency, tenure) else { return nil }
    return [
      log1p(max(0, recency)), log1p(max(0, frequency)), log1p(max(0, monetary.isFinite ? monetary : 0)),
      log1p(max(0, tenure)), log1p(max(0, clv.isFinite ? clv : 0)), churn.isFinite ? churn : 1,
    ]
  }

  /// Whether a customer has the clustering inputs of a buyer (a purchase before the as-of date).
  static func isBuyer(_ recency: Double, _ frequency: Double, _ tenure: Double) -> Bool {
    recency.isFinite && frequency.isFinite && tenure.isFinite
  }

  /// Feature names of ``rawRow(recency:frequency:monetary:tenure:clv:churn:)``.
  static let featureNames = ["recency", "frequency", "monetary", "tenure", "predicted_clv", "churn_risk"]

  /// The rows of `raw` (one customer per row, ``featureNames`` columns) standardised.
  func standardised(_ raw: Matrix) -> Matrix {
    Self.standardised(raw, means: means, deviations: deviations)
  }

  /// z = (x − mean) / deviation, element by element: the one place the segmentation's
  /// inputs are standardised (fitting and assigning). In place when the caller hands
  /// over its only copy (`consume`).
  static func standardised(_ raw: consuming Matrix, means: [Double], deviations: [Double]) -> Matrix {
    for i in 0..<raw.rows {
      for j in 0..<raw.columns { raw[i, j] = (raw[i, j] - means[j]) / deviations[j] }
    }
    return raw
  }

  /// The cluster label of each raw row (standardised in place when the caller hands over
  /// its only copy).
  func labels(_ raw: consuming Matrix) -> [Int] {
    raw.rows == 0 ? [] : kmeans.predict(Self.standardised(raw, means: means, deviations: deviations))
  }
}
