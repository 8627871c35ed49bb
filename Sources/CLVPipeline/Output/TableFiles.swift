import CLVData
import CLVFeatures
import Foundation

/// The CSV files a run writes. Numbers have fixed decimals (money 2, shares 4)
/// so files are byte-identical across runs; unknown values are empty cells;
/// text from input data is quoted as needed and guarded against spreadsheet
/// formula injection.
enum TableFiles {
  static func money(_ x: Double) -> CSVCell { .raw(fixed(x, decimals: 2)) }
  static func share(_ x: Double) -> CSVCell { .raw(fixed(x, decimals: 4)) }

  /// `x` with exactly `decimals` decimals (half away from zero), "" when not
  /// finite. Integer arithmetic instead of `String(format:)`, which costs
  /// microseconds per call on Linux: predictions.csv has millions of numbers.
  static func fixed(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return "" }
    let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][decimals]
    let scaled = (abs(x) * scale).rounded()
    guard scaled < 9e15 else { return String(format: "%.\(decimals)f", x) }
    let n = Int64(scaled)
    let unit = Int64(scale)
    var fraction = String(n % unit)
    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    return (x < 0 && n != 0 ? "-" : "") + String(n / unit) + (decimals > 0 ? "." + fraction : "")
  }

  /// How every `predictions.csv` starts, whatever columns follow: `clv score` replaces an
  /// existing file only when it starts so (see ``OutputFileClaim``).
  static let predictionsSignature = "customer_id,predicted_clv,predicted_spend,"

  /// `predictions.csv`: one row per customer, forward from the as-of date, then the
  /// customer's history in the lifetimes convention (``LifetimesSummary``; days).
  static func predictions(_ p: ForwardPredictions) -> [UInt8] {
    var out = [UInt8]()
    predictions(p) { out += $0 }
    return out
  }

  /// `predictions.csv` in pieces of about ``CSVWriter/flushSize`` bytes, each handed to `write`.
  static func predictions(_ p: ForwardPredictions, into write: ([UInt8]) throws -> Void) rethrows {
    var w = CSVWriter(
      header: [
        "customer_id", "predicted_clv", "predicted_spend", "predicted_spend_p10", "predicted_spend_p90",
        "purchase_probability", "p_alive",
        "btyd_expected_spend", "churn_risk", "segment", "action", "reasons",
      ] + LifetimesSummary.columns)
    for i in p.ids.indices {
      w.appendRow(
        [
          .text(p.ids[i]), money(p.predictedCLV[i]), money(p.predictedSpend[i]),
          p.spendLower.map { money($0[i]) } ?? .raw(""), p.spendUpper.map { money($0[i]) } ?? .raw(""),
          p.purchaseProbability.map { share($0[i]) } ?? .raw(""),
          p.probabilityAlive.map { share($0[i]) } ?? .raw(""),
          p.btydExpectedSpend.map { money($0[i]) } ?? .raw(""),
          share(p.churnRisk[i]),
          .text(p.segment?[i] ?? ""), .text(p.action?[i] ?? ""), .text(p.reasons?[i] ?? ""),
        ] + history(p.history, i))
      try w.flush(into: write, every: CSVWriter.flushSize)
    }
    try w.flush(into: write)
  }

  /// The lifetimes-convention summary cells of row `i` (empty without a purchase).
  static func history(_ h: LifetimesSummary?, _ i: Int) -> [CSVCell] {
    guard let h else { return Array(repeating: .raw(""), count: LifetimesSummary.columns.count) }
    func days(_ x: Double) -> CSVCell { x.isFinite ? .integer(Int(x)) : .raw("") }
    let r = h.row(i)
    return [days(r.frequency), days(r.recency), days(r.T), money(r.monetaryValue)]
  }

  /// `backtest.csv`, in pieces handed to `write`: per backtest customer its split, actual label and every model's prediction.
  static func backtest(_ b: BacktestOutcome, into write: ([UInt8]) throws -> Void) rethrows {
    var w = CSVWriter(header: ["customer_id", "split", "actual"] + b.runs.map(\.key))
    let d = b.dataset
    for i in d.labels.indices {
      w.appendRow(
        [.text(d.features.rowIDs[i]), .raw(d.split[i].rawValue), money(d.labels[i])]
          + b.runs.map { money($0.output.spend[i]) })
      try w.flush(into: write, every: CSVWriter.flushSize)
    }
    try w.flush(into: write)
  }

  /// `quarantine.csv`: every quarantined row with file, line, reason and excerpt.
  static func quarantine(_ summaries: [IngestSummary]) -> String {
    var w = CSVWriter(header: ["file", "line", "reason", "detail", "excerpt"])
    for s in summaries {
      for q in s.quarantineSamples {
        w.appendRow([.text(s.fileName), .integer(q.line), .raw(q.reason.rawValue), .text(q.detail), .text(q.excerpt)])
      }
    }
    return w.text
  }
}
