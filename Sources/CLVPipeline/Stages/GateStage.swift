import CLVEvaluation
import CLVFeatures
import CLVMath

/// Run comparison, drift and quality gates.
struct GateOutcome: Sendable {
  /// Pass/warn/fail of every gate, explicit and default.
  var report: GateReport
  /// Old/new/change of every metric of the champion, when a previous run is given.
  var comparison: [MetricComparison]
  /// Population stability index per feature against the previous run's data.
  var drift: [(feature: String, psi: PopulationStabilityIndex)]
  /// The previous run's champion name.
  var previousChampion: String?
}

enum GateStage {
  /// Parses `--gate` expressions.
  /// - Throws: ``PipelineError/invalidOption(name:value:expected:)`` naming the bad gate.
  static func parse(_ texts: [String]) throws -> [GateSpec] {
    try texts.map { text in
      do {
        return try GateSpec.parse(text)
      } catch {
        throw PipelineError.invalidGate(text, reason: "\(error)")
      }
    }
  }

  static func run(
    gates: [GateSpec], backtest: BacktestOutcome?, previous: PreviousRun?, forwardTable: FeatureTable
  ) -> GateOutcome {
    let champion = backtest?.champion
    var report: GateReport
    if let champion {
      report = GateEvaluator().evaluate(
        gates: gates, champion: champion.test, baseline: backtest?.baseline?.test, previous: previous?.champion?.test,
        baselineIsOnlyModel: backtest?.baselineIsOnlyModel ?? false)
      if previous != nil, previous?.champion?.test == nil {
        // A previous run without test metrics (it had no backtest) is not "no previous run".
        for i in report.results.indices
        where report.results[i].status == .skipped
          && report.results[i].expression.hasSuffix("previous run")
        {
          report.results[i].message =
            "The previous run has no champion test metrics (it had no backtest), so there is nothing to compare with."
        }
      }
    } else {
      report = GateReport(
        results: gates.map {
          GateResult(
            expression: $0.expression, metric: $0.metric, threshold: $0.threshold, actual: nil, previous: nil,
            status: .skipped, message: "no backtest: the history is too short to measure this metric")
        })
    }
    var comparison = [MetricComparison]()
    if let old = previous?.champion?.test, let new = champion?.test {
      comparison = MetricComparison.table(old: old, new: new)
    }
    var drift = [(String, PopulationStabilityIndex)]()
    if let reference = previous?.featureReference {
      for col in forwardTable.numeric {
        guard let q = reference[col.name]?.quantiles, !q.isEmpty,
          let psi = PopulationStabilityIndex.numeric(reference: q, current: col.values.filter(\.isFinite))
        else { continue }
        drift.append((col.name, psi))
      }
      for col in forwardTable.categorical {
        guard let shares = reference[col.name]?.shares, !shares.isEmpty else { continue }
        let ref = FeatureReferenceBuilder.expand(shares: shares)
        if let psi = PopulationStabilityIndex.categorical(reference: ref, current: col.values) {
          drift.append((col.name, psi))
        }
      }
    }
    return GateOutcome(report: report, comparison: comparison, drift: drift, previousChampion: previous?.champion?.name)
  }
}

/// The compact distribution summary a run stores for the next run's drift check.
enum FeatureReferenceBuilder {
  /// Equal-mass quantile points stored per numeric feature.
  static let quantileCount = 100
  /// Sentinel level for a missing categorical value.
  static let missingLevel = "(missing)"

  /// `{feature: {"quantiles": [...]}}` / `{feature: {"shares": {...}}}` of a table.
  static func reference(_ table: FeatureTable) -> JSONValue {
    var out = [String: JSONValue]()
    // One column per unit, side by side. Only the 2 × 100 order statistics the points
    // interpolate are found (``OrderStatistics``: the sorted column's values, bit for bit,
    // without sorting it).
    let numeric = table.numeric
    var quantiles = [[JSONValue]?](repeating: nil, count: numeric.count)
    quantiles.withUnsafeMutableBufferPointer { slots in
      WorkPool.shared.forEach(numeric.count) { c, _ in
        let v = numeric[c].values.filter(\.isFinite)
        guard !v.isEmpty else { return }
        let points = (0..<quantileCount).map { k -> (p: Double, lo: Int, hi: Int) in
          let p = (Double(k) + 0.5) / Double(quantileCount) * Double(v.count - 1)
          let lo = Int(p.rounded(.down))
          return (p, lo, min(lo + 1, v.count - 1))
        }
        let x = OrderStatistics.values(v, ranks: points.flatMap { [$0.lo, $0.hi] })
        slots[c] = points.indices.map { k -> JSONValue in
          let (p, lo, hi) = (points[k].p, x[2 * k], x[2 * k + 1])
          return .number(lo + (hi - lo) * (p - Double(points[k].lo)))
        }
      }
    }
    for (col, q) in zip(numeric, quantiles) {
      if let q { out[col.name] = ["quantiles": .array(q)] }
    }
    for col in table.categorical {
      let counts = Dictionary(grouping: col.values.map { $0 ?? missingLevel }, by: { $0 }).mapValues(\.count)
      let n = Double(col.values.count)
      out[col.name] = ["shares": .object(counts.mapValues { .number(Double($0) / n) })]
    }
    return .object(out)
  }

  /// 1,000 levels in proportion to `shares`, standing in for the previous data.
  static func expand(shares: [String: Double]) -> [String?] {
    var out = [String?]()
    for level in shares.keys.sorted() {
      let n = Int((shares[level]! * 1000).rounded())
      out += Array(repeating: level == missingLevel ? nil : level, count: n)
    }
    return out
  }
}
