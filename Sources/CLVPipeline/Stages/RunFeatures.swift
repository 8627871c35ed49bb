import CLVData
import CLVFeatures
import Foundation
import Logging

/// Where a run's features come from: the logs (ingested by this run) or the feature rows
/// `clv features` wrote (`--features`). Either way the backtest is built by
/// ``BacktestDataset/init(rows:plan:splitter:)`` from ``FeatureRows``, so both give the
/// same predictions.
struct RunFeatures: Sendable {
  /// The loaded logs; nil from feature rows.
  var inputs: LoadedInputs?
  /// The logs' feature builder (for the BTYD diagnostics and the monthly backtest, which
  /// need every purchase day); nil from feature rows.
  var builder: FeatureBuilder?
  var timeline: Timeline
  /// Backtest rows: at the cutoff every customer, at the earlier origins (from the logs)
  /// the training customers; empty when no backtest is possible, and once the dataset holds
  /// them (``releaseBacktestRows()``).
  private(set) var backtestOrigins: [OriginRows]
  /// The features at the as-of date read from feature rows; nil from the logs, where
  /// ``forwardFeatures()`` builds them after the backtest, so that the cutoff's table and
  /// the as-of date's (each of every customer) are never held at once.
  private var loadedForward: FeatureTable?
  /// Train customers at each earlier origin before the training sample was drawn (from the
  /// logs, where only the sample's features are built); from feature rows, what
  /// `--training-rows-available` says (the Spark driver draws the sample before the fit).
  var trainAvailable: [Int32: Int] = [:]

  /// Features from the loaded logs.
  init(inputs: LoadedInputs, files: ResolvedInputs, options: RunSettings, splitter: SplitAssigner) throws {
    let timeline = try Timeline(
      asOf: options.inputs.asOf, horizon: options.horizon, rollingOrigins: options.rollingOrigins,
      log: inputs.transactions, path: files.transactions.path)
    let builder = FeatureBuilder(
      ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes, behaviour: inputs.behaviourLedger
    )
    // The training sample is drawn before the features are built: the customers the cap
    // leaves out are never computed nor held (the dataset then finds the same rows).
    let (origins, available) = builder.backtestRows(
      plan: timeline.plan, splitter: splitter, trainingRowsPerOrigin: options.trainingRowsPerOrigin)
    // The ledger holds every transaction from here on: the row log is not kept twice.
    var inputs = inputs
    inputs.releaseRows()
    self.inputs = inputs
    self.builder = builder
    self.timeline = timeline
    self.backtestOrigins = origins
    self.trainAvailable = available
    self.loadedForward = nil
  }

  /// Features from feature rows (`path`: a file, a folder of files, or `-`), with the
  /// backtest restricted to a seeded sample of `--sample-customers` customers.
  init(featureRows path: String, options: RunSettings, logger: Logger) throws {
    let rows = try FeatureRowsInput.load(path: path)
    if rows.horizon != options.horizon {
      logger.warning(
        "the feature rows were made for a horizon of \(rows.horizon); it is used instead of \(options.horizon)")
    }
    let plan = BacktestPlan(
      asOf: rows.asOf, horizon: rows.horizon, firstDay: rows.firstDay ?? rows.asOf,
      rollingOrigins: options.rollingOrigins)
    let missing = rows.missingOrigins(of: plan)
    if !missing.isEmpty {
      throw PipelineError.invalidOption(
        name: "features", value: path,
        expected:
          "feature rows at every origin of the backtest (missing \(missing.map(Timeline.iso).joined(separator: ", "))); "
          + "make them with the same --rolling-origins setting")
    }
    self.inputs = nil
    self.builder = nil
    self.timeline = Timeline(asOf: rows.asOf, horizon: rows.horizon, plan: plan)
    self.backtestOrigins = (options.sampleCustomers.map { rows.sampled(customers: $0, seed: options.seed) } ?? rows).origins
    self.loadedForward = rows.forward
    self.trainAvailable = try options.trainingRowsAvailable.map(SettingParsers.originCounts) ?? [:]
    if let n = options.sampleCustomers {
      logger.info(
        "  backtest on a sample of \(min(n, rows.origins.first?.table.rowCount ?? 0)) customers (seed \(options.seed))")
    }
  }

  /// The backtest dataset. Precondition: the plan is feasible.
  func dataset(splitter: SplitAssigner, trainingRowsPerOrigin: Int?) -> BacktestDataset {
    BacktestDataset(
      origins: backtestOrigins, plan: timeline.plan, splitter: splitter,
      trainingRowsPerOrigin: trainingRowsPerOrigin, trainAvailable: trainAvailable)
  }

  /// Forgets the origin rows (the dataset built from them holds what it needs).
  mutating func releaseBacktestRows() { backtestOrigins = [] }

  /// The features at the as-of date of every customer known before it: read from feature
  /// rows, or built from the logs now.
  func forwardFeatures() -> FeatureTable {
    if let loadedForward { return loadedForward }
    guard let builder else { preconditionFailure("features come from feature rows or from the logs") }
    return builder.forwardRows(asOf: timeline.asOf)
  }

  /// Customers known at the as-of date with a transaction: from the logs, those with a
  /// ledger row (as `clv report` always counted); from feature rows, those with a purchase
  /// day before the as-of date (`recency_days` is defined; the same unless a customer's
  /// first transaction is on or after it).
  var customersWithPurchase: Int {
    if let builder {
      return builder.knownCustomers(before: timeline.asOf).filter { builder.directory.ledgerRow[$0] >= 0 }.count
    }
    return loadedForward?.numeric(FeatureKey.recencyDays.rawValue).map { $0.values.filter { !$0.isNaN }.count } ?? 0
  }
}

extension FeatureRows {
  /// The rows with the backtest origins restricted to `customers` customers, chosen by a
  /// seeded hash of the id (the same customers whatever the order or partitioning of the
  /// rows); the forward rows are kept whole, so every customer is still scored.
  func sampled(customers n: Int, seed: UInt64) -> FeatureRows {
    let hash = SplitAssigner(seed: seed &+ 0x5341_4D50_4C45)  // "SAMPLE": apart from the split's hash
    let ids = Set(origins.flatMap(\.table.rowIDs))
    guard ids.count > n else { return self }
    let chosen = Set(ids.sorted { (hash.unitHash($0), $0) < (hash.unitHash($1), $1) }.prefix(n))
    var out = self
    out.origins = origins.map { o in
      let keep = o.table.rowIDs.indices.filter { chosen.contains(o.table.rowIDs[$0]) }
      return OriginRows(
        origin: o.origin, table: o.table.selectingRows(keep), labels: o.labels.map { l in keep.map { l[$0] } })
    }
    return out
  }
}

/// Reads `clv features` output: a file, every file of a folder (Spark's `part-*`; names
/// starting with `.` or `_` are skipped), or `-` for standard input.
enum FeatureRowsInput {
  static func load(path: String) throws -> FeatureRows {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      let parts = try data.withUnsafeBytes { raw in
        try FeatureRowsCSV.parts(bytes: raw.bindMemory(to: UInt8.self), file: "-")
      }
      return try FeatureRows.merging(parts, file: "-")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw IngestError.fileNotFound(path: path)
    }
    var files = [path]
    if isDirectory.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      files = names.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        .map { (path as NSString).appendingPathComponent($0) }
    }
    var parts = [FeatureRows]()
    for f in files {
      let mapped = try MappedFile(path: f)
      parts += try mapped.withBytes { try FeatureRowsCSV.parts(bytes: $0, file: f) }
    }
    return try FeatureRows.merging(parts, file: path)
  }
}
