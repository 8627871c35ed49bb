import CLVData
import CLVEvaluation
import CLVFeatures

/// Builds `metrics.json`: data summary, quarantine counts, per-model validation
/// and test metrics, parameters with their time unit, champion, segments,
/// importance, gates, comparison, drift, the feature reference for the next
/// run's drift check, and the run's settings and input hashes.
enum MetricsDocument {
  static func metrics(_ m: RegressionMetrics) -> JSONValue { JSONValue(encoding: m) }

  static func make(_ s: RunSummary) -> JSONValue {
    var root = [String: JSONValue]()
    root["tool"] = ["name": "clv", "version": .string(s.toolVersion)]
    root["data"] = .object(
      Dictionary(uniqueKeysWithValues: s.inputs.map { ($0.kind, JSONValue(encoding: $0.withoutSamples)) }))
    var quarantine = [String: JSONValue]()
    for i in s.inputs {
      quarantine[i.kind] = .object(i.quarantineCounts.mapValues { .number(Double($0)) })
    }
    root["quarantine"] = .object(quarantine)
    root["run"] = [
      "as_of": .string(Timeline.iso(s.timeline.asOf)),
      "horizon": .string(s.timeline.horizon.description),
      "horizon_days": .number(Double(s.timeline.forwardDays)),
      "seed": .number(Double(s.options.seed)),
      "options": s.options.recorded,
      "config": s.configFile.map { .string($0) } ?? .null,
      "customers_known": .number(Double(s.customersKnown)),
      "customers_with_purchase": .number(Double(s.customersWithPurchase)),
      "git_commit": s.gitCommit.map { .string($0) } ?? .null,
      "config_sha256": s.configSHA256.map { .string($0) } ?? .null,
    ]
    var backtest: [String: JSONValue] = [
      "feasible": .bool(s.timeline.plan.isFeasible),
      "cutoff": .string(Timeline.iso(s.timeline.plan.cutoff)),
      "origins": .array(s.timeline.plan.origins.map { .string(Timeline.iso($0)) }),
    ]
    if let reason = s.timeline.plan.infeasibleReason { backtest["reason"] = .string(reason) }
    if let b = s.backtest {
      backtest["customers"] = .object(
        Dictionary(
          uniqueKeysWithValues: DataSplit.allCases.map {
            ($0.rawValue, JSONValue.number(Double(b.dataset.indices(of: $0).count)))
          }))
      backtest["training_rows"] = .number(Double(b.dataset.trainingLabels.count))
      backtest["training_rows_available"] = .number(Double(b.dataset.trainingAvailable.reduce(0, +)))
      backtest["training_rows_per_model"] = .number(Double(s.options.trainingRowsPerModel))
      var models = [String: JSONValue]()
      for r in b.runs {
        models[r.key] = model(r.name, r.details, validation: r.validation, test: r.test)
      }
      backtest["models"] = .object(models)
      backtest["failed_models"] = .array(b.failures.map { ["name": .string($0.name), "reason": .string($0.reason)] })
      if let sel = b.selection { backtest["selection"] = JSONValue(encoding: sel) }
    }
    root["backtest"] = .object(backtest)
    root["forward_fits"] = .object(s.forwardRefits.mapValues { model(nil, $0, validation: nil, test: nil) })
    var champion: [String: JSONValue] = ["name": .string(s.championName), "key": .string(s.championKey)]
    if let c = s.backtest?.champion {
      champion["test"] = metrics(c.test); champion["validation"] = metrics(c.validation)
    }
    if !s.forwardFallbacks.isEmpty {
      champion["forward_fallbacks"] = .array(
        s.forwardFallbacks.map { ["model": .string($0.model), "reason": .string($0.reason)] })
    }
    root["champion"] = .object(champion)
    if let i = s.intervals { root["intervals"] = IntervalBlocks.json(i) }
    root["forward"] = [
      "customers": .number(Double(s.forward.ids.count)),
      "total_predicted_clv": .finite(s.forward.predictedCLV.reduce(0, +)),
      "total_predicted_spend": .finite(s.forward.predictedSpend.reduce(0, +)),
    ]
    if let seg = s.segments { root["segments"] = seg.json }
    if let f = s.monthlyForecast { root["monthly_forecast"] = f.json }
    if let e = s.explanations { root["importance"] = JSONValue(encoding: e.importance) }
    root["gates"] = [
      "verdict": .string(s.notAssessed == nil ? s.gates.report.verdict.rawValue : "not_assessed"),
      "not_assessed_reason": s.notAssessed.map { .string($0) } ?? .null,
      "results": JSONValue(encoding: s.gates.report.results),
    ]
    if !s.gates.comparison.isEmpty { root["comparison"] = JSONValue(encoding: s.gates.comparison) }
    if !s.gates.drift.isEmpty {
      root["drift"] = .object(
        Dictionary(
          uniqueKeysWithValues: s.gates.drift.map {
            ($0.feature, ["psi": JSONValue.finite($0.psi.value), "band": .string($0.psi.band.rawValue)])
          }))
    }
    root["safety"] = SafetyNet(s).json
    root["currency"] = s.inputs.first?.currency.map { .string($0) } ?? .null
    root["feature_reference"] = FeatureReferenceBuilder.reference(s.forwardTable)
    return .object(root)
  }

  static func model(
    _ name: String?, _ d: FitDetails, validation: RegressionMetrics?, test: RegressionMetrics?
  ) -> JSONValue {
    var o = [String: JSONValue]()
    if let name { o["name"] = .string(name) }
    if let validation { o["validation"] = metrics(validation) }
    if let test { o["test"] = metrics(test) }
    if !d.parameters.isEmpty {
      o["parameters"] = .object(
        Dictionary(
          d.parameters.map { p -> (String, JSONValue) in
            (p.name, ["value": JSONValue.finite(p.value), "unit": .string(p.unit)])
          }, uniquingKeysWith: { a, _ in a }))
    }
    if let unit = d.timeUnit { o["time_unit"] = .string(unit) }
    if let ll = d.logLikelihood { o["log_likelihood"] = .finite(ll) }
    if let c = d.converged { o["converged"] = .bool(c) }
    if let i = d.iterations { o["iterations"] = .number(Double(i)) }
    if let b = d.bestEpoch { o["best_epoch"] = .number(Double(b)) }
    if let w = d.weightCount { o["weights"] = .number(Double(w)) }
    if let n = d.trainingRows { o["training_rows"] = .number(Double(n)) }
    if !d.warnings.isEmpty { o["warnings"] = .array(d.warnings.map { .string($0) }) }
    if !d.hyperparameters.isEmpty {
      o["settings"] = .object(
        Dictionary(d.hyperparameters.map { ($0.0, JSONValue.string($0.1)) }, uniquingKeysWith: { a, _ in a }))
    }
    return .object(o)
  }
}

extension IngestSummary {
  /// The summary without the verbatim quarantined rows (those go to quarantine.csv).
  var withoutSamples: IngestSummary {
    var s = self
    s.quarantineSamples = []
    return s
  }
}
