import ArgumentParser
import CLVPipeline

/// `clv report`: the whole job, from the CSV files to the report folder.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Ingest, backtest, fit, segment, explain and write the report.",
    discussion: """
      Reads the transaction log (and optionally the customer profiles and behaviour events), \
      backtests every model on the last horizon before --as-of, picks a champion on the \
      validation split, predicts forward, and writes report.html, report.md, figures/, \
      predictions.csv, backtest.csv, metrics.json and model.json into --out atomically. \
      Exit status: 0 ok, 3 a quality gate failed (the report is written), 4 not assessed: \
      nothing could be judged (no customers, no backtest, an empty split, no spend to rank, \
      no gate evaluated; the report is written and says why), 64 bad usage (also an --out \
      folder that is not clv's own: --out writes only into a new or empty folder or one \
      clv wrote, marked by .clv-report; --force replaces a folder of other files unless it \
      holds an input), 65 bad input data, 66 an input file is missing or a --previous \
      metrics.json is unreadable, 70 an internal error, 73 the output cannot be written, \
      75 another run is writing the same --out.
      """
  )

  @OptionGroup var inputs: InputOptions

  @Option(help: "Forecast date yyyy-MM-dd (exclusive; default: the day after the last transaction).")
  var asOf: String?

  @Option(help: "Forecast horizon: 90d, 26w, 12m, 1y (default 365d).")
  var horizon: String?

  @Option(help: "Seed of every random choice (default 42).")
  var seed: UInt64?

  @Option(help: "Train/validation/test fractions (default 0.7/0.15/0.15).")
  var split: String?

  @Flag(inversion: .prefixedNo, help: "Also train the neural models on earlier cutoffs (rolling origins).")
  var rollingOrigins: Bool?

  @Option(help: "Annual discount rate for discounted CLV, continuous compounding (default 0.10).")
  var discountRate: Double?

  @Option(help: "Gross margin applied to spend (default 1.0).")
  var margin: Double?

  @Option(
    parsing: .upToNextOption,
    help: "Models to run (default all): baseline bgnbd mbgnbd paretonbd mlp-ziln mlp-mse.")
  var models: [String] = []

  @Option(help: "Hidden layer widths of the neural models, e.g. 64,32.")
  var mlpHidden: String?

  @Option(help: "Maximum training epochs of the neural models (default 60).")
  var mlpEpochs: Int?

  @Option(help: "Number of customer segments (default: chosen by silhouette over 2…10).")
  var segments: Int?

  @Option(help: "Repeats of permutation importance (default 5).")
  var importanceRepeats: Int?

  @Option(name: .customLong("gate"), help: "A quality gate such as 'norm_gini>=0.6' (repeatable).")
  var gates: [String] = []

  @Option(help: "A previous run's output folder to compare with and gate against.")
  var previous: String?

  @Option(help: "Output folder (default reports/latest): new, empty, or written by clv before.")
  var out: String?

  @Flag(help: "Replace --out even when it holds files clv did not write (never a folder holding an input).")
  var force = false

  @Option(help: "Folder of the report templates (default: found next to the tool).")
  var templates: String?

  @Option(help: "A TOML config file with the same settings (flags win).")
  var config: String?

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  func run() async throws {
    var options = RunOptions()
    if let config {
      options = try ConfigFile.load(path: config).applied(to: options)
      options.configFile = config
    }
    inputs.apply(to: &options)
    if let asOf { options.asOf = asOf }
    if let horizon { options.horizon = horizon }
    if let seed { options.seed = seed }
    if let split { options.split = split }
    if let rollingOrigins { options.rollingOrigins = rollingOrigins }
    if let discountRate { options.discountRate = discountRate }
    if let margin { options.margin = margin }
    if !models.isEmpty { options.models = models }
    if let mlpHidden {
      let widths = mlpHidden.split(separator: ",").compactMap { Int($0) }
      guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--mlp-hidden expects positive widths separated by commas, e.g. 64,32")
      }
      options.mlpHidden = widths
    }
    if let mlpEpochs { options.mlpEpochs = mlpEpochs }
    if let segments { options.segments = segments }
    if let importanceRepeats { options.importanceRepeats = importanceRepeats }
    if !gates.isEmpty { options.gates = gates }
    if let previous { options.previous = previous }
    if let out { options.out = out }
    if force { options.force = true }
    if let templates { options.templates = templates }
    let outcome = try await ReportPipeline(options: options, logger: .cli(quiet: quiet)).run()
    print(outcome.reportPath)
    if outcome.notAssessed != nil { throw ExitCode(ExitStatus.notAssessed) }
    if outcome.gatesFailed { throw ExitCode(ExitStatus.gateFailed) }
  }
}
