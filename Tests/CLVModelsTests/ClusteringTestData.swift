import CLVMath

/// Synthetic data for the clustering tests.
enum ClusteringTestData {
  /// `perCluster` points around each centre with per-coordinate normal noise `spread`;
  /// returns the data (rows grouped by cluster) and the true labels.
  static func blobs(
    centres: [[Double]], perCluster: Int, spread: Double, seed: UInt64
  ) -> (x: Matrix, labels: [Int]) {
    var rng = SplitMix64(seed: seed)
    var rows = [[Double]]()
    var labels = [Int]()
    for (c, centre) in centres.enumerated() {
      for _ in 0..<perCluster {
        rows.append(centre.map { $0 + rng.nextNormal(standardDeviation: spread) })
        labels.append(c)
      }
    }
    return (Matrix(rowArrays: rows), labels)
  }

  /// Four well-separated blobs in 3-D (centres 10 apart, noise sd 0.5).
  static func fourBlobs(perCluster: Int = 100, seed: UInt64 = 1) -> (x: Matrix, labels: [Int]) {
    blobs(
      centres: [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], perCluster: perCluster,
      spread: 0.5, seed: seed)
  }

  /// `n` points uniform in the unit square: no cluster structure, many Lloyd steps.
  static func uniform(n: Int, d: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in rng.nextUniform() })
  }
}
