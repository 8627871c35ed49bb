import Foundation
import TOMLKit

/// The `--config clv.toml` file: the same settings as the flags, snake_case keys,
/// every key optional. Flags given on the command line win over the file.
///
/// ```toml
/// transactions = "data/orders.csv"
/// horizon = "26w"
/// gates = ["norm_gini>=0.6", "decile_mape<=0.25"]
/// [columns]
/// customer = "client"
/// date = "day"
/// date_format = "%d/%m/%Y"
/// ```
public struct ConfigFile: Sendable, Decodable, Equatable {
  /// Column mapping section `[columns]`.
  public struct Columns: Sendable, Decodable, Equatable {
    var customer: String?
    var date: String?
    var amount: String?
    var order: String?
    var dateFormat: String?
    var signup: String?
    var eventTime: String?
    var eventType: String?

    enum CodingKeys: String, CodingKey {
      case customer, date, amount, order, signup
      case dateFormat = "date_format"
      case eventTime = "event_time"
      case eventType = "event_type"
    }
  }

  var transactions: String?
  var customers: String?
  var events: String?
  var columns: Columns?
  var asOf: String?
  var horizon: String?
  var seed: Int?
  var split: String?
  var rollingOrigins: Bool?
  var discountRate: Double?
  var margin: Double?
  var models: [String]?
  var mlpHidden: [Int]?
  var mlpEpochs: Int?
  var segments: Int?
  var importanceRepeats: Int?
  var gates: [String]?
  var previous: String?
  var maxBadRows: String?
  var out: String?
  var templates: String?

  enum CodingKeys: String, CodingKey {
    case transactions, customers, events, columns, horizon, seed, split, margin, models, segments
    case gates, previous, out, templates
    case asOf = "as_of"
    case rollingOrigins = "rolling_origins"
    case discountRate = "discount_rate"
    case mlpHidden = "mlp_hidden"
    case mlpEpochs = "mlp_epochs"
    case importanceRepeats = "importance_repeats"
    case maxBadRows = "max_bad_rows"
  }

  /// Reads and decodes a TOML file.
  /// - Throws: ``PipelineError/configUnreadable(path:reason:)`` naming the file and the problem.
  public static func load(path: String) throws -> ConfigFile {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PipelineError.configUnreadable(path: path, reason: "cannot read the file (\(error.localizedDescription))")
    }
    do {
      return try TOMLDecoder().decode(ConfigFile.self, from: text)
    } catch {
      throw PipelineError.configUnreadable(path: path, reason: "\(error)")
    }
  }

  /// `options` with every setting this file makes applied on top.
  public func applied(to options: RunOptions) -> RunOptions {
    var o = options
    if let v = transactions { o.transactions = v }
    if let v = customers { o.customers = v }
    if let v = events { o.events = v }
    if let c = columns {
      if let v = c.customer { o.customerColumn = v }
      if let v = c.date { o.dateColumn = v }
      if let v = c.amount { o.amountColumn = v }
      if let v = c.order { o.orderColumn = v }
      if let v = c.dateFormat { o.dateFormat = v }
      if let v = c.signup { o.signupColumn = v }
      if let v = c.eventTime { o.eventTimeColumn = v }
      if let v = c.eventType { o.eventTypeColumn = v }
    }
    if let v = asOf { o.asOf = v }
    if let v = horizon { o.horizon = v }
    if let v = seed { o.seed = UInt64(clamping: v) }
    if let v = split { o.split = v }
    if let v = rollingOrigins { o.rollingOrigins = v }
    if let v = discountRate { o.discountRate = v }
    if let v = margin { o.margin = v }
    if let v = models { o.models = v }
    if let v = mlpHidden { o.mlpHidden = v }
    if let v = mlpEpochs { o.mlpEpochs = v }
    if let v = segments { o.segments = v }
    if let v = importanceRepeats { o.importanceRepeats = v }
    if let v = gates { o.gates = v }
    if let v = previous { o.previous = v }
    if let v = maxBadRows { o.maxBadRows = v }
    if let v = out { o.out = v }
    if let v = templates { o.templates = v }
    return o
  }
}
