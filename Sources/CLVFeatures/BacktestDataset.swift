/// The backtest's rows: every customer known before the cutoff, their features
/// as of the cutoff, their label (net spend in the following horizon) and their
/// split; plus the stacked training rows of the earlier origins.
public struct BacktestDataset: Sendable {
  /// The plan it was built from.
  public let plan: BacktestPlan
  /// Directory rows of the customers, in directory (id) order.
  public let rows: [Int]
  /// Features as of the cutoff, one row per customer.
  public let features: FeatureTable
  /// Net spend in `cutoff ..< asOf`, floored at 0.
  public let labels: [Double]
  /// Split of each row.
  public let split: [DataSplit]
  /// Training rows for label-using models: the train customers at every origin,
  /// stacked (cutoff first). Validation and test customers never appear here.
  public let trainingFeatures: FeatureTable
  /// Labels of `trainingFeatures`.
  public let trainingLabels: [Double]
  /// Origin of each training row.
  public let trainingOrigin: [Int32]
  /// Train customers known at each origin (in `plan.origins` order) and how many of
  /// them are training rows: all, or a seeded sample of `trainingRowsPerOrigin`.
  public let trainingAvailable: [Int]
  public let trainingUsed: [Int]
  /// The most training rows taken from one origin (nil: all of them).
  public let trainingRowsPerOrigin: Int?

  /// Builds the dataset. Precondition: the plan is feasible. With
  /// `trainingRowsPerOrigin`, an origin with more train customers contributes a sample of
  /// that many: those whose ``SplitAssigner/unitHash(_:)`` under a per-origin seed is
  /// smallest, so the sample depends only on the ids, the seed and the origin.
  public init(builder: FeatureBuilder, plan: BacktestPlan, splitter: SplitAssigner, trainingRowsPerOrigin: Int? = nil) {
    precondition(plan.isFeasible, "no backtest is possible for this plan")
    self.plan = plan
    let rows = builder.knownCustomers(before: plan.cutoff)
    self.rows = rows
    self.features = builder.features(for: rows, asOf: plan.cutoff)
    let window = plan.labelWindow(origin: plan.cutoff)
    self.labels = builder.labels(for: rows, from: window.lowerBound, to: window.upperBound)
    self.split = rows.map { splitter.split(of: builder.directory.ids[$0]) }

    var tables = [FeatureTable]()
    var labels = [Double]()
    var origin = [Int32]()
    var available = [Int]()
    var used = [Int]()
    for o in plan.origins {
      var known = builder.knownCustomers(before: o).filter {
        splitter.split(of: builder.directory.ids[$0]) == .train
      }
      available.append(known.count)
      if let cap = trainingRowsPerOrigin, known.count > cap {
        let sampler = SplitAssigner(seed: splitter.seed ^ (0x7A11_5A3F_0000_0000 | UInt64(UInt32(bitPattern: o))))
        let keys = known.map { sampler.unitHash(builder.directory.ids[$0]) }
        let picked = known.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(cap)
        known = picked.sorted().map { known[$0] }
      }
      used.append(known.count)
      let w = plan.labelWindow(origin: o)
      tables.append(builder.features(for: known, asOf: o))
      labels += builder.labels(for: known, from: w.lowerBound, to: w.upperBound)
      origin += Array(repeating: o, count: known.count)
    }
    self.trainingFeatures = FeatureTable(stacking: tables)
    self.trainingLabels = labels
    self.trainingOrigin = origin
    self.trainingAvailable = available
    self.trainingUsed = used
    self.trainingRowsPerOrigin = trainingRowsPerOrigin
  }

  /// Row indices (into `features`) of one split.
  public func indices(of s: DataSplit) -> [Int] {
    split.indices.filter { split[$0] == s }
  }
}

extension FeatureTable {
  /// Tables with the same columns, one under the other.
  public init(stacking tables: [FeatureTable]) {
    guard let first = tables.first else {
      self.init(rowIDs: [], numeric: [], categorical: [])
      return
    }
    precondition(
      tables.allSatisfy { $0.numeric.map(\.name) == first.numeric.map(\.name) && $0.categorical.map(\.name) == first.categorical.map(\.name) },
      "stacked tables must have the same columns")
    self.init(
      rowIDs: tables.flatMap(\.rowIDs),
      numeric: first.numeric.indices.map { j in
        NumericColumn(name: first.numeric[j].name, values: tables.flatMap { $0.numeric[j].values }, transform: first.numeric[j].transform)
      },
      categorical: first.categorical.indices.map { j in
        CategoricalColumn(name: first.categorical[j].name, values: tables.flatMap { $0.categorical[j].values })
      }, asOfDay: tables.allSatisfy { $0.asOfDay == first.asOfDay } ? first.asOfDay : nil)
  }
}
