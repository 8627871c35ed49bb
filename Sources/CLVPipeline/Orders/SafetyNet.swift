/// Two checks on a finished run that catch a wrong input reading after the fact, said in
/// words in the report's verdict box and listed in metrics.json:
///
/// - **concentration**: one customer holds more than ``maxCustomerShare`` of the total
///   predicted value — usually a bucket id (guests, a test account) that the placeholder
///   rules did not catch, rarely a true whale; either way the total rests on one row;
/// - **exclusions**: more than ``maxExcludedShare`` of the transaction rows were not
///   counted (excluded by status, currency or id rules, without a customer id, or
///   quarantined) — the report then describes a minority of the data.
struct SafetyNet: Sendable {
  /// Largest share of predicted value one customer may hold without a warning.
  static let maxCustomerShare = 0.20
  /// Largest share of transaction rows that may go uncounted without a warning.
  static let maxExcludedShare = 0.30

  struct Finding: Sendable, Equatable {
    /// `customer_concentration` or `excluded_rows`.
    var check: String
    var value: Double
    var threshold: Double
    var message: String
  }

  /// The checks that fired.
  let findings: [Finding]
  /// The measured values, fired or not (for metrics.json).
  let topCustomer: (id: String, share: Double)?
  let excludedShare: Double

  init(_ s: RunSummary) {
    var findings = [Finding]()
    let values = s.forward.predictedCLV
    let total = values.reduce(0) { $0 + ($1.isFinite ? max($1, 0) : 0) }
    if total > 0, let top = values.indices.max(by: { values[$0] < values[$1] }), values[top].isFinite {
      let share = max(values[top], 0) / total
      topCustomer = (s.forward.ids[top], share)
      if share > Self.maxCustomerShare {
        findings.append(
          Finding(
            check: "customer_concentration", value: share, threshold: Self.maxCustomerShare,
            message: "one customer, '\(s.forward.ids[top])', holds \(Format.pct(share)) of the predicted value "
              + "(more than \(Format.pct(Self.maxCustomerShare, 0))): check that this id is one real customer and not "
              + "a bucket for guests or a test account (keep or drop it with the customer-id options)."))
      }
    } else {
      topCustomer = nil
    }
    let t = s.inputs.first
    let rows = t?.dataRows ?? 0
    let uncounted = rows - (t?.keptRows ?? 0) - (t?.duplicateRowsDropped ?? 0)
    excludedShare = rows > 0 ? Double(uncounted) / Double(rows) : 0
    if excludedShare > Self.maxExcludedShare {
      findings.append(
        Finding(
          check: "excluded_rows", value: excludedShare, threshold: Self.maxExcludedShare,
          message: "\(Format.pct(excludedShare)) of the transaction rows were not counted (more than "
            + "\(Format.pct(Self.maxExcludedShare, 0))): see Data quality for why, and check the status, currency "
            + "and customer-id settings before relying on these numbers."))
    }
    self.findings = findings
  }

  /// The findings for metrics.json.
  var json: JSONValue {
    var o: [String: JSONValue] = [
      "excluded_row_share": .finite(excludedShare),
      "max_excluded_row_share": .finite(Self.maxExcludedShare),
      "max_customer_share": .finite(Self.maxCustomerShare),
      "warnings": .array(
        findings.map { ["check": .string($0.check), "value": .finite($0.value), "message": .string($0.message)] }),
    ]
    if let top = topCustomer {
      o["top_customer"] = ["id": .string(top.id), "share": .finite(top.share)]
    }
    return .object(o)
  }
}
