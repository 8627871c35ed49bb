import CLVData
import CLVFeatures
import Foundation

/// The CSV files a run writes. Numbers have fixed decimals (money 2, shares 4)
/// so files are byte-identical across runs; unknown values are empty cells;
/// text from input data is quoted as needed and guarded against spreadsheet
/// formula injection.
enum TableFiles {
  static func money(_ x: Double) -> CSVCell { .fixed(x, decimals: 2) }
  static func share(_ x: Double) -> CSVCell { .fixed(x, decimals: 4) }

  /// `x` with exactly `decimals` decimals (half away from zero), "" when not
  /// finite (``CSVWriter/fixed(_:decimals:)``, the cells' own form).
  static func fixed(_ x: Double, decimals: Int) -> String { CSVWriter.fixed(x, decimals: decimals) }

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
    let header =
      [
        "customer_id", "predicted_clv", "predicted_spend", "predicted_spend_p10", "predicted_spend_p90",
        "purchase_probability", "p_alive",
        "btyd_expected_spend", "churn_risk", "segment", "action", "reasons",
      ] + LifetimesSummary.columns
    let empty = CSVCell.raw("")
    // Rows are made side by side (``CSVWriter/rows(header:count:guardsFormulas:into:row:)``),
    // each from its own index only.
    try CSVWriter.rows(header: header, count: p.ids.count, into: write) { i, w in
      w.append(.text(p.ids[i]))
      w.append(money(p.predictedCLV[i]))
      w.append(money(p.predictedSpend[i]))
      w.append(p.spendLower.map { money($0[i]) } ?? empty)
      w.append(p.spendUpper.map { money($0[i]) } ?? empty)
      w.append(p.purchaseProbability.map { share($0[i]) } ?? empty)
      w.append(p.probabilityAlive.map { share($0[i]) } ?? empty)
      w.append(p.btydExpectedSpend.map { money($0[i]) } ?? empty)
      w.append(share(p.churnRisk[i]))
      w.append(.text(p.segment?[i] ?? ""))
      w.append(.text(p.action?[i] ?? ""))
      w.append(.text(p.reasons?[i] ?? ""))
      appendHistory(p.history, i, to: &w)
    }
  }

  /// Appends the lifetimes-convention summary cells of row `i` to the row `w` is writing.
  static func appendHistory(_ h: LifetimesSummary?, _ i: Int, to w: inout CSVWriter) {
    guard let h else {
      for _ in LifetimesSummary.columns { w.append(.raw("")) }
      return
    }
    func days(_ x: Double) -> CSVCell { x.isFinite ? .integer(Int(x)) : .raw("") }
    let r = h.row(i)
    w.append(days(r.frequency))
    w.append(days(r.recency))
    w.append(days(r.T))
    w.append(money(r.monetaryValue))
  }

  /// `backtest.csv`, in pieces handed to `write`: per backtest customer its split, actual label and every model's prediction.
  static func backtest(_ b: BacktestOutcome, into write: ([UInt8]) throws -> Void) rethrows {
    let d = b.dataset
    let spends = b.runs.map(\.output.spend)
    try CSVWriter.rows(header: ["customer_id", "split", "actual"] + b.runs.map(\.key), count: d.labels.count, into: write) {
      i, w in
      w.append(.text(d.features.rowIDs[i]))
      w.append(.raw(d.split[i].rawValue))
      w.append(money(d.labels[i]))
      for spend in spends { w.append(money(spend[i])) }
    }
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
