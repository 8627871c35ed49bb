import CFloatKernels
import CLVData
import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// The Python peer's fixed work (`shared/bench/python_pipeline.py`), done with clv's own
/// code, stage by stage under the peer's stage names so the two can be compared line by line.
///
/// | stage | work |
/// |---|---|
/// | `read` | parse the CSV (ISO-8601 timestamps) into a transaction log; clv drops exact duplicate rows while reading (the peer does it in `clean`) and hashes the file (SHA-256, provenance) |
/// | `clean` | drop amounts ≤ 0 |
/// | `split` | calibration = days before the cutoff (the last day − 181: the peer's 182-day holdout) |
/// | `rfm` | the per-customer purchase ledger (clv's ``PurchaseLedger``) and the peer's 11 inputs: frequency, recency, T (days, lifetimes conventions), monetary value, total spend, mean order, max order (clv: the largest purchase *day*), first amount, orders, orders per day, days since last; holdout spend |
/// | `bgnbd_fit`, `gg_fit` | BG/NBD on (x, t_x, T) in weeks; Gamma-Gamma on repeaters with monetary value > 0 |
/// | `clv_predict` | P(alive), expected purchases in the holdout, × Gamma-Gamma expected spend |
/// | `kmeans_pca` | standardise (log1p f, recency, T, log1p m, log1p total); K-Means k = 5, 10 restarts; PCA, 2 components |
/// | `mlp_fit` | seeded 80/20 split; standardise (log1p of the skewed inputs); MLP (64, 64), ReLU, Adam 1e-3, batch 256, MSE on log1p(holdout spend), exactly 50 epochs |
/// | `perm_imp` | permutation importance on the test split, 5 repeats of each of the 11 inputs |
/// | `metrics` | the test metrics of BG/NBD + GG, the MLP (expm1, clipped at 0) and the naive rate |
/// | `write` | a predictions CSV of every calibration customer |
enum PeerWorkload {
  /// The peer's holdout length in days.
  static let holdoutDays: Int32 = 182
  /// The MLP's epochs (the peer: `max_iter=50`, no early stopping).
  static let epochs = 50
  /// The peer's 11 network inputs, and which get log1p before standardising.
  static let inputs = [
    "frequency", "recency", "T", "monetary_value", "total_spend", "mean_order", "max_order", "first_amount",
    "n_orders", "orders_per_day", "days_since_last",
  ]
  static let logged: Set<String> = [
    "frequency", "monetary_value", "total_spend", "mean_order", "max_order", "first_amount", "n_orders",
    "orders_per_day",
  ]

  /// One timed stage.
  struct Stage: Codable, Sendable {
    var name: String
    var wall: Double
    var cpu: Double
  }

  /// What a run measured and computed.
  struct Outcome: Codable, Sendable {
    var stages: [Stage] = []
    var rows = 0
    var customers = 0
    var trainingRows = 0
    var trainingFLOP = 0.0
    var metrics: [String: [String: Double]] = [:]
    var peakResidentBytes = 0
  }

  /// Runs every stage on the transactions CSV at `path`, writing the predictions to
  /// `predictionsPath`, with `threads` threads.
  static func run(path: String, predictionsPath: String, threads: Int, seed: UInt64) throws -> Outcome {
    var outcome = Outcome()
    func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let c0 = BenchClock.processCPUSeconds()
      let t0 = BenchClock.now()
      let value = try body()
      outcome.stages.append(Stage(name: name, wall: BenchClock.now() - t0, cpu: BenchClock.processCPUSeconds() - c0))
      return value
    }

    let loaded = try stage("read") {
      try TransactionLoader(settings: FileReadSettings(dateColumn: "timestamp")).load(path: path)
    }
    outcome.rows = loaded.summary.dataRows
    let log = stage("clean") { positive(loaded.log) }
    guard let last = log.dayRange?.upperBound else { throw BenchmarkError.noRows(path) }
    let cutoff = last - (holdoutDays - 1)
    let holdDays = Double(last - cutoff + 1)
    let calibration = stage("split") { log.day.indices.filter { log.day[$0] < cutoff }.count }
    guard calibration > 0 else { throw BenchmarkError.noCalibration(path, holdoutDays: Int(holdoutDays)) }

    let table = stage("rfm") { PeerFeatures(log: log, cutoff: cutoff) }
    outcome.customers = table.count
    // clv's convention (``BTYDCandidate``): weeks; a first purchase on the last day
    // (T = 0) carries no information, is left out of the fit and predicted with T = ½ day.
    let histories = table.indices.map {
      PurchaseHistory(
        frequency: table.frequency[$0], recency: min(table.recency[$0], max(table.age[$0], 0.5)) / 7,
        age: max(table.age[$0], 0.5) / 7)
    }
    let bgnbd = try stage("bgnbd_fit") {
      try BGNBD().fit(table.indices.filter { table.age[$0] > 0 }.map { histories[$0] })
    }
    let repeaters = table.indices.filter { table.frequency[$0] > 0 && table.monetary[$0] > 0 }
    let gg = try stage("gg_fit") {
      try GammaGamma().fit(
        frequency: repeaters.map { table.frequency[$0] }, meanSpend: repeaters.map { table.monetary[$0] })
    }
    let (alive, expected, btyd, naive) = stage("clv_predict") {
      () -> ([Double], [Double], [Double], [Double]) in
      var alive = [Double](), expected = [Double](), btyd = [Double](), naive = [Double]()
      let total = table.column("total_spend")
      for i in table.indices {
        let h = histories[i]
        alive.append(bgnbd.probabilityAlive(given: h))
        let n = bgnbd.conditionalExpectedTransactions(in: holdDays / 7, given: h)
        expected.append(n)
        let m =
          table.frequency[i] > 0 && table.monetary[i] > 0
          ? gg.conditionalExpectedAverageSpend(frequency: table.frequency[i], meanSpend: table.monetary[i])
          : gg.conditionalExpectedAverageSpend(frequency: 0, meanSpend: 0)
        btyd.append(n * m)
        naive.append(total[i] / max(table.age[i] + 1, 1) * holdDays)
      }
      return (alive, expected, btyd, naive)
    }

    let (labels, pcs) = stage("kmeans_pca") { () -> ([Int], Matrix) in
      let total = table.column("total_spend")
      let z = Matrix(
        rows: table.count, columns: 5,
        values: table.indices.flatMap { i in
          [
            log1p(table.frequency[i]), table.recency[i], table.age[i], log1p(table.monetary[i]),
            log1p(total[i]),
          ]
        })
      let zs = standardised(z, statisticsRows: Array(0..<z.rows))
      var rng = SplitMix64(seed: seed)
      let model = KMeans(clusterCount: 5, initCount: 10).fit(zs, using: &rng)
      let pca = PCA().fit(zs)
      return (model.labels, pca.transform(zs, components: 2))
    }

    // The 80/20 split, standardised on the training rows.
    var order = Array(0..<table.count)
    var splitRNG = SplitMix64(seed: seed ^ 0x5EED)
    order.seededShuffle(using: &splitRNG)
    let testCount = Int((Double(table.count) * 0.2).rounded(.up))
    let test = Array(order.prefix(testCount)).sorted()
    let train = Array(order.dropFirst(testCount)).sorted()
    let columns = inputs.map { name in table.column(name).map { logged.contains(name) ? log1p(max(0, $0)) : $0 } }
    var raw = Matrix(rows: table.count, columns: inputs.count)
    for (j, column) in columns.enumerated() {
      for i in table.indices { raw.values[i * inputs.count + j] = column[i] }
    }
    let x = standardised(raw, statisticsRows: train)
    let ylog = table.target.map { log1p($0) }
    let regressor = MLPRegressor(
      hiddenLayers: [64, 64], loss: .mse, learningRate: 1e-3, batchSize: 256, maxEpochs: epochs, weightDecay: 0,
      dropout: 0, patience: epochs, threads: threads)
    let xTrain = x.selectingRows(train)
    let model = stage("mlp_fit") { () -> MLPModel in
      var rng = SplitMix64(seed: seed)
      return regressor.fit(
        x: xTrain, y: train.map { ylog[$0] }, validationX: Matrix(rows: 0, columns: inputs.count), validationY: [],
        using: &rng)
    }
    outcome.trainingRows = train.count
    outcome.trainingFLOP =
      MLPBenchmark.flopsPerSample(widths: [inputs.count, 64, 64, 1]) * Double(train.count) * Double(model.history.count)

    let xTest = x.selectingRows(test)
    let yTest = test.map { ylog[$0] }
    _ = stage("perm_imp") {
      var rng = SplitMix64(seed: seed ^ 0x1A2B)
      return PermutationImportance(repeats: 5).compute(
        features: xTest, actual: yTest, groups: inputs.indices.map { FeatureGroup(name: inputs[$0], columns: [$0]) },
        using: &rng
      ) { model.predict($0).value }
    }

    let mlpSpend = stage("metrics") { () -> [Double] in
      let spend = model.predict(x).value.map { max(0, expm1($0)) }
      let actual = test.map { table.target[$0] }
      for (name, predicted) in [("bgnbd_gg", btyd), ("mlp_log1p", spend), ("naive_rate", naive)] {
        let m = RegressionMetrics.evaluate(predicted: test.map { predicted[$0] }, actual: actual)
        outcome.metrics[name] = Dictionary(
          uniqueKeysWithValues: MetricKey.allCases.compactMap { key in m.value(of: key).map { (key.rawValue, $0) } })
      }
      return spend
    }

    try stage("write") {
      var isTest = [Bool](repeating: false, count: table.count)
      for i in test { isTest[i] = true }
      let header = [
        "customer_id", "frequency", "recency", "T", "monetary_value", "p_alive", "exp_txns", "pred_bgnbd_gg",
        "pred_mlp", "pred_naive", "target", "cluster", "pc1", "pc2", "split",
      ]
      // The two halves of the rows are formatted at once (each row's text depends on that
      // row only) and written one after the other. Cells go straight into bytes, in
      // ``CSVWriter``'s formats (the header through it): ids as untrusted text, numbers
      // shortest round-trip (empty when not finite), the peer's floats `%.6g`.
      var parts = [[UInt8]](repeating: [], count: 2)
      parts.withUnsafeMutableBufferPointer { parts in
        WorkPool.shared.forEach(2, maxThreads: threads) { part, _ in
          let half = (table.count + 1) / 2
          let rows = part == 0 ? 0..<half : half..<table.count
          var out = part == 0 ? CSVWriter(header: header).bytes : []
          out.reserveCapacity(out.count + rows.count * 160)
          for i in rows {
            out.append(contentsOf: CSVWriter.escaped(CSVWriter.defused(table.ids[i])).utf8)
            for x in [table.frequency[i], table.recency[i], table.age[i], table.monetary[i]] {
              out.append(44)
              Self.appendNumber(x, to: &out)
            }
            for x in [alive[i], expected[i], btyd[i], mlpSpend[i], naive[i]] {
              out.append(44)
              Self.appendSixDigits(x, to: &out)
            }
            out.append(44)
            Self.appendNumber(table.target[i], to: &out)
            out.append(44)
            out.append(contentsOf: String(labels[i]).utf8)
            for x in [pcs[i, 0], pcs[i, 1]] {
              out.append(44)
              Self.appendSixDigits(x, to: &out)
            }
            out.append(contentsOf: isTest[i] ? Array(",test\n".utf8) : Array(",train\n".utf8))
          }
          parts[part] = out
        }
      }
      var file = Data(capacity: parts[0].count + parts[1].count)
      for part in parts { file.append(contentsOf: part) }
      try file.write(to: URL(fileURLWithPath: predictionsPath))
    }
    outcome.peakResidentBytes = Stopwatch.peakResidentBytes()
    return outcome
  }

  /// `%.6g`, as the peer writes its floats: C's `snprintf` (``cfk_format_g6``) into a
  /// stack buffer. `String(format:)` cost ~3 µs a call and `vsnprintf` through
  /// `withVaList` ~0.4 µs (a boxed argument array and dynamic casts each time), which kept
  /// the write stage near the peer's.
  static func sixDigits(_ x: Double) -> String {
    var bytes = [UInt8]()
    appendSixDigits(x, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``sixDigits(_:)`` of `x` to `out`.
  static func appendSixDigits(_ x: Double, to out: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
      let n = Int(max(0, min(cfk_format_g6(x, buffer.baseAddress!, 32), 31)))
      out.append(contentsOf: UnsafeRawBufferPointer(buffer).prefix(n))
    }
  }

  /// Appends `x` as ``CSVCell/number(_:)`` writes it: Swift's shortest round-trip form,
  /// nothing when not finite.
  static func appendNumber(_ x: Double, to out: inout [UInt8]) {
    if x.isFinite { out.append(contentsOf: x.description.utf8) }
  }

  /// The log without its non-positive rows.
  static func positive(_ log: TransactionLog) -> TransactionLog {
    let keep = log.amount.indices.filter { log.amount[$0] > 0 }
    return TransactionLog(
      customerIDs: log.customerIDs, customer: keep.map { log.customer[$0] }, day: keep.map { log.day[$0] },
      amount: keep.map { log.amount[$0] })
  }

  /// Columns standardised with the mean and (population) standard deviation of
  /// `statisticsRows`, as scikit-learn's `StandardScaler` (a constant column stays 0).
  static func standardised(_ x: Matrix, statisticsRows: [Int]) -> Matrix {
    var out = x
    let n = Double(statisticsRows.count)
    for j in 0..<x.columns {
      var mean = 0.0
      for i in statisticsRows { mean += x[i, j] }
      mean /= n
      var variance = 0.0
      for i in statisticsRows { variance += (x[i, j] - mean) * (x[i, j] - mean) }
      let sd = (variance / n).squareRoot()
      let scale = sd > 0 ? 1 / sd : 1
      for i in 0..<x.rows { out.values[i * x.columns + j] = (x[i, j] - mean) * scale }
    }
    return out
  }
}

/// The peer's per-customer calibration features (lifetimes conventions, daily periods)
/// for every customer with a purchase before the cutoff, and their holdout spend.
struct PeerFeatures {
  var ids: [String] = []
  /// Repeat purchase days, t_x (days from first to last purchase day), T (days from the
  /// first purchase day to the last calibration day), mean repeat-day spend.
  var frequency: [Double] = [], recency: [Double] = [], age: [Double] = [], monetary: [Double] = []
  var target: [Double] = []
  private var others: [String: [Double]] = [:]

  var count: Int { ids.count }
  var indices: Range<Int> { 0..<count }

  /// The input column called `name`.
  func column(_ name: String) -> [Double] {
    switch name {
    case "frequency": return frequency
    case "recency": return recency
    case "T": return age
    case "monetary_value": return monetary
    default: return others[name]!
    }
  }

  init(log: TransactionLog, cutoff: Int32) {
    let ledger = PurchaseLedger(log)
    var total = [Double](), meanOrder = [Double](), maxOrder = [Double](), first = [Double]()
    var orders = [Double](), perDay = [Double](), sinceLast = [Double]()
    for c in 0..<ledger.customerCount {
      let s = ledger.start[c]
      let e = ledger.end(of: c, before: cutoff)
      guard e > s else { continue }
      var spend = 0.0, largest = 0.0, n = 0.0
      for i in s..<e {
        spend += ledger.gross[i]
        largest = max(largest, ledger.gross[i])
        n += Double(ledger.orders[i])
      }
      let days = Double(e - s)
      let x = days - 1
      let t = Double(cutoff - 1 - ledger.day[s])
      let tx = Double(ledger.day[e - 1] - ledger.day[s])
      ids.append(ledger.customerIDs[c])
      frequency.append(x)
      recency.append(tx)
      age.append(t)
      monetary.append(x > 0 ? (spend - ledger.gross[s]) / x : 0)
      total.append(spend)
      meanOrder.append(spend / n)
      maxOrder.append(largest)
      first.append(ledger.gross[s])
      orders.append(n)
      perDay.append(n / days)
      sinceLast.append(t - tx)
      target.append(ledger.netSpend(of: c, from: cutoff, to: .max))
    }
    others = [
      "total_spend": total, "mean_order": meanOrder, "max_order": maxOrder, "first_amount": first,
      "n_orders": orders, "orders_per_day": perDay, "days_since_last": sinceLast,
    ]
  }
}
