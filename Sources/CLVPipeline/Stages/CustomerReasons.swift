import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVReport

/// One reason: a feature, how far it moves this customer's predicted spend, and the words.
struct CustomerReason: Sendable, Equatable {
  var feature: String
  /// Shapley contribution to the predicted spend over the horizon (currency).
  var contribution: Double
  /// E.g. "no purchase in 143 days, usually every 35".
  var text: String
}

/// Why the champion predicts what it does for one customer, relative to typical customers:
/// sampled Shapley values of the champion's predicted spend against a background set.
///
/// For customer x, background rows z₁…z_B and features 1…M (those the champion reads): each
/// of ``samples`` draws pairs a background row z (cycling through the set) with a
/// permutation π (seeded per customer id; each odd draw reuses the previous draw's row with
/// the reversed permutation: antithetic sampling), starts from z, and switches features to x's values
/// in π's order; a feature's marginal is the change of the prediction when it switches.
/// φⱼ is the mean marginal of feature j over the draws. Štrumbelj & Kononenko (2014),
/// "Explaining prediction models and individual predictions with feature contributions",
/// KAIS 41; Mitchell et al. (2022), "Sampling permutations for Shapley value estimation",
/// JMLR 23. Efficiency holds exactly for the drawn backgrounds: Σⱼ φⱼ = f(x) − the mean of
/// f(z) over the draws (the plain mean over the set when its size divides 16).
///
/// Budget: ``samples`` × M predictions per customer, for at most ``customers`` customers
/// (the churn watch-list's rule: churn risk ≥ 50%, most valuable first) — independent of
/// the number of customers in the data.
struct CustomerReasons: Sendable {
  /// Background rows ("typical customers": a seeded sample of customers with a purchase).
  var background: FeatureTable
  /// Draws per customer (even: antithetic pairs).
  static let samples = 32
  /// Background rows kept.
  static let backgroundSize = 16
  /// Customers explained per run.
  static let customers = 100
  /// Reasons shown per customer.
  static let shown = 3
  /// Churn risk from which a customer is explained (the watch-list's threshold).
  static let riskThreshold = SegmentStage.watchListRule.threshold

  /// A seeded background: `backgroundSize` rows of `table` with a purchase (ids blanked).
  static func background(from table: FeatureTable, seed: UInt64) -> FeatureTable? {
    guard let frequency = table.numeric(.recencyDays)?.values else { return nil }
    var rows = frequency.indices.filter { frequency[$0].isFinite }
    guard !rows.isEmpty else { return nil }
    var rng = SplitMix64(seed: seed ^ 0xB4C6_0000)
    rows.seededShuffle(using: &rng)
    var picked = table.selectingRows(Array(rows.prefix(backgroundSize)).sorted())
    picked.rowIDs = picked.rowIDs.indices.map { "background-\($0 + 1)" }
    return picked
  }

  /// Rows to explain: customers with a purchase and churn risk ≥ 50%, most valuable first.
  static func selection(table: FeatureTable, value: [Double], churn: [Double]) -> [Int] {
    guard let recency = table.numeric(.recencyDays)?.values, let frequency = table.numeric(.frequency)?.values
    else { return [] }
    let buyers = recency.indices.filter { recency[$0].isFinite }
    let list = ChurnWatchList(threshold: riskThreshold, limit: customers).build(
      customerIDs: buyers.map { table.rowIDs[$0] }, predictedValue: buyers.map { value[$0] },
      churnRisk: buyers.map { churn[$0] }, recency: buyers.map { recency[$0] },
      frequency: buyers.map { frequency[$0] }, labels: Array(repeating: 0, count: buyers.count), segmentNames: [:])
    let row = Dictionary(uniqueKeysWithValues: buyers.map { (table.rowIDs[$0], $0) })
    return list.compactMap { row[$0.customerID] }
  }

  /// φ for each row of `rows` over `features` (names), with `predict` the model's spend.
  /// Returns [row][feature] in the order given.
  func shapley(
    table: FeatureTable, rows: [Int], features: [String], seed: UInt64, predict: (FeatureTable) -> [Double]
  ) -> [[Double]] {
    guard !rows.isEmpty, background.rowCount > 0 else { return rows.map { _ in features.map { _ in 0 } } }
    let combined = Self.stack(background, table.selectingRows(rows))
    let view = TableMatrix(combined)
    let columns = features.compactMap { view.names.firstIndex(of: $0) }
    // One batch per customer: `samples` chains of m steps each.
    let baseline = predict(view.table(view.matrix.selectingRows(Array(0..<background.rowCount))))
    // Customers side by side (``WorkPool``): each one's φ depends only on its own draws.
    var out = [[Double]](repeating: [], count: rows.count)
    out.withUnsafeMutableBufferPointer { out in
      WorkPool.shared.forEach(rows.count) { r, _ in
        out[r] = customerShapley(
          r, of: rows, table: table, view: view, columns: columns, features: features, baseline: baseline,
          seed: seed, predict: predict)
      }
    }
    return out
  }

  /// φ of `rows[r]`, for ``shapley(table:rows:features:seed:predict:)`` (`view` holds the
  /// background's rows, then `rows`').
  private func customerShapley(
    _ r: Int, of rows: [Int], table: FeatureTable, view: TableMatrix, columns: [Int], features: [String],
    baseline: [Double], seed: UInt64, predict: (FeatureTable) -> [Double]
  ) -> [Double] {
    let m = columns.count
    let b = background.rowCount
    let width = view.matrix.columns
    let x = b + r
    var rng = SplitMix64(seed: seed ^ Self.hash(table.rowIDs[rows[r]]))
    var order = Array(0..<m)
    var values = [Double]()
    values.reserveCapacity(Self.samples * m * width)
    var plans = [(background: Int, order: [Int])]()
    for s in 0..<Self.samples {
      if s % 2 == 0 { order.seededShuffle(using: &rng) } else { order.reverse() }
      let z = (s / 2) % b
      plans.append((z, order))
      var row = Array(view.matrix.values[(z * width)..<((z + 1) * width)])
      for k in order {
        let c = columns[k]
        row[c] = view.matrix.values[x * width + c]
        values += row
      }
    }
    let steps = predict(view.table(Matrix(rows: Self.samples * m, columns: width, values: values)))
    var phi = [Double](repeating: 0, count: m)
    for (s, plan) in plans.enumerated() {
      var previous = baseline[plan.background]
      for (step, k) in plan.order.enumerated() {
        let v = steps[s * m + step]
        phi[k] += v - previous
        previous = v
      }
    }
    let scaled = phi.map { $0 / Double(Self.samples) }
    // Features the model does not read are exactly 0; a requested name the table lacks too.
    return features.map { name in columns.firstIndex { view.names[$0] == name }.map { scaled[$0] } ?? 0 }
  }

  /// FNV-1a of the id's UTF-8: a per-customer stream that does not depend on which other
  /// customers are explained, so `clv score` reproduces each customer's reasons.
  static func hash(_ id: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  /// `a`'s rows followed by `b`'s (same columns), as of `b`'s day (the background saved in
  /// model.json has none; the sequence model reads activity as of it, and none for the
  /// background's synthetic ids).
  static func stack(_ a: FeatureTable, _ b: FeatureTable) -> FeatureTable {
    FeatureTable(
      rowIDs: a.rowIDs + b.rowIDs,
      numeric: zip(a.numeric, b.numeric).map {
        NumericColumn(name: $0.name, values: $0.values + $1.values, transform: $0.transform)
      },
      categorical: zip(a.categorical, b.categorical).map {
        CategoricalColumn(name: $0.name, values: $0.values + $1.values)
      },
      asOfDay: b.asOfDay ?? a.asOfDay)
  }

  /// The top reasons of one customer (largest |φ| first, at most ``shown``, none below a
  /// cent), in words.
  func reasons(table: FeatureTable, row: Int, features: [String], phi: [Double]) -> [CustomerReason] {
    let ranked = features.indices.filter { abs(phi[$0]) >= 0.005 }.sorted {
      abs(phi[$0]) != abs(phi[$1]) ? abs(phi[$0]) > abs(phi[$1]) : features[$0] < features[$1]
    }
    return ranked.prefix(Self.shown).map { j in
      CustomerReason(
        feature: features[j], contribution: phi[j],
        text: ReasonWording.describe(features[j], table: table, row: row, typical: background))
    }
  }
}

/// Reasons in words: the customer's value of a feature beside the typical (median)
/// value of the background customers.
enum ReasonWording {
  static func median(_ values: [Double]) -> Double? {
    let v = values.filter(\.isFinite).sorted()
    return Quantiles.sorted(v, level: 0.5)
  }

  /// Whole numbers from 10 on (and for whole values), one decimal below.
  static func number(_ x: Double) -> String {
    abs(x) >= 10 || x == x.rounded() ? Format.count(Int(x.rounded())) : Format.num(x, 1)
  }

  static func describe(_ feature: String, table: FeatureTable, row: Int, typical: FeatureTable) -> String {
    if let column = table.categorical.first(where: { $0.name == feature }) {
      return "\(feature.replacingUnderscores): \(column.values[row] ?? "unknown")"
    }
    let value = table.numeric(feature)?.values[row] ?? .nan
    let usual = typical.numeric(feature).flatMap { median($0.values) }
    // "(typical …)" only where it differs in the words shown.
    let typicalText = usual.flatMap { number($0) == number(value) ? nil : " (typical \(number($0)))" } ?? ""
    guard value.isFinite else { return "\(feature.replacingUnderscores) unknown" + typicalText }
    switch FeatureKey(rawValue: feature) {
    case .recencyDays, .overdueRatio:
      let recency = table.numeric(.recencyDays)?.values[row] ?? .nan
      let gap = table.numeric(.gapMeanDays)?.values[row] ?? .nan
      let usually = gap.isFinite ? ", usually every \(number(gap))" : ""
      return "no purchase in \(number(recency)) days" + usually
    case .frequency: return "\(Format.count(Int(value))) repeat purchases" + typicalText
    case .activeSpanDays: return "bought over a span of \(number(value)) days" + typicalText
    case .meanRepeatSpend: return "repeat orders average \(number(value))" + typicalText
    case .tenureDays: return "customer for \(number(value)) days" + typicalText
    case .totalSpend: return "spent \(number(value)) in all" + typicalText
    case .spend30d, .spend90d, .spend365d:
      return "spent \(number(value)) in the last \(feature.dropFirst(6).dropLast(1)) days" + typicalText
    case .purchases90d, .purchases365d:
      return "\(Format.count(Int(value))) purchases in the last \(feature.dropFirst(10).dropLast(1)) days" + typicalText
    case .meanOrderValue: return "orders average \(number(value))" + typicalText
    case .gapMeanDays: return "buys every \(number(value)) days on average" + typicalText
    default: return "\(feature.replacingUnderscores) \(number(value))" + typicalText
    }
  }

  /// "no purchase in 143 days, usually every 35 (−120.50)"; reasons joined by "; ".
  static func line(_ reasons: [CustomerReason]) -> String {
    reasons.map { "\($0.text) (\(NumberFormatting.signed($0.contribution, decimals: 2)))" }.joined(separator: "; ")
  }
}

extension String {
  fileprivate var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
