/// The backtest's rows: every customer known before the cutoff, their features
/// as of the cutoff, their label (net spend in the following horizon) and their
/// split; plus the stacked training rows of the earlier origins.
package struct BacktestDataset: Sendable {
  /// The plan it was built from.
  package let plan: BacktestPlan
  /// Features as of the cutoff, one row per customer known before it, in id order (the
  /// ids only after ``dropFeatureValues()``).
  package private(set) var features: FeatureTable
  /// Net spend in `cutoff ..< asOf`, floored at 0.
  package let labels: [Double]
  /// Split of each row.
  package let split: [DataSplit]
  /// Training rows for label-using models: the train customers at every origin,
  /// stacked (cutoff first). Validation and test customers never appear here.
  package let trainingFeatures: FeatureTable
  /// Labels of `trainingFeatures`.
  package let trainingLabels: [Double]
  /// Origin of each training row.
  package let trainingOrigin: [Int32]
  /// Train customers known at each origin (in `plan.origins` order) and how many of
  /// them are training rows: all, or a seeded sample of `trainingRowsPerOrigin`.
  package let trainingAvailable: [Int]
  package let trainingUsed: [Int]
  /// The most training rows taken from one origin (nil: all of them).
  package let trainingRowsPerOrigin: Int?

  /// Builds the dataset from the logs. Precondition: the plan is feasible.
  ///
  /// The training sample is drawn from the ids before any feature is computed
  /// (``FeatureBuilder/backtestRows(plan:splitter:trainingRowsPerOrigin:)``): the rows are
  /// those of ``init(rows:plan:splitter:trainingRowsPerOrigin:trainAvailable:)`` on every origin's
  /// full rows, without building the features of the customers the cap leaves out.
  package init(builder: FeatureBuilder, plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil)
  {
    let (origins, available) = builder.backtestRows(
      plan: plan, splitter: splitter, trainingRowsPerOrigin: trainingRowsPerOrigin)
    self.init(
      origins: origins, plan: plan, splitter: splitter, trainingRowsPerOrigin: trainingRowsPerOrigin,
      trainAvailable: available)
  }

  /// Builds the dataset from feature rows (made from the logs or read from `clv features`
  /// output). Preconditions: the plan is feasible and `rows` has each of its origins.
  ///
  /// With `trainingRowsPerOrigin`, an origin with more train customers contributes a sample of
  /// that many: those whose ``SplitAssigner/unitHash(_:)`` under a per-origin seed is
  /// smallest, so the sample depends only on the ids, the seed and the origin (not on where
  /// the rows came from or in which order). `trainAvailable` gives, for an origin whose rows
  /// were already sampled, how many train customers it had before (reported as available).
  package init(
    rows: FeatureRows, plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil,
    trainAvailable: [Int32: Int] = [:]
  ) {
    self.init(
      origins: rows.origins, plan: plan, splitter: splitter, trainingRowsPerOrigin: trainingRowsPerOrigin,
      trainAvailable: trainAvailable)
  }

  /// Builds the dataset from the rows of the backtest origins (those of a ``FeatureRows``,
  /// without its forward table). Preconditions: the plan is feasible and `origins` has
  /// each of its origins.
  package init(
    origins rows: [OriginRows], plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil,
    trainAvailable: [Int32: Int] = [:]
  ) {
    func at(_ o: Int32) -> OriginRows? { rows.first { $0.origin == o } }
    precondition(plan.isFeasible, "no backtest is possible for this plan")
    precondition(plan.origins.allSatisfy { at($0) != nil }, "feature rows lack an origin of the plan")
    self.plan = plan
    let atCutoff = at(plan.cutoff)!
    self.features = atCutoff.table
    self.labels = atCutoff.labels ?? Array(repeating: 0, count: atCutoff.table.rowCount)
    self.split = atCutoff.table.rowIDs.map { splitter.split(of: $0) }

    var tables = [FeatureTable]()
    var labels = [Double]()
    var origin = [Int32]()
    var available = [Int]()
    var used = [Int]()
    for o in plan.origins {
      let r = at(o)!
      let (train, trainCount) = Self.trainingRows(
        ids: r.table.rowIDs, origin: o, splitter: splitter, cap: trainingRowsPerOrigin)
      available.append(trainAvailable[o] ?? trainCount)
      used.append(train.count)
      tables.append(r.table.selectingRows(train))
      labels += train.map { r.labels?[$0] ?? 0 }
      origin += Array(repeating: o, count: train.count)
    }
    self.trainingFeatures = FeatureTable(stacking: tables)
    self.trainingLabels = labels
    self.trainingOrigin = origin
    self.trainingAvailable = available
    self.trainingUsed = used
    self.trainingRowsPerOrigin = trainingRowsPerOrigin
  }

  /// The training rows of one origin among `ids` (its known customers): the indices of the
  /// train customers, or with `cap` the `cap` of them whose ``SplitAssigner/unitHash(_:)``
  /// under a per-origin seed is smallest (ties by index), in index order; and how many train
  /// customers there were.
  package static func trainingRows(
    ids: [String], origin: Int32, splitter: SplitAssigner, cap: Int?
  ) -> (
    rows: [Int], available: Int
  ) {
    let train = ids.indices.filter { splitter.split(of: ids[$0]) == .train }
    guard let cap, train.count > cap else { return (train, train.count) }
    let sampler = SplitAssigner(seed: splitter.seed ^ (0x7A11_5A3F_0000_0000 | UInt64(UInt32(bitPattern: origin))))
    let keys = train.map { sampler.unitHash(ids[$0]) }
    let picked = train.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(cap)
    return (picked.sorted().map { train[$0] }, train.count)
  }

  /// Drops the feature values at the cutoff and keeps their ids: once every model is
  /// fitted and scored, a report reads only the test customers' features (which it keeps
  /// apart), and at 1.9M customers the whole table is a third of a gigabyte.
  package mutating func dropFeatureValues() {
    features = FeatureTable(rowIDs: features.rowIDs, numeric: [], categorical: [], asOfDay: features.asOfDay)
  }

  /// Row indices (into `features`) of one split.
  package func indices(of s: DataSplit) -> [Int] {
    split.indices.filter { split[$0] == s }
  }
}

extension FeatureTable {
  /// Tables with the same columns, one under the other.
  package init(stacking tables: [FeatureTable]) {
    guard let first = tables.first else {
      self.init(rowIDs: [], numeric: [], categorical: [])
      return
    }
    precondition(
      tables.allSatisfy {
        $0.numeric.map(\.name) == first.numeric.map(\.name)
          && $0.categorical.map(\.name) == first.categorical.map(\.name)
      },
      "stacked tables must have the same columns")
    self.init(
      rowIDs: tables.flatMap(\.rowIDs),
      numeric: first.numeric.indices.map { j in
        NumericColumn(
          name: first.numeric[j].name, values: tables.flatMap { $0.numeric[j].values },
          transform: first.numeric[j].transform)
      },
      categorical: first.categorical.indices.map { j in
        CategoricalColumn(name: first.categorical[j].name, values: tables.flatMap { $0.categorical[j].values })
      }, asOfDay: tables.allSatisfy { $0.asOfDay == first.asOfDay } ? first.asOfDay : nil)
  }
}

extension FeatureBuilder {
  /// The backtest's origin rows: every customer at the cutoff, and at each earlier origin the
  /// training rows of ``BacktestDataset/trainingRows(ids:origin:splitter:cap:)``, chosen from
  /// the ids before their features are computed (at 10M rows an uncapped origin holds a million
  /// train customers of which the default cap keeps 50,000); and how many train customers each
  /// earlier origin had.
  package func backtestRows(
    plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int?
  ) -> (
    origins: [OriginRows], trainAvailable: [Int32: Int]
  ) {
    var available = [Int32: Int]()
    let rows = originRows(asOf: plan.asOf, horizon: plan.horizon, origins: plan.origins) {
      origin, ids in
      let (picked, count) = BacktestDataset.trainingRows(
        ids: ids, origin: origin, splitter: splitter, cap: trainingRowsPerOrigin)
      available[origin] = count
      return picked
    }
    return (rows, available)
  }
}
