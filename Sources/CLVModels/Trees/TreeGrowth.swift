/// How one tree of a boosted ensemble is grown (settings; the fitted tree is a
/// ``RegressionTree``).
///
/// Second-order (Newton) boosting as in XGBoost (Chen & Guestrin 2016, KDD, eq. 5–7):
/// for a node with gradient sum G and Hessian sum H, the best constant is
/// `w = −G/(H + λ)` and the loss falls by `½·G²/(H + λ)` to second order, so a split of
/// a node into L and R reduces the loss by
///
///     gain = ½·[G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)]
///
/// Trees grow best-first (leaf-wise, as LightGBM): the leaf whose best split has the
/// largest gain is split next, until `maxLeaves` leaves, no leaf at depth < `maxDepth`
/// with a split of gain > `minSplitGain`, or no split leaving `minLeafRows` rows and
/// `minLeafHessian` Hessian on each side.
package struct TreeGrowth: Sendable, Codable, Equatable {
  /// Most leaves per tree.
  package var maxLeaves: Int
  /// Most splits from the root to a leaf.
  package var maxDepth: Int
  /// Fewest training rows in a leaf.
  package var minLeafRows: Int
  /// Smallest Hessian sum in a leaf (guards against leaves with near-zero curvature).
  package var minLeafHessian: Double
  /// L2 penalty λ on leaf values.
  package var l2: Double
  /// Smallest gain worth a split.
  package var minSplitGain: Double

  /// Creates the settings.
  package init(
    maxLeaves: Int = 31, maxDepth: Int = 8, minLeafRows: Int = 20, minLeafHessian: Double = 1e-3,
    l2: Double = 1, minSplitGain: Double = 0
  ) {
    precondition(
      maxLeaves >= 2 && maxDepth >= 1 && minLeafRows >= 1, "a tree needs ≥ 2 leaves, depth ≥ 1, ≥ 1 row per leaf")
    precondition(minLeafHessian >= 0 && l2 >= 0 && minSplitGain >= 0, "non-negative penalties")
    self.maxLeaves = maxLeaves
    self.maxDepth = maxDepth
    self.minLeafRows = minLeafRows
    self.minLeafHessian = minLeafHessian
    self.l2 = l2
    self.minSplitGain = minSplitGain
  }

  /// The loss reduction `½·G²/(H + λ)` of a node's best constant.
  @inline(__always)
  func score(_ g: Double, _ h: Double) -> Double { 0.5 * g * g / (h + l2) }

  /// The best constant `−G/(H + λ)` of a node.
  @inline(__always)
  func leafValue(_ g: Double, _ h: Double) -> Double { -g / (h + l2) }
}
