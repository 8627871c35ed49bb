/// Customer profiles (one row per customer id): the optional `customers.csv` with a
/// signup date and descriptive attributes such as channel, region, device, age band.
///
/// Row i describes `customerIDs[i]`; ids are unique (later rows of an id are dropped
/// and counted). Every column other than the id and signup date is an ``attributes``
/// entry, in header order.
package struct ProfileTable: Sendable, Equatable, Codable {
  /// Customer ids, unique, in file order.
  package var customerIDs: [String]
  /// Per row: signup day (days since 1970-01-01), nil when empty or when the file has
  /// no signup column.
  package var signupDay: [Int32?]
  /// The header name of the signup column used, if any.
  package var signupColumn: String?
  /// The other columns, in header order.
  package var attributes: [ProfileAttribute]

  /// Creates a table; all per-row arrays must have `customerIDs.count` entries.
  package init(
    customerIDs: [String], signupDay: [Int32?], signupColumn: String?, attributes: [ProfileAttribute]
  ) {
    precondition(signupDay.count == customerIDs.count, "signupDay needs one entry per customer")
    precondition(
      attributes.allSatisfy { $0.values.count == customerIDs.count },
      "each attribute needs one value per customer")
    self.customerIDs = customerIDs
    self.signupDay = signupDay
    self.signupColumn = signupColumn
    self.attributes = attributes
  }

  /// Number of customers.
  package var count: Int { customerIDs.count }

  /// Row index by customer id (build once, then look up many times).
  package func rowIndexByID() -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(customerIDs.count)
    for (i, id) in customerIDs.enumerated() { index[id] = i }
    return index
  }

  /// The attribute called `name`, if present.
  package func attribute(_ name: String) -> ProfileAttribute? {
    attributes.first { $0.name == name }
  }
}

/// One profile column, kept as text, with its numbers when the column is numeric.
package struct ProfileAttribute: Sendable, Equatable, Codable {
  /// Header name.
  package var name: String
  /// Per row: the trimmed text ("" when missing).
  package var values: [String]
  /// Per row: the value as a number (nil when empty) — present only when every
  /// non-empty value is a decimal number and at least one is; nil for categorical
  /// columns.
  package var numericValues: [Double?]?

  /// Creates an attribute, detecting whether it is numeric.
  package init(name: String, values: [String]) {
    self.name = name
    self.values = values
    var numbers: [Double?] = []
    numbers.reserveCapacity(values.count)
    var sawNumber = false
    for v in values {
      if v.isEmpty {
        numbers.append(nil)
        continue
      }
      var copy = v
      guard let x = copy.withUTF8({ DecimalParser.parse($0) }) else {
        self.numericValues = nil
        return
      }
      sawNumber = true
      numbers.append(x)
    }
    self.numericValues = sawNumber ? numbers : nil
  }

  /// Whether the column holds numbers (see ``numericValues``).
  package var isNumeric: Bool { numericValues != nil }

  /// Distinct non-empty values, sorted (the categories of a categorical column).
  package var levels: [String] { Array(Set(values.filter { !$0.isEmpty })).sorted() }
}
