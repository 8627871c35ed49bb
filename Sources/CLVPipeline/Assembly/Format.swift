import CLVEvaluation
import CLVReport

/// Number formatting shared by the report sections: fixed decimals, never
/// locale-dependent, "n/a" for undefined values.
enum Format {
  static func num(_ x: Double?, _ decimals: Int = 3) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return NumberFormatting.fixed(x, decimals: decimals)
  }
  static func money(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return NumberFormatting.money(x, decimals: 2)
  }
  static func whole(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return NumberFormatting.grouped(x, decimals: 0)
  }
  static func count(_ n: Int) -> String { NumberFormatting.grouped(Double(n), decimals: 0) }
  static func pct(_ x: Double?, _ decimals: Int = 1) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return NumberFormatting.percent(x, decimals: decimals)
  }
  static func compact(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return NumberFormatting.compact(x)
  }
  /// A change of a metric, with its sign (+0.012, −3.1%, +52.10).
  static func signedMetric(_ key: MetricKey, _ x: Double?) -> String {
    guard let x, x.isFinite else { return "n/a" }
    let body = metric(key, abs(x))
    return x > 0 ? "+" + body : (x < 0 ? "−" + body : body)
  }

  /// A metric in its natural form (ratios and errors as numbers, shares as %).
  static func metric(_ key: MetricKey, _ x: Double?) -> String {
    switch key {
    case .topDecileCapture, .decileMAPE: return pct(x)
    case .rmse, .mae: return money(x)
    case .mse: return compact(x)
    default: return num(x)
    }
  }
}

/// Short helpers to build report blocks.
enum Blocks {
  static func p(_ text: String) -> ReportBlock { .paragraph(.plain(text)) }
  static func note(_ text: String, title: String? = nil) -> ReportBlock {
    .callout(Callout(.note, title: title, .plain(text)))
  }
  static func warning(_ text: String, title: String? = nil) -> ReportBlock {
    .callout(Callout(.warning, title: title, .plain(text)))
  }
  static func kv(_ pairs: [(String, String)]) -> ReportBlock { .keyValues(pairs.map { KeyValue($0.0, .plain($0.1)) }) }
  static func table(
    _ caption: String?, _ columns: [TableColumn], _ rows: [[String]], emphasize: Int? = nil
  ) -> ReportTable {
    ReportTable(
      caption: caption, columns: columns,
      rows: rows.enumerated().map { TableRow($0.element.map { TableCell($0) }, emphasized: $0.offset == emphasize) })
  }
}
