import CLVData
import CLVEvaluation
import CLVFeatures

/// Everything a run found, as the input of `metrics.json` and of the report.
/// Wall-clock timings are not here: they go to `run.json` and stderr only, so
/// these outputs are byte-identical for the same inputs and seed.
struct RunSummary: Sendable {
  var options: RunSettings
  /// The models the run could fit (their names, sections and model-card notes).
  var registry: CandidateRegistry
  var toolVersion: String
  var inputs: [IngestSummary]
  var timeline: Timeline
  /// Customers known at the as-of date, with a purchase, and profile-only.
  var customersKnown: Int
  var customersWithPurchase: Int
  var backtest: BacktestOutcome?
  /// The champion's intervals and their coverage on test (nil without a backtest).
  var intervals: IntervalOutcome? = nil
  /// Champions left out because their forward predictions were not usable, in order.
  var forwardFallbacks: [ForwardFallback] = []
  var diagnostics: BTYDDiagnostics?
  var forwardRefits: [String: FitDetails]
  var forwardFailures: [(String, String)]
  var championName: String
  var championKey: String
  var forward: ForwardPredictions
  var forwardTable: FeatureTable
  var segments: SegmentOutcome?
  var explanations: Explanations?
  var gates: GateOutcome
  /// Why nothing could be judged (``Assessment``), or nil when the gates' verdict stands.
  var notAssessed: String? = nil
  var previousDirectory: String?
  /// Git commit of the tool's checkout, when known.
  var gitCommit: String? = Provenance.gitCommit()
  /// The config file, when one was used, and its SHA-256.
  var configFile: String? = nil
  var configSHA256: String? = nil
  /// The analyst's notes (`--notes`), shown first in the report.
  var notes: AnalystNotes? = nil
  /// Expected spend by month and segment, and its backtest.
  var monthlyForecast: MonthlyForecastOutcome? = nil
  /// Why there are no segments, when there are none.
  var segmentsUnavailable: String? = nil
  /// How customer ids appear in the report (`--redact-ids`).
  var redaction: IDRedaction = .none
  /// Models of the default set the run left out, and why (from feature rows: those that
  /// read the logs).
  var leftOut: [(name: String, reason: String)] = []
}
