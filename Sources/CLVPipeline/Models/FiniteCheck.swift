import CLVData

/// The stage-boundary check that keeps NaN and infinity out of every output: a candidate
/// whose fitted parameters or predictions are not finite is reported as failed (and so
/// never becomes champion or companion) instead of reaching the report, the CSV files or
/// the JSON writers.
///
/// Spend and discounted value must be finite for every row. Probabilities may be NaN
/// (the documented "not applicable", e.g. P(alive) of a customer without a purchase)
/// but never infinite or outside [0, 1].
enum FiniteCheck {
  /// Why a fit cannot be used, or nil.
  static func problem(_ output: CandidateOutput, _ details: FitDetails, ids: [String]) -> String? {
    if let p = details.parameters.first(where: { !$0.value.isFinite }) {
      return "its fitted parameter \(p.name) is \(p.value), so it is left out"
    }
    let columns: [(String, [Double]?, Bool)] = [
      ("predicted spend", output.spend, false), ("discounted value", output.discountedValue, false),
      ("P(alive)", output.probabilityAlive, true), ("purchase probability", output.purchaseProbability, true),
    ]
    for (name, values, isProbability) in columns {
      guard let values else { continue }
      let bad = values.indices.filter { i in
        isProbability ? !(values[i].isNaN || (0...1).contains(values[i])) : !values[i].isFinite
      }
      if let first = bad.first {
        let who = first < ids.count ? " (first: customer \(MessageText.shortened(ids[first])))" : ""
        return "it predicted a non-finite or impossible \(name) (\(values[first])) for \(bad.count) of "
          + "\(values.count) customers\(who), so it is left out"
      }
    }
    return nil
  }

  /// Why fitted parameters cannot be used, or nil.
  static func problem(_ details: FitDetails) -> String? {
    problem(CandidateOutput(spend: []), details, ids: [])
  }
}
