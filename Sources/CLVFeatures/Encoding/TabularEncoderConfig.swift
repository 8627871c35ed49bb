/// Hyperparameters of the tabular encoder (fitted state lives in ``TabularEncoder``).
///
/// Numeric columns: the column's ``NumericTransform``, median imputation of missing
/// (NaN or infinite) values with a 0/1 missing-indicator column when the training
/// rows had any, then standardisation `(v − mean)/sd` with training statistics
/// (population sd; sd 0 → 1), as scikit-learn's `SimpleImputer(add_indicator=True)`
/// followed by `StandardScaler`. Categorical columns: one-hot over the
/// `maxLevels` most frequent training levels (ties broken by name), plus an "other"
/// column for rarer and unseen levels and a "missing" column if training had nils.
package struct TabularEncoderConfig: Sendable, Codable, Equatable {
  /// Most frequent levels of a categorical column that get their own column.
  package var maxLevels: Int

  /// Creates a configuration.
  package init(maxLevels: Int = 10) {
    precondition(maxLevels >= 0, "maxLevels must be non-negative")
    self.maxLevels = maxLevels
  }

  /// Learns the encoding from `table` (the training rows only).
  package func fit(_ table: FeatureTable) -> TabularEncoder {
    TabularEncoder(
      numeric: table.numeric.map { NumericEncoding(fitting: $0) },
      categorical: table.categorical.map { CategoricalEncoding(fitting: $0, maxLevels: maxLevels) })
  }
}
