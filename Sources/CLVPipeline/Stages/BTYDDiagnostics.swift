import CLVFeatures
import CLVModels

/// The plots practitioners expect from buy-till-you-die tools, as plain numbers
/// computed from the calibration fit (data before the cutoff) and the holdout
/// (cutoff ..< as-of), in weeks.
struct BTYDDiagnostics: Sendable {
  /// Model name, e.g. "BG/NBD".
  var modelName: String
  /// Customers with x = 0, 1, …, 6 and 7+ repeat purchases in calibration: actual and expected.
  var frequencyActual: [Double]
  var frequencyExpected: [Double]
  /// Mean holdout repeat purchases by calibration frequency 0…6, 7+: actual and model.
  var holdoutActual: [Double]
  var holdoutExpected: [Double]
  var holdoutCustomers: [Int]
  /// Weekly cumulative repeat purchases: week index (since the first purchase day), actual, model.
  var trackingWeeks: [Double]
  var trackingActual: [Double]
  var trackingExpected: [Double]
  /// Week of the calibration end in `trackingWeeks` units.
  var calibrationEndWeek: Double
  /// P(alive) over frequency (rows) × recency in weeks (columns) at age `heatAge`.
  var heatFrequencies: [Int]
  var heatRecencies: [Double]
  var heatValues: [[Double]]
  var heatAge: Double
  /// Days of one step of the tracking plot (its x axis is in weeks).
  static let trackingStepDays = 7.0
  /// Labels of the frequency buckets.
  static let bucketLabels = ["0", "1", "2", "3", "4", "5", "6", "7+"]

  /// - Parameters:
  ///   - model: the count model fitted on the calibration data.
  ///   - builder: gives every customer's purchase days.
  ///   - dataset: the backtest rows (customers known at the cutoff).
  ///   - daysPerUnit: the model's time unit in days (``ModelContext/btydDaysPerUnit``): the
  ///     histories and the model's expectations are in it, as in the fit.
  static func compute(
    model: any PurchaseCountModel, builder: FeatureBuilder, dataset: BacktestDataset, daysPerUnit: Double
  ) -> BTYDDiagnostics {
    let plan = dataset.plan
    let ledger = builder.ledger
    var freqActual = [Double](repeating: 0, count: 8)
    var freqExpected = [Double](repeating: 0, count: 8)
    var holdSum = [Double](repeating: 0, count: 8)
    var holdModel = [Double](repeating: 0, count: 8)
    var holdCount = [Int](repeating: 0, count: 8)
    var firstDays = [Int32]()
    var repeatDays = [Int32]()  // every repeat purchase day before as-of of the cohort
    var maxAge = 0.0
    var histories = [PurchaseHistory]()
    let holdoutUnits = Double(plan.asOf - plan.cutoff) / daysPerUnit
    let columns = BTYDHistories.Columns(dataset.features)
    for (r, k) in builder.directory.rows(of: dataset.features.rowIDs).enumerated() {
      let l = k < 0 ? -1 : builder.directory.ledgerRow[k]
      guard l >= 0, let (h, _) = columns.history(r, daysPerUnit: daysPerUnit) else {
        continue
      }
      maxAge = max(maxAge, h.age)
      let bucket = min(Int(h.frequency), 7)
      freqActual[bucket] += 1
      histories.append(h)
      // Holdout purchase days of this customer.
      var first: Int32? = nil
      var holdout = 0.0
      for i in ledger.start[l]..<ledger.end(of: l, before: plan.asOf) where ledger.isPurchase(i) {
        let d = ledger.day[i]
        if first == nil {
          first = d
        } else {
          repeatDays.append(d)
        }
        if d >= plan.cutoff { holdout += 1 }
      }
      if let first { firstDays.append(first) }
      holdSum[bucket] += holdout
      holdCount[bucket] += 1
    }
    // The model's side, in the same customer order (so the same sums, bit for bit), each
    // value computed once: P(X = x) depends only on the age, E[X | history] only on (x, tₓ, T).
    let distinct = DistinctHistories(histories)
    let holdoutExpected = distinct.patterns.map {
      model.conditionalExpectedTransactions(in: holdoutUnits, given: $0)
    }
    var countsByAge = [Double: [Double]]()
    for (k, h) in histories.enumerated() {
      let p =
        countsByAge[h.age + 0]
        ?? {
          let p = (0..<7).map { model.probabilityOfTransactions($0, in: h.age) ?? 0 }
          countsByAge[h.age + 0] = p
          return p
        }()
      var below = 0.0
      for x in 0..<7 {
        freqExpected[x] += p[x]
        below += p[x]
      }
      freqExpected[7] += max(0, 1 - below)
      holdModel[min(Int(h.frequency), 7)] += holdoutExpected[Int(distinct.index[k])]
    }
    // Weekly tracking from the cohort's first purchase to the as-of date.
    let start = firstDays.min() ?? plan.cutoff
    let step = Self.trackingStepDays
    let weeks = Int((Double(plan.asOf - start) / step).rounded(.up))
    var actualWeekly = [Double](repeating: 0, count: weeks + 1)
    for d in repeatDays { actualWeekly[min(weeks, Int(Double(d - start) / step) + 1)] += 1 }
    var cumulative = [Double]()
    var running = 0.0
    for w in 0...weeks {
      running += actualWeekly[w]
      cumulative.append(running)
    }
    var expected = [Double]()
    // Group first days to evaluate E[X(t)] once per distinct start day.
    let byFirst = Dictionary(grouping: firstDays, by: { $0 }).mapValues(\.count)
    for w in 0...weeks {
      let t = Double(w) * step
      var e = 0.0
      for (f, n) in byFirst {
        let age = (t - Double(f - start)) / daysPerUnit
        if age > 0 { e += Double(n) * model.expectedTransactions(in: age) }
      }
      expected.append(e)
    }
    // P(alive) heat map at the largest calibration age.
    let freqs = Array(0...20)
    let recencies = (0...12).map { maxAge * Double($0) / 12 }
    let heat = freqs.map { x in
      recencies.map { tx in
        model.probabilityAlive(given: PurchaseHistory(frequency: Double(x), recency: x == 0 ? 0 : tx, age: maxAge))
      }
    }
    return BTYDDiagnostics(
      modelName: model.modelName, frequencyActual: freqActual, frequencyExpected: freqExpected,
      holdoutActual: zip(holdSum, holdCount).map { $1 > 0 ? $0 / Double($1) : .nan },
      holdoutExpected: zip(holdModel, holdCount).map { $1 > 0 ? $0 / Double($1) : .nan }, holdoutCustomers: holdCount,
      trackingWeeks: (0...weeks).map(Double.init), trackingActual: cumulative, trackingExpected: expected,
      calibrationEndWeek: Double(plan.cutoff - start) / step, heatFrequencies: freqs, heatRecencies: recencies,
      heatValues: heat, heatAge: maxAge)
  }
}
