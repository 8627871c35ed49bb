/// Everything a `clv report` run is told: inputs, column mapping, dates, model
/// and output choices. Flags and the config file both fill this one value; it is
/// recorded in `metrics.json` (run section) so a run can be reproduced.
public struct RunOptions: Sendable, Codable, Equatable {
  /// Transaction log CSV (required; defaults to the bundled sample data).
  public var transactions: String = "sample-data/transactions.csv"
  /// Customer profile CSV (optional; defaults to the bundled sample's).
  public var customers: String? = RunOptions.sampleCustomers
  /// Behaviour event CSV (optional; defaults to the bundled sample's).
  public var events: String? = RunOptions.sampleEvents

  /// The bundled sample's profile table, used when no transaction log is named.
  public static let sampleCustomers = "sample-data/customers.csv"
  /// The bundled sample's event log, used when no transaction log is named.
  public static let sampleEvents = "sample-data/events.csv"

  /// Column holding the customer id (all three files).
  public var customerColumn: String = "customer_id"
  /// Column holding the order date in the transaction log.
  public var dateColumn: String = "order_date"
  /// Column holding the order amount.
  public var amountColumn: String = "amount"
  /// Column holding the order id (optional; used in diagnostics only).
  public var orderColumn: String? = "order_id"
  /// strftime-style date format; nil recognises ISO-8601 and `yyyyMMdd`.
  public var dateFormat: String?
  /// Column of the signup date in the profile table.
  public var signupColumn: String = "signup_date"
  /// Column of the event time in the event log.
  public var eventTimeColumn: String = "timestamp"
  /// Column of the event type in the event log.
  public var eventTypeColumn: String = "event_type"
  /// What the transaction rows mean: preset, line items, status, refunds, currency, id rules.
  public var orders = OrderOptions()

  /// The forecast date `yyyy-MM-dd` (exclusive); nil = the day after the last transaction.
  public var asOf: String?
  /// The forecast horizon, e.g. `365d`, `26w`, `12m`.
  public var horizon: String = "365d"
  /// Seed of every random choice (split, training, clustering, importance).
  public var seed: UInt64 = 42
  /// Train/validation/test fractions.
  public var split: String = "0.7/0.15/0.15"
  /// Whether label-using models also train on earlier origins.
  public var rollingOrigins: Bool = true

  /// Annual discount rate for discounted CLV (continuous compounding).
  public var discountRate: Double = 0.10
  /// Gross margin applied to spend to get value.
  public var margin: Double = 1.0
  /// Models to run (nil = all): baseline, bgnbd, mbgnbd, paretonbd, mlp-ziln, mlp-mse.
  public var models: [String]?
  /// Hidden layer widths of the neural models.
  public var mlpHidden: [Int] = [64, 32]
  /// Maximum training epochs of the neural models.
  public var mlpEpochs: Int = 60

  /// Force the number of segments (nil = chosen by silhouette).
  public var segments: Int?
  /// Repeats of permutation importance.
  public var importanceRepeats: Int = 5
  /// Quality gates, e.g. `norm_gini>=0.6`.
  public var gates: [String] = []
  /// A previous run's output folder to compare with.
  public var previous: String?

  /// Largest share of bad rows tolerated per file (`"1%"` or `"0.01"`).
  public var maxBadRows: String = "1%"
  /// Output folder.
  public var out: String = "reports/latest"
  /// Templates folder (nil = found automatically).
  public var templates: String?
  /// The config file the settings came from, if any (hashed into the run information).
  public var configFile: String?

  /// Creates the defaults.
  public init() {}
}

extension RunOptions {
  /// Checks the numeric settings that the models would otherwise reject with a
  /// precondition (a crash), so a bad flag is a message and exit status 64.
  /// - Throws: ``PipelineError/invalidOption(name:value:expected:)``.
  public func validate() throws {
    func check(_ ok: Bool, _ name: String, _ value: CustomStringConvertible, _ expected: String) throws {
      if !ok { throw PipelineError.invalidOption(name: name, value: "\(value)", expected: expected) }
    }
    try check(discountRate.isFinite && discountRate >= 0 && discountRate < 10, "discount-rate", discountRate, "an annual rate such as 0.10 (0 or more)")
    try check(margin.isFinite && margin > 0 && margin <= 10, "margin", margin, "a positive gross margin such as 0.3 or 1.0")
    try check(mlpEpochs >= 1 && mlpEpochs <= 10_000, "mlp-epochs", mlpEpochs, "a whole number of epochs from 1 to 10000")
    try check(!mlpHidden.isEmpty && mlpHidden.allSatisfy { $0 >= 1 && $0 <= 4096 }, "mlp-hidden", mlpHidden.map(String.init).joined(separator: ","), "layer widths from 1 to 4096, e.g. 64,32")
    try check(importanceRepeats >= 1 && importanceRepeats <= 1000, "importance-repeats", importanceRepeats, "a whole number from 1 to 1000")
    if let k = segments { try check(k >= 1 && k <= 50, "segments", k, "a number of segments from 1 to 50") }
  }
}
