import CLVMath

/// K-fold cross-fitting on one set of rows: each fold's values come from a map fitted on
/// the other folds, so metrics computed on the rows judge the map out of sample
/// (Chernozhukov et al. 2018, "Double/debiased machine learning", Econometrics J. 21(1),
/// for the name; here it keeps a calibration or a blend fitted on validation from
/// grading itself on the same rows).
package enum CrossFitting {
  /// Fold of each of `count` rows: a seeded permutation cut into `folds` near-equal parts.
  package static func folds(count: Int, folds k: Int, seed: UInt64) -> [Int] {
    precondition(k >= 2, "at least two folds")
    var order = Array(0..<count)
    var rng = SplitMix64(seed: seed)
    order.seededShuffle(using: &rng)
    var fold = [Int](repeating: 0, count: count)
    for (position, row) in order.enumerated() { fold[row] = position * k / max(1, count) }
    return fold
  }

  /// Out-of-fold values: for fold f, `fit(rows not in f)` is applied to the rows in f.
  /// `fit` receives the training rows' indices and returns a function of a row index.
  ///
  /// The folds are fitted side by side, one coarse unit of ``WorkPool/shared`` each (at most
  /// `threads` at a time), so `fit` and the maps it returns are called from several threads
  /// at once and must only read shared state. Each fold writes only its held-out rows and
  /// its fit sees only its own training rows, so the values are the same bits with one
  /// thread or several.
  package static func outOfFold(
    count: Int, folds k: Int, seed: UInt64, threads: Int = .max, fit: ([Int]) -> (Int) -> Double
  ) -> [Double] {
    let fold = folds(count: count, folds: k, seed: seed)
    var out = [Double](repeating: .nan, count: count)
    out.withUnsafeMutableBufferPointer { out in
      WorkPool.shared.forEach(k, maxThreads: threads, coarse: true) { f, _ in
        let train = (0..<count).filter { fold[$0] != f }
        let held = (0..<count).filter { fold[$0] == f }
        guard !held.isEmpty else { return }
        let map = fit(train)
        for i in held { out[i] = map(i) }
      }
    }
    return out
  }
}
