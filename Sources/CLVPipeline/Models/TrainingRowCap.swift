import CLVFeatures

/// The most training rows one label-trained model fits on (`--training-rows-per-model`):
/// the deep MLPs, the sequence model and the boosted trees each take a seeded sample of
/// the stacked origin rows (``BacktestDataset/trainingFeatures``) when there are more, and
/// watch at most as many validation customers for early stopping (``monitorRows(of:)``; the
/// total calibration, the blend and the champion rule still read every validation customer).
///
/// Sample: row i (customer `id`, origin o) gets the key u = ``SplitAssigner/unitHash(_:)``
/// of its id under the seed `seed ⊕ salt ⊕ o`; the `limit` rows with the smallest (u, i)
/// are kept, in row order. It depends on the ids, origins and seed only, not on the
/// thread count or on which other models run; with at most `limit` rows every row is kept
/// and the fit is the one without a cap, bit for bit.
///
/// Why a cap: the fits' cost grows with their rows while their test accuracy flattens
/// out; on the 1M-row peer file (200,000 stacked rows) going to 50,000 cut the backtest's
/// CPU by a third and moved the best test Gini from 0.8389 (blend-log) to 0.8364 (the
/// hurdle trees, now the champion) (`reports/benchmarks.md`, cap-1204 section of 2026-12-04).
struct TrainingRowCap: Sendable, Equatable {
  /// Most rows; nil: every row.
  var limit: Int?
  /// The run's seed.
  var seed: UInt64

  /// The settings' cap: `--training-rows-per-model` and `--seed`.
  init(settings: RunSettings?) {
    self.init(limit: settings?.trainingRowsPerModel, seed: settings?.seed ?? 0)
  }

  init(limit: Int?, seed: UInt64) {
    precondition(limit.map { $0 > 0 } ?? true, "a cap keeps at least one row")
    self.limit = limit
    self.seed = seed
  }

  /// Salt of the sample's hash (kept apart from the split's and the per-origin sample's).
  static let salt: UInt64 = 0x5EED_CA9_0000_0000

  /// Indices into `data`'s training rows, ascending: all of them, or the sample.
  func rows(of data: BacktestDataset) -> [Int] {
    rows(ids: data.trainingFeatures.rowIDs, origins: data.trainingOrigin)
  }

  /// The validation customers (indices into `data.features`, ascending) whose loss stops a
  /// fit early: all of them, or the `limit` with the smallest hash of their id (under the
  /// seed ⊕ ``monitorSalt``), in row order.
  func monitorRows(of data: BacktestDataset) -> [Int] {
    let validation = data.indices(of: .validation)
    let ids = validation.map { data.features.rowIDs[$0] }
    let picked = rows(ids: ids, origins: Array(repeating: 0, count: ids.count), salt: Self.monitorSalt)
    return picked.count == validation.count ? validation : picked.map { validation[$0] }
  }

  /// Salt of the early-stopping sample's hash.
  static let monitorSalt: UInt64 = 0x3A1D_5A3F_0000_0000

  /// ``rows(of:)`` for rows with these ids and origins.
  func rows(ids: [String], origins: [Int32], salt: UInt64 = TrainingRowCap.salt) -> [Int] {
    precondition(ids.count == origins.count, "one origin per row")
    guard let limit, ids.count > limit else { return Array(ids.indices) }
    var hashers = [Int32: SplitAssigner]()
    let keys = ids.indices.map { i -> Double in
      let o = origins[i]
      let h =
        hashers[o]
        ?? SplitAssigner(seed: seed ^ salt ^ UInt64(UInt32(bitPattern: o)))
      hashers[o] = h
      return h.unitHash(ids[i])
    }
    return ids.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(limit).sorted()
  }

  /// The settings-table line: "50000 of 200000 (a seeded sample, --training-rows-per-model
  /// 50000; 4 origins)", or the count alone when every row was used.
  static func note(used: Int, of available: Int, limit: Int?, origins: Int) -> String {
    guard used < available, let limit else { return "\(used) (\(origins) origins)" }
    return "\(used) of \(available) (a seeded sample, --training-rows-per-model \(limit); \(origins) origins)"
  }

  /// The settings-table line of the early-stopping sample, nil when every validation
  /// customer was watched.
  static func monitorNote(used: Int, of available: Int) -> (String, String)? {
    guard used < available else { return nil }
    return ("early-stopping rows", "\(used) of the \(available) validation customers (a seeded sample, --training-rows-per-model)")
  }
}
