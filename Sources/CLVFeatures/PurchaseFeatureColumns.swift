import CLVMath

/// Accumulates the purchase-based feature columns of ``FeatureBuilder`` row by
/// row (struct-of-arrays, NaN where a feature is undefined).
///
/// The columns live in buffers of their own until ``columns()`` hands them over as arrays, so
/// that rows can be filled side by side (``fill(rows:ledgerRows:ledger:cutoff:)``): each row's
/// values depend only on that row, and two threads write different rows.
final class PurchaseFeatureColumns {
  /// The columns in table order, with their encoding transform.
  static let names: [(FeatureKey, NumericTransform)] =
    ([
      .frequency, .recencyDays, .tenureDays, .activeSpanDays, .totalSpend, .meanOrderValue, .meanRepeatSpend,
      .firstPurchaseAmount, .maxOrderValue, .gapMeanDays, .gapSDDays, .overdueRatio, .purchases90d, .purchases365d,
      .spend30d, .spend90d, .spend365d, .spendTrend, .refundCount,
    ] as [FeatureKey]).map { ($0, .signedLog1p) } + [(.refundShare, .identity)]

  /// The position in ``names`` of each feature (looked up once: ``fill(row:ledger:customer:cutoff:)``
  /// writes up to twenty per row).
  static let column: [FeatureKey: Int] = Dictionary(
    uniqueKeysWithValues: names.enumerated().map { ($0.element.0, $0.offset) })
  static let positions = Positions()

  /// The column of each feature ``fill(row:ledger:customer:cutoff:)`` writes.
  struct Positions {
    let frequency = PurchaseFeatureColumns.column[.frequency]!, recency = PurchaseFeatureColumns.column[.recencyDays]!
    let tenure = PurchaseFeatureColumns.column[.tenureDays]!, span = PurchaseFeatureColumns.column[.activeSpanDays]!
    let total = PurchaseFeatureColumns.column[.totalSpend]!, meanOrder = PurchaseFeatureColumns.column[.meanOrderValue]!
    let meanRepeat = PurchaseFeatureColumns.column[.meanRepeatSpend]!
    let firstAmount = PurchaseFeatureColumns.column[.firstPurchaseAmount]!
    let maxOrder = PurchaseFeatureColumns.column[.maxOrderValue]!, gapMean = PurchaseFeatureColumns.column[.gapMeanDays]!
    let gapSD = PurchaseFeatureColumns.column[.gapSDDays]!, overdue = PurchaseFeatureColumns.column[.overdueRatio]!
    let p90 = PurchaseFeatureColumns.column[.purchases90d]!, p365 = PurchaseFeatureColumns.column[.purchases365d]!
    let s30 = PurchaseFeatureColumns.column[.spend30d]!, s90 = PurchaseFeatureColumns.column[.spend90d]!
    let s365 = PurchaseFeatureColumns.column[.spend365d]!, trend = PurchaseFeatureColumns.column[.spendTrend]!
    let refundCount = PurchaseFeatureColumns.column[.refundCount]!
    let refundShare = PurchaseFeatureColumns.column[.refundShare]!
  }

  /// buffers[feature][row]; empty once ``columns()`` has handed them over.
  private var buffers: [UnsafeMutableBufferPointer<Double>]

  init(count: Int) {
    // A customer with no purchase yet has zero counts and spend, not unknown ones.
    let zero: Set<FeatureKey> = [
      .frequency, .totalSpend, .purchases90d, .purchases365d, .spend30d, .spend90d, .spend365d, .spendTrend,
      .refundCount,
    ]
    buffers = Self.names.map { name, _ in
      let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
      b.initialize(repeating: zero.contains(name) ? 0 : .nan)
      return b
    }
  }

  deinit {
    for b in buffers { b.deallocate() }
  }

  /// The filled columns as arrays (each buffer is copied, then freed: one column at a time
  /// is held twice).
  func columns() -> [NumericColumn] {
    defer { buffers = [] }
    return zip(Self.names, buffers).map { name, b in
      defer { b.deallocate() }
      return NumericColumn(name: name.0.rawValue, values: Array(b), transform: name.1)
    }
  }

  /// Fills every row `r` of `rows` whose ledger row `ledgerRows[rows[r]]` is not negative
  /// (``fill(row:ledger:customer:cutoff:)``), blocks of rows side by side (``WorkPool``).
  func fill(rows: [Int], ledgerRows: [Int], ledger: PurchaseLedger, cutoff: Int32) {
    let block = 16_384
    let units = (rows.count + block - 1) / block
    WorkPool.shared.forEach(units) { u, _ in
      for r in (u * block)..<min(rows.count, (u + 1) * block) {
        let l = ledgerRows[rows[r]]
        if l >= 0 { fill(row: r, ledger: ledger, customer: l, cutoff: cutoff) }
      }
    }
  }

  /// Fills row `r` from ledger customer `c`'s entries before `cutoff`.
  func fill(row r: Int, ledger: PurchaseLedger, customer c: Int, cutoff: Int32) {
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
    let at = Self.positions
    let buffers = self.buffers
    func set(_ k: Int, _ v: Double) { buffers[k][r] = v }
    set(at.total, net)
    set(at.refundCount, Double(refundDays))
    set(at.s30, s30)
    set(at.s90, s90)
    set(at.s365, s365)
    set(at.trend, recent180 - prior180)
    if gross > 0 { set(at.refundShare, -refunds / gross) }
    guard purchaseDays > 0 else { return }
    let x = Double(purchaseDays - 1)
    set(at.frequency, x)
    set(at.recency, Double(cutoff - last))
    set(at.tenure, Double(cutoff - first))
    set(at.span, Double(last - first))
    set(at.meanOrder, net / Double(purchaseDays))
    set(at.firstAmount, firstAmount)
    set(at.maxOrder, maxAmount)
    set(at.p90, p90)
    set(at.p365, p365)
    if purchaseDays > 1 {
      set(at.meanRepeat, repeatSum / x)
      let mean = gapSum / x
      set(at.gapMean, mean)
      set(at.overdue, Double(cutoff - last) / mean)
      if purchaseDays > 2 {
        set(at.gapSD, ((gapSumSq - x * mean * mean) / (x - 1)).squareRoot())
      }
    }
  }
}
