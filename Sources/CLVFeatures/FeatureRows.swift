/// The features of one origin: a ``FeatureTable`` (customers in id order) and, at a
/// backtest origin, each customer's label.
package struct OriginRows: Sendable, Equatable {
  /// The origin (features use data strictly before it).
  package var origin: Int32
  /// One row per customer known before the origin, in ascending id order.
  package var table: FeatureTable
  /// Net spend in the origin's label window, floored at 0; nil at the as-of date.
  package var labels: [Double]?

  /// Creates the rows of one origin.
  package init(origin: Int32, table: FeatureTable, labels: [Double]?) {
    precondition(labels.map { $0.count == table.rowCount } ?? true, "one label per row")
    self.origin = origin
    self.table = table
    self.labels = labels
  }
}

/// Everything the models need from the raw logs: the features and label of the customers
/// at each backtest origin and their features at the as-of date.
///
/// ``FeatureBuilder/rows(asOf:horizon:origins:firstDay:keeping:)`` makes it from the logs,
/// `clv features` writes it (``FeatureRowsCSV``), and `clv report` reads it either way:
/// a report from raw logs and one from feature rows go through the same
/// ``BacktestDataset/init(rows:plan:splitter:)``.
package struct FeatureRows: Sendable, Equatable {
  /// The forecast date (exclusive).
  package var asOf: Int32
  /// The horizon the labels were computed for.
  package var horizon: Horizon
  /// The first day of the transaction log (nil: no transaction), which decides which
  /// origins a ``BacktestPlan`` keeps.
  package var firstDay: Int32?
  /// The backtest origins, most recent (the cutoff) first.
  package var origins: [OriginRows]
  /// The features at `asOf` of every customer known before it.
  package var forward: FeatureTable

  /// Creates the rows.
  package init(asOf: Int32, horizon: Horizon, firstDay: Int32?, origins: [OriginRows], forward: FeatureTable) {
    self.asOf = asOf
    self.horizon = horizon
    self.firstDay = firstDay
    self.origins = origins
    self.forward = forward
  }

  /// The rows of `origin`, if computed.
  package func rows(at origin: Int32) -> OriginRows? { origins.first { $0.origin == origin } }

  /// The plan's origins these rows lack (empty: the plan can be run on them).
  package func missingOrigins(of plan: BacktestPlan) -> [Int32] {
    plan.origins.filter { rows(at: $0) == nil }
  }
}

extension FeatureBuilder {
  /// The feature rows at `origins` (most recent first) and at `asOf`.
  ///
  /// The first origin (the cutoff) has every customer known before it; the others the
  /// known customers for whom `keeping(id)` is true (`clv report` keeps the training
  /// customers only, `clv features` keeps all). Labels are the net spend in
  /// ``BacktestPlan/labelWindow(origin:asOf:horizon:)``, floored at 0.
  package func rows(
    asOf: Int32, horizon: Horizon, origins: [Int32], firstDay: Int32?, keeping: (String) -> Bool = { _ in true }
  ) -> FeatureRows {
    rows(asOf: asOf, horizon: horizon, origins: origins, firstDay: firstDay) { _, ids in
      ids.indices.filter { keeping(ids[$0]) }
    }
  }

  /// The feature rows at `origins` (most recent first) and at `asOf`, where each origin after
  /// the first keeps the customers at the indices `selecting(origin, ids)` returns (ascending,
  /// into the ids of its known customers); only their features are computed.
  package func rows(
    asOf: Int32, horizon: Horizon, origins: [Int32], firstDay: Int32?,
    selecting: (_ origin: Int32, _ ids: [String]) -> [Int]
  ) -> FeatureRows {
    FeatureRows(
      asOf: asOf, horizon: horizon, firstDay: firstDay,
      origins: originRows(asOf: asOf, horizon: horizon, origins: origins, selecting: selecting),
      forward: forwardRows(asOf: asOf))
  }

  /// The rows of ``rows(asOf:horizon:origins:firstDay:selecting:)`` at the backtest origins
  /// only, without the forward table.
  package func originRows(
    asOf: Int32, horizon: Horizon, origins: [Int32], selecting: (_ origin: Int32, _ ids: [String]) -> [Int]
  ) -> [OriginRows] {
    origins.enumerated().map { i, o -> OriginRows in
      var known = knownCustomers(before: o)
      if i > 0 {
        let picked = selecting(o, known.map { directory.ids[$0] })
        known = picked.map { known[$0] }
      }
      return originRows(o, customers: known, asOf: asOf, horizon: horizon)
    }
  }

  /// The rows at origin `o` of the customers at directory `rows`: their features as of `o`
  /// and labels in ``BacktestPlan/labelWindow(origin:asOf:horizon:)``. One origin of
  /// ``rows(asOf:horizon:origins:firstDay:selecting:)``, for a writer that holds one at a time.
  package func originRows(_ o: Int32, customers rows: [Int], asOf: Int32, horizon: Horizon) -> OriginRows {
    let w = BacktestPlan.labelWindow(origin: o, asOf: asOf, horizon: horizon)
    return OriginRows(
      origin: o, table: features(for: rows, asOf: o), labels: labels(for: rows, from: w.lowerBound, to: w.upperBound))
  }

  /// The features at `asOf` of every customer known before it (the `forward` rows).
  package func forwardRows(asOf: Int32) -> FeatureTable {
    features(for: knownCustomers(before: asOf), asOf: asOf)
  }
}
