/// Settings or data that make the business meaning of the transaction rows undecidable:
/// the run stops with a message that names the file, the facts and the flag that fixes it.
package enum OrderRulesError: Error, Equatable, Sendable, CustomStringConvertible {
  /// More than one currency among the orders that count, with no rule for them.
  case mixedCurrencies(path: String, column: String, orders: [String: Int])
  /// `--currency X` names a currency no order has.
  case currencyAbsent(path: String, currency: String, present: [String])
  /// The rates file cannot be used.
  case badRatesFile(path: String, line: Int?, reason: String)
  /// A currency present in the orders has no rate in the rates file.
  case missingRate(path: String, ratesPath: String, currency: String, orders: Int)
  /// An unknown preset name.
  case unknownPreset(String, known: [String])
  /// No variant of a preset fits the file's header.
  case presetDoesNotFit(path: String, preset: String, missing: [String], header: [String])
  /// Contradictory settings, e.g. a price column without a quantity column.
  case conflictingSettings(String)

  package var description: String {
    switch self {
    case .mixedCurrencies(let path, let column, let orders):
      let list = orders.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        .map { "\($0.key) (\($0.value) orders)" }.joined(separator: ", ")
      let first = orders.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "USD"
      return "\(path): the orders are in \(orders.count) currencies in column '\(column)': \(list). "
        + "Amounts in different currencies cannot be added up. Keep one with --currency \(first) "
        + "(the others are counted as excluded), or convert them with --fx rates.csv "
        + "(a CSV 'currency,rate_to_\(first)' with one row per currency)."
    case .currencyAbsent(let path, let currency, let present):
      return "\(path): --currency \(currency) matches no order; the currencies present are "
        + present.joined(separator: ", ") + "."
    case .badRatesFile(let path, let line, let reason):
      return "rates file \(path)\(line.map { ", line \($0)" } ?? ""): \(reason). The file is a CSV with "
        + "the header 'currency,rate_to_XXX' (XXX the target currency) and one row per currency, e.g. 'EUR,1.08'."
    case .missingRate(let path, let ratesPath, let currency, let orders):
      return "\(path): \(orders) orders are in \(currency), which has no rate in \(ratesPath). "
        + "Add a row '\(currency),RATE' to the rates file, or keep one currency with --currency."
    case .unknownPreset(let name, let known):
      return "unknown preset '\(name)'; known presets: \(known.joined(separator: ", "))."
    case .presetDoesNotFit(let path, let preset, let missing, let header):
      return "\(path): the file does not look like a \(preset) export: no column "
        + missing.map { "'\($0)'" }.joined(separator: ", ") + ". Columns in the file: "
        + header.map { "'\($0)'" }.joined(separator: ", ")
        + ". Name the columns with their options (they override the preset), or drop --preset."
    case .conflictingSettings(let text):
      return text
    }
  }
}
