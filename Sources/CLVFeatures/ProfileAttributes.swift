/// Customer profile attributes (signup date, channel, region, …), one row per customer.
package struct ProfileAttributes: Sendable {
  /// Customer id of each row.
  package let customerIDs: [String]
  /// Signup day of each row (days since 1970-01-01), nil when unknown.
  package let signupDay: [Int32?]
  /// Categorical attributes, aligned with `customerIDs`.
  package let categorical: [CategoricalColumn]
  /// Numeric attributes (NaN = missing), aligned with `customerIDs`.
  package let numeric: [NumericColumn]

  /// Creates the attributes; every column must have one value per customer.
  package init(
    customerIDs: [String], signupDay: [Int32?], categorical: [CategoricalColumn],
    numeric: [NumericColumn] = []
  ) {
    precondition(signupDay.count == customerIDs.count, "signup column length ≠ customers")
    self.customerIDs = customerIDs
    self.signupDay = signupDay
    self.categorical = categorical
    self.numeric = numeric
  }
}
