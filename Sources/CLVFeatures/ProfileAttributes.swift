/// Customer profile attributes (signup date, channel, region, …), one row per customer.
public struct ProfileAttributes: Sendable {
  /// Customer id of each row.
  public let customerIDs: [String]
  /// Signup day of each row (days since 1970-01-01), nil when unknown.
  public let signupDay: [Int32?]
  /// Categorical attributes, aligned with `customerIDs`.
  public let categorical: [CategoricalColumn]
  /// Numeric attributes (NaN = missing), aligned with `customerIDs`.
  public let numeric: [NumericColumn]

  /// Creates the attributes; every column must have one value per customer.
  public init(
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
