/// How a numeric feature should be transformed before standardisation.
package enum NumericTransform: String, Sendable, Codable, Equatable {
  /// Used as is (already on a reasonable scale, e.g. a share or a trend ratio).
  case identity
  /// Signed log: `sign(x) · log(1 + |x|)`, for skewed amounts and counts (net
  /// spend can be negative after refunds, so the sign is kept).
  case signedLog1p
}

/// One numeric column of a ``FeatureTable``; `Double.nan` marks a missing value.
package struct NumericColumn: Sendable, Codable, Equatable {
  /// Feature name, e.g. `"frequency"`.
  package var name: String
  /// One value per row; NaN where unknown.
  package var values: [Double]
  /// The transform an encoder should apply.
  package var transform: NumericTransform

  /// Creates a column.
  package init(name: String, values: [Double], transform: NumericTransform = .identity) {
    self.name = name
    self.values = values
    self.transform = transform
  }
}

/// One categorical column of a ``FeatureTable``; `nil` marks a missing value.
package struct CategoricalColumn: Sendable, Codable, Equatable {
  /// Attribute name, e.g. `"channel"`.
  package var name: String
  /// One level per row; nil where unknown.
  package var values: [String?]

  /// Creates a column.
  package init(name: String, values: [String?]) {
    self.name = name
    self.values = values
  }
}

/// Per-customer features before encoding: one row per customer, named numeric and
/// categorical columns, all of the same length.
///
/// The feature builder produces it; an encoder fitted on the training rows turns
/// it into a numeric matrix for the models.
package struct FeatureTable: Sendable, Codable, Equatable {
  /// The customer id of each row.
  package var rowIDs: [String]
  /// Numeric columns, in a fixed order.
  package var numeric: [NumericColumn]
  /// Categorical columns, in a fixed order.
  package var categorical: [CategoricalColumn]
  /// The day the features are as of (exclusive), when every row shares one; sequence
  /// models read each customer's recent activity up to it (``WeeklyActivity``).
  package var asOfDay: Int32?

  /// Creates a table; every column must have one value per row.
  package init(
    rowIDs: [String], numeric: [NumericColumn], categorical: [CategoricalColumn] = [], asOfDay: Int32? = nil
  ) {
    precondition(numeric.allSatisfy { $0.values.count == rowIDs.count }, "numeric column length ≠ rows")
    precondition(
      categorical.allSatisfy { $0.values.count == rowIDs.count }, "categorical column length ≠ rows")
    self.rowIDs = rowIDs
    self.numeric = numeric
    self.categorical = categorical
    self.asOfDay = asOfDay
  }

  /// Number of rows (customers).
  package var rowCount: Int { rowIDs.count }

  /// The numeric column called `name`, if any.
  package func numeric(_ name: String) -> NumericColumn? { numeric.first { $0.name == name } }

  /// The rows at `indices`, in that order.
  package func selectingRows(_ indices: [Int]) -> FeatureTable {
    FeatureTable(
      rowIDs: indices.map { rowIDs[$0] },
      numeric: numeric.map { c in
        NumericColumn(name: c.name, values: indices.map { c.values[$0] }, transform: c.transform)
      },
      categorical: categorical.map { c in
        CategoricalColumn(name: c.name, values: indices.map { c.values[$0] })
      }, asOfDay: asOfDay)
  }
}
