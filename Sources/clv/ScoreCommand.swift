import ArgumentParser
import CLVFeatures
import CLVPipeline

/// `clv score`: predictions for new data with a model saved by `clv report`.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score customers with a saved model.json (writes predictions.csv).",
    discussion:
      "For the same inputs and --as-of, the output is identical to the predictions.csv that 'clv report' wrote with the model."
  )

  @Option(help: "The model.json written by 'clv report'.")
  var model: String

  @OptionGroup var inputs: InputSettings

  @Option(
    help:
      "Feature rows written by 'clv features' to score instead of the logs: a file, a folder of them, or - for standard input (a Spark executor pipes a partition through 'clv score --features - -o -')."
  )
  var features: String?

  @Option(
    help:
      "A file of customer ids, one per line, whose reasons column to fill instead of the input's own watch-list (its 100 most valuable customers at risk): the Spark driver passes the customers the report explained, so each partition writes the report's reasons."
  )
  var explainCustomers: String?

  @Option(help: "Forecast horizon, e.g. 26w (default: the model's).", transform: Horizon.init(parsing:))
  var horizon: Horizon?

  @Option(name: .shortAndLong, help: "Output CSV, - for standard output.")
  var output: String = "predictions.csv"

  @Flag(help: "Replace -o even when it is not a file clv score wrote (never an input).")
  var force = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  func run() throws {
    var job = ScorePipeline(
      inputs: inputs, horizon: horizon, modelPath: model, outputPath: output, force: force, logger: .cli(quiet: quiet))
    job.features = features
    job.explainCustomers = explainCustomers
    _ = try job.run()
    if output != "-" { print(output) }
  }
}
