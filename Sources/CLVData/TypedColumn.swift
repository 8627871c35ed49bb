/// What reading one field of a typed column gave (``DateColumn``: days since 1970-01-01,
/// ``NumberColumn``: the number).
enum ColumnRead<Value> {
  /// The value.
  case value(Value)
  /// Reads two ways and the column's form (day-month order, decimal mark) is not known
  /// yet: keep the row, pass the field to the column's `deferValue` with the row's index.
  case deferred
  /// Not a value in this column; the quarantine detail is the column's `invalidDetail`.
  case invalid
}

/// A column that reads each field as a ``ColumnRead`` and keeps why the last invalid one
/// is not a value apart (so that the per-row result is a plain value, with no string to
/// copy or release on the hot path).
protocol TypedColumn {
  associatedtype Value
  /// Why the last ``ColumnRead/invalid`` value is not a value here.
  var invalidDetail: String { get set }
}

extension TypedColumn {
  /// ``ColumnRead/invalid``, keeping `detail`.
  mutating func invalid(_ detail: String) -> ColumnRead<Value> {
    invalidDetail = detail
    return .invalid
  }
}
