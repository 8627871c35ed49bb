/// The training objective of an ``MLPRegressor``.
package enum MLPLoss: String, Sendable, Codable, Equatable, CaseIterable {
  /// Zero-inflated lognormal (Wang, Liu & Miao 2019): 3 outputs, a purchase
  /// probability and a lognormal spend given purchase. See ``ZILNLoss``.
  case ziln
  /// Mean squared error on the label (standardised internally): 1 output.
  case mse

  /// Network outputs per row.
  package var outputCount: Int {
    switch self {
    case .ziln: 3
    case .mse: 1
    }
  }
}
