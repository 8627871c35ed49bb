/// Accumulates the purchase-based feature columns of ``FeatureBuilder`` row by
/// row (struct-of-arrays, NaN where a feature is undefined).
struct PurchaseFeatureColumns {
  static let names: [(String, NumericTransform)] = [
    ("frequency", .signedLog1p), ("recency_days", .signedLog1p), ("tenure_days", .signedLog1p),
    ("active_span_days", .signedLog1p), ("total_spend", .signedLog1p),
    ("mean_order_value", .signedLog1p), ("mean_repeat_spend", .signedLog1p),
    ("first_purchase_amount", .signedLog1p), ("max_order_value", .signedLog1p),
    ("gap_mean_days", .signedLog1p), ("gap_sd_days", .signedLog1p), ("overdue_ratio", .signedLog1p),
    ("purchases_90d", .signedLog1p), ("purchases_365d", .signedLog1p), ("spend_30d", .signedLog1p),
    ("spend_90d", .signedLog1p), ("spend_365d", .signedLog1p), ("spend_trend", .signedLog1p),
    ("refund_count", .signedLog1p), ("refund_share", .identity),
  ]

  /// values[feature][row]
  var values: [[Double]]

  init(count: Int) {
    values = Array(repeating: Array(repeating: .nan, count: count), count: Self.names.count)
    // A customer with no purchase yet has zero counts and spend, not unknown ones.
    for name in [
      "frequency", "total_spend", "purchases_90d", "purchases_365d", "spend_30d", "spend_90d",
      "spend_365d", "spend_trend", "refund_count",
    ] {
      let f = Self.names.firstIndex { $0.0 == name }!
      values[f] = Array(repeating: 0, count: count)
    }
  }

  var columns: [NumericColumn] {
    zip(Self.names, values).map { NumericColumn(name: $0.0.0, values: $0.1, transform: $0.0.1) }
  }

  /// Fills row `r` from ledger customer `c`'s entries before `cutoff`.
  mutating func fill(row r: Int, ledger: PurchaseLedger, customer c: Int, cutoff: Int32) {
    let s = ledger.start[c]
    let e = ledger.end(of: c, before: cutoff)
    var purchaseDays = 0
    var first: Int32 = 0
    var last: Int32 = 0
    var net = 0.0
    var gross = 0.0
    var refunds = 0.0
    var refundDays = 0
    var firstAmount = 0.0
    var maxAmount = -Double.infinity
    var repeatSum = 0.0
    var gapSum = 0.0
    var gapSumSq = 0.0
    var previous: Int32 = 0
    var p90 = 0.0, p365 = 0.0, s30 = 0.0, s90 = 0.0, s365 = 0.0, recent180 = 0.0, prior180 = 0.0
    for i in s..<e {
      let d = ledger.day[i]
      let value = ledger.gross[i] + ledger.refund[i]
      net += value
      gross += ledger.gross[i]
      if ledger.refund[i] < 0 {
        refunds += ledger.refund[i]
        refundDays += 1
      }
      let age = cutoff - d  // ≥ 1
      if age <= 30 { s30 += value }
      if age <= 90 { s90 += value }
      if age <= 365 { s365 += value }
      if age <= 180 { recent180 += value } else if age <= 360 { prior180 += value }
      guard ledger.isPurchase(i) else { continue }
      if purchaseDays == 0 {
        first = d
        firstAmount = value
      } else {
        repeatSum += value
        let gap = Double(d - previous)
        gapSum += gap
        gapSumSq += gap * gap
      }
      previous = d
      last = d
      purchaseDays += 1
      maxAmount = max(maxAmount, value)
      if age <= 90 { p90 += 1 }
      if age <= 365 { p365 += 1 }
    }
    func set(_ name: String, _ v: Double) {
      values[Self.names.firstIndex { $0.0 == name }!][r] = v
    }
    set("total_spend", net)
    set("refund_count", Double(refundDays))
    set("spend_30d", s30)
    set("spend_90d", s90)
    set("spend_365d", s365)
    set("spend_trend", recent180 - prior180)
    if gross > 0 { set("refund_share", -refunds / gross) }
    guard purchaseDays > 0 else { return }
    let x = Double(purchaseDays - 1)
    set("frequency", x)
    set("recency_days", Double(cutoff - last))
    set("tenure_days", Double(cutoff - first))
    set("active_span_days", Double(last - first))
    set("mean_order_value", net / Double(purchaseDays))
    set("first_purchase_amount", firstAmount)
    set("max_order_value", maxAmount)
    set("purchases_90d", p90)
    set("purchases_365d", p365)
    if purchaseDays > 1 {
      set("mean_repeat_spend", repeatSum / x)
      let mean = gapSum / x
      set("gap_mean_days", mean)
      set("overdue_ratio", Double(cutoff - last) / mean)
      if purchaseDays > 2 {
        set("gap_sd_days", ((gapSumSq - x * mean * mean) / (x - 1)).squareRoot())
      }
    }
  }
}
