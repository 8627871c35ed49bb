/// The backtest's rows: every customer known before the cutoff, their features
/// as of the cutoff, their label (net spend in the following horizon) and their
/// split; plus the stacked training rows of the earlier origins.
package struct BacktestDataset: Sendable {
  /// The plan it was built from.
  package let plan: BacktestPlan
  /// Features as of the cutoff, one row per customer known before it, in id order.
  package let features: FeatureTable
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
  package init(builder: FeatureBuilder, plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil)
  {
    let rows = builder.rows(
      asOf: plan.asOf, horizon: plan.horizon, origins: plan.origins, firstDay: plan.firstDay,
      keeping: { splitter.split(of: $0) == .train })
    self.init(rows: rows, plan: plan, splitter: splitter, trainingRowsPerOrigin: trainingRowsPerOrigin)
  }

  /// Builds the dataset from feature rows (made from the logs or read from `clv features`
  /// output). Preconditions: the plan is feasible and `rows` has each of its origins.
  ///
  /// With `trainingRowsPerOrigin`, an origin with more train customers contributes a sample of
  /// that many: those whose ``SplitAssigner/unitHash(_:)`` under a per-origin seed is
  /// smallest, so the sample depends only on the ids, the seed and the origin (not on where
  /// the rows came from or in which order).
  package init(rows: FeatureRows, plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil) {
    precondition(plan.isFeasible, "no backtest is possible for this plan")
    precondition(rows.missingOrigins(of: plan).isEmpty, "feature rows lack an origin of the plan")
    self.plan = plan
    let atCutoff = rows.rows(at: plan.cutoff)!
    self.features = atCutoff.table
    self.labels = atCutoff.labels ?? Array(repeating: 0, count: atCutoff.table.rowCount)
    self.split = atCutoff.table.rowIDs.map { splitter.split(of: $0) }

    var tables = [FeatureTable]()
    var labels = [Double]()
    var origin = [Int32]()
    var available = [Int]()
    var used = [Int]()
    for o in plan.origins {
      let r = rows.rows(at: o)!
      var train = r.table.rowIDs.indices.filter { splitter.split(of: r.table.rowIDs[$0]) == .train }
      available.append(train.count)
      if let cap = trainingRowsPerOrigin, train.count > cap {
        let sampler = SplitAssigner(seed: splitter.seed ^ (0x7A11_5A3F_0000_0000 | UInt64(UInt32(bitPattern: o))))
        let keys = train.map { sampler.unitHash(r.table.rowIDs[$0]) }
        let picked = train.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(cap)
        train = picked.sorted().map { train[$0] }
      }
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
